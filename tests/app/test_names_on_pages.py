"""The user's column and class names on every page (issue 9): a network of the exam data with
inputs (age, score) and classes (fail, pass, retake) shows each name at its own index on
Forward, Backward, Train, Build, Home, Input gradient and the Output lab; hostile names are
shown literally; without names nothing is named.
"""

import base64
import json

import numpy as np
import pytest
from app_helpers import (
    BWD_VIEW,
    ENTRY,
    FWD_VIEW,
    TIMEOUT,
    charts,
    latex_text,
    no_errors,
    report_step,
    step_charts,
    step_html,
    steps_without_time_box,  # noqa: F401 (autouse: every step is built)
    stepview_args,
)
from streamlit.testing.v1 import AppTest

import core
from ui import state as ui_state

INPUTS = ("age", "score")
CLASSES = ("fail", "pass", "retake")
NAMES = ui_state.DataNames(INPUTS, CLASSES, CLASSES)
HOSTILE = ui_state.DataNames(("<b>x</b>", "*x*"), ("$x$", "\\frac", "{"), ("$x$", "\\frac", "{"))
TICKS = ["0: fail", "1: pass", "2: retake"]  # rows of a heatmap and the selectors' options
COLUMNS = ["0<br>fail", "1<br>pass", "2<br>retake"]  # columns: the name on a second line


def exam():
    """Two inputs and three one-hot classes, every class present."""
    rng = np.random.default_rng(2)
    X = rng.normal(size=(12, 2))
    Y = np.eye(3)[[0, 1, 2] * 4]
    net = core.Network.random([2, 4, 3], ["tanh", "softmax"], "cross_entropy", seed=3)
    return net, X, Y


def open_named(page: str, names=NAMES) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=TIMEOUT)
    net, X, Y = exam()
    at.session_state[ui_state.KEY] = ui_state.Shared(net, X, Y, "exam", version=1, names=names)
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    no_errors(at)
    return at


def values(array):
    """A plotly JSON array: a list, or numpy's bytes as plotly writes them (dtype, bdata)."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return np.asarray(array)


def titled(at, start: str, view: str | None = None, step=None) -> dict:
    """The one figure whose title starts with `start`: on the page, or with `view` in the
    in-browser stepper's `step` (default: its current step)."""
    shown = charts(at) if view is None else list(step_charts(at, view, step).values())
    (found,) = [c for c in shown if c["layout"].get("title", {}).get("text", "").startswith(start)]
    return found


def traces(chart, name=None):
    return [t for t in chart["data"] if name is None or t.get("name") == name]


def test_forward_input_step_ticks_and_diagram_name_the_inputs():
    at = open_named("forward")
    x = titled(at, "a⁽⁰⁾ = x", FWD_VIEW, 0)
    assert x["layout"]["xaxis"]["ticktext"] == ["x₀<br>age", "x₁<br>score"]
    diagram = titled(at, "a⁽ᵏ⁾ of example", FWD_VIEW, 0)
    (left,) = traces(diagram, "input names")
    assert left["text"] == ["x₀ age", "x₁ score"]
    (right,) = traces(diagram, "output names")
    assert right["text"] == ["a₀⁽²⁾ fail", "a₁⁽²⁾ pass", "a₂⁽²⁾ retake"]


def test_forward_last_step_names_outputs_targets_and_the_card():
    at = open_named("forward")
    report_step(at, FWD_VIEW, 2)
    no_errors(at)
    assert stepview_args(at, FWD_VIEW)["current"] == "2"
    layer = titled(at, "Step k = 2", FWD_VIEW)
    assert layer["layout"]["xaxis4"]["ticktext"] == COLUMNS  # a⁽²⁾ columns
    assert layer["layout"]["yaxis2"]["ticktext"] == TICKS  # θ⁽²⁾ rows
    summary = titled(at, "Output a⁽²⁾ vs target y", FWD_VIEW)
    names = [t["name"] for t in traces(summary) if "name" in t]
    for j, sub in enumerate("₀₁₂"):
        assert f"target y{sub} ({CLASSES[j]})" in names
        assert f"output a{sub}⁽²⁾ ({CLASSES[j]})" in names
    assert "Targets: y₀ (fail), y₁ (pass), y₂ (retake)</p>" in step_html(at, FWD_VIEW)


def test_backward_output_layer_ticks_the_classes_and_the_card_names_y():
    at = open_named("backward")
    assert at.session_state["bwd_step"] == 2  # Backward starts at k = L
    layer = titled(at, "Step k = 2", BWD_VIEW)
    assert layer["layout"]["xaxis"]["ticktext"] == COLUMNS  # δ⁽²⁾ columns
    assert layer["layout"]["yaxis2"]["ticktext"] == TICKS  # ∂E/∂θ⁽²⁾ rows
    assert at.selectbox(key="bwd_i").options == TICKS
    at.selectbox(key="bwd_i").set_value(1).run()
    no_errors(at)
    assert r"y_{0}\!:\ \text{fail},\quad y_{1}\!:\ \text{pass}" in latex_text(at)


def test_backward_first_layer_offers_the_inputs_by_name():
    at = open_named("backward")
    report_step(at, BWD_VIEW, "x")  # the last step is ∂E/∂x
    chart = titled(at, "∂E/∂x", BWD_VIEW)
    assert chart["layout"]["xaxis"]["ticktext"] == ["x₀<br>age", "x₁<br>score"]
    report_step(at, BWD_VIEW, 1)
    at.selectbox(key="bwd_kind").set_value("grad_w").run()
    no_errors(at)
    assert at.selectbox(key="bwd_j").options == ["0: age", "1: score"]
    assert at.selectbox(key="bwd_i").options == ["0", "1", "2", "3"]  # hidden: no names


def test_train_boundary_legend_names_each_class_at_its_points():
    at = open_named("train")
    chart = titled(at, "Decision boundary")
    _, X, Y = exam()
    for c, name in enumerate(CLASSES):
        (points,) = traces(chart, f"class {c}: {name}")
        np.testing.assert_allclose(values(points["x"]), X[Y.argmax(axis=1) == c, 0])
    assert chart["layout"]["xaxis"]["title"]["text"] == "x₀ age"
    assert chart["layout"]["yaxis"]["title"]["text"] == "x₁ score"


@pytest.mark.parametrize("page", ["build", "home"])
def test_diagram_names_inputs_and_outputs(page):
    at = open_named(page)
    diagram = titled(at, "Network 2-4-3")
    (left,) = traces(diagram, "input names")
    assert left["text"] == ["x₀ age", "x₁ score"]


def test_input_gradient_selectors_and_titles_name_the_classes():
    at = open_named("input_gradient")
    assert at.selectbox(key="ig_class").options == TICKS
    at.selectbox(key="ig_class").set_value(2).run()
    no_errors(at)
    field = titled(at, "∂E/∂x for target y")
    assert "(class 2: retake)" in field["layout"]["title"]["text"]
    assert at.selectbox(key="ig_neuron").options == TICKS
    at.selectbox(key="ig_neuron").set_value(1).run()
    ascent = titled(at, "Gradient ascent")
    assert ascent["layout"]["title"]["text"].endswith("a₁⁽ᴸ⁾ (pass)")


def test_output_lab_names_the_targets_of_the_networks_example():
    at = open_named("output_lab")
    assert r"y_{0}\!:\ \text{fail},\quad y_{1}\!:\ \text{pass},\quad y_{2}\!:\ \text{retake}" in (
        latex_text(at)
    )


def test_hostile_names_are_escaped_on_the_pages():
    at = open_named("forward", HOSTILE)
    report_step(at, FWD_VIEW, 2)
    no_errors(at)
    for k in (0, 1, 2):  # every step's figures and text, as the browser gets them
        spec = json.dumps(step_charts(at, FWD_VIEW, k), ensure_ascii=False)
        assert "<b>x</b>" not in spec and "&lt;b&gt;x&lt;/b&gt;" in spec, k
        assert "<i>x</i>" not in step_html(at, FWD_VIEW, k), k
    # the card's markdown escapes the names; the browser gets them back as literal text
    assert r"Targets: y₀ ($x$), y₁ (\frac), y₂ ({)</p>" in step_html(at, FWD_VIEW)
    assert '<span class="math">x</span>' not in step_html(at, FWD_VIEW)
    at = open_named("backward", HOSTILE)
    at.selectbox(key="bwd_i").set_value(0).run()
    no_errors(at)
    assert r"y_{0}\!:\ \text{\$x\$}" in latex_text(at)


def test_without_names_nothing_is_named():
    at = open_named("forward", None)
    assert titled(at, "a⁽⁰⁾ = x", FWD_VIEW, 0)["layout"]["xaxis"].get("ticktext") is None
    assert not traces(titled(at, "a⁽ᵏ⁾ of example", FWD_VIEW, 0), "input names")
    at = open_named("input_gradient", None)
    assert at.selectbox(key="ig_class").options == ["0", "1", "2"]
    at = open_named("train", None)
    names = {t.get("name") for t in titled(at, "Decision boundary")["data"]}
    assert {"class 0", "class 1", "class 2"} <= names

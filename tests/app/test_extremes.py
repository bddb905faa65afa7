"""Widgets at their extremes: every page shows neither an exception nor an error box where the
input is valid, and where it is not, the box says what is wrong."""

import json

import numpy as np
import pytest
from app_helpers import (
    BWD_VIEW,
    FWD_VIEW,
    data,
    metric_number,
    network,
    no_errors,
    number,
    open_page,
    report_step,
    step_html,
    steps_without_time_box,  # noqa: F401 (autouse: every step is built)
    stepview_args,
    vkey,
)

import core
import figures

PAGES = ["forward", "backward", "gradient_check", "output_lab", "train", "input_gradient"]
XOR = core.preset("xor")

# (page, key prefix) → words the error box must contain: the inputs that are invalid or whose
# right answer is a red box. Anything else must show no error box at all.
EXPECTED_ERRORS = {
    # the last output activation (softmax) does not suit the XOR loss (binary cross-entropy),
    # and the last loss (cross-entropy) needs a softmax output: each box names softmax
    ("build", "g_out_"): "softmax",
    ("build", "loss_"): "softmax",
    # a coarse ε or a tiny tolerance is a legitimate FAIL verdict, with both numbers shown
    ("gradient_check", "gc_"): "backprop says",
}


def _errors(at) -> list[str]:
    assert not at.exception, [e.value for e in at.exception]
    return [e.value for e in at.error]


# Option values the pages offer behind formatted labels (AppTest sets values, not labels).
OPTION_VALUES = [
    *core.PRESETS,
    *core.LOSSES,
    *core.ACTIVATIONS,
    *core.INITS,
    *core.DATASETS,
    *core.OPTIMIZERS,
    *figures.FORMATS,
    *core.valid_pairs(),
    "delta",
    "grad_w",
    "grad_b",
    "x",  # the Backward stepper's last step, ∂E/∂x
    *range(64),
]


def _extreme_values(widget) -> list:
    """The values to try: a number's max and min, the value behind a choice's last option."""
    if widget.type in ("number_input", "slider"):
        return [v for v in (widget.max, widget.min) if v is not None]
    # a slider's first end, then its last (a stepper ends on its last step and its widgets);
    # a choice's last option
    ends = [widget.options[0], widget.options[-1]] if widget.type == "select_slider" else []
    return [_value_shown_as(widget, label) for label in ends or widget.options[-1:]]


def _value_shown_as(widget, label: str):
    plain = label.replace("−", "-")
    candidates = [label, *(float(plain) for _ in (0,) if _parses(float, plain))]
    shown = [v for v in [*candidates, *OPTION_VALUES] if _shown_as(widget, v) == label]
    assert shown, (widget.key, label, widget.options)
    return shown[0]


def _shown_as(widget, value) -> str | None:
    try:
        return str(widget.format_func(value))
    except (TypeError, KeyError, ValueError, AttributeError):
        return None


def _parses(cast, text) -> bool:
    try:
        cast(text)
    except ValueError:
        return False
    return True


def _widgets(at):
    for kind in ("selectbox", "radio", "select_slider", "number_input", "slider"):
        for widget in at.get(kind):
            if widget.key and not widget.disabled:
                yield kind, widget.key


def _find(at, kind: str, key: str):
    """The widget of this kind and key on the page now, or None."""
    return next((w for w in at.get(kind) if w.key == key), None)


def _expected_error(page: str, key: str) -> str | None:
    return next(
        (w for (p, pre), w in EXPECTED_ERRORS.items() if p == page and key.startswith(pre)), None
    )


def _sweep(at, page: str, done: set | None = None) -> int:
    """Set every keyed widget of the page to its extremes, one after another. A widget goes
    back to its first value afterwards, unless its change revealed new widgets: those are swept
    at once, while they are shown. Returns how many values were tried."""
    done = set() if done is None else done
    tried = 0
    for kind, key in [(kind, key) for kind, key in _widgets(at) if key not in done]:
        done.add(key)
        widget = _find(at, kind, key)
        if widget is None:
            continue  # an earlier change removed it
        original, keys_before = widget.value, {k for _, k in _widgets(at)}
        for value in _extreme_values(widget):
            _find(at, kind, key).set_value(value).run()
            tried += 1
            errors = _errors(at)
            expected = _expected_error(page, key)
            if expected is not None:
                assert all(expected in e for e in errors), (page, key, value, errors)
            else:
                assert not errors, (page, key, value, errors)
        if {k for _, k in _widgets(at)} - keys_before - done:
            tried += _sweep(at, page, done)
        elif _find(at, kind, key) is not None:
            _find(at, kind, key).set_value(original).run()
    return tried + _sweep_steppers(at, page, done)


def _steppers(at) -> list[str]:
    ids = [node.proto.id for node in at.get("component_instance")]
    return [view for view in (FWD_VIEW, BWD_VIEW) if any(i.endswith(f"-{view}") for i in ids)]


def _sweep_steppers(at, page: str, done: set) -> int:
    """The in-browser stepper (ui/stepview.py) at its extremes, as the browser reports them: its
    first step, its last with the last option of every choice (neuron i of each layer); it ends
    on its last step, and the widgets that step reveals are swept while they are shown."""
    tried = 0
    for view in [v for v in _steppers(at) if v not in done]:
        done.add(view)
        order = stepview_args(at, view)["order"]
        keys_before = {k for _, k in _widgets(at)}
        for step in (order[0], order[-1]):
            sent = stepview_args(at, view)["steps"]
            last = {
                s: len(b["options"]) - 1
                for s, blocks in sent.items()
                for b in blocks.values()
                if b["kind"] == "choice"
            }
            report_step(at, view, step, choices=last)
            tried += 1
            assert not _errors(at), (page, view, step, _errors(at))
            assert stepview_args(at, view)["current"] == step
        if {k for _, k in _widgets(at)} - keys_before - done:
            tried += _sweep(at, page, done)
    return tried


@pytest.mark.parametrize("page", ["build", *PAGES])
def test_every_widget_at_its_extremes(page):
    at = open_page(page, state={"network": XOR.network, "X": XOR.X, "Y": XOR.Y})
    assert _sweep(at, page) >= 3, page  # the sweep did reach the page's widgets


@pytest.mark.parametrize("page", ["forward", "backward"])
def test_every_widget_at_its_extremes_while_predicting(page):
    """With "Predict first" on, the page steps on the server (ui/stepper.py): its slider is
    swept too."""
    state = {"network": XOR.network, "X": XOR.X, "Y": XOR.Y, "predict_first": True}
    at = open_page(page, state=state)
    assert not _steppers(at) and at.get("select_slider")
    assert _sweep(at, page) >= 3, page


def _build_the_largest_network():
    at = open_page("build")
    for name in ("n_in", "n_hidden"):
        box = at.number_input(key=vkey(at, name))
        box.set_value(box.max).run()
    for k in range(1, int(at.number_input(key=vkey(at, "n_hidden")).max) + 1):
        box = at.number_input(key=vkey(at, f"n_{k}"))
        box.set_value(box.max).run()
    box = at.number_input(key=vkey(at, "n_out"))
    box.set_value(box.max).run()
    at.selectbox(key=vkey(at, "g_out")).set_value("softmax").run()
    at.selectbox(key=vkey(at, "loss")).set_value("cross_entropy").run()
    at.button(key="build").click().run()
    no_errors(at)
    return at


def test_the_largest_network_the_build_page_allows_works_everywhere():
    at = _build_the_largest_network()
    assert network(at).sizes == (8, *[32] * 8, 10)
    for page in PAGES:
        at.switch_page(f"app_pages/{page}.py").run()
        no_errors(at)
    at.switch_page("app_pages/gradient_check.py").run()
    at.button(key="gc_run").click().run()  # too many parameters to check without asking
    no_errors(at)
    assert any("PASS" in s.value for s in at.success)


def test_the_largest_batch_the_build_page_allows_works_everywhere():
    at = open_page("build", state={"network": XOR.network, "X": XOR.X, "Y": XOR.Y})
    at.radio(key="data_mode").set_value("A dataset batch").run()
    at.selectbox(key="ds_name").set_value("xor").run()
    m = at.number_input(key="ds_n")
    m.set_value(m.max).run()
    at.button(key="use_dataset").click().run()
    no_errors(at)
    assert data(at)[0].shape == (500, 2)
    for page in PAGES:
        at.switch_page(f"app_pages/{page}.py").run()
        no_errors(at)
    at.switch_page("app_pages/backward.py").run()
    assert "m = 500" in at.button(key="bwd_apply").label


def test_learning_rate_extremes_on_the_backward_page():
    at = open_page("backward", state={"network": XOR.network, "X": XOR.X, "Y": XOR.Y})
    eta = at.number_input(key="bwd_eta")
    assert (eta.min, eta.max) == (0.0001, 100.0)
    at.number_input(key="bwd_eta").set_value(eta.min).run()
    at.button(key="bwd_apply").click().run()
    no_errors(at)
    change = at.metric[1].delta  # E after − E before: a tiny step moves E a little
    assert change.startswith("−") and 0 < -number(change) < 1e-3
    at.number_input(key="bwd_eta").set_value(100.0).run()
    for _ in range(6):  # repeated huge steps saturate the sigmoid; numbers stay finite
        at.button(key="bwd_apply").click().run()
        no_errors(at)
        net = network(at)
        assert all(np.isfinite(w).all() for w in net.weights)
        assert all(np.isfinite(metric_number(m)) for m in at.metric)


def test_extreme_example_values_saturate_without_nan():
    at = open_page("build")
    at.number_input(key=vkey(at, "x_0")).set_value(1e300).run()
    at.button(key="use_example").click().run()
    no_errors(at)  # z = 0.15·1e300 + … is finite: the sigmoids saturate at exactly 1
    assert data(at)[0][0, 0] == 1e300
    at.switch_page("app_pages/forward.py").run()
    last = stepview_args(at, FWD_VIEW)["order"][-1]
    report_step(at, FWD_VIEW, last)
    no_errors(at)
    assert at.session_state["fwd_k"] == int(last)
    loss_text = next(p for p in step_html(at, FWD_VIEW).split("\n") if "Over the batch" in p)
    assert "nan" not in loss_text and "inf" not in loss_text


def test_weights_that_overflow_are_refused_with_a_message():
    net = core.Network.from_layers(
        [[[1e300, 1e300]], [[1e300]]], [[0.0], [0.0]], ["linear", "linear"], "half_squared_error"
    )
    at = open_page("build")
    before = network(at)
    text = json.dumps(core.to_dict(net, [[1e300, 1e300]], [[0.0]]))
    at.text_area(key="load_text").set_value(text).run()
    at.button(key="load_json").click().run()
    # every number is finite, but z overflows: refused, and the current network is kept
    assert not at.exception and at.error and "overflow" in at.error[0].value
    assert "Nothing changed" in at.error[0].value
    assert network(at) is before


EXTREME_ANSWERS = ["", "nan", "inf", "-1e309", "1e309", "abc", "1,5", "<b>1</b>", "9" * 5000]


def test_every_quiz_answer_takes_extreme_text_with_one_message():
    """The Quiz page has only text answers (the sweep above does not type text)."""
    at = open_page("quiz", state={"network": XOR.network, "X": XOR.X, "Y": XOR.Y})
    for n in range(5):
        for text in EXTREME_ANSWERS:
            at.text_input(key=f"quiz_q{n}_answer").set_value(text).run()
            at.button(key=f"quiz_q{n}_check").click().run()
            assert not at.exception, (n, text)
            assert len(at.error) == 1, (n, text, [e.value for e in at.error])
        at.text_input(key=f"quiz_q{n}_answer").set_value("0.1").run()
        at.button(key=f"quiz_q{n}_check").click().run()
        assert not at.error and not at.exception

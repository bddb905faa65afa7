"""The contract of the in-browser stepper (ui/stepview.py) on the Forward and Backward pages.

AppTest cannot run the component's JavaScript: a test reads the args the browser gets and plays
its report (app_helpers.report_step). Every number expected here is computed in the test from
NOTATION.md with plain numpy (z = a θᵀ + b, a = g(z), δ⁽ᴸ⁾ = 2(a − y) ⊙ g′(z) for the seed's
squared error, δ⁽ᵏ⁾ = δ⁽ᵏ⁺¹⁾ θ⁽ᵏ⁺¹⁾ ⊙ g′(z⁽ᵏ⁾), ∂E/∂θ⁽ᵏ⁾ = (1/m) δ⁽ᵏ⁾ᵀ a⁽ᵏ⁻¹⁾, ∂E/∂x = δ⁽¹⁾ θ⁽¹⁾),
never with core.
"""

import json

import numpy as np
import pytest
from app_helpers import (
    BWD_VIEW,
    FWD_VIEW,
    heatmaps,
    no_errors,
    open_page,
    plotly_array,
    report_step,
    step_blocks,
    step_charts,
    step_html,
    step_latex,
    steps_without_time_box,  # noqa: F401 (autouse: every step is built)
    stepview_args,
)

import core
from panels.backward import ONE_EXAMPLE
from ui import state as ui_state
from ui.stepview_blocks import markdown_html

SIZES = (2, 3, 4, 2)  # L = 3: an input, two hidden layers of different sizes, an output
ACTS = ("tanh", "tanh", "sigmoid")
M = 5
LAYER_WORD = {0: "input", 1: "hidden", 2: "hidden", 3: "output"}


def make_case():
    """A 2-3-4-2 network with non-zero biases, the seed's squared error, m = 5."""
    rng = np.random.default_rng(11)
    W = {k: rng.uniform(-1.5, 1.5, (SIZES[k], SIZES[k - 1])) for k in (1, 2, 3)}
    B = {k: rng.uniform(-0.8, 0.8, SIZES[k]) for k in (1, 2, 3)}
    X = rng.uniform(-1, 1, (M, SIZES[0]))
    Y = rng.uniform(0, 1, (M, SIZES[3]))
    net = core.Network.from_layers(
        [W[1], W[2], W[3]], [B[1], B[2], B[3]], list(ACTS), "squared_error"
    )
    return net, W, B, X, Y


def g(k, z):
    return np.tanh(z) if ACTS[k - 1] == "tanh" else 1 / (1 + np.exp(-z))


def g_prime(k, z):
    return 1 - np.tanh(z) ** 2 if ACTS[k - 1] == "tanh" else g(k, z) * (1 - g(k, z))


def passes(W, B, X, Y):
    """z, a, δ (one row per example), E and the batch-mean gradients, from the formulas."""
    a, z = {0: np.asarray(X, float)}, {}
    for k in (1, 2, 3):
        z[k] = a[k - 1] @ W[k].T + B[k]
        a[k] = g(k, z[k])
    E = np.mean(np.sum((Y - a[3]) ** 2, axis=1))
    d = {3: 2 * (a[3] - Y) * g_prime(3, z[3])}
    for k in (2, 1):
        d[k] = (d[k + 1] @ W[k + 1]) * g_prime(k, z[k])
    m = len(X)
    gw = {k: d[k].T @ a[k - 1] / m for k in (1, 2, 3)}
    gb = {k: d[k].mean(axis=0) for k in (1, 2, 3)}
    return z, a, d, E, gw, gb


def shown(x: float) -> str:
    """A number as a card writes it: 4 significant digits (minus signs made plain)."""
    assert 1e-3 <= abs(x) < 1e3  # no exponent form in this test's numbers
    return f"{x:.4g}"


def same(shown_cells, expected) -> None:
    """A heatmap's cells are the expected matrix (same shape) to the 4 significant digits the
    page sends: within half a unit of the 4th digit."""
    assert shown_cells.shape == expected.shape
    np.testing.assert_allclose(shown_cells, expected, rtol=5.001e-4, atol=1e-12)


def plain(text: str) -> str:
    return text.replace("−", "-")


def open_case(page: str, **state) -> tuple:
    net, W, B, X, Y = make_case()
    at = open_page(page, state={"network": net, "X": X, "Y": Y, **state})
    no_errors(at)
    return at, (W, B, X, Y)


# ---- order, labels, every step -----------------------------------------------------------------


def test_forward_steps_go_0_to_L_and_backward_L_to_1_then_dx():
    at, _ = open_case("forward")
    args = stepview_args(at, FWD_VIEW)
    assert args["order"] == ["0", "1", "2", "3"]
    assert args["labels"] == {"0": "k = 0", "1": "k = 1", "2": "k = 2", "3": "k = 3"}
    assert args["current"] == "0"  # a first visit starts at the input
    at.switch_page("app_pages/backward.py").run()
    args = stepview_args(at, BWD_VIEW)
    assert args["order"] == ["3", "2", "1", "x"]
    assert args["labels"] == {"3": "k = 3", "2": "k = 2", "1": "k = 1", "x": "∂E/∂x"}
    assert args["current"] == "3"  # a first visit starts at the output


def test_every_forward_step_is_sent_with_its_heading_and_every_neurons_z():
    example = 3
    at, (W, B, X, Y) = open_case("forward", fwd_example=example)
    z, a, *_ = passes(W, B, X, Y)
    args = stepview_args(at, FWD_VIEW)
    assert set(args["steps"]) == set(args["order"])  # a small network: every step at once
    for k in range(4):
        heading = f"<h4>Step k = {k} of 3: layer {k} ({LAYER_WORD[k]})</h4>"
        assert heading in step_html(at, FWD_VIEW, k), k
        if k == 0:
            continue
        cards = [plain(step_latex(at, FWD_VIEW, k, option=i)) for i in range(SIZES[k])]
        for i, card in enumerate(cards):
            assert f"z_{{{i}}}^{{({k})}}" in card, (k, i)
            assert shown(z[k][example, i]) in card and shown(a[k][example, i]) in card, (k, i)
            # the card of neuron i, example 3: not another neuron's, example's or layer's
            others = [z[k][example, n] for n in range(SIZES[k]) if n != i]
            others += [z[k][0, i]] + ([z[k + 1][example, i]] if k < 3 and i < SIZES[k + 1] else [])
            assert all(shown(v) not in card for v in others), (k, i)


def test_every_backward_layer_figure_holds_delta_and_the_batch_gradients():
    at, (W, B, X, Y) = open_case("backward")
    _, _, d, E, gw, gb = passes(W, B, X, Y)
    # the formulas above, checked once against a finite difference of E (factor 2, 1/m)
    eps, (k0, i0, j0) = 1e-6, (2, 1, 2)
    up, down = ({**W, k0: W[k0] + s * eps * np.eye(1, W[k0].size, i0 * W[k0].shape[1] + j0)
                 .reshape(W[k0].shape)} for s in (1, -1))  # fmt: skip
    slope = (passes(up, B, X, Y)[3] - passes(down, B, X, Y)[3]) / (2 * eps)
    assert abs(slope - gw[k0][i0, j0]) < 1e-7
    args = stepview_args(at, BWD_VIEW)
    assert set(args["steps"]) == set(args["order"])
    for k in (3, 2, 1):
        eq = "(1) output" if k == 3 else "(2) hidden"
        heading = f"<h4>Step k = {k}: layer {k} ({LAYER_WORD[k]}) — equation {eq} layer</h4>"
        assert heading in step_html(at, BWD_VIEW, k), k
        cells = heatmaps(step_charts(at, BWD_VIEW, k)["layer"])
        names = [f"{q}⁽{'¹²³'[k - 1]}⁾" for q in ("δ", "∂E/∂θ", "∂E/∂b")]
        assert set(cells) == set(names)
        delta, grad_w, grad_b = (plotly_array(cells[name]["z"]) for name in names)
        same(delta, d[k])  # m × n⁽ᵏ⁾: one row per example
        same(grad_w, gw[k])  # n⁽ᵏ⁾ × n⁽ᵏ⁻¹⁾
        same(grad_b, gb[k][:, None])
    assert E > 0


def test_the_one_example_view_sends_that_examples_own_gradients():
    example = 3
    at, (W, B, X, Y) = open_case(
        "backward", bwd_view=ONE_EXAMPLE, bwd_view_example=example, bwd_x_example=example
    )
    _, a, d, *_ = passes(W, B, X[example : example + 1], Y[example : example + 1])
    for k in (3, 2, 1):
        cells = heatmaps(step_charts(at, BWD_VIEW, k)["layer"])
        names = [f"{q}⁽{'¹²³'[k - 1]}⁾" for q in ("δ", "∂E/∂θ")]
        delta, grad_w = (plotly_array(cells[name]["z"]) for name in names)
        same(delta, d[k])
        same(grad_w, np.outer(d[k][0], a[k - 1][0]))
    # ∂E/∂x stays the whole batch's, one row per example; the card is of the chosen example
    _, _, d_batch, *_ = passes(W, B, X, Y)
    grad_x = d_batch[1] @ W[1]  # θ⁽¹⁾ᵀ δ⁽¹⁾ per example
    field = heatmaps(step_charts(at, BWD_VIEW, "x")["input"])
    (z_x,) = (plotly_array(t["z"]) for t in field.values())
    same(z_x, grad_x)
    card = plain(step_latex(at, BWD_VIEW, "x"))
    assert rf"\text{{example }} {example}" in card
    assert all(shown(grad_x[example, j]) in card for j in range(SIZES[0]))
    assert shown(grad_x[0, 0]) not in card


# ---- reports: applied once, acknowledged -------------------------------------------------------


def test_a_report_is_applied_once_and_acknowledged():
    at, _ = open_case("forward")
    for n, k in enumerate((2, 1, 3), start=1):
        report_step(at, FWD_VIEW, k, choices={"1": 2})
        assert at.session_state["fwd_k"] == k and at.session_state["fwd_i_1"] == 2
        assert stepview_args(at, FWD_VIEW)["ack"] == n
    # the server moves the step (a link, other code); the browser's last report is still there
    at.session_state["fwd_k"] = 1
    at.session_state["fwd_i_1"] = 0
    at.run()
    no_errors(at)
    assert at.session_state["fwd_k"] == 1 and at.session_state["fwd_i_1"] == 0
    args = stepview_args(at, FWD_VIEW)
    assert args["current"] == "1" and args["choices"]["1"] == 0 and args["ack"] == 3
    at.run()  # and again: the same n is not applied a second time
    assert at.session_state["fwd_k"] == 1
    report_step(at, FWD_VIEW, 0)  # a new report is
    assert at.session_state["fwd_k"] == 0 and stepview_args(at, FWD_VIEW)["ack"] == 4


def test_a_clicked_cell_is_explained_once():
    at, (W, B, X, Y) = open_case("backward")
    report_step(at, BWD_VIEW, 2, click=["grad_w", 2, 3, 1])
    no_errors(at)
    assert (at.session_state["bwd_kind"], at.session_state["bwd_i"]) == ("grad_w", 3)
    assert at.session_state["bwd_j"] == 1
    gw = passes(W, B, X, Y)[4]
    assert shown(gw[2][3, 1]) in plain("\n".join(e.value for e in at.latex))
    at.selectbox(key="bwd_i").set_value(0).run()  # the user moves on; the click stays done
    assert at.session_state["bwd_i"] == 0 and at.session_state["bwd_kind"] == "grad_w"


# ---- hostile reports ---------------------------------------------------------------------------

FWD_STATE = {"fwd_k": 3, "fwd_i_1": 2, "fwd_i_2": 3, "fwd_i_3": 1}


@pytest.mark.parametrize(
    "value",
    [
        {"step": "7", "n": 5},
        {"step": "-1", "n": 5},
        {"step": "x", "n": 5},  # a Backward step on Forward
        {"step": None, "n": 5},
        {"step": ["1"], "n": 5},
        {"step": "1", "n": "5"},
        {"step": "1", "n": 2.5},
        {"step": "1", "n": None},
        {"step": "1"},
        {"step": "1", "n": True},  # a boolean is no n
        "abc",
        7,
        [],
        None,
    ],
)
def test_a_report_without_a_step_of_the_order_or_an_int_n_changes_nothing(value):
    at, _ = open_case("forward", **FWD_STATE)
    at.session_state[FWD_VIEW] = value
    at.run()
    no_errors(at)
    assert {key: at.session_state[key] for key in FWD_STATE} == FWD_STATE
    assert stepview_args(at, FWD_VIEW)["current"] == "3"


@pytest.mark.parametrize(
    "choices",
    [
        {"1": -1},
        {"1": 3},  # n⁽¹⁾ = 3: neurons 0..2
        {"2": 10**30},
        {"9": 0},
        {"0": 1},  # the input layer has no neuron to pick
        {"-1": 1},
        {"x": 0},
        {"1": "0"},
        {"1": 1.5},
        {"1": None},
        {"1": True},  # a boolean is no neuron
        {"²": 1},  # a digit to str.isdigit, not to int
        "abc",
        [1, 2],
    ],
)
def test_a_choice_out_of_range_changes_no_neuron(choices):
    at, _ = open_case("forward", **FWD_STATE)
    at.session_state[FWD_VIEW] = {"step": "2", "n": 1, "choices": choices}
    at.run()
    no_errors(at)
    assert at.session_state["fwd_k"] == 2  # the step itself is a real one
    assert {key: at.session_state[key] for key in FWD_STATE if key != "fwd_k"} == {
        "fwd_i_1": 2,
        "fwd_i_2": 3,
        "fwd_i_3": 1,
    }
    assert stepview_args(at, FWD_VIEW)["choices"] == {"1": 2, "2": 3, "3": 1}


BWD_STATE = {"bwd_step": 2, "bwd_kind": "delta", "bwd_i": 2, "bwd_example": 3}


@pytest.mark.parametrize(
    "click",
    [
        ["delta", "x", 1, 2],
        ["delta", 2, "x", 0],
        ["<img src=x onerror=alert(1)>", 2, 0, 0],
        [2, 2, 0, 0],
        ["delta", 2, 0],
        ["delta", 2, 0, 0, 0],
        "delta",
        {"customdata": ["delta", 2, 0, 0]},
        [None, None, None, None],
        ["delta", 2, float("nan"), 0],
        ["delta", 2, 10**30, 1],
        ["grad_w", 2, 0, 10**30],
        ["grad_b", 2, -5, 0],
        ["delta", 99, 0, 1],
        ["delta", 2, float("inf"), 0],
    ],
)
def test_a_hostile_click_changes_nothing(click):
    at, _ = open_case("backward", **BWD_STATE)
    report_step(at, BWD_VIEW, 2, click=click)
    no_errors(at)
    assert {key: at.session_state[key] for key in BWD_STATE} == BWD_STATE


# ---- the largest network -----------------------------------------------------------------------


def largest():
    """The largest network the Build page offers (8 inputs, 8 hidden layers of 32, 10 outputs)
    and its largest batch (m = 500)."""
    rng = np.random.default_rng(0)
    net = core.Network.random([8, *[32] * 8, 10], ["tanh"] * 8 + ["softmax"], "cross_entropy")
    X = rng.normal(size=(500, 8))
    Y = np.eye(10)[rng.integers(0, 10, 500)]
    return net, X, Y


@pytest.mark.parametrize("page, view", [("forward", FWD_VIEW), ("backward", BWD_VIEW)])
def test_the_largest_network_sends_at_most_a_megabyte_of_steps(page, view):
    net, X, Y = largest()
    at = open_page(page, state={"network": net, "X": X, "Y": Y})
    args = stepview_args(at, view)
    assert args["current"] in args["steps"]
    assert len(json.dumps(args["steps"])) <= 1_000_000


@pytest.mark.parametrize("page, view", [("forward", FWD_VIEW), ("backward", BWD_VIEW)])
def test_the_largest_network_fetches_a_step_not_sent(page, view):
    net, X, Y = largest()
    at = open_page(page, state={"network": net, "X": X, "Y": Y})
    args = stepview_args(at, view)
    assert args["current"] in args["steps"]
    missing = [step for step in args["order"] if step not in args["steps"]]
    assert missing, "the largest network's steps do not fit at once"
    report_step(at, view, missing[-1])  # the browser asks for a step it does not have
    no_errors(at)
    args = stepview_args(at, view)
    assert args["current"] == missing[-1] and missing[-1] in args["steps"]
    assert args["ack"] == 1
    assert len(json.dumps(args["steps"], separators=(",", ":"))) <= 1_000_000


# ---- steps the frame holds are not sent again ------------------------------------------------


@pytest.mark.parametrize("page, view, to", [("forward", FWD_VIEW, 2), ("backward", BWD_VIEW, 1)])
def test_a_step_the_frame_holds_is_not_sent_again_only_its_key(page, view, to):
    at, _ = open_case(page)
    first = stepview_args(at, view)
    assert set(first["steps"]) == set(first["order"]) == set(first["keys"])  # all, once
    report_step(at, view, to, held=first["keys"])  # the frame holds every step it was sent
    no_errors(at)
    args = stepview_args(at, view)
    assert args["current"] == str(to) and args["ack"] == 1
    assert args["steps"] == {} and args["keys"] == first["keys"]
    assert args["version"] == first["version"]  # the frame keeps what it has drawn


def test_a_step_held_with_another_key_is_sent_again():
    at, _ = open_case("forward")
    keys = stepview_args(at, FWD_VIEW)["keys"]
    report_step(at, FWD_VIEW, 1, held=keys | {"2": "an older key"})
    args = stepview_args(at, FWD_VIEW)
    assert set(args["steps"]) == {"2"} and args["keys"] == keys
    # a new neuron i in layer 1 changes that step's content: it alone is sent, with a new key
    report_step(at, FWD_VIEW, 1, choices={"1": 2}, held=keys)
    args = stepview_args(at, FWD_VIEW)
    assert set(args["steps"]) == {"1"} and args["keys"]["1"] != keys["1"]
    assert {k: v for k, v in args["keys"].items() if k != "1"} == {
        k: v for k, v in keys.items() if k != "1"
    }


def test_after_an_edit_every_step_is_sent_again():
    at, _ = open_case("backward")
    keys = stepview_args(at, BWD_VIEW)["keys"]
    at.button(key="bwd_apply").click().run()  # one gradient-descent step: a new network
    report_step(at, BWD_VIEW, 2, held=keys)
    no_errors(at)
    args = stepview_args(at, BWD_VIEW)
    assert set(args["steps"]) == set(args["order"]) and not set(args["keys"].values()) & set(
        keys.values()
    )


@pytest.mark.parametrize(
    "held",
    [
        ["0", "1"],
        "everything",
        {"0": 1},
        "the true keys and 100 more",  # more steps than there are: not a frame's report
    ],
)
def test_a_hostile_held_list_sends_everything(held):
    at, _ = open_case("forward")
    keys = stepview_args(at, FWD_VIEW)["keys"]
    if held == "the true keys and 100 more":
        held = keys | {f"extra{n}": "k" for n in range(100)}
    report_step(at, FWD_VIEW, 1, held=held)
    no_errors(at)
    args = stepview_args(at, FWD_VIEW)
    assert set(args["steps"]) == set(args["order"])


# ---- user text, presentation -------------------------------------------------------------------

EVIL = "<img src=x onerror=alert(1)>**b**"


def test_user_text_reaches_the_steps_only_escaped():
    net, _, _, X, Y = make_case()
    names = ui_state.DataNames((EVIL, "x1"), (EVIL, "y1"), (EVIL, "y1"))
    at = open_page("home")
    at.session_state[ui_state.KEY] = ui_state.Shared(net, X, Y, EVIL, version=2, names=names)
    for page, view in (("forward", FWD_VIEW), ("backward", BWD_VIEW)):
        at.switch_page(f"app_pages/{page}.py").run()
        no_errors(at)
        for step in stepview_args(at, view)["order"]:
            report_step(at, view, step)
            text = step_html(at, view, step)
            assert "<img" not in text and "<b>b</b>" not in text, (page, step)
            # a choice's option labels are set as text (textContent), not as HTML
            blocks = without_labels(step_blocks(at, view, step))
            assert "<img" not in json.dumps(blocks, ensure_ascii=False), (page, step)
    at.switch_page("app_pages/forward.py").run()
    assert "&lt;img src=x onerror=alert(1)&gt;**b**" in step_html(at, FWD_VIEW, 3)
    (card,) = [b for b in step_blocks(at, FWD_VIEW, 3).values() if b["kind"] == "choice"]
    assert card["options"][0]["label"] == f"0: {EVIL}"  # literal: the name as the user wrote it


def without_labels(node):
    if isinstance(node, list):
        return [without_labels(item) for item in node]
    if isinstance(node, dict):
        return {key: without_labels(v) for key, v in node.items() if key != "label"}
    return node


def test_markdown_html_writes_the_cards_markdown_and_nothing_else():
    assert markdown_html("**b**") == "<b>b</b>"
    assert markdown_html("a *i* c") == "a <i>i</i> c"
    assert markdown_html("E = $x^2$") == 'E = <span class="math">x^2</span>'
    assert markdown_html(r"\*\*b\*\* \$") == "**b** $"  # escaped by cards.names.markdown
    assert markdown_html("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert markdown_html('"&') == "&quot;&amp;"
    assert markdown_html("**open") == "<b>open</b>"  # tags are always closed


def font_sizes(node) -> list[float]:
    """Every explicit font size in a plotly figure (layout, titles, traces, annotations)."""
    if isinstance(node, list):
        return [s for item in node for s in font_sizes(item)]
    if not isinstance(node, dict):
        return []
    found = [node["size"]] if isinstance(node.get("size"), (int, float)) else []
    return found + [s for key, v in node.items() if key != "size" for s in font_sizes(v)]


def _fonts(at, view, step) -> dict:
    """{slot: (the figure's base font size, the sum of all its explicit font sizes)}."""
    return {
        slot: (f["layout"]["font"]["size"], sum(font_sizes(f)))
        for slot, f in step_charts(at, view, step).items()
    }


@pytest.mark.parametrize("page, view, step", [("forward", FWD_VIEW, 3), ("backward", BWD_VIEW, 2)])
def test_presentation_mode_enlarges_the_step_figures(page, view, step):
    small = _fonts(open_case(page)[0], view, step)
    big = _fonts(open_case(page, presentation=True)[0], view, step)
    assert set(small) == set(big) and "layer" in small
    for slot in small:
        assert big[slot][0] > small[slot][0], slot  # the base font
        assert big[slot][1] > small[slot][1], slot  # and the sizes set on top of it


def test_switching_presentation_on_enlarges_the_step_figures_already_sent():
    at, _ = open_case("forward")
    small = _fonts(at, FWD_VIEW, 1)
    at.session_state["presentation"] = True
    at.run()
    no_errors(at)
    big = _fonts(at, FWD_VIEW, 1)
    assert all(big[slot][0] > small[slot][0] for slot in small)
    at.session_state["presentation"] = False
    at.run()
    assert _fonts(at, FWD_VIEW, 1) == small  # and back


def test_out_of_time_the_steps_the_frame_holds_keep_their_keys(monkeypatch):
    from ui import stepview

    at, _ = open_case("forward")
    keys = stepview_args(at, FWD_VIEW)["keys"]  # 0 … 3, all sent
    # the frame holds the far steps 2 and 3, not 1; the time box stops after one built step
    monkeypatch.setattr(stepview, "BUILD_SECONDS", 0.0)
    held = {"2": keys["2"], "3": keys["3"]}
    report_step(at, FWD_VIEW, 0, held=held | {"0": "an older key"})
    no_errors(at)
    args = stepview_args(at, FWD_VIEW)
    assert set(args["steps"]) == {"0"}  # the current step only: out of time after it
    assert args["keys"] == {"0": keys["0"], **held}  # the held ones keep theirs; 1 next time

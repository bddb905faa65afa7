"""Backward page: stepping, explaining a number (by selectors and by click), the update.

The steps are drawn in the browser (ui/stepview.py): a test reads the args the browser gets and
plays its report (app_helpers.report_step). With "Predict first" on, the page steps on the server
(ui/stepper.py), tested here with its buttons."""

import numpy as np
from app_helpers import (
    BWD_VIEW,
    charts,
    latex_text,
    metric_number,
    network,
    no_errors,
    open_page,
    report_step,
    step_html,
    step_latex,
    steps_without_time_box,  # noqa: F401 (autouse: every step is built)
    stepview_args,
)

import core


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def worked_deltas():
    """a⁽¹⁾, δ⁽²⁾ and δ⁽¹⁾ of the worked 2-2-2 example (sigmoid, ½‖a − y‖²), by hand."""
    x, y = np.array([0.05, 0.10]), np.array([0.01, 0.99])
    W1, W2 = np.array([[0.15, 0.20], [0.25, 0.30]]), np.array([[0.40, 0.45], [0.50, 0.55]])
    a1 = sigmoid(W1 @ x + 0.35)
    a2 = sigmoid(W2 @ a1 + 0.60)
    d2 = (a2 - y) * a2 * (1 - a2)
    d1 = (W2.T @ d2) * a1 * (1 - a1)
    return W1, a1, d2, d1


def test_steps_go_from_output_to_input():
    at = open_page("backward")
    no_errors(at)
    assert at.session_state["bwd_step"] == 2  # k = L first
    assert stepview_args(at, BWD_VIEW)["current"] == "2"
    assert "equation (1) output" in step_html(at, BWD_VIEW, 2)
    assert "equation (2) hidden" in step_html(at, BWD_VIEW, 1)
    report_step(at, BWD_VIEW, 1)
    assert at.session_state["bwd_step"] == 1
    report_step(at, BWD_VIEW, "x")
    assert at.session_state["bwd_step"] == "x"
    assert stepview_args(at, BWD_VIEW)["current"] == "x"
    no_errors(at)


def test_server_steps_go_from_output_to_input_while_predicting():
    at = open_page("backward", state={"predict_first": True})
    no_errors(at)
    assert not at.get("component_instance")  # the server steps: no in-browser stepper
    assert at.session_state["bwd_step"] == 2  # k = L first
    assert any("(1) output" in m.value for m in at.markdown)
    at.button(key="bwd_step_next").click().run()
    assert at.session_state["bwd_step"] == 1
    assert any("(2) hidden" in m.value for m in at.markdown)
    at.button(key="bwd_step_next").click().run()
    assert at.session_state["bwd_step"] == "x"
    assert at.button(key="bwd_step_next").disabled
    no_errors(at)


def test_animation_has_one_frame_per_layer():
    net = core.Network.random([2, 3, 3, 1], "tanh", "half_squared_error", seed=1)
    at = open_page("backward", state={"network": net, "X": [[0.3, -0.2]], "Y": [[0.5]]})
    assert not [c for c in charts(at) if c.get("frames")]  # built only when asked for
    at.radio(key="bwd_mode").set_value("▶ Play the whole backward pass").run()
    animated = [c for c in charts(at) if c.get("frames")]
    assert len(animated) == 1
    assert len(animated[0]["frames"]) == 3


def test_delta_card_sums_the_chain_rule_terms():
    at = open_page("backward")
    report_step(at, BWD_VIEW, 1)
    at.selectbox(key="bwd_kind").set_value("delta").run()
    at.selectbox(key="bwd_i").set_value(0).run()
    no_errors(at)
    # δ₀⁽¹⁾ of the worked example, by hand: Σ_β θ_β0⁽²⁾ σ′(z₀⁽¹⁾) δ_β⁽²⁾
    a1 = 1 / (1 + np.exp(-0.3775))
    a2 = 1 / (
        1
        + np.exp(
            -np.array([0.40 * a1 + 0.45 * 0.596884378 + 0.6, 0.50 * a1 + 0.55 * 0.596884378 + 0.6])
        )
    )
    d2 = (a2 - [0.01, 0.99]) * a2 * (1 - a2)
    d1 = (0.40 * d2[0] + 0.50 * d2[1]) * a1 * (1 - a1)
    text = latex_text(at)
    assert f"{d1:.4g}" in text
    assert "\\sum_{\\beta}" in text
    table = at.dataframe[0].value
    assert len(table) == 3  # two terms (β = 0, 1) and the sum


def test_weight_gradient_card_matches_the_published_number():
    at = open_page("backward")  # k = L = 2
    at.selectbox(key="bwd_kind").set_value("grad_w").run()
    at.selectbox(key="bwd_i").set_value(0).run()
    at.selectbox(key="bwd_j").set_value(0).run()
    no_errors(at)
    assert "0.08217" in latex_text(at)  # ∂E/∂w5 = 0.082167041 in the classic worked example


def test_clicking_a_cell_selects_it():
    at = open_page("backward")
    # What the browser reports when a cell of layer 2's figure is clicked: its customdata
    report_step(at, BWD_VIEW, 2, click=["grad_w", 2, 1, 0])
    no_errors(at)
    assert at.session_state["bwd_kind"] == "grad_w"
    assert at.session_state["bwd_i"] == 1 and at.session_state["bwd_j"] == 0
    # ∂E/∂θ₁₀⁽²⁾ = a₀⁽¹⁾ δ₁⁽²⁾ is the card now explained
    _, a1, d2, _ = worked_deltas()
    assert a1[0] * d2[1] < 0 and f"{a1[0] * d2[1]:.4g}" in latex_text(at).replace("−", "-")
    report_step(at, BWD_VIEW, 1, click=["delta", 1, 0, 1])  # δ: row = example, col = i
    no_errors(at)
    assert at.session_state["bwd_kind"] == "delta"
    assert at.session_state["bwd_example"] == 0 and at.session_state["bwd_i"] == 1
    assert f"{worked_deltas()[3][1]:.4g}" in latex_text(at)


def test_clicking_a_cell_selects_it_while_predicting():
    at = open_page("backward", state={"predict_first": True})
    # What the browser sends when a cell of the click layer is clicked (see figures.heatmap)
    at.session_state["bwd_cells_2_1"] = {
        "selection": {
            "points": [{"customdata": ["grad_w", 2, 1, 0], "curve_number": 3, "point_index": 2}],
            "point_indices": [2],
            "box": [],
            "lasso": [],
        }
    }
    at.run()
    no_errors(at)
    assert at.session_state["bwd_kind"] == "grad_w"
    assert at.session_state["bwd_i"] == 1 and at.session_state["bwd_j"] == 0


def test_softmax_output_explains_the_jacobian():
    p = core.preset("spiral")
    at = open_page("backward", state={"network": p.network, "X": p.X[:20], "Y": p.Y[:20]})
    no_errors(at)
    assert "Jacobian" in step_html(at, BWD_VIEW, 3)  # the output layer's note
    assert "Jacobian" not in step_html(at, BWD_VIEW, 2)
    assert "a_{0}^{(3)} - y_{0}" in latex_text(at)


def test_apply_update_lowers_the_error():
    at = open_page("backward")
    before = network(at)
    at.number_input(key="bwd_eta").set_value(0.5).run()
    at.button(key="bwd_apply").click().run()
    no_errors(at)
    after = network(at)
    assert after is not before
    # θ₀₀⁽²⁾ after one step with η = 0.5, from the classic worked example: 0.35891648
    assert abs(after.weights[2][0, 0] - 0.35891648) < 1e-8
    assert metric_number(at.metric[1]) < metric_number(at.metric[0])


def test_input_gradient_is_the_last_step():
    at = open_page("backward")
    assert stepview_args(at, BWD_VIEW)["order"][-1] == "x"
    report_step(at, BWD_VIEW, "x")
    no_errors(at)
    card = step_latex(at, BWD_VIEW, "x")
    assert "\\theta^{(1)\\mathsf T} \\delta^{(1)}" in card
    W1, _, _, d1 = worked_deltas()
    grad_x = W1.T @ d1  # ∂E/∂x = θ⁽¹⁾ᵀ δ⁽¹⁾, not θ⁽¹⁾ δ⁽¹⁾
    assert f"({grad_x[0]:.4g}, {grad_x[1]:.4g})" in card
    assert f"{(W1 @ d1)[0]:.4g}" not in card


def test_per_example_gradients_beside_their_mean():
    p = core.preset("xor")
    at = open_page("backward", state={"network": p.network, "X": p.X, "Y": p.Y})
    at.toggle(key="bwd_show_multiples").set_value(True).run()
    no_errors(at)
    # four examples' own gradients and their mean: five heatmaps
    counts = [sum(t["type"] == "heatmap" for t in c["data"]) for c in charts(at)]
    assert 5 in counts, counts
    at.radio(key="bwd_view").set_value("one example").run()
    at.selectbox(key="bwd_view_example").set_value(2).run()
    no_errors(at)
    assert any("example 2" in c.value for c in at.caption)


def _xor_batch_error_and_gradients(weights, biases, X, Y):
    """E and the batch gradients of a tanh → sigmoid network with binary cross-entropy, from
    the formulas (general form of equation (1), not the simplified a − y)."""
    a1 = np.tanh(X @ weights[1].T + biases[1])
    a2 = 1 / (1 + np.exp(-(a1 @ weights[2].T + biases[2])))
    E = np.mean(-np.sum(Y * np.log(a2) + (1 - Y) * np.log(1 - a2), axis=1))
    dE_da = -Y / a2 + (1 - Y) / (1 - a2)
    d2 = dE_da * a2 * (1 - a2)
    d1 = (d2 @ weights[2]) * (1 - a1**2)
    m = len(X)
    grads_w = {2: d2.T @ a1 / m, 1: d1.T @ X / m}
    grads_b = {2: d2.mean(axis=0), 1: d1.mean(axis=0)}
    return E, grads_w, grads_b


def test_update_from_the_one_example_view_applies_the_batch_gradient():
    """The one-example view explains a single example's gradient; the update button still takes
    the batch step its label names, and E before/after are both the batch's E."""
    p = core.preset("xor")
    net = p.network
    at = open_page("backward", state={"network": net, "X": p.X, "Y": p.Y})
    at.radio(key="bwd_view").set_value("one example").run()
    at.selectbox(key="bwd_view_example").set_value(2).run()
    at.number_input(key="bwd_eta").set_value(0.5).run()
    button = at.button(key="bwd_apply")
    assert "batch gradient" in button.label and "m = 4" in button.label
    button.click().run()
    no_errors(at)

    W = {k: np.array(net.weights[k]) for k in (1, 2)}
    B = {k: np.array(net.biases[k]) for k in (1, 2)}
    E_before, gw, gb = _xor_batch_error_and_gradients(W, B, p.X, p.Y)
    W_new = {k: W[k] - 0.5 * gw[k] for k in (1, 2)}
    B_new = {k: B[k] - 0.5 * gb[k] for k in (1, 2)}
    E_after, _, _ = _xor_batch_error_and_gradients(W_new, B_new, p.X, p.Y)

    new = network(at)
    for k in (1, 2):
        assert np.allclose(new.weights[k], W_new[k], rtol=0, atol=1e-12), k
        assert np.allclose(new.biases[k], B_new[k], rtol=0, atol=1e-12), k
    before, after = (metric_number(m) for m in at.metric[:2])
    assert abs(before - E_before) <= 1e-5 * E_before  # shown with 6 significant digits
    assert abs(after - E_after) <= 1e-5 * E_after

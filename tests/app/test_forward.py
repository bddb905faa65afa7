"""Forward page: the stepper, the equation card's numbers, the output and E at the last step.

The steps are drawn in the browser (ui/stepview.py): a test reads the args the browser gets and
plays its report (app_helpers.report_step). With "Predict first" on, the page steps on the server
(ui/stepper.py), tested here with its buttons and slider."""

import math

from app_helpers import (
    FWD_VIEW,
    charts,
    latex_text,
    network,
    no_errors,
    open_page,
    report_step,
    step_charts,
    step_html,
    step_latex,
    steps_without_time_box,  # noqa: F401 (autouse: every step is built)
    stepview_args,
)

import core


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


# The worked 2-2-2 example (core.preset("worked-2-2-2")), written out here: x, y, θ⁽¹⁾, b⁽¹⁾, …
X0, Y0 = (0.05, 0.10), (0.01, 0.99)
THETA1, B1 = ((0.15, 0.20), (0.25, 0.30)), 0.35
THETA2, B2 = ((0.40, 0.45), (0.50, 0.55)), 0.60


def worked_pass():
    """z⁽¹⁾, a⁽¹⁾, z⁽²⁾, a⁽²⁾ and E = ½ Σⱼ (yⱼ − aⱼ⁽²⁾)² of the worked example, by hand."""
    z1 = [sum(t * x for t, x in zip(row, X0)) + B1 for row in THETA1]
    a1 = [sigmoid(z) for z in z1]
    z2 = [sum(t * a for t, a in zip(row, a1)) + B2 for row in THETA2]
    a2 = [sigmoid(z) for z in z2]
    E = 0.5 * sum((y - a) ** 2 for y, a in zip(Y0, a2))
    return z1, a1, z2, a2, E


def test_stepper_walks_through_the_layers():
    at = open_page("forward")
    no_errors(at)
    assert at.session_state["fwd_k"] == 0
    assert stepview_args(at, FWD_VIEW)["current"] == "0"
    assert "fwd_k_next" not in {b.key for b in at.button}  # no server stepper
    for k in (1, 2, 0, 2):
        report_step(at, FWD_VIEW, k)
        no_errors(at)
        assert at.session_state["fwd_k"] == k
        assert stepview_args(at, FWD_VIEW)["current"] == str(k)


def test_server_stepper_walks_through_the_layers_while_predicting():
    at = open_page("forward", state={"predict_first": True})
    no_errors(at)
    assert at.session_state["fwd_k"] == 0
    assert not at.get("component_instance")  # the server steps: no in-browser stepper
    assert at.button(key="fwd_k_prev").disabled
    at.button(key="fwd_k_next").click().run()
    assert at.session_state["fwd_k"] == 1
    at.button(key="fwd_k_last").click().run()
    assert at.session_state["fwd_k"] == 2
    assert at.button(key="fwd_k_next").disabled
    at.button(key="fwd_k_first").click().run()
    assert at.session_state["fwd_k"] == 0
    (slider,) = at.get("select_slider")
    slider.set_value(2).run()
    assert at.session_state["fwd_k"] == 2
    no_errors(at)


def test_equation_card_has_the_worked_numbers():
    at = open_page("forward")
    z1, a1, z2, a2, _ = worked_pass()
    assert abs(z1[0] - 0.3775) < 1e-12  # 0.15·0.05 + 0.20·0.10 + 0.35
    assert abs(z1[1] - 0.3925) < 1e-12  # 0.25·0.05 + 0.30·0.10 + 0.35
    card0 = step_latex(at, FWD_VIEW, 1, option=0)
    assert "0.3775" in card0 and f"{a1[0]:.4g}" in card0
    assert "0.3925" not in card0  # neuron 1's number is in neuron 1's card only
    card1 = step_latex(at, FWD_VIEW, 1, option=1)
    assert "0.3925" in card1 and f"{a1[1]:.4g}" in card1 and "0.3775" not in card1
    for i in (0, 1):  # layer 2 from a⁽¹⁾, not from x
        card = step_latex(at, FWD_VIEW, 2, option=i)
        assert f"{z2[i]:.4g}" in card and f"{a2[i]:.4g}" in card
    # picking neuron 1 in the browser tells the server (links and the diagram follow)
    report_step(at, FWD_VIEW, 1, choices={"1": 1})
    no_errors(at)
    assert at.session_state["fwd_i_1"] == 1
    assert stepview_args(at, FWD_VIEW)["choices"]["1"] == 1


def test_last_step_shows_output_target_and_error():
    at = open_page("forward")
    report_step(at, FWD_VIEW, 2)
    no_errors(at)
    E = worked_pass()[4]
    assert abs(E - 0.298371) < 1e-6  # the classic worked example's total error
    assert f"{E:.6g}" in step_html(at, FWD_VIEW, 2)
    assert f"{E:.6g}" not in step_html(at, FWD_VIEW, 1)  # E belongs to the last step
    shown = step_charts(at, FWD_VIEW, 2)
    assert {"layer", "diagram", "output"} <= set(shown)  # heatmaps, diagram, output vs target
    assert shown["output"]["layout"]["title"]["text"].startswith("Output a⁽²⁾ vs target y")


def test_deep_network_steps_without_error():
    net = core.Network.random([2, 8, 8, 8, 1], "relu", "half_squared_error", "he", seed=0)
    data = core.make_dataset("sine", n=30)
    at = open_page("forward", state={"network": net, "X": data.X.repeat(2, axis=1), "Y": data.Y})
    for k in range(1, 5):
        report_step(at, FWD_VIEW, k)
        no_errors(at)
        assert at.session_state["fwd_k"] == k
        assert f"Step k = {k} of 4" in step_html(at, FWD_VIEW)
    at.selectbox(key="fwd_example").set_value(7).run()
    no_errors(at)
    assert "example 7" in step_html(at, FWD_VIEW)


def test_deep_network_server_stepper_while_predicting():
    net = core.Network.random([2, 8, 8, 8, 1], "relu", "half_squared_error", "he", seed=0)
    data = core.make_dataset("sine", n=30)
    state = {"network": net, "X": data.X.repeat(2, axis=1), "Y": data.Y, "predict_first": True}
    at = open_page("forward", state=state)
    for k in range(1, 5):
        at.button(key="fwd_k_next").click().run()
        no_errors(at)
        assert at.session_state["fwd_k"] == k
    at.selectbox(key="fwd_example").set_value(7).run()
    no_errors(at)
    assert charts(at) and not latex_text(at)  # layer 4 waits for the prediction


def test_data_that_does_not_fit_gives_a_message():
    net = core.Network.random([3, 2, 1], "tanh", "half_squared_error", seed=0)
    at = open_page("forward", state={"network": net, "X": [[0.1, 0.2]], "Y": [[0.0]]})
    assert at.error and "Build" in at.error[0].value
    assert network(at) is net

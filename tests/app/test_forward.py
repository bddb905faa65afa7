"""Forward page: the stepper, the equation card's numbers, the output and E at the last step."""

import math

from app_helpers import charts, latex_text, network, no_errors, open_page

import core


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def test_stepper_walks_through_the_layers():
    at = open_page("forward")
    no_errors(at)
    assert at.session_state["fwd_k"] == 0
    assert at.button(key="fwd_k_prev").disabled
    at.button(key="fwd_k_next").click().run()
    assert at.session_state["fwd_k"] == 1
    at.button(key="fwd_k_last").click().run()
    assert at.session_state["fwd_k"] == 2
    assert at.button(key="fwd_k_next").disabled
    at.button(key="fwd_k_first").click().run()
    assert at.session_state["fwd_k"] == 0
    at.select_slider(key="fwd_k").set_value(2).run()
    assert at.session_state["fwd_k"] == 2
    no_errors(at)


def test_equation_card_has_the_worked_numbers():
    at = open_page("forward")
    at.button(key="fwd_k_next").click().run()
    text = latex_text(at)
    # z₀⁽¹⁾ = 0.15·0.05 + 0.20·0.10 + 0.35 = 0.3775, a = σ(0.3775) = 0.5933
    assert "0.3775" in text
    assert f"{sigmoid(0.3775):.4g}" in text
    at.selectbox(key="fwd_i_1").set_value(1).run()
    z = 0.25 * 0.05 + 0.30 * 0.10 + 0.35
    assert f"{z:.4g}" in latex_text(at)


def test_last_step_shows_output_target_and_error():
    at = open_page("forward")
    at.button(key="fwd_k_last").click().run()
    no_errors(at)
    assert any("0.2984" in m.value or "0.298371" in m.value for m in at.markdown)
    assert len(charts(at)) >= 3  # layer heatmaps, diagram, output vs target


def test_deep_network_steps_without_error():
    net = core.Network.random([2, 8, 8, 8, 1], "relu", "half_squared_error", "he", seed=0)
    data = core.make_dataset("sine", n=30)
    at = open_page("forward", state={"network": net, "X": data.X.repeat(2, axis=1), "Y": data.Y})
    for _ in range(4):
        at.button(key="fwd_k_next").click().run()
        no_errors(at)
    at.selectbox(key="fwd_example").set_value(7).run()
    no_errors(at)


def test_data_that_does_not_fit_gives_a_message():
    net = core.Network.random([3, 2, 1], "tanh", "half_squared_error", seed=0)
    at = open_page("forward", state={"network": net, "X": [[0.1, 0.2]], "Y": [[0.0]]})
    assert at.error and "Build" in at.error[0].value
    assert network(at) is net

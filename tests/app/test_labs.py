"""The lab pages: gradient check (with planted bugs), output layer, train, input gradient."""

import numpy as np
from app_helpers import charts, latex_text, no_errors, open_page

import core

XOR = core.preset("xor")


def _xor_state():
    return {"network": XOR.network, "X": XOR.X, "Y": XOR.Y}


def test_gradient_check_passes_on_the_real_backward():
    at = open_page("gradient_check")
    no_errors(at)
    assert any("PASS" in s.value for s in at.success)
    assert len(charts(at)) == 2


def test_each_planted_bug_fails_the_check():
    net = core.Network.random(
        [2, 3, 3, 1], ["sigmoid", "tanh", "sigmoid"], "half_squared_error", seed=1
    )
    data = core.make_dataset("xor", 8)
    state = {"network": net, "X": data.X, "Y": data.Y}
    for name in core.BUGS:
        at = open_page("gradient_check", state=state)
        at.checkbox(key=f"gc_bug_{name}").check().run()
        assert at.error and "FAIL" in at.error[0].value, name
        assert "backprop says" in at.error[0].value
        at.checkbox(key=f"gc_bug_{name}").uncheck().run()
        assert any("PASS" in s.value for s in at.success), name


def test_a_bug_the_check_cannot_see_is_explained():
    at = open_page("gradient_check")  # the worked example has m = 1: skipping 1/m changes nothing
    at.checkbox(key="gc_bug_skip_mean").check().run()
    assert any("single example" in w.value for w in at.warning)


def test_eps_extremes_stay_on_the_page():
    at = open_page("gradient_check")
    # ε = 0.1 is too coarse: the difference quotient misses the derivative and the check says so
    at.select_slider(key="gc_eps").set_value(1e-1).run()
    assert not at.exception
    assert "FAIL" in at.error[0].value
    at.select_slider(key="gc_eps").set_value(1e-10).run()
    assert not at.exception


def test_output_lab_derives_a_minus_y_for_softmax_cross_entropy():
    p = core.preset("spiral")
    at = open_page("output_lab", state={"network": p.network, "X": p.X[:5], "Y": p.Y[:5]})
    no_errors(at)
    text = latex_text(at)
    assert "J_{pq}" in text and "a_q - y_q" in text
    curves = [c for c in charts(at) if c["data"] and c["data"][0].get("mode") == "lines"]
    assert len(curves[0]["data"]) >= 5


def test_output_lab_sigmoid_squared_error_keeps_the_factor():
    at = open_page("output_lab")
    at.selectbox(key="lab_pair").set_value("sigmoid + squared error").run()
    no_errors(at)
    assert at.warning and "saturates" in at.warning[0].value


def test_output_lab_every_pairing_renders():
    at = open_page("output_lab")
    options = at.selectbox(key="lab_pair").options
    assert len(options) == 10  # 3 + 2 + 2 + 3 valid pairs for sigmoid/tanh/linear/softmax
    for index in range(len(options)):
        at.selectbox(key="lab_pair").select_index(index).run()
        no_errors(at)


def test_step_one_epoch_changes_the_shared_network():
    at = open_page("train", state=_xor_state())
    before = at.session_state["network"]
    at.button(key="tr_step").click().run()
    no_errors(at)
    assert at.session_state["network"] is not before
    assert len(at.session_state["train"]["loss"]) == 1


def test_play_trains_and_reset_restores():
    at = open_page("train", state=_xor_state())
    start = at.session_state["network"]
    at.number_input(key="tr_eta").set_value(0.05).run()
    at.number_input(key="tr_epochs").set_value(100_000).run()
    at.button(key="tr_play").click().run()
    for _ in range(5):  # each rerun of the fragment trains one chunk
        at.run()
    no_errors(at)
    losses = at.session_state["train"]["loss"]
    assert len(losses) > 5 and losses[-1] < losses[0]
    at.button(key="tr_pause").click().run()
    assert not at.session_state["train"]["playing"]
    at.button(key="tr_reset").click().run()
    assert at.session_state["network"] is start


def test_divergence_is_reported_and_the_last_good_network_kept():
    p = core.preset("sine")
    at = open_page("train", state={"network": p.network, "X": p.X, "Y": p.Y})
    at.selectbox(key="tr_opt").set_value("sgd").run()
    at.number_input(key="tr_eta").set_value(10.0).run()
    at.button(key="tr_play").click().run()
    for _ in range(20):
        at.run()
        if not at.session_state["train"]["playing"]:
            break
    assert "diverged" in at.session_state["train"]["message"]
    net = at.session_state["network"]
    assert all(np.isfinite(w).all() for w in net.weights)
    assert any("diverged" in e.value for e in at.error)


def test_train_on_a_dataset_with_a_test_split():
    p = core.preset("spiral")
    at = open_page("train", state={"network": p.network, "X": p.X, "Y": p.Y})
    at.selectbox(key="tr_ds").set_value("spiral").run()
    at.number_input(key="tr_n").set_value(200).run()
    at.button(key="tr_use").click().run()
    no_errors(at)
    at.button(key="tr_step").click().run()
    t = at.session_state["train"]
    assert len(t["test_loss"]) == 1 and len(t["acc"]) == 1
    assert len(np.asarray(at.session_state["X"])) == 160


def test_input_gradient_page_draws_field_and_path():
    at = open_page("input_gradient", state=_xor_state())
    no_errors(at)
    assert len(charts(at)) == 2
    at.radio(key="ig_what").set_value("∂aᶜ/∂x of one output").run()
    no_errors(at)


def test_input_gradient_for_one_input_network():
    p = core.preset("sine")
    at = open_page("input_gradient", state={"network": p.network, "X": p.X, "Y": p.Y})
    no_errors(at)
    assert at.info  # the plane views need two inputs

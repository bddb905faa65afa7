"""The lab pages: gradient check (with planted bugs), output layer, train, input gradient."""

import numpy as np
from app_helpers import charts, data, latex_text, network, no_errors, open_page

import core
from ui import training

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
    # every valid pair (relu and leaky ReLU outputs included: their derivation was missing)
    assert len(options) == len(core.valid_pairs()) == 14
    for index in range(len(options)):
        at.selectbox(key="lab_pair").select_index(index).run()
        no_errors(at)


def _run(at):
    return at.session_state[training.RUN_KEY]


def test_step_one_epoch_changes_the_shared_network():
    at = open_page("train", state=_xor_state())
    before = network(at)
    at.button(key="tr_step").click().run()
    no_errors(at)
    assert network(at) is not before
    assert _run(at).epochs == 1
    assert at.metric[0].value == "1"  # the Epoch metric shows the step just taken


def test_play_trains_and_reset_restores():
    at = open_page("train", state=_xor_state())
    start = network(at)
    at.number_input(key="tr_eta").set_value(0.05).run()
    at.number_input(key="tr_epochs").set_value(50_000).run()
    at.button(key="tr_play").click().run()
    for _ in range(5):  # each rerun of the fragment trains one chunk
        at.run()
    no_errors(at)
    losses = _run(at).loss
    assert len(losses) > 5 and losses[-1] < losses[0]
    at.button(key="tr_pause").click().run()
    assert not _run(at).playing
    at.button(key="tr_reset").click().run()
    assert network(at) is start
    assert _run(at).epochs == 0


def test_divergence_is_reported_and_the_last_good_network_kept():
    p = core.preset("sine")
    at = open_page("train", state={"network": p.network, "X": p.X, "Y": p.Y})
    at.selectbox(key="tr_opt").set_value("sgd").run()
    at.number_input(key="tr_eta").set_value(10.0).run()
    at.button(key="tr_play").click().run()
    for _ in range(20):
        at.run()
        if not _run(at).playing:
            break
    assert _run(at).diverged and _run(at).done
    net = network(at)
    assert all(np.isfinite(w).all() for w in net.weights)
    assert any("diverged" in e.value for e in at.error)


def test_reaching_the_target_error_is_news_not_an_error():
    at = open_page("train", state=_xor_state())
    at.number_input(key="tr_eta").set_value(0.05).run()
    at.number_input(key="tr_target").set_value(100.0).run()  # E ≤ 100 after the first epoch
    at.button(key="tr_play").click().run()
    for _ in range(5):
        if not _run(at).playing:
            break
        at.run()
    run = _run(at)
    assert run.done and not run.diverged and run.epochs == 1
    no_errors(at)
    assert any("target" in i.value for i in at.info)


def test_a_change_of_network_elsewhere_starts_a_new_run():
    at = open_page("train", state=_xor_state())
    at.button(key="tr_step").click().run()
    assert _run(at).epochs == 1
    at.switch_page("app_pages/build.py").run()
    at.button(key="load_preset").click().run()  # a new network: the old run cannot be resumed
    at.switch_page("app_pages/train.py").run()
    no_errors(at)
    assert _run(at).epochs == 0 and _run(at).start_net is None


def test_train_on_a_dataset_with_a_test_split():
    p = core.preset("spiral")
    at = open_page("train", state={"network": p.network, "X": p.X, "Y": p.Y})
    at.selectbox(key="tr_ds").set_value("spiral").run()
    at.number_input(key="tr_n").set_value(200).run()
    at.button(key="tr_use").click().run()
    no_errors(at)
    at.button(key="tr_step").click().run()
    run = _run(at)
    assert len(run.test_loss) == 1 and len(run.acc) == 1 and len(run.test_acc) == 1
    assert len(data(at)[0]) == 160  # 200 examples, test fraction 0.2
    assert any("testing on 40" in c.value for c in at.caption)


def test_data_that_does_not_fit_is_explained_not_trained():
    p = core.preset("spiral")  # 2 inputs, 3 classes; the xor data has 1 target per example
    at = open_page("train", state={"network": p.network, "X": XOR.X, "Y": XOR.Y})
    assert not at.exception
    assert at.error and "Architecture" in at.error[0].value
    assert "tr_step" not in [b.key for b in at.button]  # nothing to train until it fits


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

"""The live training run in a real script run: what it records per epoch (checked against a
plain numpy forward pass written from the notation), where it stops, what Reset restores, and
which data it trains on."""

import time
from dataclasses import replace

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import core
from ui import training
from ui.training_gate import Gate
from ui.training_worker import Worker

XOR = core.preset("xor")  # tanh hidden layer, sigmoid output, binary cross-entropy
TRAIN = core.Dataset("xor", XOR.X, XOR.Y, "binary")
TEST = core.Dataset(
    "held out",
    np.array([[0.2, 0.9], [0.8, 0.1], [0.9, 0.9], [0.1, 0.2], [0.6, 0.5]]),
    np.array([[1.0], [1.0], [0.0], [0.0], [1.0]]),
    "binary",
)
OTHER_X, OTHER_Y = np.array([[0.3, 0.3], [0.7, 0.2]]), np.array([[0.0], [1.0]])
SETTINGS = training.Settings(
    optimizer="sgd",
    learning_rate=0.5,
    batch_size=4,  # the whole batch: an epoch's E is E of the network it started from
    l2=0.0,
    max_epochs=3,
    target_loss=None,
)


def _outputs(net, X):
    """a⁽ᴸ⁾ by z⁽ᵏ⁾ = θ⁽ᵏ⁾ a⁽ᵏ⁻¹⁾ + b⁽ᵏ⁾ (rows are examples), for this tanh → sigmoid net."""
    g = {"tanh": np.tanh, "sigmoid": lambda z: 1 / (1 + np.exp(-z))}
    a = np.asarray(X, float)
    for k in range(1, net.L + 1):
        a = g[net.activations[k]](a @ np.asarray(net.weights[k]).T + net.biases[k])
    return a


def _E(net, data):
    """Binary cross-entropy, the mean over examples of −Σⱼ [yⱼ log aⱼ + (1 − yⱼ) log(1 − aⱼ)]."""
    a, y = _outputs(net, data.X), data.Y
    return float(np.mean(-(y * np.log(a) + (1 - y) * np.log(1 - a)).sum(axis=1)))


def _accuracy(net, data):
    return float(np.mean((_outputs(net, data.X)[:, 0] >= 0.5) == (data.Y[:, 0] >= 0.5)))


PLAY = replace(SETTINGS, max_epochs=50)  # room for two chunks of several epochs
TARGET = replace(SETTINGS, target_loss=100.0)  # binary cross-entropy of XOR is far below 100


def _script(train, test, settings, other_x, other_y, play, target):
    import streamlit as st

    from ui import state, training

    if "loaded" not in st.session_state:
        state.load_preset("xor")
        training.use_sets(state.network(), train, test, note="xor with a held-out set")
        st.session_state["loaded"] = True

    def other_data():
        state.set_network(state.network(), other_x, other_y, note="other")

    def relabel():
        X, Y = state.data()
        state.set_network(state.network(), X, 1 - Y, note="relabelled")

    st.button("Step", key="step", on_click=training.run_chunk, args=(settings, 1))
    st.button("Step on", key="step_on", on_click=training.run_chunk, args=(play, 1))
    st.button("Reset", key="reset", on_click=training.reset)
    st.button("Other data", key="other", on_click=other_data)
    st.button("Relabel", key="relabel", on_click=relabel)
    st.button("Play", key="play", on_click=training.run_chunk, args=(play,))
    st.button("Target", key="target", on_click=training.run_chunk, args=(target, 1))
    st.button(
        "Held out",
        key="held_out",
        on_click=training.use_sets,
        args=(state.network(), test, None, "train on the held-out set"),
    )
    st.session_state["seen"] = (training.run(), state.network(), training.training_sets())
    st.session_state["data"] = state.data()


def _app() -> AppTest:
    args = (TRAIN, TEST, SETTINGS, OTHER_X, OTHER_Y, PLAY, TARGET)
    return AppTest.from_function(_script, args=args, default_timeout=30).run()


def test_each_step_records_train_and_test_numbers_of_the_right_network():
    at = _app()
    nets = [at.session_state["seen"][1]]
    for _ in range(2):
        at.button(key="step").click().run()
        nets.append(at.session_state["seen"][1])
    run = at.session_state["seen"][0]
    assert run.epochs == 2 and nets[1] is not nets[0] and nets[2] is not nets[1]
    # E of an epoch: the full batch, on the network the epoch started from
    assert run.loss == pytest.approx([_E(nets[0], TRAIN), _E(nets[1], TRAIN)], rel=1e-9)
    # test E and both accuracies: measured after each stepped epoch, each on its own set
    assert run.sampled == [1, 2]
    assert run.test_loss == pytest.approx([_E(nets[1], TEST), _E(nets[2], TEST)], rel=1e-9)
    assert run.acc == [_accuracy(nets[1], TRAIN), _accuracy(nets[2], TRAIN)]
    assert run.test_acc == [_accuracy(nets[1], TEST), _accuracy(nets[2], TEST)]
    assert len(run.delta_norm) == len(run.grad_norm) == 2
    assert all(len(per_layer) == XOR.network.L for per_layer in run.grad_norm)
    # kept as tuples, which the garbage collector stops walking (a long run holds 100,000)
    assert all(type(per_layer) is tuple for per_layer in (*run.delta_norm, *run.grad_norm))


def test_a_played_chunk_measures_the_test_numbers_every_tenth_epoch():
    played = training.Run(epochs_per_chunk=25)
    training.advance(played, XOR.network, TRAIN, TEST, PLAY, gate=Gate())
    assert played.epochs == 25 and played.sampled == [10, 20]
    nets = {}  # the network after epoch e, by stepping the same run's settings e epochs
    for e in (10, 20):
        nets[e], _ = training.advance(
            training.Run(), XOR.network, TRAIN, TEST, PLAY, e, None, Gate()
        )
    assert played.test_loss == pytest.approx([_E(nets[e], TEST) for e in (10, 20)], rel=1e-9)
    assert played.acc == [_accuracy(nets[e], TRAIN) for e in (10, 20)]
    assert played.test_acc == [_accuracy(nets[e], TEST) for e in (10, 20)]
    assert len(played.loss) == len(played.delta_norm) == 25  # train E: every epoch


def test_the_run_stops_at_max_epochs_and_reset_restores_the_start():
    at = _app()
    start = at.session_state["seen"][1]
    for _ in range(SETTINGS.max_epochs):
        at.button(key="step").click().run()
    assert at.session_state["seen"][0].done  # finished with the last epoch, not one click later
    at.button(key="step").click().run()
    run = at.session_state["seen"][0]
    assert run.epochs == SETTINGS.max_epochs
    assert run.done and not run.playing and not run.diverged
    assert run.message == f"Reached {SETTINGS.max_epochs} epochs."
    assert run.start_net is start
    at.button(key="reset").click().run()
    run, net, _ = at.session_state["seen"]
    assert net is start and run.epochs == 0 and run.start_net is None and not run.done


def test_new_targets_for_the_same_inputs_are_new_data():
    at = _app()
    at.button(key="relabel").click().run()
    _, _, (train, test) = at.session_state["seen"]
    assert test is None and train.name == "current"
    np.testing.assert_array_equal(train.Y, 1 - TRAIN.Y)


def test_the_picked_sets_are_used_until_the_shared_data_changes():
    at = _app()
    _, _, (train, test) = at.session_state["seen"]
    assert train is TRAIN and test is TEST
    at.button(key="step").click().run()
    at.button(key="other").click().run()  # the Build page loads other data, say
    run, _, (train, test) = at.session_state["seen"]
    assert test is None and train.name == "current" and train.task == "binary"
    np.testing.assert_array_equal(train.X, OTHER_X)
    np.testing.assert_array_equal(train.Y, OTHER_Y)
    assert run.epochs == 0  # a new network state: the old run does not carry on
    at.button(key="step").click().run()
    assert at.session_state["seen"][0].test_loss == []  # no test set, no test numbers


@pytest.mark.parametrize(
    ("Y", "task"),
    [
        ([[0.0], [1.0], [1.0]], "binary"),
        ([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], "multiclass"),
        ([[0.0], [0.5]], "regression"),  # not labels
        ([[1.0, 1.0], [0.0, 1.0]], "regression"),  # 0/1, but a row is not one-hot
        ([[0.0, 0.0]], "regression"),
    ],
)
def test_the_task_is_read_from_the_targets(Y, task):
    assert training.task_of(np.array(Y)) == task


@pytest.mark.parametrize(
    ("drawn", "aim"),
    [(None, training.CHUNK_SECONDS), (10.0, training.MAX_CHUNK_SECONDS)],
)
def test_a_played_chunk_aims_the_next_one_at_the_drawing_time_within_the_bounds(drawn, aim):
    # drawn: seconds since the last played chunk ended (None: the first chunk after Play)
    r = training.Run()
    if drawn is not None:
        r.chunk_ended = time.perf_counter() - drawn
    first = r.epochs_per_chunk
    net, _ = training.advance(r, XOR.network, TRAIN, TEST, PLAY, gate=Gate())
    assert r.epochs == first and r.rate > 0 and net is not XOR.network
    assert r.chunk_seconds == aim
    # epochs per second × the aimed seconds, whole, at least 1 and at most 2000
    assert r.epochs_per_chunk == int(min(max(r.rate * aim, 1), 2000))
    assert len(r.clock) == 1 and r.clock[0][1] == first


def test_while_others_wait_for_the_gate_the_next_chunk_is_the_shortest():
    class Busy(Gate):
        def _enter(self, wait):
            super()._enter(wait)
            self.waiting = 3  # three trainers queued behind this one

    r = training.Run()
    r.chunk_ended = time.perf_counter() - 10.0  # drawing took long: alone, the longest chunk
    training.advance(r, XOR.network, TRAIN, TEST, PLAY, gate=Busy(sleep=lambda s: None))
    assert r.chunk_seconds == training.CHUNK_SECONDS


def test_time_given_way_to_other_users_is_not_training_time():
    class Yielding(Gate):
        def give_way(self):
            return 1.0  # each epoch waited a second for a student's step

    here = Worker()
    here.failed = True  # computed in this process, where a chunk gives way between epochs
    r = training.Run()
    _, seconds = training.advance(
        r, XOR.network, TRAIN, TEST, PLAY, 3, gate=Yielding(), worker=here
    )
    assert 0 < seconds < 0.5  # three epochs computed, not three seconds
    assert r.rate > 3 / 0.5


def test_a_chunk_computes_inside_the_gate_and_leaves_it_resting():
    gate = Gate(duty=0.5, sleep=lambda s: None)
    r = training.Run()
    _, seconds = training.advance(r, XOR.network, TRAIN, TEST, PLAY, gate=gate)
    assert r.epochs == training.Run().epochs_per_chunk
    # the gate rests as long as the chunk computed (duty ½), counted from the chunk's end
    assert gate.open_at >= r.chunk_ended - 1e-3 + seconds * 0.99


def test_reaching_the_target_error_ends_the_run_and_says_so():
    at = _app()
    at.button(key="target").click().run()
    run = at.session_state["seen"][0]
    assert not at.exception and run.epochs == 1
    assert run.done and not run.playing and not run.diverged
    assert run.message == "Reached the target error 100 after epoch 1."


def test_use_sets_makes_the_training_set_the_shared_data():
    at = _app()
    at.button(key="held_out").click().run()
    X, Y = at.session_state["data"]
    np.testing.assert_array_equal(X, TEST.X)
    np.testing.assert_array_equal(Y, TEST.Y)
    assert at.session_state["seen"][2] == (TEST, None)


def test_the_charts_give_way_only_within_a_turn(monkeypatch):
    class Spy(Gate):
        def give_way(self):
            asked.append("give way")
            return 0.0

    asked = []
    gate = Spy(sleep=lambda s: None)
    monkeypatch.setattr(training, "GATE", gate)
    training.give_way()  # the page's own rerun, not playing: nothing to give way from
    assert asked == []
    with gate.turn():  # a played refresh: its charts are drawn in the turn
        training.give_way()
    assert asked == ["give way"]

"""One chunk of live training (ui/training_chunk.py), in this process, against second opinions
from core: the network at a measured epoch is the one core.train reaches in that many epochs,
and the numbers measured there are core's forward pass and accuracy on it."""

import numpy as np
import pytest

import core
from ui import training_chunk

SPIRAL = core.make_dataset("spiral", n=60, classes=2, seed=0)
BINARY = core.Dataset("spiral", SPIRAL.X, SPIRAL.Y[:, :1].copy(), "binary")
TRAIN, TEST = core.train_test_split(BINARY, test_fraction=0.5, seed=0)
NET = core.Network.random([2, 5, 1], ["tanh", "sigmoid"], "binary_cross_entropy", seed=2)
ARGS = {"learning_rate": 0.3, "batch_size": 8, "optimizer": "adam", "seed": 4}

SINE = core.make_dataset("sine", n=40, seed=0)
FIT_TRAIN, FIT_TEST = core.train_test_split(SINE, test_fraction=0.25, seed=0)
FIT_NET = core.Network.random([1, 4, 1], ["tanh", "linear"], "squared_error", seed=1)


def after(net, data, epochs, args=ARGS):
    """The network core.train reaches from `net` in `epochs` epochs."""
    return core.train(net, data.X, data.Y, epochs=epochs, **args)[0]


def test_the_measured_epochs_carry_core_s_numbers_for_the_network_there():
    chunk = training_chunk.compute(NET, TRAIN, TEST, epochs=7, sample_every=3, train_args=ARGS)
    assert chunk.sampled == [3, 6] and chunk.history.epochs == 7
    there = [after(NET, TRAIN, e) for e in (3, 6)]
    assert chunk.test_loss == [core.forward(n, TEST.X, TEST.Y).loss for n in there]
    assert chunk.test_acc == [core.accuracy(n, TEST.X, TEST.Y) for n in there]
    assert chunk.acc == [core.accuracy(n, TRAIN.X, TRAIN.Y) for n in there]
    assert len(set(chunk.acc + chunk.test_acc)) > 1  # the numbers differ: a swap would show
    final = after(NET, TRAIN, 7)
    for a, b in zip(chunk.net.weights, final.weights):
        np.testing.assert_array_equal(a, b)
    assert chunk.waited == 0.0


def test_a_regression_chunk_measures_test_e_and_no_accuracy():
    args = {"learning_rate": 0.05, "batch_size": 10, "optimizer": "sgd", "seed": 0}
    chunk = training_chunk.compute(
        FIT_NET, FIT_TRAIN, FIT_TEST, epochs=4, sample_every=2, train_args=args
    )
    assert FIT_TRAIN.task == "regression"
    assert chunk.sampled == [2, 4] and chunk.acc == [] and chunk.test_acc == []
    there = [after(FIT_NET, FIT_TRAIN, e, args) for e in (2, 4)]
    assert chunk.test_loss == [core.forward(n, FIT_TEST.X, FIT_TEST.Y).loss for n in there]


def test_without_a_test_set_only_the_training_accuracy_is_measured():
    chunk = training_chunk.compute(NET, TRAIN, None, epochs=2, sample_every=1, train_args=ARGS)
    assert chunk.sampled == [1, 2] and chunk.test_loss == [] and chunk.test_acc == []
    assert chunk.acc == [core.accuracy(after(NET, TRAIN, e), TRAIN.X, TRAIN.Y) for e in (1, 2)]


def test_a_resumed_chunk_goes_on_where_the_last_one_stopped():
    first = training_chunk.compute(NET, TRAIN, TEST, epochs=4, sample_every=5, train_args=ARGS)
    assert first.sampled == []
    second = training_chunk.compute(
        first.net,
        TRAIN,
        TEST,
        epochs=3,
        sample_every=5,
        train_args=ARGS,
        resume=first.history.state,
    )
    assert second.sampled == [5]  # the epochs count on across the chunks
    whole = after(NET, TRAIN, 7)
    for a, b in zip((*second.net.weights, *second.net.biases), (*whole.weights, *whole.biases)):
        np.testing.assert_array_equal(a, b)  # Adam's moments and the shuffling went on too
    assert second.test_loss == [core.forward(after(NET, TRAIN, 5), TEST.X, TEST.Y).loss]


def test_giving_way_is_counted_as_waiting_once_per_epoch():
    waits = []

    def give_way():
        waits.append(1)
        return 0.25

    chunk = training_chunk.compute(
        NET, TRAIN, TEST, epochs=3, sample_every=10, train_args=ARGS, give_way=give_way
    )
    assert len(waits) == 3 and chunk.waited == pytest.approx(0.75)

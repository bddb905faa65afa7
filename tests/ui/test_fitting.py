"""Data that fits a network: shapes (m × n⁽⁰⁾ inputs, m × n⁽ᴸ⁾ targets, the same m) and targets
the loss accepts; the default example is one such example (m = 1), stated per loss."""

import numpy as np
import pytest

import core
from ui.fitting import default_example, describe_mismatch, fits


def net(sizes, activations, loss):
    return core.Network.random(sizes, activations, loss, seed=0)


# m = 4 examples, n⁽ᴸ⁾ = 2 outputs, n⁽⁰⁾ = 3 inputs: no two of m, n⁽⁰⁾, n⁽ᴸ⁾ are equal, so a
# swapped axis cannot pass by accident.
NET = net([3, 5, 2], ["tanh", "linear"], "squared_error")
X, Y = np.zeros((4, 3)), np.zeros((4, 2))


def test_data_of_the_right_shape_fits():
    assert fits(NET, X, Y)
    assert fits(NET, X[:1], Y[:1])  # one example
    assert fits(NET, X[0], Y[0])  # one example as vectors


@pytest.mark.parametrize(
    "X, Y",
    [
        (np.zeros((4, 2)), np.zeros((4, 2))),  # n⁽⁰⁾ wrong
        (np.zeros((4, 3)), np.zeros((4, 3))),  # n⁽ᴸ⁾ wrong
        (np.zeros((4, 3)), np.zeros((3, 2))),  # m differs
        (np.zeros((2, 3)), np.zeros((4, 2))),  # m differs, X has n⁽ᴸ⁾ rows
        (np.zeros((3, 2)), np.zeros((3, 2))),  # X transposed-ish: n⁽⁰⁾ = 2 is wrong
    ],
)
def test_data_of_another_shape_does_not_fit(X, Y):
    assert not fits(NET, X, Y)


def test_targets_the_loss_refuses_do_not_fit():
    bce = net([2, 3, 1], ["tanh", "sigmoid"], "binary_cross_entropy")
    x = np.zeros((3, 2))
    assert fits(bce, x, np.array([[0.0], [1.0], [0.5]]))
    assert not fits(bce, x, np.array([[0.0], [1.0], [2.0]]))  # BCE needs 0 ≤ y ≤ 1


@pytest.mark.parametrize(
    "sizes, activations, loss, y",
    [
        ([3, 4, 5], ["tanh", "softmax"], "cross_entropy", [1, 0, 0, 0, 0]),  # class 0, one-hot
        ([3, 4, 2], ["tanh", "sigmoid"], "binary_cross_entropy", [1, 1]),  # every y = 1
        ([3, 4, 2], ["tanh", "linear"], "squared_error", [0.5, 0.5]),
        ([1, 2], ["sigmoid"], "half_squared_error", [0.5, 0.5]),
    ],
)
def test_the_default_example_is_one_example_the_loss_accepts(sizes, activations, loss, y):
    network = net(sizes, activations, loss)
    x_default, y_default = default_example(network)
    assert x_default.shape == (1, sizes[0]) and np.all(x_default == 0.5)
    assert y_default.shape == (1, sizes[-1])
    assert np.array_equal(y_default, [y])
    assert fits(network, x_default, y_default)


def test_describe_mismatch_is_none_for_data_that_fits():
    assert describe_mismatch(NET, core.Dataset("zeros", X, Y, "regression")) is None


@pytest.mark.parametrize(
    "n_in, n_out",
    [(2, 2), (3, 3), (5, 2), (2, 3)],  # n⁽⁰⁾ wrong, n⁽ᴸ⁾ wrong, the hidden size 5, swapped
)
def test_describe_mismatch_says_both_shapes(n_in, n_out):
    data = core.Dataset("moons", np.zeros((4, n_in)), np.zeros((4, n_out)), "regression")
    assert describe_mismatch(NET, data) == (
        f"The moons data has {n_in} input(s) and {n_out} target(s) per example, but the "
        "network has n⁽⁰⁾ = 3 inputs and n⁽ᴸ⁾ = 2 outputs. Set them in *Architecture* first "
        "(and build), then use this data."
    )


def test_describe_mismatch_names_the_loss_that_refuses_the_targets():
    bce = net([2, 3, 1], ["tanh", "sigmoid"], "binary_cross_entropy")
    bad = core.Dataset("scores", np.zeros((3, 2)), np.array([[0.0], [1.0], [2.0]]), "regression")
    text = describe_mismatch(bce, bad)
    assert text.startswith("The scores targets do not suit the loss binary cross-entropy: ")
    assert "between 0 and 1" in text
    ok = core.Dataset("labels", np.zeros((3, 2)), np.array([[0.0], [1.0], [0.5]]), "regression")
    assert describe_mismatch(bce, ok) is None

"""Immutability, layer indexing by k, and stability for large |z|."""

import numpy as np
import pytest

import core


def test_networks_are_immutable():
    net = core.Network.random([2, 3, 1], "tanh", "half_squared_error", seed=0)
    with pytest.raises(ValueError):
        net.weights[1][0, 0] = 5.0
    with pytest.raises(AttributeError):
        net.loss = "squared_error"
    new = net.with_weight(1, 0, 0, 5.0)
    assert new.weights[1][0, 0] == 5.0 and net.weights[1][0, 0] != 5.0
    assert new.with_bias(2, 0, 1.5).biases[2][0] == 1.5 and new.biases[2][0] == 0.0


def test_arrays_given_by_the_caller_are_copied():
    theta = np.array([[0.1, 0.2]])
    net = core.Network.from_layers([theta], [[0.0]], ["linear"], "half_squared_error")
    theta[0, 0] = 9.0
    assert net.weights[1][0, 0] == 0.1


def test_traces_are_indexed_by_layer_number():
    p = core.preset()
    fwd = core.forward(p.network, p.X, p.Y)
    bwd = core.backward(p.network, fwd, p.Y)
    assert fwd.a[0] is fwd.X and fwd.a.keys() == range(0, 3)
    assert fwd.z.keys() == range(1, 3) and bwd.delta.keys() == range(1, 3)
    for bad in (
        lambda: fwd.z[0],
        lambda: bwd.delta[3],
        lambda: fwd.a[-1],
        lambda: p.network.weights[0],
    ):
        with pytest.raises(IndexError):
            bad()
    with pytest.raises(TypeError):
        fwd.a[1.0]
    assert p.network.L == 2 and p.network.sizes == (2, 2, 2)


@pytest.mark.parametrize(
    "g_out,loss,y",
    [
        ("sigmoid", "binary_cross_entropy", [[0.0]]),
        ("sigmoid", "squared_error", [[0.0]]),
        ("softmax", "cross_entropy", [[0.0, 1.0]]),
        ("tanh", "half_squared_error", [[-1.0]]),
    ],
)
def test_huge_pre_activations_stay_finite_without_warnings(g_out, loss, y):
    n_out = len(y[0])
    for sign in (1.0, -1.0):
        net = core.Network.from_layers(
            [[[sign * 800.0]] * n_out if g_out != "softmax" else [[sign * 800.0], [-sign * 800.0]]],
            [[0.0] * n_out],
            [g_out],
            loss,
        )
        fwd = core.forward(net, [[1.0]], y)
        bwd = core.backward(net, fwd, y)
        assert np.isfinite(fwd.loss) and np.isfinite(bwd.grad_weights[1]).all()


def test_bce_with_saturated_wrong_output_is_exact():
    net = core.Network.from_layers([[[800.0]]], [[0.0]], ["sigmoid"], "binary_cross_entropy")
    fwd = core.forward(net, [[1.0]], [[0.0]])
    assert fwd.loss == pytest.approx(800.0)
    assert core.backward(net, fwd, [[0.0]]).delta[1][0, 0] == pytest.approx(1.0)


def test_overflowing_weights_raise_instead_of_nan():
    net = core.Network.from_layers(
        [[[1e200, 1e200]], [[1e200]]], [[0.0], [0.0]], ["linear", "linear"], "half_squared_error"
    )
    with pytest.raises(core.CoreError, match="overflow"):
        core.forward(net, [[1e200, 1e200]], [[0.0]])

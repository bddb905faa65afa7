"""Networks are immutable values; traces and parameters are indexed by the layer number k."""

import dataclasses

import numpy as np
import pytest

import core


def arrays_of(net):
    return [np.array(a, copy=True) for a in (*net.weights, *net.biases)]


def same_arrays(net, copies):
    return all(
        a.tobytes() == c.tobytes() and a.shape == c.shape
        for a, c in zip((*net.weights, *net.biases), copies)
    )


@pytest.fixture
def net():
    return core.Network.random([3, 4, 2], ["tanh", "sigmoid"], "half_squared_error", seed=4)


def test_network_arrays_are_read_only(net):
    for k in range(1, net.L + 1):
        for arr in (net.weights[k], net.biases[k], net.weights_T[k]):
            assert not arr.flags.writeable
            with pytest.raises(ValueError):
                arr[0] = 5.0
            with pytest.raises(ValueError):
                arr += 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        net.loss = "squared_error"
    with pytest.raises(dataclasses.FrozenInstanceError):
        net.weights = None
    with pytest.raises(TypeError):
        net.weights[1] = np.zeros((4, 3))  # ByLayer has no item assignment


def test_with_weight_and_with_bias_return_new_networks(net):
    before = arrays_of(net)
    new = net.with_weight(2, 1, 3, 7.5)
    assert new is not net and net.weights[2][1, 3] != 7.5
    assert new.weights[2][1, 3] == 7.5
    expected = np.array(before[1])
    expected[1, 3] = 7.5
    np.testing.assert_array_equal(new.weights[2], expected)  # only that entry changed
    np.testing.assert_array_equal(new.weights[1], before[0])
    newer = new.with_bias(1, 2, -1.25)
    assert newer.biases[1][2] == -1.25 and new.biases[1][2] == 0.0
    assert same_arrays(net, before)
    assert (newer.sizes, list(newer.activations), newer.loss) == (
        net.sizes,
        list(net.activations),
        net.loss,
    )


def test_caller_arrays_are_copied_in(net):
    theta = np.array([[0.1, 0.2]])
    b = np.array([0.0])
    built = core.Network.from_layers([theta], [b], ["linear"], "half_squared_error")
    theta[0, 0], b[0] = 9.0, 9.0
    assert built.weights[1][0, 0] == 0.1 and built.biases[1][0] == 0.0


def test_nothing_in_core_writes_to_a_network_or_the_data(net):
    X = np.random.default_rng(0).normal(size=(5, 3))
    Y = np.random.default_rng(1).uniform(size=(5, 2))
    X0, Y0, before = X.copy(), Y.copy(), arrays_of(net)
    fwd = core.forward(net, X, Y)
    bwd = core.backward(net, fwd, Y)
    core.sgd_step(net, bwd, 0.1)
    core.train(net, X, Y, epochs=3, learning_rate=0.1, optimizer="adam", batch_size=2)
    core.gradient_check(net, X, Y)
    core.explain_delta(net, fwd, bwd, 1, 0, 0)
    core.to_dict(net, X, Y)
    assert same_arrays(net, before)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(Y, Y0)


def test_traces_are_indexed_by_k(net):
    X = np.array([[0.1, -0.2, 0.3], [0.5, 0.0, -1.0]])
    Y = np.array([[0.2, 0.8], [0.6, 0.1]])
    fwd = core.forward(net, X, Y)
    bwd = core.backward(net, fwd, Y)
    L = net.L
    np.testing.assert_array_equal(fwd.a[0], X)
    assert fwd.X is fwd.a[0] and fwd.output is fwd.a[L]
    assert list(fwd.a.keys()) == [0, 1, 2] and list(fwd.z.keys()) == [1, 2]
    for trace in (bwd.delta, bwd.grad_weights, bwd.grad_biases, net.weights, net.biases):
        assert list(trace.keys()) == [1, 2]
    # shapes follow the notation: a⁽ᵏ⁾ is m × n⁽ᵏ⁾, θ⁽ᵏ⁾ is n⁽ᵏ⁾ × n⁽ᵏ⁻¹⁾
    for k in range(1, L + 1):
        assert fwd.z[k].shape == fwd.a[k].shape == bwd.delta[k].shape == (2, net.sizes[k])
        assert bwd.grad_weights[k].shape == net.weights[k].shape == (net.sizes[k], net.sizes[k - 1])
        assert bwd.grad_biases[k].shape == (net.sizes[k],)
    assert bwd.grad_input.shape == X.shape
    for bad in (
        lambda: fwd.z[0],
        lambda: bwd.delta[0],
        lambda: bwd.delta[L + 1],
        lambda: fwd.a[L + 1],
        lambda: fwd.a[-1],  # negative k is refused, not wrapped
        lambda: fwd.z[-1],
        lambda: bwd.delta[-1],
        lambda: bwd.grad_weights[-2],
        lambda: net.weights[0],
        lambda: net.weights[-1],
        lambda: net.activations[0],
    ):
        with pytest.raises(IndexError):
            bad()
    with pytest.raises(TypeError):
        fwd.a[1.0]
    with pytest.raises(TypeError):
        fwd.a[0:2]
    assert fwd.a[np.int64(1)] is fwd.a[1]


def test_layer_numbers_of_a_preset():
    p = core.preset("spiral")
    assert p.network.L == 3 and p.network.sizes == (2, 16, 16, 3)
    assert p.network.n_parameters == 2 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3
    assert list(p.network.activations) == ["relu", "relu", "softmax"]
    assert "sizes=(2, 16, 16, 3)" in repr(p.network)


def test_random_networks_are_seeded():
    a = core.Network.random([2, 5, 3], "tanh", "half_squared_error", init="he", seed=9)
    b = core.Network.random([2, 5, 3], "tanh", "half_squared_error", init="he", seed=9)
    c = core.Network.random([2, 5, 3], "tanh", "half_squared_error", init="he", seed=10)
    assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights))
    assert not np.array_equal(a.weights[1], c.weights[1])
    assert all((bias == 0).all() for bias in a.biases)
    for init in core.INITS:
        net = core.Network.random([3, 4, 2], "tanh", "half_squared_error", init=init, seed=0)
        assert net.weights[1].shape == (4, 3) and net.weights[2].shape == (2, 4)
    zeros = core.Network.random([3, 4], "tanh", "half_squared_error", init="zeros")
    assert not zeros.weights[1].any()
    # Xavier: uniform within ±√(6 / (n_in + n_out))
    wide = core.Network.random([50, 50], "tanh", "half_squared_error", init="xavier", seed=1)
    assert np.abs(wide.weights[1]).max() <= np.sqrt(6 / 100)

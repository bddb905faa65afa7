"""The output-layer lab (δ⁽ᴸ⁾ step by step) and the gradient with respect to the input."""

import numpy as np
import pytest
from core_reference import central_difference, error, grad_a, run
from core_reference import g_prime as g_prime_by_hand

import core


def test_output_step_pieces_are_the_formulas():
    z = np.array([-1.0, 0.25, 1.5])
    for g, loss in core.valid_pairs():
        n = 3 if g == "softmax" else 1
        y = np.array([0.2, 0.7, 0.1]) if g == "softmax" else np.array([0.3])
        step = core.output_step(g, loss, z[:n], y)
        a = step.a
        np.testing.assert_allclose(step.dE_da, grad_a(loss, a, y), rtol=1e-12)
        if g == "softmax":
            J = np.diag(a) - np.outer(a, a)
            np.testing.assert_allclose(step.jacobian, J, rtol=1e-12, atol=1e-17)
            np.testing.assert_allclose(step.delta, J.T @ step.dE_da, rtol=1e-12, atol=1e-17)
            assert step.g_prime is None
        else:
            np.testing.assert_allclose(step.g_prime, g_prime_by_hand(g, z[:n]), rtol=1e-12)
            np.testing.assert_allclose(step.delta, step.dE_da * step.g_prime, rtol=1e-12)
        if (g, loss) in {("sigmoid", "binary_cross_entropy"), ("softmax", "cross_entropy")}:
            assert step.simplified == "a − y"
            np.testing.assert_allclose(step.delta, a - y, atol=1e-15)
        else:
            assert step.simplified == ""


def test_delta_curve_vanishes_for_squared_error_but_not_cross_entropy():
    z = np.array([-12.0])  # output ≈ 0 while the target is 1: badly wrong
    assert abs(core.delta_curve("sigmoid", "squared_error", z, 1.0)[0]) < 1e-4
    assert core.delta_curve("sigmoid", "binary_cross_entropy", z, 1.0)[0] == pytest.approx(
        -1.0, abs=1e-4
    )


@pytest.mark.parametrize("name,neuron", [("spiral", 2), ("xor", 0), ("sine", 0)])
def test_output_gradient_matches_finite_differences(name, neuron):
    """∂a_c⁽ᴸ⁾/∂x: softmax (a Jacobian row), sigmoid and linear outputs."""
    p = core.preset(name)
    net, X = p.network, p.X[:4].copy()
    W, B, acts = list(net.weights), list(net.biases), list(net.activations)
    grads = core.output_gradient(net, X, neuron)
    assert grads.shape == X.shape
    for e in range(len(X)):
        x = X[e].copy()
        numeric = central_difference(lambda x=x: run(W, B, acts, x)[1][-1][neuron], x)
        np.testing.assert_allclose(grads[e], numeric, rtol=1e-5, atol=1e-8)


def test_gradient_ascent_raises_the_chosen_output():
    p = core.preset("xor")
    path = core.ascend_input(p.network, [0.5, 0.5], 0, steps=30, rate=0.5)
    assert path.x.shape == (31, 2) and path.value[-1] > path.value[0]
    assert np.all(np.diff(path.value) > -1e-9)  # small steps only go uphill


def test_gradient_field_is_the_error_gradient_over_the_plane():
    p = core.preset("xor")
    net = p.network
    W, B, acts = list(net.weights), list(net.biases), list(net.activations)
    xs, ys, field = core.gradient_field(net, (0, 1), (-1, 1), 4, y=[1.0])
    assert field.shape == (4, 4, 2)
    for r, c in ((1, 2), (3, 0)):
        x = np.array([xs[c], ys[r]])
        numeric = central_difference(lambda x=x: error(W, B, acts, net.loss, [x], [[1.0]]), x)
        np.testing.assert_allclose(field[r, c], numeric, rtol=1e-5, atol=1e-8)
    with pytest.raises(core.CoreError):
        core.gradient_field(net, (0, 1), (0, 1), 4)  # neither y nor neuron
    with pytest.raises(core.CoreError) as info:
        core.output_gradient(net, [[0.0, 0.0]], 1)
    assert info.value.field == "neuron"

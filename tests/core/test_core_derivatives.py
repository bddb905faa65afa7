"""Each g′ against finite differences of its g, softmax's Jacobian against finite differences,
and each loss's ∇ₐE against finite differences of its value."""

import math

import numpy as np
import pytest
from core_reference import g, matrix, targets
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import core
from core.activations import softmax, softmax_jacobian

ELEMENTWISE = [name for name, act in core.ACTIVATIONS.items() if act.elementwise]
H = 1e-6
AWAY_FROM_KINK = st.floats(-30.0, 30.0).filter(lambda v: abs(v) > 1e-4)  # ReLU's kink at 0


def test_the_activation_table():
    names = ["sigmoid", "tanh", "relu", "leaky_relu", "linear", "softmax"]
    assert sorted(core.ACTIVATIONS) == sorted(names)
    assert sorted(ELEMENTWISE) == sorted(set(core.ACTIVATIONS) - {"softmax"})
    assert core.ACTIVATIONS["softmax"].output_only and core.ACTIVATIONS["softmax"].g_prime is None


@pytest.mark.parametrize("name", ELEMENTWISE)
@settings(max_examples=60, deadline=None)
@given(z=arrays(np.float64, (3, 4), elements=AWAY_FROM_KINK, fill=st.nothing()))
def test_g_prime_matches_finite_differences_of_g(name, z):
    act = core.ACTIVATIONS[name]
    numeric = (act.g(z + H) - act.g(z - H)) / (2 * H)
    np.testing.assert_allclose(act.g_prime(z, act.g(z)), numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_g_is_the_textbook_function(name):
    """g itself, at a few points, by scalar arithmetic."""
    z = np.array([[-3.5, -0.25, 0.5, 2.0]])
    by_hand = {
        "sigmoid": [1 / (1 + math.exp(-v)) for v in z[0]],
        "tanh": [math.tanh(v) for v in z[0]],
        "relu": [0.0, 0.0, 0.5, 2.0],
        "leaky_relu": [-0.035, -0.0025, 0.5, 2.0],
        "linear": list(z[0]),
    }[name]
    assert list(core.ACTIVATIONS[name].g(z)[0]) == pytest.approx(by_hand, rel=1e-14)


def test_relu_derivatives_on_each_side_of_the_kink():
    z = np.array([[-1e-3, 1e-3]])
    relu, leaky = core.ACTIVATIONS["relu"], core.ACTIVATIONS["leaky_relu"]
    assert list(relu.g_prime(z, relu.g(z))[0]) == [0.0, 1.0]
    assert list(leaky.g_prime(z, leaky.g(z))[0]) == [0.01, 1.0]


@settings(max_examples=60, deadline=None)
@given(m=st.integers(1, 4), n=st.integers(1, 5), data=st.data())
def test_softmax_jacobian_matches_finite_differences(m, n, data):
    z = data.draw(matrix((m, n), -20.0, 20.0))
    a = softmax(z)
    J = softmax_jacobian(a)
    assert J.shape == (m, n, n)
    for e in range(m):
        np.testing.assert_allclose(a[e], g("softmax", z[e]), rtol=1e-12, atol=1e-300)
        for q in range(n):
            dz = np.zeros(n)
            dz[q] = H
            column = (g("softmax", z[e] + dz) - g("softmax", z[e] - dz)) / (2 * H)
            np.testing.assert_allclose(J[e, :, q], column, rtol=1e-5, atol=1e-9)


def test_softmax_is_stable_and_normalised():
    a = softmax(np.array([[1000.0, 0.0, -1000.0], [5.0, 5.0, 5.0]]))
    np.testing.assert_array_equal(a[0], [1.0, 0.0, 0.0])
    np.testing.assert_allclose(a[1], [1 / 3] * 3, rtol=1e-15)


@st.composite
def loss_points(draw, name):
    """Outputs in (0, 1), where every loss is smooth, and targets valid for the loss."""
    m, n = draw(st.integers(1, 3)), draw(st.integers(1, 4))
    # a varies entry by entry here (∂E/∂aⱼ is a partial derivative), so it need not sum to 1
    return draw(matrix((m, n), 0.02, 0.98)), draw(targets(name, m, n))


@pytest.mark.parametrize("name", sorted(core.LOSSES))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_grad_a_matches_finite_differences_of_value(name, data):
    loss = core.LOSSES[name]
    a, y = data.draw(loss_points(name))
    value = loss.value(a, y)
    assert value.shape == (a.shape[0],)  # one E per example, not the mean
    numeric = np.zeros_like(a)
    for e, j in np.ndindex(a.shape):
        up, down = a.copy(), a.copy()
        up[e, j] += H
        down[e, j] -= H
        numeric[e, j] = (loss.value(up, y)[e] - loss.value(down, y)[e]) / (2 * H)
    np.testing.assert_allclose(loss.grad_a(a, y), numeric, rtol=1e-5, atol=1e-7)


def test_loss_values_by_hand():
    a, y = np.array([[0.8, 0.3]]), np.array([[1.0, 0.25]])
    by_hand = {
        "squared_error": 0.2**2 + 0.05**2,
        "half_squared_error": 0.5 * (0.2**2 + 0.05**2),
        "binary_cross_entropy": -(math.log(0.8) + 0.25 * math.log(0.3) + 0.75 * math.log(0.7)),
        "cross_entropy": -(math.log(0.8) + 0.25 * math.log(0.3)),
    }
    for name, want in by_hand.items():
        assert core.LOSSES[name].value(a, y)[0] == pytest.approx(want, rel=1e-14), name

"""Large |z|: finite errors and gradients with the values the formulas give in the limit, and no
numpy warning (conftest.py turns every warning under tests/core into an error). Overflow that
cannot be represented raises CoreError instead of passing nan on."""

import math
import warnings

import numpy as np
import pytest

import core


def one_layer(theta, out, loss, b=None):
    theta = np.atleast_2d(np.asarray(theta, float))
    b = np.zeros(theta.shape[0]) if b is None else b
    return core.Network.from_layers([theta], [b], [out], loss)


def run(net, X, Y):
    fwd = core.forward(net, X, Y)
    return fwd, core.backward(net, fwd, Y)


@pytest.mark.parametrize(
    "z,y,E,delta",
    [
        # E = softplus(z) − y z, δ = σ(z) − y, evaluated by hand in the limit |z| → ∞
        (800.0, 0.0, 800.0, 1.0),
        (800.0, 1.0, 0.0, 0.0),
        (-800.0, 1.0, 800.0, -1.0),
        (-800.0, 0.0, 0.0, 0.0),
        (-800.0, 0.3, 240.0, -0.3),
        (800.0, 0.25, 600.0, 0.75),
    ],
)
def test_sigmoid_binary_cross_entropy_saturated(z, y, E, delta):
    net = one_layer([[z / 2]], "sigmoid", "binary_cross_entropy")
    fwd, bwd = run(net, [[2.0]], [[y]])
    assert fwd.loss == pytest.approx(E, rel=1e-15, abs=1e-300)
    assert bwd.delta[1][0, 0] == pytest.approx(delta, abs=1e-15)
    assert bwd.grad_weights[1][0, 0] == pytest.approx(2.0 * delta, abs=1e-15)  # a⁽⁰⁾ δ
    assert bwd.grad_input[0, 0] == pytest.approx(z / 2 * delta, abs=1e-12)  # θ δ


@pytest.mark.parametrize(
    "y,E,delta",
    [
        ((0.0, 1.0), 1600.0, (1.0, -1.0)),  # −log softmax(−800 | 800, −800) = 1600
        ((1.0, 0.0), 0.0, (0.0, 0.0)),
        ((0.5, 0.5), 800.0, (0.5, -0.5)),
    ],
)
def test_softmax_cross_entropy_saturated(y, E, delta):
    net = one_layer([[800.0], [-800.0]], "softmax", "cross_entropy")
    fwd, bwd = run(net, [[1.0]], [list(y)])
    np.testing.assert_array_equal(fwd.output[0], [1.0, 0.0])
    assert fwd.loss == pytest.approx(E, rel=1e-15)
    assert list(bwd.delta[1][0]) == pytest.approx(delta, abs=1e-15)  # a − y
    assert bwd.grad_input[0, 0] == pytest.approx(800 * delta[0] - 800 * delta[1], rel=1e-15)


@pytest.mark.parametrize("loss,scale", [("squared_error", 1.0), ("half_squared_error", 0.5)])
@pytest.mark.parametrize("out", ["sigmoid", "softmax", "tanh"])
def test_squared_error_on_a_saturated_output_stalls(out, loss, scale):
    """a is 0 or 1 exactly and g′ (or the Jacobian) is 0: E is finite and δ vanishes, although
    the answer is badly wrong — why learning can stall (docs/NOTATION.md)."""
    if out == "softmax":
        net, y = one_layer([[800.0], [-800.0]], out, loss), [[0.0, 1.0]]
        wrong = 2.0  # (1 − 0)² + (0 − 1)²
    else:
        net, y = one_layer([[-800.0]], out, loss), [[1.0]]
        wrong = 1.0 if out == "sigmoid" else 4.0  # (1 − 0)², or (1 − (−1))²
    fwd, bwd = run(net, [[1.0]], y)
    assert fwd.loss == pytest.approx(scale * wrong, rel=1e-15)
    assert not bwd.delta[1].any() and not bwd.grad_weights[1].any()


def test_saturated_hidden_layers_stay_finite():
    net = core.Network.from_layers(
        [[[800.0], [-800.0], [1.0]], [[1.0, -1.0, 0.5], [0.5, 0.5, -1.0]], [[900.0, -900.0]]],
        [[0.0, 0.0, 0.0], [0.0, 0.0], [0.0]],
        ["sigmoid", "tanh", "sigmoid"],
        "binary_cross_entropy",
    )
    for x in (1.0, -1.0):
        fwd, bwd = run(net, [[x]], [[0.0]])
        assert np.isfinite(fwd.loss)
        for k in range(1, 4):
            assert np.isfinite(bwd.delta[k]).all() and np.isfinite(bwd.grad_weights[k]).all()


@pytest.mark.parametrize("name", sorted(core.ACTIVATIONS))
def test_every_activation_is_finite_for_huge_z(name):
    act = core.ACTIVATIONS[name]
    z = np.array([[-1e300, -800.0, -50.0, 50.0, 800.0, 1e300]])
    a = act.g(z)
    assert np.isfinite(a).all()
    if act.elementwise:
        assert np.isfinite(act.g_prime(z, a)).all()
    else:
        assert a.sum() == pytest.approx(1.0)


def test_explanations_of_a_saturated_output_are_finite():
    net = one_layer([[800.0]], "sigmoid", "binary_cross_entropy")
    fwd, bwd = run(net, [[1.0]], [[0.0]])
    ex = core.explain_delta(net, fwd, bwd, 1, 0, 0)
    assert ex.value == 1.0 and ex.simplified_value == 1.0
    assert all(math.isfinite(f) for t in ex.terms for f in t.factors)


def test_saturated_explanation_terms_reproduce_the_value():
    # At z = 800 the output is exactly 1: ∂E/∂a (≈ 9e15) and g′ (≈ 1e-16) are taken at the same
    # clipped a, so their product is still δ = a − y = 1 rather than 9e15 · 0.
    net = one_layer([[800.0]], "sigmoid", "binary_cross_entropy")
    fwd, bwd = run(net, [[1.0]], [[0.0]])
    ex = core.explain_delta(net, fwd, bwd, 1, 0, 0)
    assert ex.total == pytest.approx(ex.value) and ex.value == pytest.approx(1.0)
    soft = core.Network.from_layers(
        [[[800.0], [-800.0]]], [[0.0, 0.0]], ["softmax"], "cross_entropy"
    )
    fwd, bwd = run(soft, [[1.0]], [[0.0, 1.0]])  # all probability on the wrong class
    for i in range(2):
        ex = core.explain_delta(soft, fwd, bwd, 1, i, 0)
        assert ex.total == pytest.approx(ex.value, abs=1e-12)


def test_z_that_overflows_raises_instead_of_nan():
    net = core.Network.from_layers(
        [[[1e200, 1e200]], [[1.0]]], [[0.0], [0.0]], ["linear", "sigmoid"], "half_squared_error"
    )
    with pytest.raises(core.CoreError, match="overflow") as info:
        core.forward(net, [[1e200, 1e200]], [[0.0]])
    assert info.value.field == "layer 1"
    with pytest.raises(core.CoreError):
        core.forward(net, [[1e200, 1e200]])  # without targets too


def test_an_error_that_overflows_raises():
    net = one_layer([[1e200]], "linear", "squared_error")
    fwd = core.forward(net, [[1.0]])  # z = 1e200 is finite …
    assert fwd.output[0, 0] == 1e200
    with pytest.raises(core.CoreError) as info:
        core.forward(net, [[1.0]], [[0.0]])  # … but E = (1e200)² is not
    assert info.value.field == "loss"


def test_a_gradient_that_overflows_raises():
    net = one_layer([[1e-10]], "linear", "squared_error")
    X, Y = [[1e160]], [[0.0]]
    fwd = core.forward(net, X, Y)  # z = 1e150 and E = 1e300 are finite …
    assert fwd.loss == pytest.approx(1e300)
    with pytest.raises(core.CoreError) as info:
        core.backward(net, fwd, Y)  # … but ∂E/∂θ = 2·1e150·1e160 is not
    assert info.value.field == "backward"


def test_any_warning_is_an_error_under_tests_core():
    with pytest.raises(UserWarning):
        warnings.warn("core must not warn", UserWarning, stacklevel=1)
    with pytest.raises(RuntimeWarning):
        np.exp(np.array([1000.0]))

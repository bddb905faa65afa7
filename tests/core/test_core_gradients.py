"""core.backward against central differences of the reference E, for every valid
(output activation × loss) pair, over random architectures drawn by hypothesis.

Never core.numeric_gradients: the finite differences here run the tests' own forward pass.
"""

import numpy as np
import pytest
from core_reference import (
    PAIRS,
    away_from_kinks,
    central_difference,
    error,
    example_error,
    problems,
    run,
)
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import core

RTOL, ATOL = 1e-5, 1e-7


def close(analytic, numeric, scale=1.0, what=""):
    """rtol 1e-5 with an absolute floor of 1e-7, raised in proportion to |E| when E is large:
    a central difference's rounding error is about |E|·1e-16/ε."""
    np.testing.assert_allclose(
        analytic, numeric, rtol=RTOL, atol=ATOL * max(1.0, scale), err_msg=what
    )


def test_the_valid_pairs_are_the_documented_ones():
    """docs/NOTATION.md: (half) squared error with any output; BCE only with sigmoid; CE only with
    softmax."""
    assert sorted(core.valid_pairs()) == sorted(PAIRS)
    assert len(PAIRS) == 14


@pytest.mark.parametrize("pair", PAIRS, ids="-".join)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_backward_matches_finite_differences(pair, data):
    weights, biases, acts, loss, X, Y = data.draw(problems(pair))
    assume(away_from_kinks(weights, biases, acts, X))
    net = core.Network.from_layers(weights, biases, acts, loss)
    fwd = core.forward(net, X, Y)
    bwd = core.backward(net, fwd, Y)
    L, m = net.L, len(X)
    W = [np.array(w) for w in weights]
    B = [np.array(b) for b in biases]
    E = error(W, B, acts, loss, X, Y)

    # the forward pass and E agree with the reference before anything is differentiated
    assert fwd.loss == pytest.approx(E, rel=1e-9, abs=1e-12)
    assert bwd.loss == pytest.approx(E, rel=1e-9, abs=1e-12)
    for e in range(m):
        z, a = run(weights, biases, acts, X[e])
        for k in range(1, L + 1):
            np.testing.assert_allclose(fwd.z[k][e], z[k], rtol=1e-10, atol=1e-12)
            np.testing.assert_allclose(fwd.a[k][e], a[k], rtol=1e-10, atol=1e-12)

    # equation (3): the gradient of the averaged E, for every θ⁽ᵏ⁾ and b⁽ᵏ⁾
    def E_of_parameters():
        return error(W, B, acts, loss, X, Y)

    for k in range(1, L + 1):
        close(bwd.grad_weights[k], central_difference(E_of_parameters, W[k - 1]), E, f"θ^({k})")
        close(bwd.grad_biases[k], central_difference(E_of_parameters, B[k - 1]), E, f"b^({k})")

    # ∂E(xₑ, yₑ)/∂xₑ: each example's own error, not divided by m
    for e in range(m):
        x = np.array(X[e])
        E_e = error(weights, biases, acts, loss, [x], [Y[e]])

        def E_of_input(x=x, e=e):
            return error(weights, biases, acts, loss, [x], [Y[e]])

        close(bwd.grad_input[e], central_difference(E_of_input, x), E_e, f"x of example {e}")


@pytest.mark.parametrize("pair", PAIRS, ids="-".join)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_delta_is_each_examples_own_dE_dz(pair, data):
    """δ⁽ᵏ⁾ row e = ∂E(xₑ, yₑ)/∂z⁽ᵏ⁾ₑ for every k: perturb z⁽ᵏ⁾ and run the rest of the
    reference network from there."""
    weights, biases, acts, loss, X, Y = data.draw(problems(pair))
    assume(away_from_kinks(weights, biases, acts, X))
    net = core.Network.from_layers(weights, biases, acts, loss)
    bwd = core.backward(net, core.forward(net, X, Y), Y)
    for e in range(len(X)):
        z, _ = run(weights, biases, acts, X[e])
        for k in range(1, net.L + 1):
            z_k = np.array(z[k])

            def E_of_z(k=k, z_k=z_k, e=e):
                zz, aa = run(weights, biases, acts, None, start=k, z_start=z_k)
                return example_error(loss, zz[-1], aa[-1], Y[e])

            close(bwd.delta[k][e], central_difference(E_of_z, z_k), E_of_z(), f"δ^({k})")


@settings(max_examples=30, deadline=None)
@given(problems(), st.integers(0, 3))
def test_weight_gradient_is_the_mean_of_per_example_gradients(problem, pick):
    """∂E/∂θ of a batch = mean of the single-example gradients; ∂E/∂x is per example, so it is
    the same whether the example is alone or in a batch."""
    weights, biases, acts, loss, X, Y = problem
    net = core.Network.from_layers(weights, biases, acts, loss)
    batch = core.backward(net, core.forward(net, X, Y), Y)
    singles = []
    for e in range(len(X)):
        x, y = X[e : e + 1], Y[e : e + 1]
        singles.append(core.backward(net, core.forward(net, x, y), y))
    for k in range(1, net.L + 1):
        mean_w = sum(s.grad_weights[k] for s in singles) / len(X)
        mean_b = sum(s.grad_biases[k] for s in singles) / len(X)
        np.testing.assert_allclose(batch.grad_weights[k], mean_w, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(batch.grad_biases[k], mean_b, rtol=1e-9, atol=1e-12)
    e = pick % len(X)
    np.testing.assert_allclose(batch.grad_input[e], singles[e].grad_input[0], rtol=1e-12)


def test_backward_without_targets_in_the_forward_trace():
    """A forward run without Y, then backward with Y: the same gradients and E."""
    p = core.preset("xor")
    with_y = core.backward(p.network, core.forward(p.network, p.X, p.Y), p.Y)
    without = core.backward(p.network, core.forward(p.network, p.X), p.Y.tolist())
    assert without.loss == pytest.approx(with_y.loss, rel=1e-12)
    for k in range(1, p.network.L + 1):
        np.testing.assert_allclose(without.grad_weights[k], with_y.grad_weights[k], rtol=1e-12)

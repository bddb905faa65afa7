"""Explanations: for every cell of random networks (every k, i, j, example) the terms are the
factors the formula names, their product is each term's value, and the sum (δ) or mean (∂E/∂θ,
∂E/∂b) reproduces the explained number and the trace's number."""

import numpy as np
import pytest
from core_reference import (
    PAIRS,
    grad_a,
    problems,
    run,
    softmax_jacobian_entry,
)
from core_reference import (
    g_prime as g_prime_by_hand,
)
from hypothesis import given, settings
from hypothesis import strategies as st

import core

FUSED = {("sigmoid", "binary_cross_entropy"), ("softmax", "cross_entropy")}
REL = 1e-9


def approx(value):
    return pytest.approx(value, rel=REL, abs=1e-13)


def check_term_products(ex):
    for t in ex.terms:
        assert t.value == pytest.approx(float(np.prod(t.factors)), rel=1e-15, abs=1e-300)
        assert len(t.factors) == len(ex.factor_names)


def check_delta(net, fwd, bwd, Y, k, i, e):
    ex = core.explain_delta(net, fwd, bwd, k, i, e)
    L = net.L
    assert (ex.k, ex.i, ex.j, ex.example) == (k, i, None, e)
    assert ex.value == bwd.delta[k][e, i]  # the trace's number, exactly
    assert ex.combine == "sum"
    assert ex.total == approx(ex.value)
    check_term_products(ex)
    z_e = fwd.z[k][e]
    if k < L:
        # equation (2): δᵢ⁽ᵏ⁾ = Σ_β θ_βᵢ⁽ᵏ⁺¹⁾ · g′(zᵢ⁽ᵏ⁾) · δ_β⁽ᵏ⁺¹⁾
        assert ex.equation == 2 and ex.index_name == "β"
        assert [t.index for t in ex.terms] == list(range(net.sizes[k + 1]))
        g_p = g_prime_by_hand(net.activations[k], z_e[i : i + 1])[0]
        for t in ex.terms:
            theta, gp, d_next = t.factors
            assert theta == net.weights[k + 1][t.index, i]
            assert gp == approx(g_p)
            assert d_next == bwd.delta[k + 1][e, t.index]
        assert ex.simplified_value is None
        return
    assert ex.equation == 1
    g_L = net.activations[L]
    a, y = fwd.a[L][e], Y[e]
    dE_da = grad_a(net.loss, a, y)
    if g_L == "softmax":
        # δᵢ = Σ_p (∂a_p/∂zᵢ)(∂E/∂a_p): a row of the Jacobian times ∇ₐE
        assert ex.index_name == "p"
        assert [t.index for t in ex.terms] == list(range(net.sizes[L]))
        for t in ex.terms:
            jac, de = t.factors
            assert jac == approx(softmax_jacobian_entry(a, t.index, i))
            assert de == approx(dE_da[t.index])
    else:
        # equation (1): δᵢ = ∂E/∂aᵢ · g′(zᵢ)
        (t,) = ex.terms
        assert t.index == i
        assert t.factors[0] == approx(dE_da[i])
        assert t.factors[1] == approx(g_prime_by_hand(g_L, z_e[i : i + 1])[0])
    if (g_L, net.loss) in FUSED:
        # the derivation collapses to a − y
        assert ex.simplified_value == approx(a[i] - y[i])
        assert ex.simplified_value == approx(ex.value)
        assert ex.simplified
    else:
        assert ex.simplified_value is None and not ex.simplified


def check_parameter_gradients(net, fwd, bwd, X, k, i, a_prev_ref):
    m = len(X)
    for j in range(net.sizes[k - 1]):
        ex = core.explain_weight_gradient(fwd, bwd, k, i, j)
        # equation (3): ∂E/∂θᵢⱼ⁽ᵏ⁾ = (1/m) Σₑ aⱼ⁽ᵏ⁻¹⁾ δᵢ⁽ᵏ⁾
        assert (ex.equation, ex.k, ex.i, ex.j, ex.combine) == (3, k, i, j, "mean")
        assert ex.value == bwd.grad_weights[k][i, j]
        assert ex.total == approx(ex.value)
        assert [t.index for t in ex.terms] == list(range(m))
        check_term_products(ex)
        for t in ex.terms:
            assert t.factors[0] == approx(a_prev_ref[t.index][j])
            assert t.factors[1] == bwd.delta[k][t.index, i]
    ex = core.explain_bias_gradient(fwd, bwd, k, i)
    assert (ex.equation, ex.k, ex.i, ex.combine) == (3, k, i, "mean")
    assert ex.value == bwd.grad_biases[k][i]
    assert ex.total == approx(ex.value)
    check_term_products(ex)
    assert [t.factors for t in ex.terms] == [(1.0, bwd.delta[k][e, i]) for e in range(m)]


@pytest.mark.parametrize("pair", PAIRS, ids="-".join)
@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_every_cell_of_a_random_network(pair, data):
    weights, biases, acts, loss, X, Y = data.draw(problems(pair))
    net = core.Network.from_layers(weights, biases, acts, loss)
    fwd = core.forward(net, X, Y)
    bwd = core.backward(net, fwd, Y)
    ref = [run(weights, biases, acts, x)[1] for x in X]  # reference activations per example
    for k in range(1, net.L + 1):
        for i in range(net.sizes[k]):
            for e in range(len(X)):
                check_delta(net, fwd, bwd, Y, k, i, e)
            check_parameter_gradients(net, fwd, bwd, X, k, i, [a[k - 1] for a in ref])


def test_softmax_cross_entropy_terms_collapse_to_a_minus_y():
    """Σ_p a_p(δ_pi − a_i)(−y_p / a_p) = −y_i + a_i Σ_p y_p = a_i − y_i, number by number."""
    net = core.Network.from_layers(
        [[[0.5, -1.0], [1.5, 0.25], [-0.75, 0.5]]], [[0.1, 0.0, -0.2]], ["softmax"], "cross_entropy"
    )
    X, Y = [[0.3, -0.6]], [[0.2, 0.5, 0.3]]
    fwd = core.forward(net, X, Y)
    bwd = core.backward(net, fwd, Y)
    a = fwd.output[0]
    for i in range(3):
        ex = core.explain_delta(net, fwd, bwd, 1, i, 0)
        by_hand = sum(a[p] * ((p == i) - a[i]) * (-Y[0][p] / a[p]) for p in range(3))
        assert ex.total == pytest.approx(by_hand, rel=1e-12)
        assert by_hand == pytest.approx(a[i] - Y[0][i], rel=1e-12)
        assert ex.simplified == f"a_{i}^(1) − y_{i}"


def test_matrix_form_is_the_sum_over_connections():
    p = core.preset("worked-2-2-2")
    fwd = core.forward(p.network, p.X, p.Y)
    bwd = core.backward(p.network, fwd, p.Y)
    mf = core.matrix_form(p.network, fwd, bwd, 1, example=0)
    theta = p.network.weights[2]
    d2 = bwd.delta[2][0]
    assert mf.theta_T.tolist() == [[theta[0, 0], theta[1, 0]], [theta[0, 1], theta[1, 1]]]
    assert list(mf.back_sum) == pytest.approx(
        [theta[0, 0] * d2[0] + theta[1, 0] * d2[1], theta[0, 1] * d2[0] + theta[1, 1] * d2[1]],
        rel=1e-14,
    )
    np.testing.assert_allclose(mf.back_sum * mf.g_prime, bwd.delta[1][0], rtol=1e-14)


def test_bad_indices_raise_naming_the_index():
    p = core.preset("worked-2-2-2")
    net = p.network
    fwd = core.forward(net, p.X, p.Y)
    bwd = core.backward(net, fwd, p.Y)
    for args, field in [
        ((0, 0), "k"),
        ((3, 0), "k"),
        ((-1, 0), "k"),
        ((1, 2), "i"),
        ((1, -1), "i"),
        ((1.0, 0), "k"),
        ((True, 0), "k"),
    ]:
        with pytest.raises(core.CoreError) as info:
            core.explain_delta(net, fwd, bwd, *args)
        assert info.value.field == field, args
    with pytest.raises(core.CoreError) as info:
        core.explain_delta(net, fwd, bwd, 1, 0, example=1)
    assert info.value.field == "example"
    for call, field in [
        (lambda: core.explain_weight_gradient(fwd, bwd, 1, 0, 2), "j"),
        (lambda: core.explain_weight_gradient(fwd, bwd, 0, 0, 0), "k"),
        (lambda: core.explain_bias_gradient(fwd, bwd, 2, 5), "i"),
        (lambda: core.matrix_form(net, fwd, bwd, 2), "k"),  # k = L has no equation (2)
    ]:
        with pytest.raises(core.CoreError) as info:
            call()
        assert info.value.field == field


def test_explanation_is_built_by_keyword_only():
    """Several neighbouring strings (quantity, index_name, combine) are easy to swap by position."""
    fields = dict(
        quantity="δ_0^(1)",
        equation=2,
        k=1,
        i=0,
        j=None,
        example=0,
        index_name="β",
        factor_names=("a",),
        terms=(),
        combine="sum",
        value=0.0,
    )
    assert core.Explanation(**fields).combine == "sum"
    with pytest.raises(TypeError):
        core.Explanation(*fields.values())

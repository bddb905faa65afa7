"""Explanations: their terms reproduce every number of the trace, factor by factor."""

import numpy as np
import pytest

import core


def nets():
    rng = np.random.default_rng(7)
    yield (
        core.Network.random(
            [3, 4, 3, 2], ["tanh", "sigmoid", "sigmoid"], "half_squared_error", seed=1
        ),
        rng.normal(size=(3, 3)),
        rng.uniform(size=(3, 2)),
    )
    yield (
        core.Network.random([2, 3, 3], ["leaky_relu", "softmax"], "cross_entropy", seed=2),
        rng.normal(size=(2, 2)),
        np.eye(3)[[0, 2]],
    )
    yield (
        core.Network.random([2, 3, 1], ["relu", "sigmoid"], "binary_cross_entropy", seed=3),
        rng.normal(size=(4, 2)),
        np.array([[0.0], [1.0], [1.0], [0.0]]),
    )
    yield (
        core.Network.random([2, 2, 3], ["tanh", "softmax"], "squared_error", seed=4),
        rng.normal(size=(2, 2)),
        np.eye(3)[[1, 0]],
    )


@pytest.mark.parametrize("net,X,Y", list(nets()))
def test_every_delta_cell(net, X, Y):
    fwd = core.forward(net, X, Y)
    bwd = core.backward(net, fwd, Y)
    for k in range(1, net.L + 1):
        for i in range(net.sizes[k]):
            for e in range(len(X)):
                ex = core.explain_delta(net, fwd, bwd, k, i, e)
                assert ex.value == bwd.delta[k][e, i]
                assert ex.total == pytest.approx(ex.value, rel=1e-10, abs=1e-14)
                for t in ex.terms:
                    assert t.value == pytest.approx(np.prod(t.factors), rel=1e-12, abs=1e-300)
                if k < net.L:
                    assert ex.equation == 2 and len(ex.terms) == net.sizes[k + 1]
                    for t in ex.terms:
                        assert t.factors[0] == net.weights[k + 1][t.index, i]
                        assert t.factors[2] == bwd.delta[k + 1][e, t.index]
                else:
                    assert ex.equation == 1
                if ex.simplified:
                    assert ex.simplified_value == pytest.approx(fwd.output[e, i] - Y[e, i])
                    assert ex.simplified_value == pytest.approx(ex.value, abs=1e-12)


@pytest.mark.parametrize("net,X,Y", list(nets()))
def test_every_weight_and_bias_cell(net, X, Y):
    fwd = core.forward(net, X, Y)
    bwd = core.backward(net, fwd, Y)
    for k in range(1, net.L + 1):
        for i in range(net.sizes[k]):
            for j in range(net.sizes[k - 1]):
                ex = core.explain_weight_gradient(fwd, bwd, k, i, j)
                assert ex.combine == "mean" and len(ex.terms) == len(X)
                assert [t.factors[0] for t in ex.terms] == list(fwd.a[k - 1][:, j])
                assert ex.total == pytest.approx(bwd.grad_weights[k][i, j], rel=1e-10, abs=1e-15)
            ex = core.explain_bias_gradient(fwd, bwd, k, i)
            assert ex.total == pytest.approx(bwd.grad_biases[k][i], rel=1e-10, abs=1e-15)


def test_matrix_form_is_the_sum_over_connections():
    net, X, Y = next(nets())
    fwd = core.forward(net, X, Y)
    bwd = core.backward(net, fwd, Y)
    mf = core.matrix_form(net, fwd, bwd, 1, example=2)
    assert mf.theta_T.shape == (4, 3)
    np.testing.assert_allclose(mf.back_sum * mf.g_prime, bwd.delta[1][2], rtol=1e-12)
    for i in range(4):
        terms = core.explain_delta(net, fwd, bwd, 1, i, 2).terms
        assert mf.back_sum[i] == pytest.approx(sum(t.factors[0] * t.factors[2] for t in terms))


def test_bad_indices_raise():
    net, X, Y = next(nets())
    fwd = core.forward(net, X, Y)
    bwd = core.backward(net, fwd, Y)
    for args in ((0, 0), (4, 0), (1, 9), (1, -1)):
        with pytest.raises(core.CoreError):
            core.explain_delta(net, fwd, bwd, *args)
    with pytest.raises(core.CoreError, match="example"):
        core.explain_delta(net, fwd, bwd, 1, 0, example=3)
    with pytest.raises(core.CoreError, match="j"):
        core.explain_weight_gradient(fwd, bwd, 1, 0, 3)

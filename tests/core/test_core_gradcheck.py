"""core.gradient_check passes for the real backward on every preset and fails for wrong ones:
a backward written wrong here, and each of core's planted bugs."""

import numpy as np
import pytest
from core_reference import central_difference, error

import core


def preset_data(name):
    p = core.preset(name)
    if name == "spiral":  # 500 examples × 339 parameters × 2 passes is needlessly slow
        return p.network, p.X[::25], p.Y[::25]
    return p.network, p.X, p.Y


def with_grads(bwd, weights=None, biases=None):
    return core.BackwardTrace(
        loss=bwd.loss,
        delta=bwd.delta,
        grad_weights=bwd.grad_weights if weights is None else core.ByLayer(1, weights),
        grad_biases=bwd.grad_biases if biases is None else core.ByLayer(1, biases),
        grad_input=bwd.grad_input,
    )


def doubled_weight_gradients(net, fwd, Y):
    bwd = core.backward(net, fwd, Y)
    return with_grads(bwd, weights=[2.0 * g for g in bwd.grad_weights])


def bias_gradients_with_the_wrong_sign(net, fwd, Y):
    bwd = core.backward(net, fwd, Y)
    return with_grads(bwd, biases=[-g for g in bwd.grad_biases])


def sum_instead_of_mean_in_layer_1(net, fwd, Y):
    bwd = core.backward(net, fwd, Y)
    return with_grads(bwd, weights=[fwd.m * bwd.grad_weights[1], *list(bwd.grad_weights)[1:]])


@pytest.mark.parametrize("name", sorted(core.PRESETS))
def test_gradient_check_passes_on_every_preset(name):
    report = core.gradient_check(*preset_data(name))
    assert report.passed, report.summary()
    assert report.max_rel_error < 1e-5
    assert report.summary().startswith("PASS")
    assert list(report.max_rel_error_per_layer.keys()) == list(
        range(1, report.analytic_weights.last + 1)
    )


def test_the_reports_numeric_gradients_are_central_differences():
    net, X, Y = preset_data("xor")
    report = core.gradient_check(net, X, Y)
    W = [np.array(w) for w in net.weights]
    B = [np.array(b) for b in net.biases]

    def E():
        return error(W, B, list(net.activations), net.loss, X, Y)

    for k in range(1, net.L + 1):
        pairs = ((report.numeric_weights[k], W[k - 1]), (report.numeric_biases[k], B[k - 1]))
        for got, param in pairs:
            np.testing.assert_allclose(got, central_difference(E, param), rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", ["worked-2-2-2", "xor", "sine"])
def test_doubled_weight_gradients_fail(name):
    net, X, Y = preset_data(name)
    report = core.gradient_check(net, X, Y, backward_fn=doubled_weight_gradients)
    assert not report.passed and report.summary().startswith("FAIL")
    # the relative error of a doubled gradient is |2g − g| / |2g| = 1/2 wherever g ≠ 0
    assert report.max_rel_error == pytest.approx(0.5, rel=1e-3)
    kind, _k, _idx, analytic, numeric = report.worst()
    assert kind == "weight" and analytic == pytest.approx(2 * numeric, rel=1e-4)
    for k in range(1, net.L + 1):
        assert report.rel_error_biases[k].max() < 1e-5  # the biases are still right


def test_wrong_bias_gradients_fail():
    net, X, Y = preset_data("worked-2-2-2")
    report = core.gradient_check(net, X, Y, backward_fn=bias_gradients_with_the_wrong_sign)
    assert not report.passed
    assert report.worst()[0] == "bias"
    assert report.max_rel_error == pytest.approx(2.0, rel=1e-3)  # |−g − g| / |g|


def test_the_failing_layer_is_located():
    net, X, Y = preset_data("spiral")
    report = core.gradient_check(net, X, Y, backward_fn=sum_instead_of_mean_in_layer_1)
    per_layer = report.max_rel_error_per_layer
    assert per_layer[1] > 0.9 and per_layer[2] < 1e-5 and per_layer[3] < 1e-5
    assert report.worst()[:2] == ("weight", 1)


@pytest.mark.parametrize("bug", sorted(core.BUGS))
def test_each_planted_bug_fails_the_check(bug):
    net = core.Network.random(
        [2, 3, 3, 2], ["sigmoid", "tanh", "sigmoid"], "half_squared_error", seed=2
    )
    data = core.make_dataset("xor", n=6, seed=1)
    Y = np.c_[data.Y, 1 - data.Y]
    report = core.gradient_check(net, data.X, Y, backward_fn=core.broken_backward([bug]))
    assert not report.passed and report.max_rel_error > 1e-2
    clean = core.gradient_check(net, data.X, Y, backward_fn=core.broken_backward([]))
    assert clean.passed
    if bug == "skip_mean":  # hidden when m = 1, as BUGS says
        assert core.gradient_check(
            net, data.X[:1], Y[:1], backward_fn=core.broken_backward([bug])
        ).passed


def test_tiny_gradients_are_compared_against_the_noise_of_the_difference():
    """A correct 2-32×8-10 network has gradients ~1e-6 whose central differences carry
    rounding noise ~1e-10: a relative criterion alone fails it; the noise floor passes it,
    while a planted bug (dropping g′) still fails."""
    net = core.Network.random(
        [2, *[32] * 8, 10], ["tanh"] * 8 + ["softmax"], "cross_entropy", "xavier", seed=0
    )
    X = np.full((1, 2), 0.5)
    Y = np.eye(10)[:1]
    report = core.gradient_check(net, X, Y)
    assert report.passed, report.summary()
    broken = core.gradient_check(net, X, Y, backward_fn=core.broken_backward(["drop_g_prime"]))
    assert not broken.passed

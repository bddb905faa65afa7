"""Gradient check, planted bugs, the output-layer lab and the input gradient."""

import numpy as np
import pytest
from reference import central_difference, run

import core


@pytest.fixture(scope="module")
def problem():
    net = core.Network.random(
        [2, 3, 3, 2], ["sigmoid", "tanh", "sigmoid"], "half_squared_error", seed=2
    )
    data = core.make_dataset("xor", n=6, seed=1)
    return net, data.X, np.c_[data.Y, 1 - data.Y]


def test_gradient_check_passes_for_the_real_backward(problem):
    report = core.gradient_check(*problem)
    assert report.passed and report.max_rel_error < 1e-4
    assert report.max_rel_error_per_layer.keys() == range(1, 4)


@pytest.mark.parametrize("bug", sorted(core.BUGS))
def test_each_planted_bug_fails_the_check(problem, bug):
    report = core.gradient_check(*problem, backward_fn=core.broken_backward([bug]))
    assert not report.passed and report.max_rel_error > 1e-2
    _kind, _k, _idx, analytic, numeric = report.worst()
    assert analytic != pytest.approx(numeric, rel=1e-3)
    assert "FAIL" in report.summary()


def test_a_bug_free_copy_agrees_with_backward(problem):
    net, X, Y = problem
    fwd = core.forward(net, X, Y)
    real, copy = core.backward(net, fwd, Y), core.broken_backward([])(net, fwd, Y)
    for k in range(1, net.L + 1):
        np.testing.assert_allclose(copy.grad_weights[k], real.grad_weights[k], rtol=1e-12)


def test_skip_mean_is_invisible_with_one_example(problem):
    net, X, Y = problem
    report = core.gradient_check(net, X[:1], Y[:1], backward_fn=core.broken_backward(["skip_mean"]))
    assert report.passed  # 1/m = 1: the reason BUGS says when each bug hides


def test_output_step_pieces_multiply_to_delta():
    for g, loss in core.valid_pairs():
        n = 3 if g == "softmax" else 1
        y = np.eye(3)[1] if g == "softmax" else np.array([0.3])
        step = core.output_step(g, loss, np.linspace(-1, 1.5, n), y)
        if step.g_prime is not None:
            np.testing.assert_allclose(step.dE_da * step.g_prime, step.delta, rtol=1e-12)
        else:
            np.testing.assert_allclose(step.jacobian.T @ step.dE_da, step.delta, rtol=1e-12)
        if step.simplified:
            np.testing.assert_allclose(step.delta, step.a - step.y, atol=1e-15)


def test_delta_curve_vanishes_for_squared_error_but_not_cross_entropy():
    z = np.array([-12.0])  # output ≈ 0 while the target is 1: badly wrong
    assert abs(core.delta_curve("sigmoid", "squared_error", z, 1.0)[0]) < 1e-4
    assert core.delta_curve("sigmoid", "binary_cross_entropy", z, 1.0)[0] == pytest.approx(
        -1.0, abs=1e-4
    )


def test_output_gradient_matches_finite_differences():
    p = core.preset("spiral")
    net, X = p.network, p.X[:4].copy()
    W = [np.array(w) for w in net.weights]
    B = [np.array(b) for b in net.biases]
    grads = core.output_gradient(net, X, 2)
    for e in range(4):
        x = X[e].copy()
        numeric = central_difference(lambda x=x: run(W, B, list(net.activations), x)[2], x)
        np.testing.assert_allclose(grads[e], numeric, rtol=1e-5, atol=1e-8)


def test_gradient_ascent_raises_the_chosen_output():
    p = core.preset("xor")
    path = core.ascend_input(p.network, [0.5, 0.5], 0, steps=30, rate=0.5)
    assert path.x.shape == (31, 2) and path.value[-1] > path.value[0]
    assert np.all(np.diff(path.value) > -1e-9)  # small steps only go uphill


def test_gradient_field_shapes_and_values():
    p = core.preset("xor")
    xs, ys, field = core.gradient_field(p.network, (0, 1), (0, 1), 4, y=[1.0])
    assert field.shape == (4, 4, 2)
    direct = core.error_gradient(p.network, [[xs[2], ys[1]]], [[1.0]])[0]
    np.testing.assert_allclose(field[1, 2], direct)

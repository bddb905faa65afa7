"""sgd_step and train: the update rules checked by hand, the loss going down on the presets,
complete histories, divergence caught, and every way of stopping early."""

import math

import numpy as np
import pytest
from core_reference import central_difference, error

import core


def fd_gradients(net, X, Y):
    """∂E/∂θ⁽ᵏ⁾, ∂E/∂b⁽ᵏ⁾ by central differences of the reference E (no core gradients)."""
    W = [np.array(w) for w in net.weights]
    B = [np.array(b) for b in net.biases]
    acts = list(net.activations)

    def E():
        return error(W, B, acts, net.loss, X, Y)

    return [central_difference(E, w) for w in W], [central_difference(E, b) for b in B]


@pytest.fixture(scope="module")
def xor():
    return core.preset("xor")


def test_sgd_step_is_theta_minus_eta_grad(xor):
    net, X, Y, eta = xor.network, xor.X, xor.Y, 0.3
    bwd = core.backward(net, core.forward(net, X, Y), Y)
    new = core.sgd_step(net, bwd, eta)
    gw, gb = fd_gradients(net, X, Y)
    for k in range(1, net.L + 1):
        # the same arithmetic as the rule, so exactly equal …
        np.testing.assert_array_equal(new.weights[k], net.weights[k] - eta * bwd.grad_weights[k])
        np.testing.assert_array_equal(new.biases[k], net.biases[k] - eta * bwd.grad_biases[k])
        # … and the step is along the true gradient
        np.testing.assert_allclose(new.weights[k], net.weights[k] - eta * gw[k - 1], atol=1e-9)
        np.testing.assert_allclose(new.biases[k], net.biases[k] - eta * gb[k - 1], atol=1e-9)
    assert core.forward(new, X, Y).loss < core.forward(net, X, Y).loss


def test_one_full_batch_epoch_is_one_sgd_step_and_is_recorded(xor):
    net, X, Y, eta = xor.network, xor.X, xor.Y, 0.5
    trained, history = core.train(net, X, Y, epochs=1, learning_rate=eta)
    gw, gb = fd_gradients(net, X, Y)
    for k in range(1, net.L + 1):
        np.testing.assert_allclose(trained.weights[k], net.weights[k] - eta * gw[k - 1], atol=1e-9)
        np.testing.assert_allclose(trained.biases[k], net.biases[k] - eta * gb[k - 1], atol=1e-9)
    # epoch 1 records E, ‖∂E/∂θ⁽ᵏ⁾‖ and the RMS per-example ‖δ⁽ᵏ⁾‖ of the starting network
    E = error(list(net.weights), list(net.biases), list(net.activations), net.loss, X, Y)
    assert history.loss == [pytest.approx(E, rel=1e-12)]
    assert history.grad_norm[0] == pytest.approx([np.linalg.norm(g) for g in gw], rel=1e-6)
    bwd = core.backward(net, core.forward(net, X, Y), Y)
    rms = [math.sqrt(sum(float(d[e] @ d[e]) for e in range(len(X))) / len(X)) for d in bwd.delta]
    assert history.delta_norm[0] == pytest.approx(rms, rel=1e-12)


def test_l2_adds_lambda_theta_to_the_gradient_and_its_penalty_to_E(xor):
    net, X, Y, eta, l2 = xor.network, xor.X, xor.Y, 0.5, 0.1
    trained, history = core.train(net, X, Y, epochs=1, learning_rate=eta, l2=l2)
    gw, gb = fd_gradients(net, X, Y)
    for k in range(1, net.L + 1):
        want = net.weights[k] - eta * (gw[k - 1] + l2 * net.weights[k])
        np.testing.assert_allclose(trained.weights[k], want, atol=1e-9)
        np.testing.assert_allclose(trained.biases[k], net.biases[k] - eta * gb[k - 1], atol=1e-9)
    penalty = 0.5 * l2 * sum(float((w**2).sum()) for w in net.weights)
    assert history.loss[0] == pytest.approx(core.forward(net, X, Y).loss + penalty, rel=1e-12)


def test_the_first_adam_step_moves_each_parameter_by_eta(xor):
    """Bias-corrected moments after one step: v̂ = g, ŝ = g², so θ₁ = θ₀ − η g / (|g| + 1e-8)."""
    net, X, Y, eta = xor.network, xor.X, xor.Y, 0.01
    trained, _ = core.train(net, X, Y, epochs=1, learning_rate=eta, optimizer="adam")
    gw, _ = fd_gradients(net, X, Y)
    for k in range(1, net.L + 1):
        want = net.weights[k] - eta * gw[k - 1] / (np.abs(gw[k - 1]) + 1e-8)
        np.testing.assert_allclose(trained.weights[k], want, rtol=1e-6, atol=1e-9)


def test_two_momentum_steps_by_hand(xor):
    """v₁ = −η g₀, θ₁ = θ₀ + v₁; v₂ = 0.9 v₁ − η g₁, θ₂ = θ₁ + v₂."""
    net, X, Y, eta = xor.network, xor.X, xor.Y, 0.2
    trained, _ = core.train(net, X, Y, epochs=2, learning_rate=eta, optimizer="momentum")
    g0, _ = fd_gradients(net, X, Y)
    v1 = [-eta * g for g in g0]
    net1 = net.replace(
        weights=[w + v for w, v in zip(net.weights, v1)],
        biases=[b - eta * g for b, g in zip(net.biases, fd_gradients(net, X, Y)[1])],
    )
    g1, _ = fd_gradients(net1, X, Y)
    for k in range(1, net.L + 1):
        want = net1.weights[k] + 0.9 * v1[k - 1] - eta * g1[k - 1]
        np.testing.assert_allclose(trained.weights[k], want, atol=1e-8)


@pytest.mark.parametrize("optimizer,rate", [("sgd", 1.0), ("momentum", 0.3), ("adam", 0.05)])
def test_each_optimizer_learns_xor(xor, optimizer, rate):
    epochs = 400
    net, history = core.train(
        xor.network, xor.X, xor.Y, epochs=epochs, learning_rate=rate, optimizer=optimizer, seed=0
    )
    assert not history.diverged and not history.stopped_early
    assert history.epochs == len(history.loss) == epochs
    assert history.loss[-1] < 0.1 * history.loss[0]
    assert core.forward(net, xor.X, xor.Y).loss < 0.1 * core.forward(xor.network, xor.X, xor.Y).loss
    assert core.accuracy(net, xor.X, xor.Y) == 1.0
    L = xor.network.L
    for per_layer in (history.delta_norm, history.grad_norm):
        assert len(per_layer) == epochs and all(len(row) == L for row in per_layer)
        assert np.isfinite(per_layer).all() and (np.asarray(per_layer) >= 0).all()
    assert history.state.epoch == epochs


def test_spiral_learns():
    p = core.preset("spiral")
    net, history = core.train(p.network, p.X, p.Y, 200, 0.05, optimizer="adam", seed=0)
    assert not history.diverged and history.epochs == 200
    assert history.loss[-1] < 0.1 * history.loss[0]
    assert core.accuracy(net, p.X, p.Y) > 0.9 > core.accuracy(p.network, p.X, p.Y)


def test_mini_batches_are_seeded_and_training_resumes_seamlessly():
    p = core.preset("spiral")
    X, Y = p.X[:120], p.Y[:120]
    kw = dict(learning_rate=0.02, batch_size=32, optimizer="adam")
    a, ha = core.train(p.network, X, Y, 6, seed=3, **kw)
    b, _ = core.train(p.network, X, Y, 6, seed=3, **kw)
    c, _ = core.train(p.network, X, Y, 6, seed=4, **kw)
    assert all(np.array_equal(u, v) for u, v in zip(a.weights, b.weights))
    assert not np.array_equal(a.weights[1], c.weights[1])
    half, h1 = core.train(p.network, X, Y, 3, seed=3, **kw)
    rest, h2 = core.train(half, X, Y, 3, seed=3, resume=h1.state, **kw)
    for u, v in zip(rest.weights, a.weights):
        np.testing.assert_allclose(u, v, rtol=1e-12)
    assert h1.loss + h2.loss == pytest.approx(ha.loss, rel=1e-12)


def test_divergence_stops_with_a_message_and_a_finite_network():
    p = core.preset("sine")
    net, history = core.train(p.network, p.X, p.Y, epochs=500, learning_rate=50.0, optimizer="sgd")
    assert history.diverged and not history.stopped_early
    assert "diverged" in history.message and "learning rate" in history.message
    assert 0 < history.epochs < 500
    assert f"epoch {history.epochs + 1}" in history.message
    assert np.isfinite(history.loss).all()
    for arr in (*net.weights, *net.biases):
        assert np.isfinite(arr).all()
    assert np.isfinite(core.forward(net, p.X, p.Y).loss)


def test_a_callback_returning_false_stops_training(xor):
    seen = []

    def callback(epoch, net, history):
        seen.append((epoch, history.epochs, isinstance(net, core.Network)))
        return epoch < 7  # False after epoch 7

    _, history = core.train(xor.network, xor.X, xor.Y, 100, 0.5, callback=callback)
    assert seen == [(e, e, True) for e in range(1, 8)]
    assert history.epochs == 7 and history.stopped_early and not history.diverged
    assert "7" in history.message
    _, history = core.train(xor.network, xor.X, xor.Y, 5, 0.5, callback=lambda *a: None)
    assert history.epochs == 5 and not history.stopped_early  # None does not stop


def test_target_loss_stops_training(xor):
    _, history = core.train(xor.network, xor.X, xor.Y, 5000, 1.0, target_loss=0.2)
    assert history.stopped_early and history.epochs < 5000
    assert history.loss[-1] <= 0.2 < min(history.loss[:-1])
    assert "0.2" in history.message


def test_history_flags_say_why_training_stopped(xor):
    """The Train page reads these flags, never the message text."""
    target = 0.2
    _, full = core.train(xor.network, xor.X, xor.Y, 400, 1.0)  # the same run, no target
    first_below = next(e for e, E in enumerate(full.loss, 1) if E <= target)
    _, reached = core.train(xor.network, xor.X, xor.Y, 400, 1.0, target_loss=target)
    assert reached.reached_target and reached.stopped_early and not reached.diverged
    assert reached.epochs == first_below

    _, ran_out = core.train(xor.network, xor.X, xor.Y, first_below - 1, 1.0, target_loss=target)
    assert not (ran_out.reached_target or ran_out.stopped_early or ran_out.diverged)

    _, called_off = core.train(
        xor.network, xor.X, xor.Y, 400, 1.0, target_loss=target, callback=lambda *a: False
    )
    assert called_off.stopped_early and not called_off.reached_target and called_off.epochs == 1

    p = core.preset("sine")
    _, blew_up = core.train(p.network, p.X, p.Y, 500, 50.0, optimizer="sgd", target_loss=1e-9)
    assert blew_up.diverged and not blew_up.reached_target and not blew_up.stopped_early


def test_zero_epochs_change_nothing(xor):
    net, history = core.train(xor.network, xor.X, xor.Y, 0, 0.5)
    assert history.epochs == 0 and not history.diverged
    for u, v in zip(net.weights, xor.network.weights):
        np.testing.assert_array_equal(u, v)


def test_vanishing_gradients_in_a_deep_sigmoid_network():
    data = core.make_dataset("circles", n=100, seed=0)
    deep = core.Network.random(
        [2] + [16] * 8 + [1], ["sigmoid"] * 9, "binary_cross_entropy", init="small", seed=0
    )
    _, history = core.train(deep, data.X, data.Y, 1, 0.1)
    first, last = history.delta_norm[0][0], history.delta_norm[0][-1]
    assert first < 1e-6 * last  # δ⁽¹⁾ is millions of times smaller than δ⁽ᴸ⁾

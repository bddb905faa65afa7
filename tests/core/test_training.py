"""train and sgd_step: loss goes down, histories are complete, divergence is caught."""

import numpy as np
import pytest

import core


def test_sgd_step_is_theta_minus_eta_grad():
    p = core.preset("xor")
    bwd = core.backward(p.network, core.forward(p.network, p.X, p.Y), p.Y)
    new = core.sgd_step(p.network, bwd, 0.3)
    for k in range(1, p.network.L + 1):
        np.testing.assert_allclose(new.weights[k], p.network.weights[k] - 0.3 * bwd.grad_weights[k])
        np.testing.assert_allclose(new.biases[k], p.network.biases[k] - 0.3 * bwd.grad_biases[k])


@pytest.mark.parametrize("optimizer,rate", [("sgd", 1.0), ("momentum", 0.3), ("adam", 0.05)])
def test_each_optimizer_learns_xor(optimizer, rate):
    p = core.preset("xor")
    net, history = core.train(
        p.network, p.X, p.Y, epochs=400, learning_rate=rate, optimizer=optimizer, seed=0
    )
    assert history.loss[-1] < 0.5 * history.loss[0]
    assert core.forward(net, p.X, p.Y).loss < core.forward(p.network, p.X, p.Y).loss
    assert len(history.delta_norm) == 400 and len(history.delta_norm[0]) == p.network.L


def test_spiral_learns_with_minibatches_and_l2():
    p = core.preset("spiral")
    net, history = core.train(
        p.network,
        p.X,
        p.Y,
        epochs=60,
        learning_rate=0.02,
        batch_size=100,
        optimizer="adam",
        l2=1e-4,
        seed=1,
    )
    assert history.loss[-1] < 0.7 * history.loss[0]
    assert core.accuracy(net, p.X, p.Y) > core.accuracy(p.network, p.X, p.Y)


def test_training_is_reproducible_and_resumable():
    p = core.preset("spiral")
    a, ha = core.train(p.network, p.X, p.Y, 10, 0.02, batch_size=128, optimizer="adam", seed=3)
    b, _hb = core.train(p.network, p.X, p.Y, 10, 0.02, batch_size=128, optimizer="adam", seed=3)
    np.testing.assert_array_equal(a.weights[1], b.weights[1])
    half, h1 = core.train(p.network, p.X, p.Y, 5, 0.02, batch_size=128, optimizer="adam", seed=3)
    rest, h2 = core.train(
        half, p.X, p.Y, 5, 0.02, batch_size=128, optimizer="adam", seed=3, resume=h1.state
    )
    np.testing.assert_allclose(rest.weights[1], a.weights[1], rtol=1e-12)
    assert h1.loss + h2.loss == pytest.approx(ha.loss)


def test_divergence_stops_with_a_message_and_a_finite_network():
    p = core.preset("sine")
    net, history = core.train(p.network, p.X, p.Y, epochs=500, learning_rate=50.0)
    assert history.diverged and "diverged" in history.message
    assert all(np.isfinite(w).all() for w in net.weights)
    assert np.isfinite(core.forward(net, p.X, p.Y).loss)


def test_callback_and_target_loss_stop_training():
    p = core.preset("xor")
    seen = []
    _, history = core.train(
        p.network,
        p.X,
        p.Y,
        100,
        0.5,
        callback=lambda epoch, net, h: seen.append(epoch) or epoch < 7,
    )
    assert seen == list(range(1, 8)) and history.epochs == 7 and history.stopped_early
    _, history = core.train(p.network, p.X, p.Y, 5000, 1.0, target_loss=0.2)
    assert history.loss[-1] <= 0.2 and history.epochs < 5000


def test_norms_show_vanishing_gradients_in_deep_sigmoid_nets():
    data = core.make_dataset("circles", n=100, seed=0)
    deep = core.Network.random(
        [2] + [16] * 8 + [1], ["sigmoid"] * 9, "binary_cross_entropy", init="small", seed=0
    )
    _, history = core.train(deep, data.X, data.Y, 1, 0.1)
    first, last = history.delta_norm[0][0], history.delta_norm[0][-1]
    assert first < 1e-6 * last  # δ⁽¹⁾ is millions of times smaller than δ⁽ᴸ⁾

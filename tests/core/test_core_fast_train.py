"""core.train's buffered path (core.fast_train) against the readable loop it replaces.

The second opinion is `train(..., reference=True)`: today's loop over core.forward,
core.backward and the optimizer, one trace and one Network per mini-batch (itself checked
against finite differences and hand-worked steps in test_core_training.py). Both paths must give
the same weights (within 1e-12; on this machine equal bit for bit, except where large batches
take tanh from one exp) and the same History, for every optimizer, every valid output/loss
pair, any batch size, with L2, resumed runs, callbacks, early stops and divergence.
"""

from __future__ import annotations

import importlib
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import core
import core.fast_train as fast_train
from core.fast_kernels import FAST_TANH_MIN, g_ops

# `core.train` is the function (core/__init__ re-exports it); this is the module
train_module = importlib.import_module("core.train")

ATOL = 1e-12
HIDDEN = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")


def targets(loss: str, m: int, n: int, rng) -> np.ndarray:
    if loss == "binary_cross_entropy":
        return rng.uniform(0.0, 1.0, (m, n))
    if loss == "cross_entropy":
        return np.eye(n)[rng.integers(0, n, m)]
    return rng.normal(0.0, 1.0, (m, n))


def both(net, X, Y, epochs, eta, **kw):
    """(fast net, fast history), (reference net, reference history) from the same inputs."""
    ref_kw = {**kw, "resume": _copy_state(kw.get("resume"))}
    return (
        core.train(net, X, Y, epochs, eta, **kw),
        core.train(net, X, Y, epochs, eta, reference=True, **ref_kw),
    )


def _copy_state(state):
    if state is None:
        return None
    opt = train_module._Optimizer(state.optimizer.name, state.optimizer.eta, state.optimizer.v)
    opt.t = state.optimizer.t
    opt.v = [np.array(v) for v in state.optimizer.v]
    opt.s = [np.array(s) for s in state.optimizer.s]
    rng = np.random.default_rng()
    rng.bit_generator.state = state.rng.bit_generator.state
    return core.TrainState(opt, rng, state.epoch)


def assert_same_network(a: core.Network, b: core.Network) -> None:
    assert a.sizes == b.sizes and tuple(a.activations) == tuple(b.activations)
    for k in range(1, a.L + 1):
        np.testing.assert_allclose(a.weights[k], b.weights[k], rtol=0, atol=ATOL)
        np.testing.assert_allclose(a.biases[k], b.biases[k], rtol=0, atol=ATOL)


def assert_same_history(h: core.History, r: core.History) -> None:
    """Same per-epoch values (NaN where the reference has NaN), flags, message and state."""
    assert h.epochs == r.epochs
    for field in ("loss", "delta_norm", "grad_norm"):
        got, want = np.asarray(getattr(h, field)), np.asarray(getattr(r, field))
        assert got.shape == want.shape, field
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=0, err_msg=field)
    assert (h.diverged, h.stopped_early, h.reached_target) == (
        r.diverged,
        r.stopped_early,
        r.reached_target,
    )
    assert h.message == r.message
    assert h.state.epoch == r.state.epoch and h.state.optimizer.t == r.state.optimizer.t
    for u, v in zip(
        h.state.optimizer.v + h.state.optimizer.s, r.state.optimizer.v + r.state.optimizer.s
    ):
        np.testing.assert_allclose(u, v, rtol=0, atol=ATOL)
    assert h.state.rng.bit_generator.state == r.state.rng.bit_generator.state


def assert_same(fast, ref) -> None:
    assert_same_network(fast[0], ref[0])
    assert_same_history(fast[1], ref[1])


@pytest.fixture(scope="module")
def playground():
    """The playground's problem: spiral, 250 points, 2-8-8-1 tanh, sigmoid + BCE."""
    data = core.make_dataset("spiral", n=250, classes=2, seed=1)
    net = core.Network.random([2, 8, 8, 1], ["tanh", "tanh", "sigmoid"], "binary_cross_entropy")
    return net, data.X, data.Y[:, :1].copy()


@pytest.mark.parametrize("optimizer", core.OPTIMIZERS)
@pytest.mark.parametrize("batch", [1, 10, 7, 250])
def test_playground_training_is_the_reference_bit_for_bit(playground, optimizer, batch):
    net, X, Y = playground
    eta = 0.01 if optimizer == "adam" else 0.03
    epochs = 2 if batch == 1 else 6
    fast, ref = both(net, X, Y, epochs, eta, batch_size=batch, optimizer=optimizer, seed=3)
    assert_same(fast, ref)
    if batch * 8 < FAST_TANH_MIN:  # np.tanh, as the reference: not only close but equal
        for k in range(1, net.L + 1):
            assert np.array_equal(fast[0].weights[k], ref[0].weights[k])
        assert fast[1].loss == ref[1].loss and fast[1].grad_norm == ref[1].grad_norm
    assert not np.array_equal(fast[0].weights[1], net.weights[1])  # it did train


@st.composite
def problems(draw):
    """A random network with any valid output/loss pair, data, and training settings."""
    activation, loss = draw(st.sampled_from(core.valid_pairs()))
    depth = draw(st.integers(0, 3))
    sizes = [draw(st.integers(1, 4))] + [draw(st.integers(1, 5)) for _ in range(depth)]
    n_out = draw(st.integers(2 if activation == "softmax" else 1, 4))
    hidden = [draw(st.sampled_from(HIDDEN)) for _ in range(depth)]
    seed = draw(st.integers(0, 2**16))
    net = core.Network.random([*sizes, n_out], [*hidden, activation], loss, seed=seed)
    m = draw(st.integers(1, 24))
    rng = np.random.default_rng(seed)
    X, Y = rng.normal(0.0, 1.0, (m, sizes[0])), targets(loss, m, n_out, rng)
    kw = dict(
        batch_size=draw(st.integers(1, m)),
        optimizer=draw(st.sampled_from(core.OPTIMIZERS)),
        l2=draw(st.sampled_from([0.0, 0.05])),
        seed=seed,
    )
    return net, X, Y, draw(st.integers(1, 4)), draw(st.sampled_from([0.01, 0.1])), kw


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_any_network_pair_batch_and_optimizer_trains_as_the_reference(problem):
    net, X, Y, epochs, eta, kw = problem
    assert_same(*both(net, X, Y, epochs, eta, **kw))


def test_every_pair_and_hidden_activation_with_l2(playground):
    _, X, _ = playground
    rng = np.random.default_rng(0)
    for activation, loss in core.valid_pairs():
        for hidden in HIDDEN:
            n_out = 3 if activation == "softmax" else 2
            net = core.Network.random([2, 5, 4, n_out], [hidden, hidden, activation], loss)
            Y = targets(loss, len(X), n_out, rng)
            fast, ref = both(net, X, Y, 2, 0.05, batch_size=32, optimizer="adam", l2=0.01)
            assert_same(fast, ref)


def test_chunks_resumed_by_the_fast_path_make_the_reference_run(playground):
    net, X, Y = playground
    kw = dict(batch_size=25, optimizer="adam", seed=5)
    whole, h_whole = core.train(net, X, Y, 6, 0.02, reference=True, **kw)
    first, h1 = core.train(net, X, Y, 2, 0.02, **kw)
    second, h2 = core.train(first, X, Y, 4, 0.02, resume=h1.state, **kw)
    assert_same_network(second, whole)
    np.testing.assert_allclose(h1.loss + h2.loss, h_whole.loss, rtol=1e-12, atol=0)
    assert h2.state.epoch == 6 and h2.state.optimizer.t == h_whole.state.optimizer.t


def test_callback_sees_the_reference_networks_and_can_stop(playground):
    net, X, Y = playground
    seen = {True: [], False: []}

    def recorder(reference):
        def callback(epoch, current, history):
            seen[reference].append((epoch, current, history.loss[-1]))
            return epoch < 4

        return callback

    for reference in (True, False):
        core.train(
            net, X, Y, 9, 0.05, batch_size=50, callback=recorder(reference), reference=reference
        )
    assert [e for e, _, _ in seen[False]] == [e for e, _, _ in seen[True]] == [1, 2, 3, 4]
    for (_, fast_net, fast_loss), (_, ref_net, ref_loss) in zip(seen[False], seen[True]):
        assert_same_network(fast_net, ref_net)
        assert fast_loss == ref_loss


def test_target_loss_stops_both_paths_after_the_same_epoch(playground):
    net, X, Y = playground
    ref = core.train(net, X, Y, 50, 0.5, batch_size=25, reference=True)
    target = ref[1].loss[5]  # reached after epoch 6 at the latest
    fast, ref = both(net, X, Y, 50, 0.5, batch_size=25, target_loss=target)
    assert fast[1].reached_target and fast[1].epochs <= 6
    assert_same(fast, ref)


def exploding():
    """θ ← θ − η·18θ with η = 10: |θ| grows 179-fold per example until z = 3θ overflows."""
    net = core.Network.from_layers([[[1.0]]], [[0.0]], ["linear"], "squared_error")
    X = np.array([[3.0], [3.0], [-3.0], [3.0]])
    return net, X, np.zeros((4, 1))


@pytest.mark.parametrize("batch", [1, 3, 4])
@pytest.mark.parametrize("optimizer", ["sgd", "momentum"])
def test_divergence_is_reported_as_the_reference_does(batch, optimizer):
    net, X, Y = exploding()
    fast, ref = both(net, X, Y, 400, 10.0, batch_size=batch, optimizer=optimizer)
    assert ref[1].diverged and 1 < ref[1].epochs < 399  # several good epochs first
    assert_same(fast, ref)
    assert np.isfinite(fast[0].weights[1]).all()


def test_huge_but_finite_weights_give_the_reference_nan_error():
    """|θ| ~ 1e160: θ² overflows, so the reference's (l2/2)·Σθ² is 0·inf = NaN even with l2 = 0;
    the fast path notices the size and replays those epochs with the reference."""
    net = core.Network.from_layers([[[1e160]]], [[0.0]], ["linear"], "half_squared_error")
    X, Y = np.array([[1e-200], [2e-200]]), np.zeros((2, 1))
    fast, ref = both(net, X, Y, 3, 0.1, batch_size=1)
    assert np.isnan(ref[1].loss).all() and not ref[1].diverged
    assert_same(fast, ref)


def test_replayed_epochs_hand_back_to_the_fast_path(playground, monkeypatch):
    """Force a replay by the reference on every other epoch: moments, parameters and the
    shuffling must pass between the two paths without a seam."""
    net, X, Y = playground
    checks = fast_train.FastLoop._sums
    calls = []

    def every_other(self):
        calls.append(1)
        return None if len(calls) % 2 else checks(self)

    monkeypatch.setattr(fast_train.FastLoop, "_sums", every_other)
    for optimizer in core.OPTIMIZERS:
        calls.clear()
        fast, ref = both(net, X, Y, 5, 0.02, batch_size=40, optimizer=optimizer, l2=0.01)
        assert len(calls) == 5
        assert_same(fast, ref)


def test_the_fast_path_builds_no_trace_or_network_per_step(playground, monkeypatch):
    net, X, Y = playground
    counts = {"forward": 0, "backward": 0, "networks": 0}
    forward, backward, init = train_module.forward, train_module.backward, core.Network.__init__

    def counting(name, fn):
        def wrapped(*args, **kw):
            counts[name] += 1
            return fn(*args, **kw)

        return wrapped

    monkeypatch.setattr(train_module, "forward", counting("forward", forward))
    monkeypatch.setattr(train_module, "backward", counting("backward", backward))
    monkeypatch.setattr(core.Network, "__init__", counting("networks", init))
    core.train(net, X, Y, 3, 0.03, batch_size=10)
    assert counts == {"forward": 0, "backward": 0, "networks": 1}  # the returned network
    core.train(net, X, Y, 3, 0.03, batch_size=10, callback=lambda *args: None)
    assert counts["networks"] == 1 + 3 + 1  # one per epoch for the callback, and the result
    core.train(net, X, Y, 1, 0.03, batch_size=10, reference=True)
    assert counts["forward"] == counts["backward"] == 25 and counts["networks"] == 5 + 25


def test_an_overflowing_hidden_z_stops_training_though_the_output_is_finite():
    """z⁽¹⁾ = 1e120 · 1e200 overflows, yet tanh gives a finite output and zero gradients: only
    the check on z⁽ᵏ⁾ sees it, as core.forward does."""
    net = core.Network.from_layers(
        [[[1e120]], [[1.0]]], [[0.0], [0.0]], ["tanh", "linear"], "squared_error"
    )
    X, Y = np.array([[1e200], [1.0]]), np.zeros((2, 1))
    fast, ref = both(net, X, Y, 3, 0.1, batch_size=1)
    assert ref[1].diverged and "layer 1" in ref[1].message and ref[1].epochs == 0
    assert_same(fast, ref)


def test_a_replayed_epoch_starts_from_the_reference_s_last_good_network(playground, monkeypatch):
    """When a step fails, the reference returns the network of the step before, which for an
    epoch's first step is the one before the previous epoch's last update."""
    net, X, Y = playground
    checks, reference_epoch = fast_train.FastLoop._sums, train_module.reference_epoch
    calls, last_good = [], {}

    def third_replays(self):
        calls.append(1)
        return None if len(calls) == 3 else checks(self)

    def recording(net, last, *args):
        last_good.setdefault(len(last_good), last)
        return reference_epoch(net, last, *args)

    monkeypatch.setattr(fast_train.FastLoop, "_sums", third_replays)
    monkeypatch.setattr(train_module, "reference_epoch", recording)
    core.train(net, X, Y, 3, 0.05, batch_size=100, seed=2)  # replays epoch 3 only
    fast_last_good = last_good.pop(0)
    core.train(net, X, Y, 3, 0.05, batch_size=100, seed=2, reference=True)
    assert_same_network(fast_last_good, last_good[2])  # the reference's, entering epoch 3
    assert not np.array_equal(last_good[2].weights[1], last_good[1].weights[1])


def test_tanh_from_one_exp_stays_within_a_few_ulp_of_tanh():
    """Large batches take tanh z = 1 − 2/(e²ᶻ + 1); compared with math.tanh value by value,
    from 0 and subnormals to where e²ᶻ overflows."""
    z = np.concatenate(
        [
            np.linspace(-40.0, 40.0, 4001),
            np.logspace(-320, 1, 400),
            -np.logspace(-320, 1, 400),
            [0.0, 354.0, 355.0, -355.0, 710.0, -710.0, 1e308, -1e308],
        ]
    ).reshape(-1, 1)
    assert z.size >= FAST_TANH_MIN
    a = np.empty_like(z)
    with np.errstate(all="ignore"):
        for fn, args in g_ops("tanh", z, a):
            fn(*args)
    want = np.array([math.tanh(v) for v in z[:, 0]])[:, None]
    assert np.abs(a - want).max() <= 4e-16
    assert np.abs(a).max() == 1.0 and a[z > 20].min() == 1.0 and a[z < -20].max() == -1.0


@pytest.mark.parametrize("optimizer", core.OPTIMIZERS)
def test_large_tanh_batches_stay_within_1e_12_of_the_reference(optimizer):
    data = core.make_dataset("moons", n=600, seed=4)
    net = core.Network.random([2, 16, 16, 1], ["tanh", "tanh", "sigmoid"], "binary_cross_entropy")
    assert 300 * 16 >= FAST_TANH_MIN
    fast, ref = both(net, data.X, data.Y, 8, 0.05, batch_size=300, optimizer=optimizer)
    assert_same(fast, ref)


def test_gradients_kept_a_group_of_steps_at_a_time_give_the_same_norms(playground, monkeypatch):
    """Many steps of a wide network keep their gradients for the norms in groups (bounded
    memory): groups of 3 steps over 25 batches, the last group short."""
    net, X, Y = playground
    params = net.n_parameters
    monkeypatch.setattr(fast_train, "GRADIENT_ROWS_BYTES", 3 * 8 * params + 5)
    loop_groups = []
    init = fast_train.FastLoop.__init__

    def spying(self, *args, **kw):
        init(self, *args, **kw)
        loop_groups.append(len(self.G))

    monkeypatch.setattr(fast_train.FastLoop, "__init__", spying)
    for optimizer in core.OPTIMIZERS:
        fast, ref = both(net, X, Y, 3, 0.03, batch_size=10, optimizer=optimizer, l2=0.01)
        assert_same(fast, ref)
    assert loop_groups == [3, 3, 3]


def test_an_epoch_too_large_for_the_buffers_takes_the_reference_loop(playground, monkeypatch):
    net, X, Y = playground
    monkeypatch.setattr(fast_train, "MAX_EPOCH_BYTES", 0)
    calls = []
    forward = train_module.forward
    monkeypatch.setattr(train_module, "forward", lambda *a: calls.append(1) or forward(*a))
    fast, ref = both(net, X, Y, 2, 0.03, batch_size=50)
    assert len(calls) == 2 * 2 * 5  # both runs went through core.forward, 5 batches an epoch
    assert_same(fast, ref)

"""The Train page's loop without the browser, on the playground's configuration: train a chunk
(recording per epoch what ui/training.py records), rebuild the charts, repeat."""

from __future__ import annotations

import time

import numpy as np

import core
from bench.core_speed import PLAYGROUND_EPOCHS_PER_S
from bench.timing import row

DURATION = 3.0  # seconds of simulated live training
CHUNK_SECONDS = 0.15  # as ui/training.py: each chunk trains for about this long
PAGE_GOAL = 10  # × the playground's epochs/s with the charts live (issue 10 §2)


def _playground_split():
    """500 spiral points, half for training (the playground's 250) and half for testing."""
    data = core.make_dataset("spiral", n=500, classes=2, seed=0)
    binary = core.Dataset("spiral", data.X, data.Y[:, :1].copy(), "binary")
    return core.train_test_split(binary, test_fraction=0.5, seed=0)


def live_training() -> list[str]:
    import figures  # imported here so a broken figures package only loses this section

    train_set, test_set = _playground_split()
    X, Y = train_set.X, train_set.Y
    net = core.Network.random([2, 8, 8, 1], ["tanh", "tanh", "sigmoid"], "binary_cross_entropy")
    state, epochs, refreshes = None, 0, 0
    loss, d_norm, g_norm, acc, test_loss, test_acc = [], [], [], [], [], []

    def record(epoch, current, history):  # what ui/training.py's callback records per epoch
        test_loss.append(core.forward(current, test_set.X, test_set.Y).loss)
        test_acc.append(core.accuracy(current, test_set.X, test_set.Y))
        acc.append(core.accuracy(current, X, Y))

    per_chunk = 20
    started = time.perf_counter()
    while time.perf_counter() - started < DURATION:
        t0 = time.perf_counter()
        net, history = core.train(
            net, X, Y, per_chunk, 0.03, batch_size=10, callback=record, resume=state
        )
        rate = history.epochs / (time.perf_counter() - t0)
        per_chunk = int(np.clip(rate * CHUNK_SECONDS, 1, 2000))
        state = history.state
        epochs += history.epochs
        loss += history.loss
        d_norm += history.delta_norm
        g_norm += history.grad_norm
        xr, yr = core.data_range(X)
        xs, ys, out = core.predict_grid(net, xr, yr, 50)
        for fig in (
            figures.loss_curves(loss, test_loss, acc, test_acc),
            figures.gradient_norms(d_norm, g_norm),
            figures.decision_boundary(xs, ys, out, X, Y[:, 0].astype(int)),
        ):
            fig.to_json()  # the serialisation is part of what the browser waits for
        refreshes += 1
    elapsed = time.perf_counter() - started
    epoch_rate, refresh_rate = epochs / elapsed, refreshes / elapsed
    need = PAGE_GOAL * PLAYGROUND_EPOCHS_PER_S
    return [
        "train page loop, playground's configuration (spiral 250 + 250 test, 2-8-8-1 tanh, "
        "batch 10, SGD η 0.03): per-epoch test E and accuracies, charts rebuilt per chunk "
        "(no browser)",
        row(
            "epochs per second while refreshing",
            f"{epoch_rate:,.0f} /s",
            f"{epoch_rate / PLAYGROUND_EPOCHS_PER_S:.1f}× playground ({PLAYGROUND_EPOCHS_PER_S} "
            f"/s); goal ≥ {PAGE_GOAL}× ({need:,.0f} /s)",
            epoch_rate >= need,
        ),
        row(
            "chart refreshes per second",
            f"{refresh_rate:,.1f} /s",
            "several a second",
            refresh_rate >= 2,
        ),
    ]

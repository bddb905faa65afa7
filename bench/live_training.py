"""The Train page's loop without the browser: train a chunk, rebuild the charts, repeat."""

from __future__ import annotations

import time

import numpy as np

import core
from bench.core_speed import EPOCH_GOAL
from bench.timing import row

DURATION = 3.0  # seconds of simulated live training
CHUNK_SECONDS = 0.15  # as ui/training.py: each chunk trains for about this long


def live_training() -> list[str]:
    import figures  # imported here so a broken figures package only loses this section

    p = core.preset("spiral")
    net, X, Y = p.network, p.X, p.Y
    state, epochs, refreshes = None, 0, 0
    loss, d_norm, g_norm = [], [], []
    per_chunk = 50
    started = time.perf_counter()
    while time.perf_counter() - started < DURATION:
        t0 = time.perf_counter()
        net, history = core.train(
            net, X, Y, per_chunk, 0.01, batch_size=500, optimizer="adam", resume=state
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
            figures.loss_curves(loss),
            figures.gradient_norms(d_norm, g_norm),
            figures.decision_boundary(xs, ys, out, X, Y.argmax(axis=1)),
        ):
            fig.to_json()  # the serialisation is part of what the browser waits for
        refreshes += 1
    elapsed = time.perf_counter() - started
    epoch_rate, refresh_rate = epochs / elapsed, refreshes / elapsed
    return [
        "train page loop: spiral 2-16-16-3, batch 500, charts rebuilt after each chunk",
        row(
            "epochs per second while refreshing",
            f"{epoch_rate:,.0f} /s",
            f"goal ≥ {EPOCH_GOAL} /s",
            epoch_rate >= EPOCH_GOAL,
        ),
        row(
            "chart refreshes per second",
            f"{refresh_rate:,.1f} /s",
            "several a second",
            refresh_rate >= 2,
        ),
    ]

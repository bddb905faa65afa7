"""The Train page's loop without the browser, on the playground's configuration: the page's own
chunk (ui.training.advance: the gate, the chunk's length, the sampled test numbers) and its own
charts (panels.train_charts), serialised as Streamlit sends them, repeated. Calling the page's
functions keeps the benchmark from drifting away from what the page does."""

from __future__ import annotations

import base64
import json
import os
import time

import numpy as np

import core
from bench.core_speed import PLAYGROUND_EPOCHS_PER_S
from bench.timing import row

DURATION = 4.0  # seconds of simulated live training
PAGE_GOAL = 10  # × the playground's epochs/s with the charts live (issue 10 §2)


def _length(array) -> int:
    """Points in a JSON array as plotly writes it: a list, or a typed array (base64)."""
    if isinstance(array, dict):
        return len(base64.b64decode(array["bdata"])) // np.dtype(array["dtype"]).itemsize
    return len(array)


def _playground_split():
    """500 spiral points, half for training (the playground's 250) and half for testing."""
    data = core.make_dataset("spiral", n=500, classes=2, seed=0)
    binary = core.Dataset("spiral", data.X, data.Y[:, :1].copy(), "binary")
    return core.train_test_split(binary, test_fraction=0.5, seed=0)


def _idle_rate(core_rate: float, draw: float, training) -> float:
    """Epochs per second the loop would reach alone on the machine, from the CPU seconds an
    epoch and a refresh cost: the page's pacing (a chunk as long as the drawing, within its
    bounds), then the drawing; a trainer alone takes turn after turn without a rest."""
    chunk = min(max(draw, training.CHUNK_SECONDS), training.MAX_CHUNK_SECONDS)
    return core_rate * chunk / (chunk + draw)


def _refresh_at_the_cap(train_charts, training, net, train_set) -> tuple[float, float]:
    """Seconds one refresh of the charts takes with EPOCH_CAP epochs of history (the longest
    run): the first (figures built) and the next (figures reused, one more epoch)."""
    n, L = training.EPOCH_CAP, len(net.sizes) - 1
    epochs = np.arange(1, n + 1)
    run = training.Run(
        loss=list(1 / np.sqrt(epochs)),
        sampled=list(epochs[training.EVAL_EVERY - 1 :: training.EVAL_EVERY]),
        delta_norm=np.outer(1 / epochs, np.arange(1, L + 1)).tolist(),
        grad_norm=np.outer(2 / epochs, np.arange(1, L + 1)).tolist(),
    )
    run.test_loss, run.acc = list(run.loss[9::10]), [0.5] * len(run.sampled)
    run.test_acc = run.acc[:]
    took = []
    for _ in range(2):
        started = time.perf_counter()
        shown = [*train_charts.history(run), train_charts.model(net, train_set, run=run)]
        for fig in shown:
            fig.to_json()
        took.append(time.perf_counter() - started)
        run.loss.append(run.loss[-1])
        run.delta_norm.append(run.delta_norm[-1])
        run.grad_norm.append(run.grad_norm[-1])
    return took[0], took[1]


def live_training() -> list[str]:
    # imported here so a broken page module only loses this section
    from panels import train_charts
    from ui import training

    train_set, test_set = _playground_split()
    net = core.Network.random([2, 8, 8, 1], ["tanh", "tanh", "sigmoid"], "binary_cross_entropy")
    settings = training.Settings("sgd", 0.03, 10, 0.0, training.EPOCH_CAP, None)
    # a served page has imported plotly's validators already (a process's first figures take
    # ~1 s): drawn once before the clock starts
    for fig in [*train_charts.history(training.Run()), train_charts.model(net, train_set)]:
        fig.to_json()
    run = training.Run(playing=True)
    refreshes, points, computing, drawing = 0, 0, 0.0, 0.0
    cpu_drawing = 0.0  # process time: what the drawing costs, whatever else runs
    started = time.perf_counter()
    while time.perf_counter() - started < DURATION:
        net, seconds = training.advance(run, net, train_set, test_set, settings, who="one student")
        # the chunk's time as the page counts it (this process's processor time would leave
        # out the training worker, where the chunk is computed)
        computing += seconds
        drawn, cpu_drawn = time.perf_counter(), time.process_time()
        shown = [
            *train_charts.history(run),
            train_charts.model(net, train_set, grid=train_charts.PLAYING_GRID, run=run),
        ]
        sent = [fig.to_json() for fig in shown]  # the serialisation is part of the wait
        drawing += time.perf_counter() - drawn
        cpu_drawing += time.process_time() - cpu_drawn
        points = max(points, *(_length(t["x"]) for t in json.loads(sent[0])["data"]))
        refreshes += 1
    elapsed = time.perf_counter() - started
    idle_rate = _idle_rate(run.epochs / computing, cpu_drawing / refreshes, training)
    epoch_rate, refresh_rate = run.epochs / elapsed, refreshes / elapsed
    first, next_ = _refresh_at_the_cap(train_charts, training, net, train_set)
    need = PAGE_GOAL * PLAYGROUND_EPOCHS_PER_S
    return [
        "train page loop, playground's configuration (spiral 250 + 250 test, 2-8-8-1 tanh, "
        "batch 10, SGD η 0.03): the page's chunk (ui.training.advance, test E and accuracies "
        f"every {training.EVAL_EVERY} epochs) and its charts, serialised (no browser)",
        row(
            "epochs per second while refreshing",
            f"{epoch_rate:,.0f} /s",
            f"{epoch_rate / PLAYGROUND_EPOCHS_PER_S:.1f}× playground ({PLAYGROUND_EPOCHS_PER_S} "
            f"/s); goal ≥ {PAGE_GOAL}× ({need:,.0f} /s)",
            epoch_rate >= need,
        ),
        row(
            "the same from CPU seconds (others' load mostly removed)",
            f"{idle_rate:,.0f} /s",
            f"{idle_rate / PLAYGROUND_EPOCHS_PER_S:.1f}× playground; goal ≥ {PAGE_GOAL}×",
            idle_rate >= need,
        ),
        row(
            "chart refreshes per second",
            f"{refresh_rate:,.1f} /s",
            "several a second",
            refresh_rate >= 2,
        ),
        row(
            "share of the time training",
            f"{100 * computing / elapsed:.0f} %",
            "about half (the rest: charts)",
            True,
        ),
        row(
            "charts per refresh (built and serialised)",
            f"{1000 * drawing / max(refreshes, 1):,.0f} ms",
            f"≤ the shortest chunk ({training.CHUNK_SECONDS:g} s): a trainer alone then "
            "trains at least half of the time",
            drawing / max(refreshes, 1) <= training.CHUNK_SECONDS,
        ),
        row(
            f"refresh at {training.EPOCH_CAP:,} epochs (new, reused)",
            f"{1000 * first:,.0f} ms, {1000 * next_:,.0f} ms",
            f"≤ the longest chunk ({training.MAX_CHUNK_SECONDS:g} s)",
            next_ <= training.MAX_CHUNK_SECONDS,
        ),
        row("most points in a curve", f"{points:,}", "≤ 1,000", points <= 1000),
        f"  (load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores;"
        " other work on the machine slows every row above)",
    ]

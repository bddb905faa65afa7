"""Sections timing core alone: one forward + backward pass, and training epochs.

Ratios are measured within one run (the machine is shared and busy: absolute times drift).
"""

from __future__ import annotations

import statistics
import time

import core
from bench.cases import all_cases
from bench.step_floor import step_table
from bench.timing import median_seconds, row

PASS_GOALS = {"worked-2-2-2": 50e-6}  # seconds per forward + backward call
LARGEST_PASS_GOAL = 2e-3
EPOCH_GOAL = 200  # spiral epochs per second: what makes live training feel live

# The TensorFlow playground on its own configuration (spiral, 250 training points, batch 10,
# 2-8-8-1 tanh, η 0.03, SGD), measured in headless Chromium on this machine kind (issue 10).
# A constant, not measured here: the bench has no playground to run.
PLAYGROUND_EPOCHS_PER_S = 32.4
CORE_GOAL = 15  # × the playground, core.train alone (issue 10 §2)
BATCH1_GOAL = 2


def playground_problem():
    """The playground's configuration in core's terms: its spiral has two classes and one
    tanh output in [−1, 1]; the closest valid pair here is a sigmoid output with binary
    cross-entropy. Returns (net, X, Y)."""
    data = core.make_dataset("spiral", n=250, classes=2, seed=0)
    net = core.Network.random([2, 8, 8, 1], ["tanh", "tanh", "sigmoid"], "binary_cross_entropy")
    return net, data.X, data.Y[:, :1].copy()


def forward_backward() -> list[str]:
    lines = ["core: forward + backward, one call on the whole batch (median)"]
    for case in all_cases():

        def step(case=case):
            core.backward(case.net, core.forward(case.net, case.X, case.Y), case.Y)

        t = median_seconds(step, repeats=200 if case.is_largest else 2000)
        goal = LARGEST_PASS_GOAL if case.is_largest else PASS_GOALS.get(case.name)
        if goal is None:
            lines.append(row(case.name, f"{t * 1e6:,.1f} µs"))
        else:
            lines.append(
                row(case.name, f"{t * 1e6:,.1f} µs", f"goal ≤ {goal * 1e6:,.0f} µs", t <= goal)
            )
    return lines + [""] + step_table()


def _rates(problem, batch: int, epochs: int, runs: int) -> dict[bool, float]:
    """Median epochs/s of core.train, fast path and reference, runs interleaved so that a
    busy moment of the machine hits both alike."""
    net, X, Y = problem
    samples: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(runs):
        for reference in (False, True):
            n = max(1, epochs // 6) if reference else epochs  # the reference is slower
            started = time.perf_counter()
            _, history = core.train(net, X, Y, n, 0.03, batch_size=batch, reference=reference)
            samples[reference].append(history.epochs / (time.perf_counter() - started))
    return {ref: statistics.median(s) for ref, s in samples.items()}


def playground_training() -> list[str]:
    lines = [
        "core.train on the playground's configuration (spiral, 250 points, 2-8-8-1 tanh, "
        "sigmoid + BCE, η 0.03, SGD)",
        f"  playground: {PLAYGROUND_EPOCHS_PER_S} epochs/s in headless Chromium on this machine "
        "kind (a constant from issue 10, not measured here)",
    ]
    problem = playground_problem()
    for batch, epochs, goal in ((10, 200, CORE_GOAL), (1, 20, BATCH1_GOAL)):
        rates = _rates(problem, batch, epochs, runs=5)
        fast, ref = rates[False], rates[True]
        need = goal * PLAYGROUND_EPOCHS_PER_S
        lines += [
            row(
                f"batch {batch}: core.train (fast path)",
                f"{fast:,.0f} /s",
                f"{fast / PLAYGROUND_EPOCHS_PER_S:.1f}× playground; goal ≥ {goal}× "
                f"({need:,.0f} /s)",
                fast >= need,
            ),
            row(
                f"batch {batch}: reference loop (reference=True)",
                f"{ref:,.0f} /s",
                f"{ref / PLAYGROUND_EPOCHS_PER_S:.1f}× playground; fast = {fast / ref:.1f}× this",
            ),
        ]
    return lines


def _epochs_per_second(case, epochs: int, batch_size=None, runs: int = 3) -> float:
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        _, history = core.train(
            case.net, case.X, case.Y, epochs, 0.01, batch_size=batch_size, optimizer="adam"
        )
        # history.epochs, not `epochs`: training stops early if E diverges
        rates.append(history.epochs / (time.perf_counter() - started))
    return statistics.median(rates)


def training() -> list[str]:
    lines = ["core: train with Adam (epochs per second, median of 3 runs)"]
    for case in all_cases():
        epochs = 50 if case.is_largest else 200
        rate = _epochs_per_second(case, epochs)
        label = f"{case.name}, full batch (m={len(case.X)})"
        if case.name == "spiral":
            lines.append(
                row(label, f"{rate:,.0f} /s", f"goal ≥ {EPOCH_GOAL} /s", rate >= EPOCH_GOAL)
            )
        else:
            lines.append(row(label, f"{rate:,.0f} /s"))
        if case.name == "spiral":
            rate = _epochs_per_second(case, epochs, batch_size=500)
            ok = rate >= EPOCH_GOAL
            lines.append(
                row("spiral, batch_size=500", f"{rate:,.0f} /s", f"goal ≥ {EPOCH_GOAL} /s", ok)
            )
    return [*playground_training(), "", *lines]

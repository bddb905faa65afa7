"""Sections timing core alone: one forward + backward pass, and training epochs."""

from __future__ import annotations

import statistics
import time

import core
from bench.cases import all_cases
from bench.timing import median_seconds, row

PASS_GOALS = {"worked-2-2-2": 50e-6}  # seconds per forward + backward call
LARGEST_PASS_GOAL = 2e-3
EPOCH_GOAL = 200  # spiral epochs per second: what makes live training feel live


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
    return lines

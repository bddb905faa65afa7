"""Timing and printing helpers. Medians of many repeats, since this machine is shared and noisy."""

from __future__ import annotations

import statistics
import time


def median_seconds(fn, repeats: int = 200, warmup: int = 20) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def row(name: str, value: str, goal: str = "", ok: bool | None = None) -> str:
    """One table line; a missed goal is flagged, never raised: the bench reports only."""
    mark = "" if ok is None else ("  ok" if ok else "  MISSED")
    return f"  {name:<46} {value:>12}   {goal}{mark}".rstrip()


def short_error(exc: BaseException, width: int = 70) -> str:
    text = (f"{type(exc).__name__}: {exc}".splitlines() or [""])[0]
    return text if len(text) <= width else text[: width - 1] + "…"

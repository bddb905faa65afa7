"""Timings the end-to-end tests record in a real browser (tests/e2e: `record_timing`)."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from bench.timing import row

TIMINGS = Path(__file__).resolve().parents[1] / "tests" / "screenshots" / "e2e-timings.json"


def browser_timings() -> list[str]:
    title = "browser timings recorded by end-to-end runs (median)"
    if not TIMINGS.exists():
        return [title, "  none recorded yet (run `pytest -m e2e` first)"]
    lines = [title]
    for name, values in json.loads(TIMINGS.read_text()).items():
        lines.append(row(name, f"{statistics.median(values) * 1e3:,.0f} ms", f"n = {len(values)}"))
    return lines

"""Size of the backward animation's JSON: every frame is shipped to the browser at once."""

from __future__ import annotations

import core
from bench.cases import largest, presets
from bench.timing import row, short_error

GOAL_BYTES = 1_000_000


def animation_json() -> list[str]:
    title = "backward animation: figure JSON size (shared_scale=True)"
    try:
        from figures import backward_animation
    except ImportError as exc:  # figures is written in parallel; absent is not a failure
        return [title, f"  skipped: figures.backward_animation is not available ({exc})"]
    default = next(c for c in presets() if c.name == core.DEFAULT_PRESET)
    lines = [title]
    for case in (default, largest()):
        try:
            fwd = core.forward(case.net, case.X, case.Y)
            bwd = core.backward(case.net, fwd, case.Y)
            size = len(backward_animation(case.net, fwd, bwd, shared_scale=True).to_json())
        except Exception as exc:
            lines.append(row(case.name, "ERROR", short_error(exc)))
            continue
        ok = size <= GOAL_BYTES
        lines.append(row(case.name, f"{size / 1e3:,.0f} kB", "goal ≤ 1 MB", ok))
    return lines

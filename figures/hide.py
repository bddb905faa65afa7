"""Predict first: a figure with the numbers of some panels hidden until the student answers.

Hiding one cell is not enough: in the same layer, ∂E/∂b = mean δ, ∂E/∂θᵢⱼ = aⱼ δᵢ and
a = g(z) give it away. So every cell of the named panels loses its number (text "?") and its
colour (white); the click layer stays, so a cell can still be chosen.
"""

from __future__ import annotations

import copy

import plotly.graph_objects as go

HIDDEN = "?"


def hide_panels(fig: go.Figure | dict, names: set[str] | frozenset[str]) -> dict:
    """A copy of `fig` (as a dict) where the heatmaps named in `names` (and their click
    layers "<name> (click)") show "?" instead of their numbers and no colour."""
    d = copy.deepcopy(fig if isinstance(fig, dict) else fig.to_dict())
    for trace in d.get("data", []):
        name = trace.get("name")
        if name in names and trace.get("type") == "heatmap":
            rows, cols = _shape(trace["z"])
            trace["z"] = [[0.0] * cols for _ in range(rows)]
            for key in ("text", "customdata"):
                if key in trace:
                    trace[key] = [[HIDDEN] * cols for _ in range(rows)]
        elif isinstance(name, str) and name.endswith(" (click)") and name[:-8] in names:
            trace["text"] = [HIDDEN] * len(trace.get("text", []))
    return d


def _shape(z) -> tuple[int, int]:
    """(rows, cols) of a heatmap's z: nested lists, or plotly's typed array {bdata, shape}."""
    if isinstance(z, dict):
        rows, cols = (int(n) for n in str(z["shape"]).split(","))
        return rows, cols
    return len(z), len(z[0]) if len(z) else 0

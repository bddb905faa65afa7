"""Colours and markers the lab figures share: classes, curves, layers, line-chart style."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from cards.names import class_label, class_name

from .style import CATEGORICAL, OUTLINE, number_text, plane_hover

# Classes are unordered: Okabe–Ito (colour-blind safe), extended to the app's 10 classes.
CLASS_COLORS = [*CATEGORICAL, "#000000", "#999999", "#882255"]
# Curves side by side: the same hues, sky blue moved last (it is too close to blue for 5 curves).
CURVE_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000"]
CLASS_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "cross", "star", "pentagon"]


def layer_colors(L: int) -> list[str]:
    """One colour per layer k = 1..L. Layers are ordered, so a sequential scale (Viridis,
    dark = input side) lets the eye read depth without the legend; the pale yellow end is
    left out because it vanishes on a white background."""
    return sample_colorscale("Viridis", list(np.linspace(0, 0.85, L)) if L > 1 else [0.4])


def class_marker(c: int, size: int = 7) -> dict:
    """The marker of data points of class c: colour and shape both tell the class apart."""
    return {
        "color": CLASS_COLORS[c % len(CLASS_COLORS)],
        "symbol": CLASS_SYMBOLS[c % len(CLASS_SYMBOLS)],
        "size": size,
        "line": {"color": OUTLINE, "width": 0.8},  # visible on a region of its own colour
    }


def line_chart_style(fig: go.Figure) -> None:
    """White background like the app's heatmaps and diagram, with light grey grid lines (the
    default template draws white grid lines, which vanish on white)."""
    fig.update_layout(plot_bgcolor="white")  # pragma: no mutate
    grid = {
        "gridcolor": "#e6e6e6",  # pragma: no mutate
        "zerolinecolor": "#bdbdbd",  # pragma: no mutate
        "linecolor": "#bdbdbd",  # pragma: no mutate
    }
    fig.update_xaxes(showline=True, **grid)  # pragma: no mutate
    fig.update_yaxes(showline=True, **grid)  # pragma: no mutate


def class_points(X, labels, size: int, hover: bool = False, names=None) -> list[go.Scatter]:
    """One scatter trace per class of the data points (x₀, x₁), in class order; hover=True
    names each point's coordinates (written by `fmt`) and class. `names` (a DataNames or None):
    the user's class and input names beside the class numbers and x₀, x₁."""
    labels = np.asarray(labels).astype(int).ravel()
    traces = []
    for c in np.unique(labels):
        mask = labels == c
        label = class_label(int(c), class_name(names, int(c)))
        extra = (
            {
                "customdata": number_text(X[mask, :2]),
                "hovertemplate": plane_hover(names) + f"{label}<extra></extra>",
            }
            if hover
            else {"hoverinfo": "skip"}
        )
        traces.append(
            go.Scatter(
                x=X[mask, 0],
                y=X[mask, 1],
                mode="markers",
                name=label,
                marker=class_marker(int(c), size),
                **extra,
            )
        )
    return traces

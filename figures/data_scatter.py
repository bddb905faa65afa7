"""A user's data on a plane: a scatter of two inputs coloured by the target, and the plane on
which a user draws points (a grid of clickable places under the drawn points)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .lab_style import class_marker, line_chart_style
from .style import FONT, number_text

GRID_N = 41  # clickable places per axis on the drawing plane
DRAWN = "drawn"  # customdata[0] of a drawn point, so a click on it can be told from the grid


def data_scatter(
    x, y, target, *, x_name: str, y_name: str, target_name: str, classes=None
) -> go.Figure:
    """Examples at (x, y), coloured by `target`: class indices into `classes` (one trace per
    class, named by it), or numbers on a colour scale when `classes` is None (regression)."""
    x, y, target = (np.asarray(a, dtype=float).ravel() for a in (x, y, target))
    fig = go.Figure()
    hover = f"{x_name} = %{{customdata[0]}}<br>{y_name} = %{{customdata[1]}}<br>"
    text = np.column_stack([number_text(x), number_text(y), number_text(target)])
    if classes is None:
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                mode="markers",
                name=target_name,
                customdata=text,
                hovertemplate=hover + f"{target_name} = %{{customdata[2]}}<extra></extra>",
                marker={
                    "color": target,
                    "colorscale": "Viridis",
                    "size": 7,
                    "colorbar": {"title": target_name},
                },
            )
        )
    else:
        labels = target.astype(int)
        for c, name in enumerate(classes):
            mask = labels == c
            fig.add_trace(
                go.Scatter(
                    x=x[mask],
                    y=y[mask],
                    mode="markers",
                    name=str(name),
                    customdata=text[mask],
                    hovertemplate=hover + f"{target_name}: {name}<extra></extra>",
                    marker=class_marker(c),
                )
            )
    fig.update_layout(
        xaxis_title=x_name,
        yaxis_title=y_name,
        font=FONT,
        height=420,
        legend_title=target_name,
        margin={"t": 30},
    )
    line_chart_style(fig)
    return fig


def grid_places(limit: float, n: int = GRID_N) -> np.ndarray:
    """The n × n clickable places (first input, second input) of the plane [−limit, limit]²."""
    ticks = np.linspace(-limit, limit, n)
    g0, g1 = np.meshgrid(ticks, ticks)
    return np.column_stack([g0.ravel(), g1.ravel()])


def draw_plane(
    points, *, limit: float, classes=None, names=("x1", "x2"), target_name: str = "y"
) -> go.Figure:
    """The drawing plane: a faint grid of clickable places (trace 0), then the drawn points
    (x1, x2, t), t a class index into `classes` or a number (classes None). Each drawn point
    carries customdata [DRAWN, its index] so that a click on it can remove it."""
    points = np.asarray(points, dtype=float).reshape(-1, 3)
    places = grid_places(limit)
    # A place under a drawn point is left out, so a click there hits the point (to remove it).
    step = 2 * limit / (GRID_N - 1)
    gap = np.abs(places[:, None, :] - points[None, :, :2]).max(axis=2)
    places = places[~(gap < step / 4).any(axis=1)] if len(points) else places
    fig = go.Figure(
        go.Scatter(
            x=places[:, 0],
            y=places[:, 1],
            mode="markers",
            name="click to add",
            marker={"color": "rgba(120,120,120,0.12)", "size": 7},
            hoverinfo="none",
            showlegend=False,
        )
    )
    index = np.arange(len(points))
    text = [
        [DRAWN, int(i), a, b, t]
        for i, a, b, t in zip(
            index, number_text(points[:, 0]), number_text(points[:, 1]), number_text(points[:, 2])
        )
    ]
    hover = f"{names[0]} = %{{customdata[2]}}, {names[1]} = %{{customdata[3]}}<br>"
    if classes is None:
        fig.add_trace(
            go.Scatter(
                x=points[:, 0],
                y=points[:, 1],
                mode="markers",
                name=target_name,
                customdata=text,
                hovertemplate=hover + f"{target_name} = %{{customdata[4]}}<extra></extra>",
                marker={
                    "color": points[:, 2],
                    "colorscale": "Viridis",
                    "size": 10,
                    "colorbar": {"title": target_name},
                    "line": {"color": "rgb(40,40,40)", "width": 0.8},
                },
            )
        )
    else:
        for c, name in enumerate(classes):
            mask = points[:, 2] == c
            fig.add_trace(
                go.Scatter(
                    x=points[mask, 0],
                    y=points[mask, 1],
                    mode="markers",
                    name=str(name),
                    customdata=[row for row, keep in zip(text, mask) if keep],
                    hovertemplate=hover + f"class {name}<extra></extra>",
                    marker=class_marker(c, size=10),
                )
            )
    span = [-limit * 1.04, limit * 1.04]
    fig.update_layout(
        # Fixed axes: a drag must not move the plane. No dragmode here: Streamlit selects
        # clicked points only while the toolbar is not in box or lasso mode.
        xaxis={"range": span, "title": names[0], "constrain": "domain", "fixedrange": True},
        yaxis={"range": span, "title": names[1], "scaleanchor": "x", "fixedrange": True},
        height=520,
        font=FONT,
    )
    line_chart_style(fig)
    return fig

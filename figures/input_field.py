"""The gradient with respect to the input: a field over the plane and an ascent path."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .lab import CLASS_COLORS


def _arrows(points: np.ndarray, vectors: np.ndarray, length: float):
    """Line segments (with None breaks) of arrows scaled so the longest is `length`."""
    norms = np.linalg.norm(vectors, axis=1)
    scale = length / max(norms.max(), 1e-300)
    xs, ys = [], []
    for (px, py), (vx, vy) in zip(points, vectors * scale):
        tip = (px + vx, py + vy)
        # shaft, then a small head: two strokes back from the tip
        angle = np.arctan2(vy, vx)
        head = 0.3 * np.hypot(vx, vy)
        left = (tip[0] - head * np.cos(angle - 0.4), tip[1] - head * np.sin(angle - 0.4))
        right = (tip[0] - head * np.cos(angle + 0.4), tip[1] - head * np.sin(angle + 0.4))
        xs += [px, tip[0], None, left[0], tip[0], right[0], None]
        ys += [py, tip[1], None, left[1], tip[1], right[1], None]
    return xs, ys


def gradient_field(xs, ys, grads: np.ndarray, X=None, labels=None, title="∂E/∂x") -> go.Figure:
    """|∂/∂x| as a colour field over the plane with arrows for its direction.

    grads: r × r × 2 gradient at each grid point (rows follow ys, columns xs).
    """
    magnitude = np.linalg.norm(grads, axis=2)
    fig = go.Figure(
        go.Heatmap(
            x=xs,
            y=ys,
            z=magnitude,
            colorscale="Viridis",
            colorbar={"title": "|gradient|"},
            hovertemplate="x₀=%{x:.2f}, x₁=%{y:.2f}<br>|g|=%{z:.3g}<extra></extra>",
        )
    )
    step = max(1, len(xs) // 14)
    gx, gy = np.meshgrid(xs[::step], ys[::step])
    points = np.c_[gx.ravel(), gy.ravel()]
    vectors = grads[::step, ::step].reshape(-1, 2)
    spacing = (xs[-1] - xs[0]) / max(len(xs[::step]), 1)
    ax, ay = _arrows(points, vectors, 0.9 * spacing)
    fig.add_trace(
        go.Scatter(
            x=ax,
            y=ay,
            mode="lines",
            line={"color": "white", "width": 1.5},
            name="direction",
            hoverinfo="skip",
        )
    )
    if X is not None and labels is not None:
        for c in np.unique(labels).astype(int):
            mask = labels == c
            fig.add_trace(
                go.Scatter(
                    x=X[mask, 0],
                    y=X[mask, 1],
                    mode="markers",
                    name=f"class {c}",
                    marker={
                        "color": CLASS_COLORS[c % len(CLASS_COLORS)],
                        "size": 5,
                        "line": {"color": "black", "width": 0.5},
                    },
                )
            )
    fig.update_layout(
        height=440,
        xaxis_title="x₀",
        yaxis_title="x₁",
        title=title,
        margin={"t": 40, "b": 40},
        legend={"orientation": "h", "y": -0.18},
    )
    fig.update_yaxes(scaleanchor="x", scaleratio=1)
    return fig


def ascent_path(xs, ys, output: np.ndarray, path: np.ndarray, values: np.ndarray, neuron: int):
    """The chosen output aᶜ over the plane and the path gradient ascent takes on x."""
    fig = go.Figure(
        go.Heatmap(
            x=xs,
            y=ys,
            z=output,
            colorscale="Viridis",
            colorbar={"title": f"a_{neuron}⁽ᴸ⁾"},
            hovertemplate="x₀=%{x:.2f}, x₁=%{y:.2f}<br>a=%{z:.3f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=path[:, 0],
            y=path[:, 1],
            mode="lines+markers",
            name="x while ascending",
            line={"color": "#D55E00", "width": 3},
            marker={"size": 5},
            customdata=values,
            hovertemplate="x=(%{x:.3f}, %{y:.3f})<br>a=%{customdata:.4f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=path[:1, 0],
            y=path[:1, 1],
            mode="markers",
            name="start",
            marker={"color": "white", "size": 12, "symbol": "circle-open", "line": {"width": 3}},
        )
    )
    fig.update_layout(
        height=440,
        xaxis_title="x₀",
        yaxis_title="x₁",
        title=f"Gradient ascent on the input to maximize a_{neuron}⁽ᴸ⁾",
        margin={"t": 40, "b": 40},
        legend={"orientation": "h", "y": -0.18},
    )
    fig.update_yaxes(scaleanchor="x", scaleratio=1)
    return fig

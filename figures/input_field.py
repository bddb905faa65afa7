"""The gradient with respect to the input: a field over the plane and an ascent path."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from cards.names import in_parens, output_name

from .lab_style import CLASS_COLORS, class_points
from .plane import plane_layout
from .style import OUTLINE, fmt, number_text, plane_hover, plane_text, sub

# |gradient| ≥ 0 is a magnitude, not a sign: a light grey ramp (darker = steeper) that leaves
# the class colours of the data points and the arrows readable on top.
MAGNITUDE = [[0, "rgb(252,252,252)"], [1, "rgb(110,110,110)"]]
ARROWS_PER_SIDE = 14
FLAT = 1e-4  # below this fraction of the largest |gradient| a direction means nothing: no arrow


def _arrows(points: np.ndarray, vectors: np.ndarray, length: float):
    """Line segments (with None breaks) of arrows of one `length` pointing along `vectors`.

    Every arrow has the same length: the shading already shows |gradient|, and arrows scaled
    by it shrank to dots everywhere but at the steepest spot.
    """
    norms = np.linalg.norm(vectors, axis=1)
    keep = norms > FLAT * max(float(norms.max(initial=0.0)), 1e-300)
    xs, ys = [], []
    for (px, py), (vx, vy), n in zip(points[keep], vectors[keep], norms[keep]):
        ux, uy = vx / n * length, vy / n * length
        tail = (px - ux / 2, py - uy / 2)  # centred on the grid point
        tip = (px + ux / 2, py + uy / 2)
        angle, head = np.arctan2(uy, ux), 0.35 * length
        left = (tip[0] - head * np.cos(angle - 0.45), tip[1] - head * np.sin(angle - 0.45))
        right = (tip[0] - head * np.cos(angle + 0.45), tip[1] - head * np.sin(angle + 0.45))
        xs += [tail[0], tip[0], None, left[0], tip[0], right[0], None]
        ys += [tail[1], tip[1], None, left[1], tip[1], right[1], None]
    return xs, ys


def _data_points(fig: go.Figure, X, labels, names) -> None:
    if X is None or labels is None:
        return
    size = 9 if len(labels) <= 20 else 6  # pragma: no mutate
    fig.add_traces(class_points(X, labels, size, names=names))


def gradient_field(
    xs, ys, grads: np.ndarray, X=None, labels=None, title="∂E/∂x", *, names=None
) -> go.Figure:
    """|∂/∂x| as shading over the plane, with equal-length arrows for its direction.

    grads: r × r × 2 gradient at each grid point (rows follow ys, columns xs).
    X (m × 2) and labels (m class numbers) optionally add the data points. names: the user's
    DataNames (or None) for the axes, hovers and the classes' legend; `title` is plotly text
    (a caller that puts a name in it escapes it with cards.names.html).
    """
    grads = np.asarray(grads, float)
    magnitude = np.linalg.norm(grads, axis=2)
    what = title.split(" ")[0] if title else "gradient"  # "∂E/∂x" from the page's title
    fig = go.Figure(
        go.Heatmap(
            x=xs,
            y=ys,
            z=magnitude,
            zmin=0,
            colorscale=MAGNITUDE,
            colorbar={"title": f"|{what}|", "len": 0.8},
            customdata=plane_text(xs, ys, grads[:, :, 0], grads[:, :, 1], magnitude),
            hovertemplate=plane_hover(names)
            + what
            + " = (%{customdata[2]}, %{customdata[3]})<br>|·| = %{customdata[4]}<extra></extra>",
        )
    )
    step = max(1, -(-len(xs) // ARROWS_PER_SIDE))
    gx, gy = np.meshgrid(xs[::step], ys[::step])
    points = np.c_[gx.ravel(), gy.ravel()]
    vectors = grads[::step, ::step].reshape(-1, 2)
    spacing = min(xs[-1] - xs[0], ys[-1] - ys[0]) / max(len(xs[::step]), 1)
    ax, ay = _arrows(points, vectors, 0.8 * spacing)
    for colour, width in (("white", 3.5), (OUTLINE, 1.5)):  # a white halo: visible on dark cells
        fig.add_trace(
            go.Scatter(
                x=ax,
                y=ay,
                mode="lines",
                line={"color": colour, "width": width},  # pragma: no mutate
                showlegend=False,
                hoverinfo="skip",
            )
        )
    _data_points(fig, X, labels, names)
    plane_layout(
        fig,
        xs,
        ys,
        title,
        height=460,  # pragma: no mutate
        names=names,
    )
    return fig


def ascent_path(
    xs, ys, output: np.ndarray, path: np.ndarray, values: np.ndarray, neuron: int, *, names=None
):
    """The chosen output aᶜ⁽ᴸ⁾ over the plane and the path gradient ascent takes on x.

    output: r × r values of aᶜ⁽ᴸ⁾ (rows follow ys), path: (steps + 1) × 2 inputs,
    values: aᶜ⁽ᴸ⁾ at each of them. names: the user's DataNames (or None): the output's name
    beside aᶜ⁽ᴸ⁾, the input names on the axes.
    """
    output = np.asarray(output, float)
    path, values = np.atleast_2d(np.asarray(path, float)), np.asarray(values, float).ravel()
    name = in_parens(f"a{sub(neuron)}⁽ᴸ⁾", output_name(names, neuron))
    # shaded from white to class c's colour, as in the decision boundary; 0..1 when a is a
    # probability (sigmoid, softmax) so the shade means the same on every page
    bounded = output.size and output.min() >= 0 and output.max() <= 1
    fig = go.Figure(
        go.Heatmap(
            x=xs,
            y=ys,
            z=output,
            zmin=0 if bounded else None,
            zmax=1 if bounded else None,
            colorscale=[[0, "white"], [1, CLASS_COLORS[neuron % len(CLASS_COLORS)]]],
            colorbar={"title": name, "len": 0.8},
            customdata=plane_text(xs, ys, output),
            hovertemplate=plane_hover(names) + name + " = %{customdata[2]}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=path[:, 0],
            y=path[:, 1],
            mode="lines+markers",
            name=f"x after each step ({len(path) - 1})",
            line={"color": OUTLINE, "width": 2},  # pragma: no mutate
            marker={"size": 5, "color": OUTLINE},  # pragma: no mutate
            customdata=[[s, *number_text(x), fmt(v)] for s, (x, v) in enumerate(zip(path, values))],
            hovertemplate="step %{customdata[0]}<br>x = (%{customdata[1]}, %{customdata[2]})<br>"
            + name
            + " = %{customdata[3]}<extra></extra>",
        )
    )
    for where, label, symbol in ((0, "start", "circle"), (-1, "end", "star")):
        fig.add_trace(
            go.Scatter(
                x=path[where:][:1, 0],
                y=path[where:][:1, 1],
                mode="markers",
                name=f"{label}: {name} = {fmt(values[where])}" if values.size else label,
                marker={
                    "color": "white",  # pragma: no mutate
                    "size": 13,  # pragma: no mutate
                    "symbol": symbol,
                    "line": {"color": OUTLINE, "width": 2},  # pragma: no mutate
                },
                hoverinfo="skip",
            )
        )
    plane_layout(
        fig,
        xs,
        ys,
        f"Gradient ascent on the input x to maximize {name}",
        height=460,  # pragma: no mutate
        names=names,
    )
    return fig

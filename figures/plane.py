"""The network's answer over the input plane: the decision boundary (two inputs, classes) and
the fitted curve (one input, one output), with the user's names where there are any."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from cards.names import beside, class_label, class_name, in_parens, input_name, output_name

from .lab_style import CLASS_COLORS, class_points, line_chart_style
from .sent import Sent, kept, refilled
from .style import FONT, OUTLINE, number_text, plane_hover, plane_text, sub


def decision_boundary(
    xs, ys, out: np.ndarray, X: np.ndarray, labels: np.ndarray, *, names=None, into=None
) -> go.Figure | Sent:
    """The network's answer over the input plane, with the data points on top.

    out: r × r × n⁽ᴸ⁾ outputs (rows follow ys, columns xs). One output: a⁽ᴸ⁾ shaded from
    class 0's colour (a = 0) through white to class 1's (a = 1), with the line a⁽ᴸ⁾ = 0.5;
    several: each point of the plane in the colour of its winning class (argmax).
    X: m × 2 inputs, labels: m class numbers. names: the user's DataNames (or None): class
    names in the legend and hovers, input names on the axes. into: this function's figure of
    the same xs, ys, X, labels and names a moment ago (the Train page while playing): the
    result is it with the network's new answer, as a Sent (figures/sent.py), at a fraction of
    the cost of building it.
    """
    out = np.asarray(out, float)
    if into is not None:
        spec = kept(into)
        shade = {"z": _shade(out), "customdata": _hover_cells(xs, ys, out, names)}
        line = [t.get("type") for t in spec["data"][1:2]] == ["contour"]  # a⁽ᴸ⁾ = 0.5
        more = [{"z": out[:, :, 0]}] if line else []
        return refilled(spec, [shade, *more])
    labels = np.asarray(labels).astype(int).ravel()
    fig = go.Figure()
    if out.shape[2] == 1:
        zero, one = class_name(names, 0), class_name(names, 1)
        bar = {"title": "a⁽ᴸ⁾", "tickvals": [0, 0.5, 1], "len": 0.8}
        if names is not None:  # a⁽ᴸ⁾ is the network's answer "class 1"
            bar["ticktext"] = [class_label(0, zero), "0.5", class_label(1, one)]
        fig.add_trace(
            go.Heatmap(
                x=xs,
                y=ys,
                z=_shade(out),
                zmin=0,
                zmax=1,
                colorscale=[[0, CLASS_COLORS[0]], [0.5, "white"], [1, CLASS_COLORS[1]]],
                opacity=0.6,
                colorbar=bar,
                customdata=_hover_cells(xs, ys, out, names),
                hovertemplate=plane_hover(names)
                + in_parens("a⁽ᴸ⁾", one)
                + " = %{customdata[2]}<extra></extra>",
            )
        )
        fig.add_trace(  # the boundary itself: where the answer flips (core.accuracy's 0.5)
            go.Contour(
                x=xs,
                y=ys,
                z=out[:, :, 0],
                contours={"start": 0.5, "end": 0.5, "size": 1, "coloring": "none"},
                line={"color": OUTLINE, "width": 2},
                name="a⁽ᴸ⁾ = 0.5",
                showscale=False,
                hoverinfo="skip",
            )
        )
        title = "Decision boundary (line: a⁽ᴸ⁾ = 0.5)"
    else:
        classes = out.shape[2]
        scale = []
        for c in range(classes):
            colour = CLASS_COLORS[c % len(CLASS_COLORS)]
            scale += [[c / classes, colour], [(c + 1) / classes, colour]]
        said = "winning class %{z}" if names is None else "winning %{customdata[2]}"
        fig.add_trace(
            go.Heatmap(
                x=xs,
                y=ys,
                z=_shade(out),
                zmin=-0.5,
                zmax=classes - 0.5,
                colorscale=scale,
                opacity=0.35,
                showscale=False,
                customdata=_hover_cells(xs, ys, out, names),
                hovertemplate=plane_hover(names) + said + "<extra></extra>",
            )
        )
        title = "Decision boundary (shade: the class the network picks)"
    size = 7 if len(labels) <= 200 else 5  # pragma: no mutate
    fig.add_traces(class_points(X, labels, size, hover=True, names=names))
    plane_layout(
        fig,
        xs,
        ys,
        title,
        height=440,  # pragma: no mutate
        names=names,
    )
    return fig


def _shade(out: np.ndarray) -> np.ndarray:
    """The heatmap's z: a⁽ᴸ⁾ for one output, else the winning class (argmax) per cell."""
    return out[:, :, 0] if out.shape[2] == 1 else out.argmax(axis=2)


def _hover_cells(xs, ys, out: np.ndarray, names) -> list:
    """Per cell: x₀, x₁ and a⁽ᴸ⁾ (one output); x₀, x₁ and, with the user's names, the winning
    class's name (several: a name is text, not a template)."""
    if out.shape[2] == 1:
        return plane_text(xs, ys, out[:, :, 0])
    if names is None:
        return plane_text(xs, ys)
    label = [class_label(c, class_name(names, c)) for c in range(out.shape[2])]
    return [
        [[*cell, label[w]] for cell, w in zip(row, wins)]
        for row, wins in zip(plane_text(xs, ys), out.argmax(axis=2))
    ]


def plane_layout(fig: go.Figure, xs, ys, title: str, height: int, names=None) -> None:
    """Equal scales on x₀ and x₁ and axes that end where the grid ends ("domain": shrink the
    plot instead of widening the range, which left bare strips beside the heatmap); the axes
    titled "x₀ age", "x₁ score" with the user's input names."""
    frame = {
        "showline": True,  # pragma: no mutate
        "mirror": True,  # pragma: no mutate
        "linecolor": "#bdbdbd",  # pragma: no mutate
        "showgrid": False,  # pragma: no mutate
    }
    x0, x1 = (beside(f"x{sub(j)}", input_name(names, j)) for j in (0, 1))
    fig.update_xaxes(title_text=x0, range=[xs[0], xs[-1]], constrain="domain", **frame)
    fig.update_yaxes(
        title_text=x1,
        range=[ys[0], ys[-1]],
        scaleanchor="x",
        scaleratio=1,
        constrain="domain",
        **frame,
    )
    fig.update_layout(
        height=height,  # pragma: no mutate
        font=FONT,  # pragma: no mutate
        title=title,
        margin={"t": 50, "b": 50, "l": 60, "r": 20},  # pragma: no mutate
        legend={"orientation": "h", "y": -0.15, "x": 0},  # pragma: no mutate
        plot_bgcolor="white",  # pragma: no mutate
    )


def regression_fit(
    X: np.ndarray, Y: np.ndarray, xs: np.ndarray, pred: np.ndarray, *, names=None
) -> go.Figure:
    """The data (x, y) and the network's curve a⁽ᴸ⁾(x) for one input and one output; `names`
    (a DataNames or None) puts the user's input and target names in the axis titles."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=X[:, 0],
            y=Y[:, 0],
            mode="markers",
            name="data (x, y)",
            marker={"color": CLASS_COLORS[0], "size": 6},  # pragma: no mutate
            customdata=number_text(np.c_[X[:, 0], Y[:, 0]]),
            hovertemplate="x = %{customdata[0]}<br>y = %{customdata[1]}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=pred,
            mode="lines",
            name="network a⁽ᴸ⁾(x)",
            line={"color": "#D55E00", "width": 3},  # pragma: no mutate
            customdata=number_text(np.c_[xs, pred]),
            hovertemplate="x = %{customdata[0]}<br>a⁽ᴸ⁾ = %{customdata[1]}<extra></extra>",
        )
    )
    fig.update_layout(
        height=400,  # pragma: no mutate
        font=FONT,  # pragma: no mutate
        xaxis_title=in_parens("x", input_name(names, 0)),
        yaxis_title=in_parens("y, a⁽ᴸ⁾", output_name(names, 0)),
        title="Fitted curve",
        margin={"t": 50, "b": 50, "l": 60, "r": 20},  # pragma: no mutate
        legend={"orientation": "h", "y": -0.2, "x": 0},  # pragma: no mutate
    )
    line_chart_style(fig)
    return fig

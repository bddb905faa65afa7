"""Training charts: error curves, decision boundary or fitted curve, gradient norms per layer."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cards.names import beside, class_label, class_name, in_parens, input_name, output_name

from .lab_style import CLASS_COLORS, class_points, layer_colors, line_chart_style
from .style import FONT, OUTLINE, number_text, plane_hover, plane_text, sub

ERROR_COLOR, ACCURACY_COLOR = "#0072B2", "#009E73"  # colour = quantity, dash = train / test
TRAIN_DASH, TEST_DASH = "solid", "dash"


def _empty_note(fig: go.Figure, text: str) -> None:
    fig.add_annotation(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)


def loss_curves(train_loss, test_loss=None, train_acc=None, test_acc=None) -> go.Figure:
    """E per epoch (train and test, log scale) and, for classification, accuracy on a second
    axis. The lists may be empty (before the first epoch) or shorter for the test set."""
    epochs = np.arange(1, len(train_loss) + 1)
    with_acc = train_acc is not None and len(train_acc) > 0
    fig = make_subplots(specs=[[{"secondary_y": with_acc}]])
    series = [
        ("train E", train_loss, ERROR_COLOR, TRAIN_DASH, False),
        ("test E", test_loss, ERROR_COLOR, TEST_DASH, False),
        ("train accuracy", train_acc, ACCURACY_COLOR, TRAIN_DASH, True),
        ("test accuracy", test_acc if with_acc else None, ACCURACY_COLOR, TEST_DASH, True),
    ]
    for name, values, colour, dash, secondary in series:
        if values is None or not len(values):
            continue
        fig.add_trace(
            go.Scatter(
                x=np.arange(1, len(values) + 1),  # a test series may be shorter
                y=np.asarray(values, float),
                name=name,
                mode="lines",  # pragma: no mutate
                line={"color": colour, "width": 1.5 if secondary else 2.5, "dash": dash},
                text=number_text(values),
                hovertemplate="epoch %{x}<br>" + name + " %{text}<extra></extra>",
            ),
            secondary_y=secondary if with_acc else None,
        )
    if with_acc:
        # linear ticks of its own: plotly would otherwise align them to the log E axis
        fig.update_yaxes(
            title_text="accuracy",
            range=[0, 1.02],
            tickmode="linear",
            dtick=0.25,
            tickformat=".0%",
            showgrid=False,
            secondary_y=True,
        )
    fig.update_yaxes(title_text="E (log scale)", type="log", secondary_y=False)
    fig.update_xaxes(title_text="epoch", rangemode="tozero" if len(epochs) < 2 else "normal")
    if not len(epochs):
        _empty_note(fig, "No epochs yet: press Play or Step.")
    fig.update_layout(
        height=360,  # pragma: no mutate
        font=FONT,  # pragma: no mutate
        margin={"t": 50, "b": 50, "l": 60, "r": 20},  # pragma: no mutate
        title="Error per epoch" + (" and accuracy" if with_acc else ""),
        legend={"orientation": "h", "y": -0.25, "x": 0},  # pragma: no mutate
    )
    line_chart_style(fig)
    return fig


def decision_boundary(
    xs, ys, out: np.ndarray, X: np.ndarray, labels: np.ndarray, *, names=None
) -> go.Figure:
    """The network's answer over the input plane, with the data points on top.

    out: r × r × n⁽ᴸ⁾ outputs (rows follow ys, columns xs). One output: a⁽ᴸ⁾ shaded from
    class 0's colour (a = 0) through white to class 1's (a = 1), with the line a⁽ᴸ⁾ = 0.5;
    several: each point of the plane in the colour of its winning class (argmax).
    X: m × 2 inputs, labels: m class numbers. names: the user's DataNames (or None): class
    names in the legend and hovers, input names on the axes.
    """
    out = np.asarray(out, float)
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
                z=out[:, :, 0],
                zmin=0,
                zmax=1,
                colorscale=[[0, CLASS_COLORS[0]], [0.5, "white"], [1, CLASS_COLORS[1]]],
                opacity=0.6,
                colorbar=bar,
                customdata=plane_text(xs, ys, out[:, :, 0]),
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
        winner = out.argmax(axis=2)
        if names is None:
            custom, said = plane_text(xs, ys), "winning class %{z}"
        else:  # the winning class's name goes in customdata (a name is text, not a template)
            label = [class_label(c, class_name(names, c)) for c in range(classes)]
            custom = [
                [[*cell, label[w]] for cell, w in zip(row, wins)]
                for row, wins in zip(plane_text(xs, ys), winner)
            ]
            said = "winning %{customdata[2]}"
        fig.add_trace(
            go.Heatmap(
                x=xs,
                y=ys,
                z=winner,
                zmin=-0.5,
                zmax=classes - 0.5,
                colorscale=scale,
                opacity=0.35,
                showscale=False,
                customdata=custom,
                hovertemplate=plane_hover(names) + said + "<extra></extra>",
            )
        )
        title = "Decision boundary (shade: the class the network picks)"
    size = 7 if len(labels) <= 200 else 5  # pragma: no mutate
    fig.add_traces(class_points(X, labels, size, hover=True, names=names))
    _plane_layout(
        fig,
        xs,
        ys,
        title,
        height=440,  # pragma: no mutate
        names=names,
    )
    return fig


def _plane_layout(fig: go.Figure, xs, ys, title: str, height: int, names=None) -> None:
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


def _log_ticks(values: np.ndarray) -> dict:
    """Ticks for a log axis: whole decades (10ⁿ) when the data span several, else 1-2-5."""
    v = values[np.isfinite(values) & (values > 0)]
    if not v.size:
        return {}
    span = np.log10(v.max()) - np.log10(v.min())
    if span < 2:  # plotly's own minor labels ("2", "5" for 0.2, 0.5) read as wrong numbers
        lo, hi = int(np.floor(np.log10(v.min()))), int(np.ceil(np.log10(v.max())))
        vals = [m * 10.0**e for e in range(lo, hi + 1) for m in (1, 2, 5)]
        vals = [t for t in vals if v.min() / 1.2 <= t <= v.max() * 1.2]
        return {"tickmode": "array", "tickvals": vals, "ticktext": [f"{t:g}" for t in vals]}
    return {"dtick": int(np.ceil(span / 6)), "exponentformat": "power"}


def gradient_norms(delta_norm, grad_norm) -> go.Figure:
    """‖δ⁽ᵏ⁾‖ and ‖∂E/∂θ⁽ᵏ⁾‖ per layer k = 1..L over the epochs, on a log scale.

    delta_norm, grad_norm: [epoch][k − 1], as in core.History. A norm of exactly 0 (a dead
    layer) is left as a gap: a log axis cannot show it, and a tiny stand-in would stretch it.
    """
    panels = [np.asarray(delta_norm, float), np.asarray(grad_norm, float)]
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=("‖δ⁽ᵏ⁾‖ (RMS over the examples)", "‖∂E/∂θ⁽ᵏ⁾‖"),
        horizontal_spacing=0.1,  # pragma: no mutate
    )
    L = panels[0].shape[1] if panels[0].ndim == 2 else 0
    for col, values in enumerate(panels, start=1):
        if not values.size:
            continue
        epochs = np.arange(1, values.shape[0] + 1)
        shown = np.where(values > 0, values, np.nan)
        for k, colour in zip(range(1, L + 1), layer_colors(L)):
            fig.add_trace(
                go.Scatter(
                    x=epochs,
                    y=shown[:, k - 1],
                    mode="lines",  # pragma: no mutate
                    name=f"k = {k}",
                    legendgroup=str(k),
                    showlegend=col == 1,
                    line={"color": colour, "width": 2},
                    text=number_text(values[:, k - 1]),
                    hovertemplate=f"layer k = {k}, " + "epoch %{x}<br>%{text}<extra></extra>",
                ),
                row=1,
                col=col,
            )
        fig.update_yaxes(type="log", **_log_ticks(shown), row=1, col=col)
    if not L:
        _empty_note(fig, "No epochs yet: press Play or Step.")
    fig.update_xaxes(title_text="epoch")
    fig.update_layout(
        height=380,  # pragma: no mutate
        font=FONT,  # pragma: no mutate
        margin={"t": 80, "b": 50, "l": 60, "r": 20},  # pragma: no mutate
        title={
            "text": "Gradient size per layer, log scale (k = 1 next to the input, "
            f"k = {L or 'L'} = output): far below the others = vanishing",
            "y": 0.97,  # pragma: no mutate
            "yanchor": "top",  # pragma: no mutate
        },
        legend={
            "orientation": "h",  # pragma: no mutate
            "y": -0.22,  # pragma: no mutate
            "x": 0,  # pragma: no mutate
            "title": {"text": "layer"},
        },
    )
    line_chart_style(fig)
    return fig

"""Training charts: error curves and gradient norms per layer (the model view: plane.py)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .lab_style import layer_colors, line_chart_style
from .style import FONT, number_text

MAX_POINTS = 1000  # per curve: a refresh sends this much whatever the history's length
ERROR_COLOR, ACCURACY_COLOR = "#0072B2", "#009E73"  # colour = quantity, dash = train / test
TRAIN_DASH, TEST_DASH = "solid", "dash"


def _empty_note(fig: go.Figure, text: str) -> None:
    fig.add_annotation(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)


def kept_epochs(values, most: int = MAX_POINTS) -> np.ndarray:
    """Indices of `values` (one per epoch) a curve of at most `most` points draws: all of them
    when they fit, else the first, the last, and each bucket's lowest and highest value, so
    spikes and the best E survive (a plain every-k-th would drop them). NaN (a gap) is skipped
    within a bucket; a bucket of only NaN keeps its first index."""
    v = np.asarray(values, float)
    n = len(v)
    if n <= most:
        return np.arange(n)
    buckets = (most - 2) // 2
    inner = np.array_split(np.arange(1, n - 1), buckets)
    kept = [0, n - 1]
    for idx in inner:
        part = v[idx]
        if np.isnan(part).all():
            kept.append(idx[0])
        else:
            kept += [idx[np.nanargmin(part)], idx[np.nanargmax(part)]]
    return np.unique(kept)


def loss_curves(train_loss, test_loss=None, train_acc=None, test_acc=None) -> go.Figure:
    """E per epoch (train and test, log scale) and, for classification, accuracy on a second
    axis. The lists may be empty (before the first epoch) or shorter for the test set. Each
    curve draws at most MAX_POINTS epochs (`kept_epochs`); hovers give the exact epoch."""
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
        values = np.asarray(values, float)
        kept = kept_epochs(values)
        fig.add_trace(
            go.Scatter(
                x=kept + 1,  # epoch numbers start at 1; a test series may be shorter
                y=values[kept],
                name=name,
                mode="lines",  # pragma: no mutate
                line={"color": colour, "width": 1.5 if secondary else 2.5, "dash": dash},
                text=number_text(values[kept]),
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
    Each curve draws at most MAX_POINTS epochs (`kept_epochs`).
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
        shown = np.where(values > 0, values, np.nan)
        for k, colour in zip(range(1, L + 1), layer_colors(L)):
            kept = kept_epochs(shown[:, k - 1])
            fig.add_trace(
                go.Scatter(
                    x=kept + 1,
                    y=shown[kept, k - 1],
                    mode="lines",  # pragma: no mutate
                    name=f"k = {k}",
                    legendgroup=str(k),
                    showlegend=col == 1,
                    line={"color": colour, "width": 2},
                    text=number_text(values[kept, k - 1]),
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

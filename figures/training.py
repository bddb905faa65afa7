"""Training charts: error curves and gradient norms per layer (the model view: plane.py)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cards.numbers import fmt_all

from .lab_style import layer_colors, line_chart_style
from .sent import Sent, kept, refilled
from .style import FONT

MAX_POINTS = 1000  # per curve: a refresh sends this much whatever the history's length
ERROR_COLOR, ACCURACY_COLOR = "#0072B2", "#009E73"  # colour = quantity, dash = train / test
TRAIN_DASH, TEST_DASH = "solid", "dash"


def _empty_note(fig: go.Figure, text: str) -> None:
    fig.add_annotation(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)


def _extremes(block: np.ndarray) -> np.ndarray:
    """Flat indices of each row's least and greatest value in `block`, NaN skipped; a row of
    only NaN gives its first element."""
    gap = np.isnan(block)
    rows = np.arange(len(block))
    picked = []
    for far, pick in ((np.inf, np.argmin), (-np.inf, np.argmax)):
        col = pick(np.where(gap, far, block), axis=1)
        # a NaN stand-in won only where the extreme is that very ±∞ (or the row is all NaN)
        col = np.where(gap[rows, col], np.argmax(block == far, axis=1), col)
        picked.append(rows * block.shape[1] + col)
    return np.concatenate(picked)


def kept_epochs(values, most: int = MAX_POINTS) -> np.ndarray:
    """Indices of `values` (one per epoch) a curve of at most `most` points draws: all of them
    when they fit, else the first, the last, and each bucket's lowest and highest value, so
    spikes and the best E survive (a plain every-k-th would drop them). NaN (a gap) is skipped
    within a bucket; a bucket of only NaN keeps its first index. Vectorised: a refresh of a
    long run calls this for every curve."""
    v = np.asarray(values, float)
    n = len(v)
    if n <= most:
        return np.arange(n)
    buckets = (most - 2) // 2
    # indices 1 … n − 2 in `buckets` runs, the first `longer` of them one longer (as
    # np.array_split cuts), so each group of runs is a reshape of one slice
    size, longer = divmod(n - 2, buckets)
    cut = 1 + longer * (size + 1)
    kept = [
        [0, n - 1],
        1 + _extremes(v[1:cut].reshape(longer, size + 1)),
        cut + _extremes(v[cut : n - 1].reshape(buckets - longer, size)),
    ]
    return np.unique(np.concatenate(kept))


def _points(values, epochs=None, said=None) -> dict:
    """A curve's x (epoch numbers), y and hover text, at most MAX_POINTS of them (`kept_epochs`).
    epochs: the epoch of each value (None: 1, 2, 3 …); said: the numbers the hovers write
    (None: `values`)."""
    values = np.asarray(values, float)
    kept = kept_epochs(values)
    x = kept + 1 if epochs is None else np.asarray(epochs, int)[kept]
    said = values if said is None else np.asarray(said, float)
    # an array, not a list: plotly checks and copies an array at once (a new figure's curves)
    text = np.array(fmt_all(said[kept]), dtype=object)
    return {"x": x, "y": values[kept], "text": text}


def _refill(into, curves: list[tuple[str, dict]], axes: dict[str, dict]) -> Sent | None:
    """`into`, the figure of the last refresh, with the new points and `axes` changes, when it
    has the same curves (names, in order): a refresh then costs the numbers only, not plotly's
    building and checking of a figure. None when there is nothing to reuse."""
    if into is None:
        return None
    spec = kept(into)
    if [t.get("name") for t in spec["data"]] != [name for name, _ in curves]:
        return None
    return refilled(spec, [points for _, points in curves], axes)


def loss_curves(
    train_loss,
    test_loss=None,
    train_acc=None,
    test_acc=None,
    *,
    sampled=None,
    every=None,
    into: go.Figure | None = None,
) -> go.Figure | Sent:
    """E per epoch (train and test, log scale) and, for classification, accuracy on a second
    axis. The lists may be empty (before the first epoch) or shorter for the test set. Each
    curve draws at most MAX_POINTS epochs (`kept_epochs`); hovers give the exact epoch.

    Train E is one value per epoch (1, 2, 3 …). Test E and the accuracies were measured at the
    epochs `sampled` (None: every epoch too); `every` (how often, while playing) goes in their
    names: "test E (every 10 epochs)". into: this function's figure of the same run a moment
    ago; when it has the same curves, the result is it with the new numbers, as a Sent
    (figures/sent.py), without building a figure again."""
    with_acc = train_acc is not None and len(train_acc) > 0
    often = f" (every {every} epochs)" if every else ""
    series = [
        ("train E", train_loss, ERROR_COLOR, TRAIN_DASH, False),
        ("test E" + often, test_loss, ERROR_COLOR, TEST_DASH, False),
        ("train accuracy" + often, train_acc, ACCURACY_COLOR, TRAIN_DASH, True),
        ("test accuracy" + often, test_acc if with_acc else None, ACCURACY_COLOR, TEST_DASH, True),
    ]
    series = [s for s in series if s[1] is not None and len(s[1])]
    curves = [
        (name, _points(values, None if name == "train E" else sampled))
        for name, values, *_ in series
    ]
    again = _refill(into, curves, {"xaxis": {"rangemode": _x_start(train_loss)}})
    if again is not None:
        return again
    fig = make_subplots(specs=[[{"secondary_y": with_acc}]])
    for (name, _, colour, dash, secondary), (_, points) in zip(series, curves):
        fig.add_trace(
            go.Scatter(
                **points,
                name=name,
                mode="lines",  # pragma: no mutate
                line={"color": colour, "width": 1.5 if secondary else 2.5, "dash": dash},
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
    fig.update_xaxes(title_text="epoch", rangemode=_x_start(train_loss))
    if not len(train_loss):
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


def _x_start(train_loss) -> str:
    """The epoch axis starts at 0 until there are two epochs (one point has no range)."""
    return "tozero" if len(train_loss) < 2 else "normal"


NO_TICKS = dict.fromkeys(("tickmode", "tickvals", "ticktext", "dtick", "exponentformat"))


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
        return {
            "tickmode": "array",
            "tickvals": vals,
            "ticktext": [f"{t:g}" for t in vals],
        }
    return {"dtick": int(np.ceil(span / 6)), "exponentformat": "power"}


def gradient_norms(delta_norm, grad_norm, *, into: go.Figure | None = None) -> go.Figure | Sent:
    """‖δ⁽ᵏ⁾‖ and ‖∂E/∂θ⁽ᵏ⁾‖ per layer k = 1..L over the epochs, on a log scale.

    delta_norm, grad_norm: [epoch][k − 1], as in core.History. A norm of exactly 0 (a dead
    layer) is left as a gap: a log axis cannot show it, and a tiny stand-in would stretch it.
    Each curve draws at most MAX_POINTS epochs (`kept_epochs`). into: as for loss_curves.
    """
    panels = [np.asarray(delta_norm, float), np.asarray(grad_norm, float)]
    L = panels[0].shape[1] if panels[0].ndim == 2 else 0
    shown = [np.where(v > 0, v, np.nan) for v in panels]
    curves = [
        (f"k = {k}", _points(s[:, k - 1], said=v[:, k - 1]))
        for v, s in zip(panels, shown)
        if v.size
        for k in range(1, L + 1)
    ]
    # every tick key, None where unused: the reused axis keeps none of before
    ticks = {axis: {**NO_TICKS, **_log_ticks(s)} for axis, s in zip(("yaxis", "yaxis2"), shown)}
    again = _refill(into, curves, ticks)
    if again is not None:
        return again
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=("‖δ⁽ᵏ⁾‖ (RMS over the examples)", "‖∂E/∂θ⁽ᵏ⁾‖"),
        horizontal_spacing=0.1,  # pragma: no mutate
    )
    drawn = iter(curves)
    for col, values in enumerate(panels, start=1):
        if not values.size:
            continue
        for k, colour in zip(range(1, L + 1), layer_colors(L)):
            name, points = next(drawn)
            fig.add_trace(
                go.Scatter(
                    **points,
                    mode="lines",  # pragma: no mutate
                    name=name,
                    legendgroup=str(k),
                    showlegend=col == 1,
                    line={"color": colour, "width": 2},
                    hovertemplate=f"layer k = {k}, " + "epoch %{x}<br>%{text}<extra></extra>",
                ),
                row=1,
                col=col,
            )
        fig.update_yaxes(type="log", **_log_ticks(shown[col - 1]), row=1, col=col)
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

"""Forward step k: a⁽ᵏ⁻¹⁾, θ⁽ᵏ⁾, z⁽ᵏ⁾ = θ⁽ᵏ⁾a⁽ᵏ⁻¹⁾ + b⁽ᵏ⁾, a⁽ᵏ⁾ = g(z⁽ᵏ⁾); and the output vs y."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from cards.names import in_parens, input_labels, output_labels, output_name
from cards.numbers import ERROR_DIGITS
from core.notation import ACTIVATION_NOTATION

from .panels import Panel, panel_figure, room_for_names
from .style import (
    CATEGORICAL,
    example_rows,
    fmt,
    frame,
    number_text,
    round_sig,
    rows_note,
    shape_label,
    sub,
    sup,
)


def forward_layer(net, fwd, k: int, *, example: int | None = None, names=None) -> go.Figure:
    """Four heatmaps for step k (1..L): a⁽ᵏ⁻¹⁾ (m × n⁽ᵏ⁻¹⁾), θ⁽ᵏ⁾ (n⁽ᵏ⁾ × n⁽ᵏ⁻¹⁾), z⁽ᵏ⁾, a⁽ᵏ⁾.

    At most 64 examples are shown (a window containing `example`); `example`'s row is outlined.
    names: the user's DataNames (or None): columns of layer 0 are ticked "x₀ age", neurons of
    layer L "0: fail" (the columns of z⁽ᴸ⁾, a⁽ᴸ⁾ and the rows of θ⁽ᴸ⁾).
    """
    if not 1 <= k <= net.L:
        raise ValueError(f"forward step k must be 1..{net.L}, got {k}")
    m = fwd.m
    rows = example_rows(m, example=example)
    sl = slice(rows.start, rows.stop)
    shown = len(rows)
    n_prev, n_k = net.sizes[k - 1], net.sizes[k]
    j_title, i_title = f"j (layer {k - 1})", f"i (layer {k})"
    prev_labels = input_labels(names, n_prev, stacked=True) if k == 1 else None
    out_rows = output_labels(names, n_k) if k == net.L else None
    out_columns = output_labels(names, n_k, stacked=True) if k == net.L else None
    panels = [
        Panel(
            values=fwd.a[k - 1][sl],
            title=f"a{sup(k - 1)}  {shape_label(m, n_prev)}",
            name=f"a{sup(k - 1)}",
            x_title=f"neuron j (layer {k - 1})",
            y_title="example",
            row_ids=rows,
            x_labels=prev_labels,
        ),
        Panel(
            values=net.weights[k],
            title=f"θ{sup(k)}  {shape_label(n_k, n_prev)}",
            name=f"θ{sup(k)}",
            x_title=j_title,
            y_title=i_title,
            x_labels=prev_labels,
            y_labels=out_rows,
        ),
        Panel(
            values=fwd.z[k][sl],
            title=f"z{sup(k)}  {shape_label(m, n_k)}",
            name=f"z{sup(k)}",
            x_title=f"neuron i (layer {k})",
            y_title="example",
            row_ids=rows,
            x_labels=out_columns,
        ),
        Panel(
            values=fwd.a[k][sl],
            title=f"a{sup(k)}  {shape_label(m, n_k)}",
            name=f"a{sup(k)}",
            x_title=f"neuron i (layer {k})",
            y_title="example",
            row_ids=rows,
            x_labels=out_columns,
        ),
    ]
    act = ACTIVATION_NOTATION[net.activations[k]].symbol
    title = (
        f"Step k = {k}: z{sup(k)} = θ{sup(k)} a{sup(k - 1)} + b{sup(k)},  "
        f"a{sup(k)} = {act}(z{sup(k)}){rows_note(rows, m)}"
    )
    fig = panel_figure(panels, title=title)
    if names is not None:
        room_for_names(fig)
    if example is not None and example in rows and m > 1:
        for idx in (0, 2, 3):
            axis = "" if idx == 0 else str(idx + 1)
            fig.add_shape(
                type="rect",
                xref=f"x{axis} domain",
                yref=f"y{axis}",
                x0=0,
                x1=1,
                y0=example - 0.5,
                y1=example + 0.5,
                line=dict(
                    color="rgb(230,159,0)",
                    width=3 if shown <= 16 else 2,  # pragma: no mutate
                ),
            )
    return fig


def output_summary(fwd, *, names=None) -> go.Figure:
    """a⁽ᴸ⁾ (filled) next to the target y (open) for each example and output j; E in the title.
    names: the user's DataNames (or None): "target y₁ (pass)", "output a₁⁽ᴸ⁾ (pass)"."""
    L = fwd.a.last
    m = fwd.m
    rows = example_rows(m)
    out = round_sig(fwd.a[L][: len(rows)])
    n_out = out.shape[1]
    offsets = (np.arange(n_out) - (n_out - 1) / 2) * min(0.8 / max(n_out, 1), 0.2)
    fig = go.Figure()
    ex = np.arange(len(rows))
    for j in range(n_out):
        colour = CATEGORICAL[j % len(CATEGORICAL)]
        y_j = in_parens(f"y{sub(j)}", output_name(names, j))
        a_j = in_parens(f"a{sub(j)}{sup(L)}", output_name(names, j))
        xs = np.round(ex + offsets[j], 3)
        if fwd.Y is not None:
            y = round_sig(fwd.Y[: len(rows), j])
            gap_x = np.column_stack([xs, xs, np.full(len(xs), None)]).ravel().tolist()
            gap_y = np.column_stack([out[:, j], y, np.full(len(xs), None)]).ravel().tolist()
            fig.add_trace(
                go.Scatter(
                    x=gap_x,
                    y=gap_y,
                    mode="lines",
                    line=dict(color=colour, width=1),  # pragma: no mutate
                    opacity=0.5,  # pragma: no mutate
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=str(j),
                )
            )
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=y,
                    mode="markers",
                    name=f"target {y_j}",
                    legendgroup=str(j),
                    marker=dict(
                        symbol="diamond-open",
                        size=10,  # pragma: no mutate
                        color=colour,
                        line=dict(width=2),  # pragma: no mutate
                    ),
                    customdata=ex,
                    text=number_text(fwd.Y[: len(rows), j]),
                    hovertemplate=f"example %{{customdata}}<br>{y_j} = %{{text}}<extra></extra>",
                )
            )
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=out[:, j],
                mode="markers",
                name=f"output {a_j}",
                legendgroup=str(j),
                marker=dict(
                    size=9,  # pragma: no mutate
                    color=colour,
                ),
                customdata=ex,
                text=number_text(fwd.a[L][: len(rows), j]),
                hovertemplate=f"example %{{customdata}}<br>{a_j} = %{{text}}<extra></extra>",
            )
        )
    error = "" if fwd.loss is None else f"  —  E = {fmt(fwd.loss, ERROR_DIGITS)}"
    title = f"Output a{sup(L)} vs target y per example{error}{rows_note(rows, m)}"
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left"),
        **frame(height=320, margin=dict(l=55, r=20, t=80, b=50)),  # pragma: no mutate
        legend=dict(
            orientation="h",  # pragma: no mutate
            x=1,  # pragma: no mutate
            xanchor="right",  # pragma: no mutate
            y=1.0,  # pragma: no mutate
            yanchor="bottom",  # pragma: no mutate
        ),
        xaxis=dict(
            title_text="example",
            range=[-0.6, len(rows) - 0.4],
            showgrid=False,  # pragma: no mutate
            tickmode="array" if len(rows) <= 16 else "auto",
            tickvals=list(ex) if len(rows) <= 16 else None,
        ),
        yaxis=dict(
            title_text="value",
            zeroline=True,  # pragma: no mutate
            gridcolor="rgb(235,235,235)",  # pragma: no mutate
        ),
    )
    return fig

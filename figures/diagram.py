"""The network diagram: neurons in columns k = 0..L, connections θᵢⱼ⁽ᵏ⁾ as lines.

Colour shows the sign of θ (blue > 0, red < 0), width shows |θ| in four bins. Edges are grouped
into a handful of line traces (sign × width bin × faded) with None separators, so an 8 × 32
network stays light. Neuron 0 of each layer is at the top.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .diagram_layout import (
    diagram_axes,
    diagram_height,
    highlight_band,
    marker_size,
    positions,
)
from .neurons import neuron_label, neuron_traces
from .style import NEGATIVE, POSITIVE, fmt, frame

WIDTHS = (0.6, 1.3, 2.3, 3.6)  # line width of |θ| / max|θ| in [0, ¼), [¼, ½), [½, ¾), [¾, 1]
EDGE_HOVER_MAX = 1200  # above this many connections, θ values are not given hover points
FADED = 0.18
NAME_ROOM = 0.45  # x units added on each side of the diagram for the user's neuron names
NAME_CHARS = 14  # longer names are cut on the diagram (the hover has them whole)


def edge_table(net):
    """Every connection: arrays k, i, j, θᵢⱼ⁽ᵏ⁾ (one entry per edge)."""
    ks, iis, jjs, ws = [], [], [], []
    for k in range(1, net.L + 1):
        theta = np.asarray(net.weights[k])
        ii, jj = np.meshgrid(np.arange(theta.shape[0]), np.arange(theta.shape[1]), indexing="ij")
        ks.append(np.full(theta.size, k))
        iis.append(ii.ravel())
        jjs.append(jj.ravel())
        ws.append(theta.ravel())
    return np.concatenate(ks), np.concatenate(iis), np.concatenate(jjs), np.concatenate(ws)


def width_bins(w: np.ndarray) -> np.ndarray:
    biggest = float(np.max(np.abs(w))) if w.size else 0.0
    if biggest == 0:
        return np.zeros(w.shape, dtype=int)
    return np.minimum((np.abs(w) / biggest * 4).astype(int), 3)


def _segments(ys, ks, iis, jjs):
    x = np.empty(3 * len(ks), dtype=object)
    y = np.empty(3 * len(ks), dtype=object)
    x[0::3], x[1::3] = ks - 1, ks
    y[0::3] = [ys[k - 1][j] for k, j in zip(ks, jjs)]
    y[1::3] = [ys[k][i] for k, i in zip(ks, iis)]
    return x.tolist(), y.tolist()  # every third entry stays None: a break between lines


def edge_traces(net, *, highlight_layer=None, highlight_edges=(), hover=None) -> list:
    """Line traces grouped by (faded, sign, width bin), then emphasised edges, then hover points."""
    ys = positions(net.sizes)
    ks, iis, jjs, ws = edge_table(net)
    bins = width_bins(ws)
    base = 0.85 if len(ws) <= 300 else 0.55  # pragma: no mutate
    faded = (ks != highlight_layer) if highlight_layer else np.zeros(len(ws), dtype=bool)
    traces = []
    for fade in (True, False):
        for positive, colour, label in ((True, POSITIVE, "θ > 0"), (False, NEGATIVE, "θ < 0")):
            for b, width in enumerate(WIDTHS):
                sel = (faded == fade) & ((ws >= 0) == positive) & (bins == b)
                if not sel.any():
                    continue
                x, y = _segments(ys, ks[sel], iis[sel], jjs[sel])
                traces.append(
                    go.Scatter(
                        x=x,
                        y=y,
                        mode="lines",
                        hoverinfo="skip",
                        showlegend=False,
                        line=dict(color=colour, width=width),
                        opacity=FADED if fade else base,
                        name=f"{label}, |θ| bin {b + 1}" + (" (faded)" if fade else ""),
                        legendgroup=label,
                    )
                )
    highlight_edges = [tuple(int(v) for v in e) for e in highlight_edges]
    if highlight_edges:
        traces += _emphasised(net, ys, highlight_edges)
    traces += _legend_keys()
    if hover if hover is not None else len(ws) <= EDGE_HOVER_MAX:
        t = 0.6  # hover point 60 % of the way to neuron i: fewer collisions than the midpoint
        y0 = np.array([ys[k - 1][j] for k, j in zip(ks, jjs)])
        y1 = np.array([ys[k][i] for k, i in zip(ks, iis)])
        traces.append(
            go.Scatter(
                x=np.round(ks - 1 + t, 3),
                y=np.round(y0 + t * (y1 - y0), 3),
                mode="markers",
                marker=dict(size=7, color="rgba(0,0,0,0)"),  # pragma: no mutate
                showlegend=False,
                name="θ",
                customdata=[
                    [int(k), int(i), int(j), fmt(w)] for k, i, j, w in zip(ks, iis, jjs, ws)
                ],
                hovertemplate="θ<sub>%{customdata[1]},%{customdata[2]}</sub><sup>(%{customdata[0]})"
                "</sup> = %{customdata[3]}<br>neuron j = %{customdata[2]} (layer k−1) → "
                "neuron i = %{customdata[1]} (layer k)<extra></extra>",
            )
        )
    return traces


def _emphasised(net, ys, edges) -> list:
    halo_x, halo_y, lines = [], [], {True: ([], []), False: ([], [])}
    for k, i, j in edges:
        if not (1 <= k <= net.L and 0 <= i < net.sizes[k] and 0 <= j < net.sizes[k - 1]):
            continue
        seg_x, seg_y = [k - 1, k, None], [ys[k - 1][j], ys[k][i], None]
        halo_x += seg_x
        halo_y += seg_y
        lines[bool(net.weights[k][i, j] >= 0)][0].extend(seg_x)
        lines[bool(net.weights[k][i, j] >= 0)][1].extend(seg_y)
    out = [
        go.Scatter(
            x=halo_x,
            y=halo_y,
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            line=dict(color="rgba(230,159,0,0.55)", width=10),
            name="highlighted",
        )
    ]
    for positive, (x, y) in lines.items():
        if x:
            out.append(
                go.Scatter(
                    x=x,
                    y=y,
                    mode="lines",
                    hoverinfo="skip",
                    showlegend=False,
                    name="highlighted θ",
                    line=dict(color=POSITIVE if positive else NEGATIVE, width=4),
                )
            )
    return out


def _legend_keys() -> list:
    return [
        go.Scatter(x=[None], y=[None], mode="lines", name=label, line=dict(color=c, width=3))
        for label, c in (("θ > 0", POSITIVE), ("θ < 0", NEGATIVE))
    ]


def name_traces(net, names) -> list:
    """The user's names beside the input neurons (left) and the output neurons (right)."""
    ys = positions(net.sizes)
    out = []
    for k, side, dx in ((0, "middle left", -0.12), (net.L, "middle right", 0.12)):
        labels = [(i, neuron_label(net, names, k, i, NAME_CHARS)) for i in range(net.sizes[k])]
        labels = [(i, label) for i, label in labels if label is not None]
        if labels:
            out.append(
                go.Scatter(
                    x=[k + dx] * len(labels),
                    y=[float(ys[k][i]) for i, _ in labels],
                    mode="text",
                    text=[label for _, label in labels],
                    textposition=side,
                    cliponaxis=False,
                    hoverinfo="skip",
                    showlegend=False,
                    name="input names" if k == 0 else "output names",
                )
            )
    return out


def network_diagram(
    net,
    *,
    highlight_layer=None,
    neuron_values=None,
    highlight_edges=(),
    highlight_neurons=(),
    title=None,
    names=None,
) -> go.Figure:
    """The network: neurons in columns k = 0..L, connections coloured by sign, width by |θ|.
    names: the user's DataNames (or None), written beside the input and output neurons."""
    height = diagram_height(net)
    traces = edge_traces(net, highlight_layer=highlight_layer, highlight_edges=highlight_edges)
    traces += neuron_traces(
        net,
        highlight_layer=highlight_layer,
        neuron_values=neuron_values,
        highlight_neurons=highlight_neurons,
        marker_px=marker_size(net, height),
        names=names,
    )
    named = name_traces(net, names) if names is not None else []
    traces += named
    fig = go.Figure(traces)
    x_axis, y_axis = diagram_axes(net)
    if named:  # room for the names on both sides
        x_axis["range"] = [-0.5 - NAME_ROOM, net.L + 0.5 + NAME_ROOM]
    sizes = "-".join(str(n) for n in net.sizes)
    fig.update_layout(
        title=dict(
            text=title or f"Network {sizes}",
            x=0,  # pragma: no mutate
            xanchor="left",  # pragma: no mutate
            y=0.99,  # pragma: no mutate
            yanchor="top",  # pragma: no mutate
        ),
        **frame(height=height, margin=dict(l=10, r=10, t=95, b=30)),  # pragma: no mutate
        xaxis=x_axis,
        yaxis=y_axis,
        legend=dict(
            orientation="h",  # pragma: no mutate
            x=1,  # pragma: no mutate
            xanchor="right",  # pragma: no mutate
            y=-0.02,  # pragma: no mutate
            yanchor="top",  # pragma: no mutate
        ),
        shapes=[highlight_band(highlight_layer, "x", "paper")]
        if highlight_layer is not None
        else [],
    )
    return fig

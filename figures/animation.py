"""The whole backward pass as a plotly animation: one frame per layer, k = L, L−1, …, 1.

Row 1: the network diagram with layer k and its incoming connections highlighted.
Row 2: δ⁽ᵏ⁾, ∂E/∂θ⁽ᵏ⁾, ∂E/∂b⁽ᵏ⁾. The title carries the equations used at step k.
Frames replace only what changes (the neurons, the three heatmaps, axes, titles, the band);
the connections are drawn once, so the JSON of the largest network stays under 1 MB.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

import core
from core.notation import EQ2_TEXT, EQ3_TEXT

from .backward import backward_panels, backward_ranges
from .diagram import edge_traces
from .diagram_layout import diagram_axes, highlight_band
from .neurons import neuron_traces
from .panels import panel_axes, panel_traces
from .style import FONT, example_rows, rows_note

FRAME_MS = 1000


def equation_text(net, k: int) -> str:
    """The equations in use at step k, in the notation of docs/NOTATION.md; the form of
    equation (1) comes from core's notation registry (core.output_form)."""
    L = net.L
    if k == L:
        form = core.output_form(net.activations[L], net.loss)
        eq = f"(1) {form.equation_text}"
        if form.simplifies_to_a_minus_y:
            eq += "  =  a⁽ᴸ⁾ − y"
        where = f"k = L = {k} (output layer)"
    else:
        eq = f"(2) {EQ2_TEXT}"
        where = f"k = {k}"
    return f"<b>{where}</b>:   {eq}<br>(3) {EQ3_TEXT}"


def _heights(net, m: int) -> tuple[int, int]:
    shown = len(example_rows(m))
    rows = max(max(shown, n) for n in net.sizes[1:])
    diagram = int(np.clip(90 + 9 * max(net.sizes), 170, 250))  # pragma: no mutate
    heat = int(np.clip(60 + 20 * rows, 170, 280))  # pragma: no mutate
    return diagram, heat


def backward_animation(net, fwd, bwd, *, shared_scale: bool = True, names=None) -> go.Figure:
    """Exactly L frames named "k=L" … "k=1"; Play/Pause and a slider step through them.
    names (the user's DataNames or None) tick the heatmaps as backward_layer does."""
    L, m = net.L, fwd.m
    ranges = backward_ranges(net, bwd, shared_scale=shared_scale)
    diagram_h, heat_h = _heights(net, m)
    top, bottom = 130, 120  # pragma: no mutate
    height = diagram_h + heat_h + top + bottom + 40  # pragma: no mutate
    plot_h = height - top - bottom  # pragma: no mutate
    fig = make_subplots(
        rows=2,
        cols=3,
        specs=[[{"colspan": 3}, None, None], [{}, {}, {}]],
        row_heights=[
            diagram_h / (diagram_h + heat_h),  # pragma: no mutate
            heat_h / (diagram_h + heat_h),  # pragma: no mutate
        ],
        column_widths=[0.42, 0.42, 0.16],  # pragma: no mutate
        horizontal_spacing=0.15,  # pragma: no mutate
        vertical_spacing=0.14,  # pragma: no mutate
        subplot_titles=["", "δ", "∂E/∂θ", "∂E/∂b"],  # make_subplots skips the empty one
    )
    # subplots: 1 = diagram (x, y), 2..4 = the heatmaps (x2..x4, y2..y4)
    for t in edge_traces(net):
        fig.add_trace(t, row=1, col=1)
    x_axis, y_axis = diagram_axes(net)
    fig.update_xaxes(x_axis, row=1, col=1)
    fig.update_yaxes(y_axis, row=1, col=1)
    marker_px = float(np.clip(0.6 * diagram_h / max(net.sizes), 5, 26))  # pragma: no mutate
    base_annotations = [a.to_plotly_json() for a in fig.layout.annotations]

    frames = []
    for k in range(L, 0, -1):
        panels = backward_panels(net, bwd, k, ranges[k], clickable=False, names=names)
        data = neuron_traces(
            net,
            highlight_layer=k,
            marker_px=marker_px,
            highlight_neurons=[(k, i) for i in range(net.sizes[k])],
        )
        layout = {}
        for idx, p in enumerate(panels):
            axis = idx + 2
            (heat,) = panel_traces(fig, p, axis=axis, plot_h=heat_h, colorbar=True)
            heat.update(xaxis=f"x{axis}", yaxis=f"y{axis}")
            data.append(heat)
            layout[f"xaxis{axis}"], layout[f"yaxis{axis}"] = panel_axes(p)
        annotations = [dict(a) for a in base_annotations]
        for a, p in zip(annotations, panels):  # the subplot titles of the three heatmaps
            a["text"] = p.title
        annotations.append(
            dict(
                text=equation_text(net, k),
                name="equation",
                xref="paper",
                yref="paper",
                x=0,
                xanchor="left",
                y=1 + (top - 8) / plot_h,
                yanchor="top",
                align="left",
                showarrow=False,
                font=dict(size=14),  # pragma: no mutate
            )
        )
        layout.update(
            annotations=annotations,
            shapes=[highlight_band(k, "x", "y domain")],
        )
        frames.append(go.Frame(name=f"k={k}", data=data, layout=layout))

    first = frames[0]
    n_static = len(fig.data)
    for t in first.data:
        fig.add_trace(t)
    fig.frames = [
        go.Frame(
            name=f.name,
            data=f.data,
            layout=f.layout,
            traces=list(range(n_static, n_static + len(f.data))),
        )
        for f in frames
    ]
    fig.update_layout(first.layout)
    fig.layout.annotations = first.layout.annotations  # replace, not merge, the titles
    fig.layout.shapes = first.layout.shapes
    scale = "same colour range for every layer" if shared_scale else "colours scaled per layer"
    fig.update_layout(
        height=height,  # pragma: no mutate
        autosize=True,  # pragma: no mutate
        font=FONT,  # pragma: no mutate
        plot_bgcolor="white",  # pragma: no mutate
        hovermode="closest",  # pragma: no mutate
        margin=dict(l=55, r=45, t=top, b=bottom),  # pragma: no mutate
        showlegend=False,  # pragma: no mutate
        updatemenus=[_play_pause()],
        sliders=[_slider(L, scale + rows_note(example_rows(m), m))],
    )
    return fig


def _play_pause() -> dict:
    play = {
        "frame": {"duration": FRAME_MS, "redraw": True},
        "fromcurrent": True,
        "transition": {"duration": 0},
        "mode": "immediate",
    }
    pause = {
        "frame": {"duration": 0, "redraw": False},
        "mode": "immediate",
        "transition": {"duration": 0},
    }
    return dict(
        type="buttons",
        direction="left",  # pragma: no mutate
        showactive=False,  # pragma: no mutate
        x=0,  # pragma: no mutate
        xanchor="left",  # pragma: no mutate
        y=0,  # pragma: no mutate
        yanchor="top",  # pragma: no mutate
        pad=dict(t=75, r=10),  # pragma: no mutate
        buttons=[
            dict(label="▶ Play", method="animate", args=[None, play]),
            dict(label="❚❚ Pause", method="animate", args=[[None], pause]),
        ],
    )


def _slider(L: int, note: str) -> dict:
    jump = {
        "frame": {"duration": 0, "redraw": True},
        "mode": "immediate",
        "transition": {"duration": 0},
    }
    return dict(
        active=0,
        x=0.26,  # clear of Play/Pause (~0.2 of the width)  # pragma: no mutate
        len=0.74,  # pragma: no mutate
        y=0,  # pragma: no mutate
        yanchor="top",  # pragma: no mutate
        pad=dict(t=65),  # pragma: no mutate
        currentvalue=dict(
            prefix="step ",
            suffix=f"   ({note.strip(' —')})",
            font=dict(size=13),  # pragma: no mutate
        ),
        steps=[
            dict(label=f"k = {k}", method="animate", args=[[f"k={k}"], jump])
            for k in range(L, 0, -1)
        ],
        font=dict(size=11),  # pragma: no mutate
        ticklen=4,  # pragma: no mutate
        transition=dict(duration=0),
    )

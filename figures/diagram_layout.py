"""Where the diagram puts things: neuron positions, column labels, sizes, the highlight band."""

from __future__ import annotations

import numpy as np

from .style import EMPHASIS, sup


def positions(sizes) -> list[np.ndarray]:
    """y of each neuron, layer by layer: centred, smaller layers spread up to 2 units apart."""
    widest = max(sizes)
    ys = []
    for n in sizes:
        step = 1.0 if n == 1 else min(2.0, (widest - 1) / (n - 1)) if widest > 1 else 1.0
        ys.append(np.round((np.arange(n) - (n - 1) / 2) * step, 3))
    return ys


def diagram_height(net) -> int:
    return int(np.clip(150 + 20 * max(net.sizes), 300, 560))  # pragma: no mutate


def layer_label(net, k: int) -> str:
    role = " (input)" if k == 0 else " (output)" if k == net.L else ""
    return f"layer {k}<br>{role.strip()}<br>n{sup(k)} = {net.sizes[k]}".replace("<br><br>", "<br>")


def marker_size(net, height: int) -> float:
    return float(np.clip(0.6 * (height - 130) / max(net.sizes), 7, 34))  # pragma: no mutate


def highlight_band(k: int, xref: str = "x", yref: str = "y domain") -> dict:
    """A translucent band over layer k and its incoming connections (from layer k − 1)."""
    return dict(
        type="rect",
        xref=xref,
        yref=yref,
        x0=max(k - 1, 0) - 0.25,
        x1=k + 0.25,
        y0=0,
        y1=1,
        fillcolor=EMPHASIS,
        line=dict(width=0),
        layer="below",
    )


def diagram_axes(net) -> tuple[dict, dict]:
    ys = positions(net.sizes)
    top = max(float(v.max()) for v in ys)
    x_axis = dict(
        range=[-0.5, net.L + 0.5],
        tickmode="array",
        tickvals=list(range(net.L + 1)),
        ticktext=[layer_label(net, k) for k in range(net.L + 1)],
        showgrid=False,  # pragma: no mutate
        zeroline=False,  # pragma: no mutate
        side="top",  # pragma: no mutate
        tickfont=dict(size=11 if net.L <= 5 else 9),  # pragma: no mutate
    )
    y_axis = dict(
        range=[top + 1, -top - 1],
        visible=False,  # pragma: no mutate
        showgrid=False,  # pragma: no mutate
        zeroline=False,  # pragma: no mutate
    )
    return x_axis, y_axis

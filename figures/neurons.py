"""The neurons of the diagram: circles coloured by a value, faded or ringed when highlighted."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from cards.names import beside, input_name, output_name, short

from .diagram_layout import positions
from .style import DIVERGING, NEUTRAL, OUTLINE, fmt, round_sig, signed, sub, sup, symmetric_max

SMALL_NET = 40  # at most this many neurons (and ≤ 10 per layer): values written on neurons


def neuron_label(net, names, k: int, i: int, limit: int | None = None) -> str | None:
    """'x₀ age' for an input, 'a₁⁽²⁾ pass' for an output neuron with a user's name, else None;
    a name longer than `limit` characters is cut."""
    name = input_name(names, i) if k == 0 else output_name(names, i) if k == net.L else None
    if name is None:
        return None
    symbol = f"x{sub(i)}" if k == 0 else f"a{sub(i)}{sup(k)}"
    return beside(symbol, name if limit is None else short(name, limit))


def neuron_traces(
    net,
    *,
    highlight_layer=None,
    neuron_values=None,
    highlight_neurons=(),
    marker_px: float = 24.0,
    names=None,
) -> list:
    """Neurons as circles (coloured by neuron_values[k] where given), then highlight rings.
    names (the user's DataNames or None) are added to the hovers of input and output neurons."""
    ys = positions(net.sizes)
    values = {int(k): np.asarray(v, dtype=float).ravel() for k, v in (neuron_values or {}).items()}
    vmax = symmetric_max(*values.values()) if values else 1.0
    small = sum(net.sizes) <= SMALL_NET and max(net.sizes) <= 10
    x, y, colour, opacity, hover, text, text_colour = [], [], [], [], [], [], []
    for k, n in enumerate(net.sizes):
        v = values.get(k)
        for i in range(n):
            x.append(k)
            y.append(float(ys[k][i]))
            has = v is not None and i < len(v)
            val = float(v[i]) if has else None
            colour.append(float(round_sig(val)) if has else 0.0)
            opacity.append(1.0 if highlight_layer is None or k == highlight_layer else 0.4)
            label = neuron_label(net, names, k, i)
            hover.append(
                f"layer {k}, neuron {i}"
                + (f": {label}" if label else "")
                + (f"<br>value = {fmt(val)}" if has else "")
            )
            text.append(signed(val, 2) if has and small else "")  # 2 digits fit in a circle
            text_colour.append("white" if has and abs(val) > 0.6 * vmax else "black")
    marker = dict(
        size=marker_px,  # pragma: no mutate
        opacity=opacity,
        line=dict(color=OUTLINE, width=1),  # pragma: no mutate
    )
    if values:
        marker.update(
            color=colour,
            colorscale=DIVERGING,
            cmin=-vmax,
            cmax=vmax,
            cmid=0,
            showscale=True,
            colorbar=dict(
                thickness=10,  # pragma: no mutate
                len=0.9,  # pragma: no mutate
                title="value",
            ),
        )
    else:
        marker.update(color=NEUTRAL)
    out = [
        go.Scatter(
            x=x,
            y=y,
            mode="markers+text" if any(text) else "markers",
            marker=marker,
            text=text,
            textfont=dict(
                size=9,  # pragma: no mutate
                color=text_colour,
            ),
            hovertext=hover,
            hoverinfo="text",
            showlegend=False,
            name="neurons",
        )
    ]
    if values and any(k not in values for k in range(len(net.sizes))):
        # layers without values: plain circles, not the colour of 0
        plain = [p for p, (kk, _) in enumerate(zip(x, y)) if kk not in values]
        out.append(
            go.Scatter(
                x=[x[p] for p in plain],
                y=[y[p] for p in plain],
                mode="markers",
                hoverinfo="skip",
                marker=dict(
                    size=marker_px,  # pragma: no mutate
                    color=NEUTRAL,
                    line=dict(color=OUTLINE, width=1),  # pragma: no mutate
                    opacity=[opacity[p] for p in plain],
                ),
                showlegend=False,
                name="neurons without a value",
            )
        )
    rings = [
        (int(k), int(i))
        for k, i in highlight_neurons
        if 0 <= int(k) <= net.L and 0 <= int(i) < net.sizes[int(k)]
    ]
    out.append(
        go.Scatter(
            x=[k for k, _ in rings],
            y=[float(ys[k][i]) for k, i in rings],
            mode="markers",
            marker=dict(
                symbol="circle-open",
                size=marker_px + 10,  # pragma: no mutate
                color="rgb(230,159,0)",
                line=dict(width=4),  # pragma: no mutate
            ),
            hoverinfo="skip",
            showlegend=False,
            name="highlighted neurons",
        )
    )
    return out

"""The output-layer lab's figure: δ⁽ᴸ⁾ against z⁽ᴸ⁾, one curve per (activation, loss) pair."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .lab_style import CURVE_COLORS, line_chart_style
from .style import EMPHASIS, FONT, fmt, number_text


def delta_curves(z: np.ndarray, curves: dict[str, np.ndarray], y: float) -> go.Figure:
    """δ⁽ᴸ⁾ against z⁽ᴸ⁾ for a fixed target, one curve per (activation, loss) pairing.

    Two pairings can give the same curve (sigmoid + binary cross-entropy and softmax +
    cross-entropy are both a − y): the later one says so in the legend and is drawn narrower
    on top, so neither hides the other.
    """
    z = np.asarray(z, float)
    # the side where the output is badly wrong (a near 1 − y): there learning should be fast
    lo, hi = (float(z.min()), 0.0) if y >= 0.5 else (0.0, float(z.max()))
    fig = go.Figure()
    if z.size and lo < hi:
        fig.add_vrect(x0=lo, x1=hi, fillcolor=EMPHASIS, line_width=0, layer="below")
        fig.add_annotation(
            x=(lo + hi) / 2,
            y=1,
            yref="paper",
            yanchor="bottom",
            text=f"output wrong: a⁽ᴸ⁾ far from y = {fmt(y)}",
            showarrow=False,
        )
    seen: list[tuple[str, np.ndarray]] = []
    dashes = ["solid", "dash", "dot", "dashdot", "longdash"]
    for n, (label, delta) in enumerate(curves.items()):
        delta = np.asarray(delta, float)
        same = [
            name
            for name, d in seen
            if d.shape == delta.shape and np.allclose(d, delta, atol=1e-9, equal_nan=True)
        ]
        seen.append((label, delta))
        fig.add_trace(
            go.Scatter(
                x=z,
                y=delta,
                mode="lines",
                name=label + (f"  (same curve as {same[0]})" if same else ""),
                line={
                    "color": CURVE_COLORS[n % len(CURVE_COLORS)],
                    "width": 1.8 if same else 3,
                    "dash": dashes[n % len(dashes)],
                },
                customdata=number_text(np.c_[z, delta]),
                hovertemplate="z⁽ᴸ⁾ = %{customdata[0]}<br>δ⁽ᴸ⁾ = %{customdata[1]}<extra>"
                + label
                + "</extra>",
            )
        )
    fig.add_hline(y=0, line={"color": "#999", "width": 1})
    fig.update_layout(
        height=420,  # pragma: no mutate
        font=FONT,  # pragma: no mutate
        xaxis_title="z⁽ᴸ⁾",
        yaxis_title="δ⁽ᴸ⁾ = ∂E/∂z⁽ᴸ⁾",
        title=f"Output delta for target y = {fmt(y)}",
        margin={"t": 70, "b": 50, "l": 60, "r": 20},  # pragma: no mutate
        legend={"orientation": "h", "y": -0.18, "x": 0},  # pragma: no mutate
    )
    line_chart_style(fig)
    return fig

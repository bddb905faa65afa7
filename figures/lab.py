"""Figures for the labs: gradient check, output layer, training, input gradient."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

import core

from .style import sup

LAYER_COLORS = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
]  # Okabe–Ito: distinguishable with colour-blindness
CLASS_COLORS = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
    "#882255",
]


def _layer_color(k: int) -> str:
    return LAYER_COLORS[(k - 1) % len(LAYER_COLORS)]


def gradcheck_heatmaps(report: core.GradientCheckReport) -> go.Figure:
    """log₁₀ of the relative error of every θᵢⱼ⁽ᵏ⁾ and bᵢ⁽ᵏ⁾, one column per layer."""
    L = len(report.rel_error_weights)
    titles = [f"θ{sup(k)} and b{sup(k)}" for k in range(1, L + 1)]
    fig = make_subplots(rows=1, cols=L, subplot_titles=titles, horizontal_spacing=0.06)
    floor = 1e-16
    tol = np.log10(report.tolerance)
    for k in range(1, L + 1):
        err = np.c_[report.rel_error_weights[k], report.rel_error_biases[k]]
        logs = np.log10(np.maximum(err, floor))
        n_in = err.shape[1] - 1
        fig.add_trace(
            go.Heatmap(
                z=logs,
                x=[f"j={j}" for j in range(n_in)] + ["b"],
                y=[f"i={i}" for i in range(err.shape[0])],
                zmin=-12,
                zmax=1,
                colorscale="Viridis",
                showscale=k == L,
                colorbar={"title": "log₁₀ rel. error", "len": 0.9},
                customdata=err,
                hovertemplate="%{y}, %{x}<br>relative error %{customdata:.3g}<extra>k="
                + str(k)
                + "</extra>",
            ),
            row=1,
            col=k,
        )
        bad = np.argwhere(logs > tol)
        if len(bad):
            fig.add_trace(
                go.Scatter(
                    x=[(f"j={c}" if c < n_in else "b") for c in bad[:, 1]],
                    y=[f"i={r}" for r in bad[:, 0]],
                    mode="markers",
                    marker={"symbol": "x", "color": "#D55E00", "size": 10, "line": {"width": 2}},
                    name="over tolerance",
                    showlegend=False,
                    hoverinfo="skip",
                ),
                row=1,
                col=k,
            )
        fig.update_yaxes(autorange="reversed", row=1, col=k)
    fig.update_layout(
        height=320,
        margin={"t": 50, "b": 30, "l": 40, "r": 20},
        title=f"Relative error per parameter (✕: above the tolerance {report.tolerance:g})",
    )
    return fig


def gradcheck_scatter(report: core.GradientCheckReport) -> go.Figure:
    """Backprop's gradient against the numeric one: on the diagonal when they agree."""
    fig = go.Figure()
    lo, hi = 0.0, 0.0
    for k in range(1, len(report.analytic_weights) + 1):
        an = np.r_[report.analytic_weights[k].ravel(), report.analytic_biases[k]]
        nu = np.r_[report.numeric_weights[k].ravel(), report.numeric_biases[k]]
        lo, hi = min(lo, an.min(), nu.min()), max(hi, an.max(), nu.max())
        fig.add_trace(
            go.Scatter(
                x=nu,
                y=an,
                mode="markers",
                name=f"layer {k}",
                marker={"color": _layer_color(k), "size": 7, "opacity": 0.8},
                hovertemplate="numeric %{x:.6g}<br>backprop %{y:.6g}<extra>k="
                + str(k)
                + "</extra>",
            )
        )
    pad = (hi - lo) * 0.05 + 1e-12
    fig.add_trace(
        go.Scatter(
            x=[lo - pad, hi + pad],
            y=[lo - pad, hi + pad],
            mode="lines",
            line={"color": "#888", "dash": "dash"},
            name="agree (y = x)",
        )
    )
    fig.update_layout(
        height=360,
        xaxis_title="numeric ∂E/∂θ (central differences)",
        yaxis_title="backprop ∂E/∂θ",
        margin={"t": 40, "b": 40},
        title="Backprop vs finite differences",
    )
    return fig


def delta_curves(z: np.ndarray, curves: dict[str, np.ndarray], y: float) -> go.Figure:
    """δ⁽ᴸ⁾ against z⁽ᴸ⁾ for a fixed target, one curve per (activation, loss) pairing."""
    fig = go.Figure()
    for n, (label, delta) in enumerate(curves.items()):
        fig.add_trace(
            go.Scatter(
                x=z,
                y=delta,
                mode="lines",
                name=label,
                line={
                    "color": CLASS_COLORS[n % len(CLASS_COLORS)],
                    "width": 2,
                    "dash": ["solid", "dash", "dot", "dashdot"][n % 4],
                },
            )
        )
    fig.add_hline(y=0, line={"color": "#aaa", "width": 1})
    fig.update_layout(
        height=380,
        xaxis_title="z⁽ᴸ⁾",
        yaxis_title="δ⁽ᴸ⁾ = ∂E/∂z⁽ᴸ⁾",
        title=f"Output delta for target y = {y:g}",
        margin={"t": 40, "b": 40},
        legend={"font": {"size": 11}},
    )
    return fig

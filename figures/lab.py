"""Figures for the labs: gradient check (per-parameter errors, backprop vs numeric) and the
output-layer lab (δ⁽ᴸ⁾ against z⁽ᴸ⁾).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

import core

from .lab_style import layer_colors, line_chart_style
from .style import FONT, OUTLINE, fmt, number_text, sup

# Pass / fail of a relative error: blue shades at or below the tolerance, orange-to-vermillion
# above it (the blue/orange pair stays distinct for colour-blind readers).
GOOD = ["rgb(8,48,107)", "rgb(33,102,172)", "rgb(146,197,222)", "rgb(222,235,247)"]
BAD = ["rgb(253,208,162)", "rgb(230,159,0)", "rgb(213,94,0)"]
# Colour range of log₁₀(relative error): up to 2 (= |a − n| / max(|a|, |n|) when the signs are
# opposite); below 1e-12 is rounding noise. The data keep the true value (floor 1e-16 for 0).
LOG_ERR_RANGE = (-12.0, float(np.log10(2.0)))
ERR_FLOOR = 1e-16
MAX_COLS = 5  # gradient-check panels per row before wrapping
GRADIENT_DIGITS = 6  # backprop and numeric gradients agree to ~6 digits: show where they part


def _error_scale(tolerance: float) -> list:
    """A colour scale over LOG_ERR_RANGE that changes hue exactly at log₁₀(tolerance)."""
    lo, hi = LOG_ERR_RANGE
    cut = float(np.clip((np.log10(tolerance) - lo) / (hi - lo), 0.01, 0.99))
    scale = [[cut * i / (len(GOOD) - 1), c] for i, c in enumerate(GOOD)]
    scale += [[cut + (1 - cut) * i / (len(BAD) - 1), c] for i, c in enumerate(BAD)]
    scale[-len(BAD)][0] = min(cut + 1e-6, 1.0)  # a hard edge, not a blend, at the tolerance
    return scale


def _error_colorbar(tolerance: float) -> dict:
    """Decade ticks of log₁₀(relative error), and the tolerance labelled where the hue turns."""
    tol = float(np.log10(tolerance))
    vals = [v for v in np.arange(LOG_ERR_RANGE[0], 1, 2) if abs(v - tol) > 0.9]
    text = [f"{v:g}".replace("-", "−") for v in vals]
    return {
        "title": {"text": "log₁₀ rel.<br>error", "side": "top"},
        "tickvals": [*vals, tol],
        "ticktext": [*text, f"<b>tol {fmt(tolerance)}</b>"],
        "len": 0.9,
    }


def _ticks(n: int, last: str | None = None) -> dict:
    """Integer ticks 0..n−1 (thinned to ~8 labels), plus `last` at n (the bias column)."""
    step = max(1, int(np.ceil(n / 8)))
    vals = list(range(0, n, step))
    text = [str(v) for v in vals]
    if last is not None:
        vals, text = [*vals, n], [*text, last]
    return {"tickvals": vals, "ticktext": text, "tickmode": "array"}


def gradcheck_heatmaps(report: core.GradientCheckReport) -> go.Figure:
    """log₁₀ of the relative error of every θᵢⱼ⁽ᵏ⁾ (columns j) and bᵢ⁽ᵏ⁾ (column b), one panel
    per layer k; cells above the tolerance are orange and carry a ✕."""
    L = len(report.rel_error_weights)
    cols = min(L, MAX_COLS)
    rows = -(-L // cols)
    titles = [f"θ{sup(k)} | b{sup(k)}" for k in range(1, L + 1)]
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=titles,
        horizontal_spacing=0.3 / cols,  # pragma: no mutate
        vertical_spacing=0.22 if rows > 1 else 0.1,  # pragma: no mutate
    )
    lo, hi = LOG_ERR_RANGE
    for k in range(1, L + 1):
        row, col = (k - 1) // cols + 1, (k - 1) % cols + 1
        err = np.c_[report.rel_error_weights[k], report.rel_error_biases[k]]
        logs = np.log10(np.maximum(err, ERR_FLOOR))  # an exact match (0) has no logarithm
        n_i, n_in = err.shape[0], err.shape[1] - 1
        names = [[f"θ{i},{j}{sup(k)}" for j in range(n_in)] + [f"b{i}{sup(k)}"] for i in range(n_i)]
        fig.add_trace(
            go.Heatmap(
                z=logs,
                x=np.arange(n_in + 1),
                y=np.arange(n_i),
                zmin=lo,
                zmax=hi,
                colorscale=_error_scale(report.tolerance),
                showscale=k == 1,
                colorbar=_error_colorbar(report.tolerance),
                xgap=1 if n_in < 40 else 0,  # pragma: no mutate
                ygap=1 if n_i < 40 else 0,  # pragma: no mutate
                customdata=[
                    [[name, text] for name, text in zip(*row)]
                    for row in zip(names, number_text(err))
                ],
                hovertemplate="%{customdata[0]}<br>relative error %{customdata[1]}<extra></extra>",
            ),
            row=row,
            col=col,
        )
        bad = np.argwhere(err > report.tolerance)
        if len(bad):  # a shape as well as a colour: the verdict does not rely on hue alone
            fig.add_trace(
                go.Scatter(
                    x=bad[:, 1],
                    y=bad[:, 0],
                    mode="markers",
                    marker={
                        "symbol": "x-thin",
                        "color": OUTLINE,
                        "size": 7 if max(n_i, n_in) <= 20 else 4,  # pragma: no mutate
                        "line": {"width": 1.5, "color": OUTLINE},  # pragma: no mutate
                    },
                    name="over tolerance",
                    showlegend=False,  # pragma: no mutate
                    hoverinfo="skip",
                ),
                row=row,
                col=col,
            )
        fig.update_xaxes(
            title_text="j | b", range=[-0.5, n_in + 0.5], **_ticks(n_in, "b"), row=row, col=col
        )
        fig.update_yaxes(
            title_text="i" if col == 1 else None,
            range=[n_i - 0.5, -0.5],  # row i = 0 at the top, as in the matrix θ⁽ᵏ⁾
            **_ticks(n_i),
            row=row,
            col=col,
        )
    n_bad = sum(int((e > report.tolerance).sum()) for e in report.rel_error_weights)
    n_bad += sum(int((e > report.tolerance).sum()) for e in report.rel_error_biases)
    n_all = sum(e.size for e in report.rel_error_weights) + sum(
        e.size for e in report.rel_error_biases
    )
    fig.update_layout(
        height=150 + 240 * rows,  # pragma: no mutate
        font=FONT,  # pragma: no mutate
        margin={"t": 80, "b": 50, "l": 50, "r": 20},  # pragma: no mutate
        title={
            "text": f"Relative error per parameter: {n_bad} of {n_all} above the tolerance "
            f"{fmt(report.tolerance)} (orange, ✕)",
            "y": 0.97,  # pragma: no mutate
            "yanchor": "top",  # pragma: no mutate
        },
        plot_bgcolor="white",  # pragma: no mutate
    )
    return fig


def gradcheck_scatter(report: core.GradientCheckReport) -> go.Figure:
    """Backprop's gradient against the numeric one, one point per parameter θᵢⱼ⁽ᵏ⁾ and bᵢ⁽ᵏ⁾:
    on the diagonal when they agree; points above the tolerance are drawn as ✕."""
    fig = go.Figure()
    L = len(report.analytic_weights)
    lo, hi = 0.0, 0.0
    for k, colour in zip(range(1, L + 1), layer_colors(L)):
        an = np.r_[report.analytic_weights[k].ravel(), report.analytic_biases[k]]
        nu = np.r_[report.numeric_weights[k].ravel(), report.numeric_biases[k]]
        err = np.r_[report.rel_error_weights[k].ravel(), report.rel_error_biases[k]]
        n_i, n_in = report.analytic_weights[k].shape
        names = [f"θ{i},{j}{sup(k)}" for i in range(n_i) for j in range(n_in)]
        names += [f"b{i}{sup(k)}" for i in range(n_i)]
        finite = np.isfinite(an) & np.isfinite(nu)
        if finite.any():
            lo = min(lo, an[finite].min(), nu[finite].min())
            hi = max(hi, an[finite].max(), nu[finite].max())
        fig.add_trace(
            go.Scatter(
                x=nu,
                y=an,
                mode="markers",
                name=f"θ{sup(k)}, b{sup(k)}",
                marker={
                    "color": colour,
                    "size": 8,  # pragma: no mutate
                    "opacity": 0.85,  # pragma: no mutate
                    "symbol": np.where(err > report.tolerance, "x", "circle").tolist(),
                    "line": {"color": "white", "width": 0.5},  # pragma: no mutate
                },
                customdata=[
                    [name, fmt(n, GRADIENT_DIGITS), fmt(a, GRADIENT_DIGITS), fmt(e)]
                    for name, n, a, e in zip(names, nu, an, err)
                ],
                hovertemplate="%{customdata[0]}<br>numeric %{customdata[1]}<br>backprop "
                "%{customdata[2]}<br>relative error %{customdata[3]}<extra></extra>",
            )
        )
    pad = (hi - lo) * 0.05 + 1e-12
    fig.add_trace(
        go.Scatter(
            x=[lo - pad, hi + pad],
            y=[lo - pad, hi + pad],
            mode="lines",
            line={"color": "#777", "dash": "dash", "width": 1},  # pragma: no mutate
            name="agree: backprop = numeric",
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        height=400,  # pragma: no mutate
        font=FONT,  # pragma: no mutate
        xaxis_title="numeric ∂E/∂θ, ∂E/∂b (central differences)",
        yaxis_title="backprop ∂E/∂θ, ∂E/∂b",
        margin={"t": 50, "b": 50, "l": 60, "r": 20},  # pragma: no mutate
        title="Backprop vs finite differences (✕: above the tolerance)",
        legend={"orientation": "h", "y": -0.2, "x": 0},  # pragma: no mutate
    )
    line_chart_style(fig)
    return fig

"""Weight matrices around one gradient-descent step, and the gradient example by example."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .panels import Panel, panel_figure, panel_height
from .style import shape_label, sup, symmetric_max


def update_comparison(old_net, new_net, k: int) -> go.Figure:
    """θ⁽ᵏ⁾ before, after (one shared colour range) and the change new − old (its own range)."""
    before, after = np.asarray(old_net.weights[k]), np.asarray(new_net.weights[k])
    if before.shape != after.shape:
        raise ValueError(f"θ⁽{k}⁾ changed shape: {before.shape} → {after.shape}")
    shape = shape_label(*before.shape)
    both = symmetric_max(before, after)
    j_title, i_title = f"j (layer {k - 1})", f"i (layer {k})"
    axes = dict(x_title=j_title, y_title=i_title)
    panels = [
        Panel(
            values=before,
            title=f"θ{sup(k)} before  {shape}",
            name=f"θ{sup(k)} before",
            zmax=both,
            **axes,
        ),
        Panel(
            values=after,
            title=f"θ{sup(k)} after  {shape}",
            name=f"θ{sup(k)} after",
            zmax=both,
            **axes,
        ),
        Panel(
            values=after - before, title=f"change: after − before  {shape}", name="change", **axes
        ),
    ]
    title = f"One gradient-descent step on θ{sup(k)}:  θ{sup(k)} ← θ{sup(k)} − η ∂E/∂θ{sup(k)}"
    return panel_figure(panels, title=title)


def per_example_outer(fwd, bwd, k: int) -> np.ndarray:
    """aⱼ⁽ᵏ⁻¹⁾ δᵢ⁽ᵏ⁾ for every example: m × n⁽ᵏ⁾ × n⁽ᵏ⁻¹⁾ (equation (3) before the mean)."""
    return bwd.delta[k][:, :, None] * fwd.a[k - 1][:, None, :]


def per_example_gradients(fwd, bwd, k: int, *, max_examples: int = 8) -> go.Figure:
    """Small multiples of aⱼ⁽ᵏ⁻¹⁾δᵢ⁽ᵏ⁾ for the first examples, then their mean over all m
    examples (= ∂E/∂θ⁽ᵏ⁾); one colour range for every panel."""
    m = fwd.m
    shown = min(m, max(1, int(max_examples)))
    outer = per_example_outer(fwd, bwd, k)
    mean = outer.mean(axis=0)
    zmax = symmetric_max(outer[:shown], mean)
    n_k, n_prev = mean.shape
    j_title, i_title = f"j (layer {k - 1})", f"i (layer {k})"
    panels = [
        Panel(
            values=outer[e],
            title=f"example {e}",
            name=f"aⱼ{sup(k - 1)} δᵢ{sup(k)} (example {e})",
            x_title=j_title,
            y_title=i_title,
            axis_titles=e == 0,
            zmax=zmax,
            show_text=None if n_k * n_prev <= 16 else False,
        )
        for e in range(shown)
    ]
    panels.append(
        Panel(
            values=mean,
            title=f"<b>mean of all {m}</b> = ∂E/∂θ{sup(k)}",
            name=f"∂E/∂θ{sup(k)}",
            x_title=j_title,
            y_title=i_title,
            zmax=zmax,
            show_text=None if n_k * n_prev <= 16 else False,
        )
    )
    n = len(panels)
    cols = min(n, 5)
    rows = -(-n // cols)
    row_h = max(150, min(panel_height(panels) - 60, 240))  # pragma: no mutate
    title = (
        f"Equation (3) example by example: aⱼ{sup(k - 1)} δᵢ{sup(k)}  "
        f"{shape_label(n_k, n_prev)} each — the gradient is their mean"
    )
    return panel_figure(
        panels,
        title=title,
        grid=(rows, cols),
        height=row_h * rows + 110,  # pragma: no mutate
        spacing=0.05,  # pragma: no mutate
        one_colorbar=True,
    )

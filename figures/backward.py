"""Backward step k: δ⁽ᵏ⁾ (examples × neurons), ∂E/∂θ⁽ᵏ⁾ and ∂E/∂b⁽ᵏ⁾, with click layers.

Click layers' customdata is [kind, k, row, col]:
  "delta"  row = example, col = neuron i;   "grad_w" row = i, col = j;   "grad_b" row = i, col = 0.
"""

from __future__ import annotations

import plotly.graph_objects as go

from cards.names import input_labels, output_labels

from .panels import Panel, panel_figure, room_for_names
from .style import example_rows, rows_note, shape_label, sup, symmetric_max


def backward_ranges(net, bwd, *, shared_scale: bool = True) -> dict[int, tuple[float, float]]:
    """k -> (zmax of δ⁽ᵏ⁾, zmax of ∂E/∂θ⁽ᵏ⁾ and ∂E/∂b⁽ᵏ⁾).

    shared_scale: one range per quantity for every layer (max over all k); else per layer.
    Only the examples a figure shows (the first 64) count for δ.
    """
    rows = example_rows(bwd.delta[1].shape[0])
    sl = slice(rows.start, rows.stop)
    per_layer = {
        k: (
            symmetric_max(bwd.delta[k][sl]),
            symmetric_max(bwd.grad_weights[k], bwd.grad_biases[k]),
        )
        for k in range(1, net.L + 1)
    }
    if not shared_scale:
        return per_layer
    d = max(v[0] for v in per_layer.values())
    g = max(v[1] for v in per_layer.values())
    return {k: (d, g) for k in per_layer}


def backward_panel_names(k: int) -> frozenset[str]:
    """The names of step k's three panels (what predict-first hides)."""
    return frozenset({f"δ{sup(k)}", f"∂E/∂θ{sup(k)}", f"∂E/∂b{sup(k)}"})


def backward_panels(
    net, bwd, k: int, zmax: tuple[float, float], *, clickable: bool, names=None
) -> list:
    """The three panels of step k: δ⁽ᵏ⁾, ∂E/∂θ⁽ᵏ⁾, ∂E/∂b⁽ᵏ⁾ (as an n⁽ᵏ⁾ × 1 column).
    names (a DataNames or None): neurons of layer L ticked "0: fail", of layer 0 "x₀ age"."""
    m = bwd.delta[k].shape[0]
    rows = example_rows(m)
    n_prev, n_k = net.sizes[k - 1], net.sizes[k]
    out_labels = output_labels(names, n_k) if k == net.L else None
    out_columns = output_labels(names, n_k, stacked=True) if k == net.L else None
    in_labels = input_labels(names, n_prev, stacked=True) if k == 1 else None
    d_max, g_max = zmax
    return [
        Panel(
            values=bwd.delta[k][rows.start : rows.stop],
            title=f"δ{sup(k)}  {shape_label(m, n_k)}",
            name=f"δ{sup(k)}",  # the three names: backward_panel_names
            x_title=f"neuron i (layer {k})",
            y_title="example",
            zmax=d_max,
            row_ids=rows,
            x_labels=out_columns,
            click_kind="delta" if clickable else None,
            k=k,
        ),
        Panel(
            values=bwd.grad_weights[k],
            title=f"∂E/∂θ{sup(k)}  {shape_label(n_k, n_prev)}",
            name=f"∂E/∂θ{sup(k)}",
            x_title=f"j (layer {k - 1})",
            y_title=f"i (layer {k})",
            zmax=g_max,
            x_labels=in_labels,
            y_labels=out_labels,
            click_kind="grad_w" if clickable else None,
            k=k,
        ),
        Panel(
            values=bwd.grad_biases[k].reshape(-1, 1),
            title=f"∂E/∂b{sup(k)}  {shape_label(n_k, 1)}",
            name=f"∂E/∂b{sup(k)}",
            x_title="",
            y_title=f"i (layer {k})",
            zmax=g_max,
            x_labels=["b"],
            y_labels=out_labels,
            click_kind="grad_b" if clickable else None,
            k=k,
        ),
    ]


def backward_layer(
    net, fwd, bwd, k: int, *, shared_scale: bool = True, clickable: bool = True, names=None
) -> go.Figure:
    """δ⁽ᵏ⁾, ∂E/∂θ⁽ᵏ⁾ and ∂E/∂b⁽ᵏ⁾ side by side; clickable adds a click layer to each; names
    (the user's DataNames or None) tick the output layer's neurons with their classes."""
    if not 1 <= k <= net.L:
        raise ValueError(f"backward step k must be 1..{net.L}, got {k}")
    zmax = backward_ranges(net, bwd, shared_scale=shared_scale)[k]
    panels = backward_panels(net, bwd, k, zmax, clickable=clickable, names=names)
    scale = "same colour range for every layer" if shared_scale else "colours scaled per layer"
    note = rows_note(example_rows(fwd.m), fwd.m)
    title = (
        f"Step k = {k}: δ{sup(k)} = ∂E/∂z{sup(k)} and the gradients "
        f"∂E/∂θᵢⱼ{sup(k)} = aⱼ{sup(k - 1)} δᵢ{sup(k)}  ({scale}){note}"
    )
    fig = panel_figure(panels, title=title)
    if names is not None:
        room_for_names(fig)
    return fig

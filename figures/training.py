"""Training charts: error curves, decision boundary or fitted curve, gradient norms per layer."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .lab import CLASS_COLORS, _layer_color


def loss_curves(train_loss, test_loss=None, train_acc=None, test_acc=None) -> go.Figure:
    """E per epoch (train and test) and, for classification, accuracy on a second axis."""
    epochs = np.arange(1, len(train_loss) + 1)
    fig = make_subplots(specs=[[{"secondary_y": train_acc is not None}]])
    fig.add_trace(
        go.Scatter(
            x=epochs,
            y=train_loss,
            name="train E",
            mode="lines",
            line={"color": "#0072B2", "width": 2},
        )
    )
    if test_loss is not None and len(test_loss):
        fig.add_trace(
            go.Scatter(
                x=epochs[: len(test_loss)],
                y=test_loss,
                name="test E",
                mode="lines",
                line={"color": "#D55E00", "width": 2, "dash": "dash"},
            )
        )
    if train_acc is not None:
        fig.add_trace(
            go.Scatter(
                x=epochs,
                y=train_acc,
                name="train accuracy",
                mode="lines",
                line={"color": "#009E73", "width": 1},
            ),
            secondary_y=True,
        )
        if test_acc is not None:
            fig.add_trace(
                go.Scatter(
                    x=epochs,
                    y=test_acc,
                    name="test accuracy",
                    mode="lines",
                    line={"color": "#CC79A7", "width": 1, "dash": "dot"},
                ),
                secondary_y=True,
            )
        fig.update_yaxes(title_text="accuracy", range=[0, 1.02], secondary_y=True)
    fig.update_yaxes(title_text="E", type="log", secondary_y=False)
    fig.update_xaxes(title_text="epoch")
    fig.update_layout(
        height=320,
        margin={"t": 40, "b": 40},
        title="Error per epoch",
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


def decision_boundary(xs, ys, out: np.ndarray, X: np.ndarray, labels: np.ndarray) -> go.Figure:
    """The network's answer over the input plane, with the data points on top.

    out: r × r × n⁽ᴸ⁾ outputs; one output → a⁽ᴸ⁾ shaded 0..1; several → the winning class.
    """
    fig = go.Figure()
    if out.shape[2] == 1:
        fig.add_trace(
            go.Heatmap(
                x=xs,
                y=ys,
                z=out[:, :, 0],
                zmin=0,
                zmax=1,
                colorscale="RdBu",
                reversescale=True,
                opacity=0.75,
                colorbar={"title": "a⁽ᴸ⁾"},
                hovertemplate="x₀=%{x:.2f}, x₁=%{y:.2f}<br>a=%{z:.3f}<extra></extra>",
            )
        )
        classes = 2
    else:
        classes = out.shape[2]
        winner = out.argmax(axis=2)
        scale = []
        for c in range(classes):
            colour = CLASS_COLORS[c % len(CLASS_COLORS)]
            scale += [[c / classes, colour], [(c + 1) / classes, colour]]
        fig.add_trace(
            go.Heatmap(
                x=xs,
                y=ys,
                z=winner,
                zmin=-0.5,
                zmax=classes - 0.5,
                colorscale=scale,
                opacity=0.35,
                showscale=False,
                hovertemplate="x₀=%{x:.2f}, x₁=%{y:.2f}<br>class %{z}<extra></extra>",
            )
        )
    for c in range(classes):
        mask = labels == c
        fig.add_trace(
            go.Scatter(
                x=X[mask, 0],
                y=X[mask, 1],
                mode="markers",
                name=f"class {c}",
                marker={
                    "color": CLASS_COLORS[c % len(CLASS_COLORS)],
                    "size": 6,
                    "symbol": ["circle", "square", "diamond", "triangle-up", "x"][c % 5],
                    "line": {"color": "white", "width": 0.5},
                },
            )
        )
    fig.update_layout(
        height=420,
        xaxis_title="x₀",
        yaxis_title="x₁",
        title="Decision boundary",
        margin={"t": 40, "b": 40},
        legend={"orientation": "h", "y": -0.18},
    )
    fig.update_yaxes(scaleanchor="x", scaleratio=1)
    return fig


def regression_fit(X: np.ndarray, Y: np.ndarray, xs: np.ndarray, pred: np.ndarray) -> go.Figure:
    """The data and the network's curve a⁽ᴸ⁾(x) for one input and one output."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=X[:, 0],
            y=Y[:, 0],
            mode="markers",
            name="data",
            marker={"color": "#0072B2", "size": 6},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=pred,
            mode="lines",
            name="network a⁽ᴸ⁾(x)",
            line={"color": "#D55E00", "width": 3},
        )
    )
    fig.update_layout(
        height=380,
        xaxis_title="x",
        yaxis_title="y",
        title="Fitted curve",
        margin={"t": 40, "b": 40},
    )
    return fig


def gradient_norms(delta_norm, grad_norm) -> go.Figure:
    """‖δ⁽ᵏ⁾‖ and ‖∂E/∂θ⁽ᵏ⁾‖ per layer over the epochs, on a log scale."""
    d, g = np.asarray(delta_norm, float), np.asarray(grad_norm, float)
    fig = make_subplots(rows=1, cols=2, subplot_titles=("‖δ⁽ᵏ⁾‖ (RMS per example)", "‖∂E/∂θ⁽ᵏ⁾‖"))
    if d.size:
        epochs = np.arange(1, d.shape[0] + 1)
        for k in range(1, d.shape[1] + 1):
            colour = _layer_color(k)
            fig.add_trace(
                go.Scatter(
                    x=epochs,
                    y=np.maximum(d[:, k - 1], 1e-300),
                    mode="lines",
                    name=f"k = {k}",
                    legendgroup=str(k),
                    line={"color": colour},
                ),
                row=1,
                col=1,
            )
            fig.add_trace(
                go.Scatter(
                    x=epochs,
                    y=np.maximum(g[:, k - 1], 1e-300),
                    mode="lines",
                    name=f"k = {k}",
                    legendgroup=str(k),
                    showlegend=False,
                    line={"color": colour},
                ),
                row=1,
                col=2,
            )
    fig.update_yaxes(type="log", exponentformat="power")
    fig.update_xaxes(title_text="epoch")
    fig.update_layout(
        height=320,
        margin={"t": 50, "b": 40},
        title="Gradient size per layer (vanishing ↓ / exploding ↑)",
    )
    return fig

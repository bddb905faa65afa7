"""The Input gradient page's sections: ∂E/∂x per example, its field, and ascent on x."""

from __future__ import annotations

import numpy as np
import streamlit as st

import core
import figures
from cards import fmt
from cards.names import class_name, html, in_parens, output_name
from figures.style import sub
from ui import state, widgets

MAX_ROWS = 50  # rows of the per-example table
FIELD_RESOLUTION = 25  # arrows per side of the field
ASCENT_RESOLUTION = 60  # grid points per side of the shading under the ascent path


def example_table(X: np.ndarray, grad_input: np.ndarray) -> None:
    """x and ∂E/∂x (m × n⁽⁰⁾) of the first MAX_ROWS examples, one row each."""
    st.subheader("∂E/∂x for each example")
    n_in = X.shape[1]
    rows = [
        {
            "example": e,
            **{f"x{j}": fmt(X[e, j]) for j in range(n_in)},
            **{f"∂E/∂x{j}": fmt(grad_input[e, j], sign=True) for j in range(n_in)},
        }
        for e in range(min(len(X), MAX_ROWS))
    ]
    st.dataframe(rows, hide_index=True, key="ig_table")
    if len(X) > MAX_ROWS:
        st.caption(f"The first {MAX_ROWS} of {len(X)} examples.")


def class_labels(Y: np.ndarray) -> np.ndarray | None:
    """The class of each example for colouring points: one-hot rows, or 0/1 targets; else None."""
    if Y.shape[1] > 1:
        return Y.argmax(axis=1)
    if np.isin(Y, (0.0, 1.0)).all():
        return Y[:, 0].astype(int)
    return None


def field_panel(net: core.Network, X: np.ndarray, Y: np.ndarray, ranges) -> None:
    """Arrows of ∂E/∂x (for a chosen target) or ∂aᶜ/∂x over the input plane."""
    st.subheader("The field over the input plane")
    c1, c2 = st.columns(2)
    what = c1.radio(
        "Show", ["∂E/∂x for a target", "∂aᶜ/∂x of one output"], key="ig_what", horizontal=True
    )
    xr, yr = ranges
    names = state.shared().names
    if what.startswith("∂E"):
        y = target_widget(net, c2, names)
        xs, ys, grads = core.gradient_field(net, xr, yr, FIELD_RESOLUTION, y=y)
        shown = ", ".join(fmt(v) for v in y)
        title = f"∂E/∂x for target y = ({shown}){target_class(net, y, names)} (arrows: uphill in E)"
    else:
        c = c2.selectbox(
            "Output neuron c",
            range(net.sizes[-1]),
            key="ig_neuron_field",
            format_func=lambda n: output_option(names, n),
        )
        xs, ys, grads = core.gradient_field(net, xr, yr, FIELD_RESOLUTION, neuron=c)
        a_c = in_parens(f"a{sub(c)}⁽ᴸ⁾", output_name(names, c))
        title = f"∂a{sub(c)}⁽ᴸ⁾/∂x (arrows: where {a_c} grows)"
    fig = figures.gradient_field(xs, ys, grads, X, class_labels(Y), title=title, names=names)
    widgets.chart(fig, key="ig_field")


def output_option(names, i: int) -> str:
    """A selector's option: "1", or "1: pass" with the user's name (options are plain text)."""
    name = output_name(names, i)
    return str(i) if name is None else f"{i}: {name}"


def target_class(net: core.Network, y: np.ndarray, names) -> str:
    """' (class 2: retake)' for a one-hot or a one-output 0/1 target of named classes, else ''
    (plotly text: the name is escaped)."""
    if names is None or names.classes is None:
        return ""
    if net.activations[net.L] == "softmax":
        c = int(np.argmax(y))
    elif net.loss == "binary_cross_entropy" and len(y) == 1:
        c = int(y[0])
    else:
        return ""
    name = class_name(names, c)
    return "" if name is None else f" (class {c}: {html(name)})"


def target_widget(net: core.Network, col, names=None) -> np.ndarray:
    """A target y the loss accepts: a class (softmax), 0 or 1 (binary cross-entropy), a value;
    the classes are offered with the user's names when there are any."""
    n_out = net.sizes[-1]
    if net.activations[net.L] == "softmax":
        choice = col.selectbox(
            "Target class",
            range(n_out),
            key="ig_class",
            format_func=lambda c: class_option(names, c),
        )
        return np.eye(n_out)[choice]
    if net.loss == "binary_cross_entropy":
        named = names is not None and names.classes is not None
        value = col.radio(
            "Target y",
            [1.0, 0.0],
            horizontal=True,
            key="ig_y01",
            format_func=(lambda v: class_option(names, int(v))) if named and n_out == 1 else str,
        )
        return np.full(n_out, value)
    return np.full(n_out, col.number_input("Target y", -10.0, 10.0, 1.0, key="ig_yval"))


def class_option(names, c: int) -> str:
    """'2', or '2: retake' with the user's class name (plain text: a selector's option)."""
    name = class_name(names, c)
    return str(c) if name is None else f"{c}: {name}"


def ascent_panel(net: core.Network, ranges) -> None:
    """Gradient ascent x ← x + η ∂aᶜ/∂x from a chosen start, drawn over aᶜ⁽ᴸ⁾."""
    st.subheader("Gradient ascent on the input")
    st.markdown(
        "Start from a point and repeatedly move it uphill: x ← x + η ∂aᶜ/∂x. The weights "
        "stay fixed; only the input changes."
    )
    xr, yr = ranges
    c1, c2, c3, c4, c5 = st.columns(5)
    names = state.shared().names
    neuron = c1.selectbox(
        "Maximize output c",
        range(net.sizes[-1]),
        key="ig_neuron",
        format_func=lambda n: output_option(names, n),
    )
    x0 = c2.number_input("Start x₀", -10.0, 10.0, float(np.mean(xr)), key="ig_x0")
    x1 = c3.number_input("Start x₁", -10.0, 10.0, float(np.mean(yr)), key="ig_x1")
    steps = int(c4.number_input("Steps", 1, 500, 100, key="ig_steps"))
    # small steps: near a decision boundary the gradient is large and η = 0.2 jumps across it
    rate = float(c5.number_input("Step size η", 0.001, 10.0, 0.05, format="%.3f", key="ig_rate"))
    path = core.ascend_input(net, [x0, x1], neuron, steps, rate)
    lo = np.minimum(path.x.min(axis=0), [xr[0], yr[0]])
    hi = np.maximum(path.x.max(axis=0), [xr[1], yr[1]])
    gx, gy, out = core.predict_grid(net, (lo[0], hi[0]), (lo[1], hi[1]), ASCENT_RESOLUTION)
    widgets.chart(
        figures.ascent_path(gx, gy, out[:, :, neuron], path.x, path.value, neuron, names=names),
        key="ig_ascent",
    )
    st.caption(
        f"a{sub(neuron)}⁽ᴸ⁾ went from {fmt(path.value[0])} to {fmt(path.value[-1])} "
        f"in {steps} steps."
    )

"""The Forward page's views of step k: the input layer (k = 0) or a computed layer k ≥ 1."""

from __future__ import annotations

import streamlit as st

import cards
import core
import figures
from cards.names import input_labels
from figures.style import sub, sup
from panels import forward_steps, predict
from ui import memo, state, widgets

PREDICT_KINDS = ("z", "a")  # the cells the Forward page asks (radio values; links set them)


def example_selector(m: int, where=st) -> int:
    """The example followed through the layers (0 when there is one)."""
    if m == 1:
        return 0
    return where.selectbox(
        "Example", range(m), key="fwd_example", format_func=lambda e: f"example {e}"
    )


def selectors(net: core.Network, m: int, k: int) -> tuple[int, int]:
    """(example, neuron i of layer k) to follow; 0 where there is nothing to choose."""
    c_i, c_e = st.columns(2)
    example = example_selector(m, c_e)
    i = (
        c_i.selectbox(
            "Neuron i",
            range(net.sizes[k]),
            key=forward_steps.neuron_key(k),
            format_func=lambda n: f"neuron {n}",
        )
        if k >= 1
        else 0
    )
    return example, i


def diagram(
    net: core.Network,
    fwd: core.ForwardTrace,
    k: int,
    i: int,
    example: int,
    *,
    known: int | None = None,
) -> None:
    """The network diagram of forward_steps.diagram, memoised and drawn by the server."""
    names = state.shared().names
    fig = memo.figure(
        ("fwd_diagram", k, i, example, known),
        lambda: forward_steps.diagram(net, fwd, k, i, example, names, known=known),
    )
    widgets.chart(fig, key="fwd_diagram")


def input_layer(net: core.Network, fwd: core.ForwardTrace, example: int) -> None:
    left, right = st.columns([2, 3])
    with left:
        diagram(net, fwd, 0, 0, example)
    with right:
        st.markdown("The input layer does no computation: **a⁽⁰⁾ = x**.")
        widgets.chart(
            figures.heatmap(
                fwd.a[0],
                title="a⁽⁰⁾ = x",
                x_title="neuron j (layer 0)",
                y_title="example",
                x_labels=input_labels(state.shared().names, net.sizes[0], stacked=True),
            ),
            key="fwd_input",
        )


def computed_layer(net: core.Network, fwd: core.ForwardTrace, k: int, i: int, example: int):
    """z⁽ᵏ⁾ and a⁽ᵏ⁾ of layer k ≥ 1, neuron i's equation card, and at k = L the error.
    With "Predict first" on, zᵢ⁽ᵏ⁾ or aᵢ⁽ᵏ⁾ is asked first and layer k stays hidden until then."""
    shown = predict_cell(net, fwd, k, i, example)
    names = state.shared().names
    if shown:
        layer_fig = memo.figure(
            ("fwd_layer", k, example),
            lambda: figures.forward_layer(net, fwd, k, example=example, names=names),
        )
        widgets.chart(layer_fig, key="fwd_layer")
    left, right = st.columns([2, 3])
    with left:
        diagram(net, fwd, k, i, example, known=k if shown else k - 1)
    with right:
        st.markdown(f"**Neuron {i} of layer {k}, example {example}**")
        if not shown:
            return
        widgets.latex_lines(cards.forward_card(net, fwd, k, i, example))
        if k == net.L:
            st.markdown("**The output, the target and the error**")
            widgets.chart(figures.output_summary(fwd, names=names), key="fwd_output")
            st.markdown(cards.output_card(net, fwd, names))


def predict_cell(net: core.Network, fwd: core.ForwardTrace, k: int, i: int, example: int) -> bool:
    """The question zᵢ⁽ᵏ⁾ or aᵢ⁽ᵏ⁾ ("Predict first" is on); True once layer k may be shown."""
    kind = st.radio("Predict", PREDICT_KINDS, horizontal=True, key="fwd_predict_kind")
    st.markdown(f"What is **{kind}{sub(i)}{sup(k)}** of example {example}?")
    cell = core.Cell(kind=kind, k=k, i=i, example=example)
    return predict.ask(net, fwd.a[0], fwd.Y, cell, key="fwd_predict")

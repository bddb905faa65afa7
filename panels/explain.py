"""Explain one number of layer k: δᵢ⁽ᵏ⁾, ∂E/∂θᵢⱼ⁽ᵏ⁾ or ∂E/∂bᵢ⁽ᵏ⁾, as a card, its terms and the
connections that enter its sum."""

from __future__ import annotations

import pyarrow as pa
import streamlit as st

import cards
import core
import figures
from cards.names import input_name, output_name
from panels import predict
from ui import memo, state, widgets

KINDS = {
    "delta": "δ⁽ᵏ⁾ (delta error)",
    "grad_w": "∂E/∂θ⁽ᵏ⁾ (weight gradient)",
    "grad_b": "∂E/∂b⁽ᵏ⁾ (bias gradient)",
}
# Session-state keys of the selectors; a click on a heatmap cell sets them (ui.selection).
KEYS = {"kind": "bwd_kind", "i": "bwd_i", "j": "bwd_j", "example": "bwd_example"}


def explain_panel(net: core.Network, traces: state.Traces, k: int) -> bool:
    """Selectors for one number of layer k, then its card, terms table and diagram. False while
    "Predict first" waits for an answer (the caller then hides layer k's numbers too)."""
    fwd, bwd, m = traces.fwd, traces.bwd, traces.fwd.m
    st.markdown("##### Explain a number")
    asking = predict.switch()
    _keep_in_range({KEYS["i"]: net.sizes[k], KEYS["j"]: net.sizes[k - 1], KEYS["example"]: m})
    c1, c2, c3 = st.columns(3)
    kind = c1.selectbox("Quantity", list(KINDS), format_func=KINDS.get, key=KEYS["kind"])
    names = state.shared().names
    i = c2.selectbox(
        "Neuron i (layer k)",
        range(net.sizes[k]),
        key=KEYS["i"],
        format_func=lambda n: neuron_option(net, names, k, n),
    )
    if kind == "delta":
        e = c3.selectbox("Example", range(m), key=KEYS["example"])
        cell = core.Cell(kind=kind, k=k, i=i, example=e)
        expl = core.explain_delta(net, fwd, bwd, k, i, e)
        lines = cards.delta_card(expl, names)
        edges = [(k + 1, beta, i) for beta in range(net.sizes[k + 1])] if k < net.L else []
    elif kind == "grad_w":
        j = c3.selectbox(
            "Neuron j (layer k − 1)",
            range(net.sizes[k - 1]),
            key=KEYS["j"],
            format_func=lambda n: neuron_option(net, names, k - 1, n),
        )
        cell = core.Cell(kind=kind, k=k, i=i, j=j)
        expl = core.explain_weight_gradient(fwd, bwd, k, i, j)
        lines = cards.gradient_card(expl, m)
        edges = [(k, i, j)]
    else:
        cell = core.Cell(kind=kind, k=k, i=i)
        expl = core.explain_bias_gradient(fwd, bwd, k, i)
        lines = cards.gradient_card(expl, m)
        edges = []

    if asking:
        st.markdown(f"What is **{cards.quantity_text(expl)}**{over(kind, m)}?")
        # graded against the data shown: all m examples, or the one example of that view
        if not predict.ask(net, fwd.a[0], fwd.Y, cell, key="bwd_predict"):
            with st.columns([3, 2])[1]:
                _connections(net, k, i, edges)
            return False
    card, side = st.columns([3, 2])
    with card:
        st.markdown(
            f"**{cards.quantity_text(expl)} = {cards.fmt(expl.value)}** — "
            f"equation ({expl.equation})"
        )
        widgets.latex_lines(lines)
        # an Arrow table, which Streamlit sends as it is: from the rows it builds a pandas
        # frame first (1 ms of each Backward step's ~10 ms on the server)
        terms = pa.Table.from_pylist(cards.terms_table(expl))
        st.dataframe(terms, hide_index=True, key="bwd_terms")
    with side:
        _connections(net, k, i, edges)
    if kind == "delta" and k < net.L:
        _matrix_form(net, traces, k, e)
    return True


def neuron_option(net: core.Network, names, k: int, i: int) -> str:
    """A selector's option: "1", or "1: pass" / "1: score" for an output or input neuron with
    a user's name (the options are plain text, so the name needs no escaping)."""
    name = input_name(names, i) if k == 0 else output_name(names, i) if k == net.L else None
    return str(i) if name is None else f"{i}: {name}"


def over(kind: str, m: int) -> str:
    """What a gradient cell is taken over: the batch mean, or the one example there is."""
    if kind in ("z", "a", "delta"):
        return ""
    return " (mean over the batch)" if m > 1 else " (of this one example)"


def _keep_in_range(limits: dict[str, int]) -> None:
    """A selector whose value no longer exists (another layer, fewer examples) restarts at 0."""
    for key, n in limits.items():
        if st.session_state.get(key, 0) >= n:
            st.session_state[key] = 0


def _connections(net: core.Network, k: int, i: int, edges: list) -> None:
    diagram = memo.figure(
        ("diagram", k, i, tuple(edges)),
        lambda: figures.network_diagram(
            net,
            highlight_layer=k,
            highlight_edges=edges,
            highlight_neurons=[(k, i)],
            title="connections in this sum",
            names=state.shared().names,
        ),
    )
    widgets.chart(diagram, key="bwd_diagram")


def _matrix_form(net: core.Network, traces: state.Traces, k: int, e: int) -> None:
    with st.expander("The same layer as matrices: θ⁽ᵏ⁺¹⁾ᵀ δ⁽ᵏ⁺¹⁾ ⊙ g′(z⁽ᵏ⁾)", expanded=True):
        st.caption(
            "Each entry of the product θᵀδ is one of the sums above: the matrix "
            "product is only a compact way to write the chain rule's sum."
        )
        form = core.matrix_form(net, traces.fwd, traces.bwd, k, e)
        widgets.latex_lines(cards.matrix_view(form))

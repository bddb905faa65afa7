"""Small display pieces shared by pages (no maths): the network summary, equation blocks, charts."""

from __future__ import annotations

import streamlit as st

import core
import figures
from cards.names import markdown as markdown_text
from ui import presentation, state


def network_caption() -> None:
    """One line under each page title: which network and data every chart is showing."""
    net = state.network()
    X, _ = state.data()
    m = X.shape[0]
    sizes = "-".join(str(n) for n in net.sizes)
    acts = ", ".join(core.ACTIVATION_LABELS[g] for g in net.activations)
    note = markdown_text(state.note())  # may hold user text: a file name, a formula
    names = state.shared().names  # the user's own columns (issue 9)
    named = ""
    if names is not None:
        kind, out = ("classes", names.classes) if names.classes else ("target", names.outputs)
        inputs, out = (", ".join(map(markdown_text, n)) for n in (names.inputs, out))
        named = f" · inputs {inputs} · {kind} {out}"
    st.caption(
        f"Network {sizes} ({acts}; loss {core.LOSS_LABELS[net.loss]}) · "
        f"m = {m} example{'s' if m != 1 else ''}" + (f" · {note}" if note else "") + named
    )


def latex_lines(lines) -> None:
    for line in lines:
        st.latex(line)


def layer_name(net: core.Network, k: int) -> str:
    if k == 0:
        return "layer 0 (input)"
    return f"layer {k} (output)" if k == net.L else f"layer {k} (hidden)"


FIGURE_FORMAT = "figure_format"  # session key of the sidebar's PNG / SVG choice


def figure_format() -> None:
    """The sidebar's choice of what a figure's camera button downloads."""
    st.sidebar.radio(
        "Figures download as",
        figures.FORMATS,
        key=FIGURE_FORMAT,
        horizontal=True,
        format_func=lambda f: {"png": "PNG (projector size)", "svg": "SVG (vector)"}[f],
        help="The camera icon in each figure's toolbar saves it in this format.",
    )


def toolbar_config(filename: str) -> dict:
    """plotly's config: the toolbar's camera downloads `filename` in the user's format."""
    return figures.toolbar_config(st.session_state.get(FIGURE_FORMAT, "png"), filename=filename)


def chart(fig, *, key: str, hidden: frozenset[str] = frozenset(), **kwargs):
    """st.plotly_chart with the toolbar's download in the user's format (PNG at twice the size,
    or SVG), and larger fonts in presentation mode; the panels named in `hidden` show "?"
    (predict first). Returns what st.plotly_chart returns."""
    config = toolbar_config(key)
    shown = figures.hide_panels(fig, hidden) if hidden else fig
    shown = figures.for_projector(shown) if presentation.is_on() else shown
    return st.plotly_chart(figures.sendable(shown), key=key, config=config, **kwargs)

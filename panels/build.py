"""The Build page's left column: start from a preset, or choose an architecture and build it.

Widget keys carry the shared state's version `v`, so every new network resets them to its own
values.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

import core
import figures
from core.limits import (
    LIMITS_TEXT,
    MAX_HIDDEN_LAYERS,
    MAX_INPUTS,
    MAX_NEURONS,
    MAX_OUTPUTS,
    beyond,
)
from figures.style import sup
from ui import fitting, memo, state, widgets
from ui.link_model import NetworkRecipe

HIDDEN_ACTIVATIONS = [n for n, a in core.ACTIVATIONS.items() if not a.output_only]
OUTPUT_ACTIVATIONS = list(core.ACTIVATIONS)
LOSSES = list(core.LOSSES)


@dataclass(frozen=True, kw_only=True)
class Architecture:
    """What the Architecture widgets describe: sizes n⁽⁰⁾..n⁽ᴸ⁾ and g⁽¹⁾..g⁽ᴸ⁾."""

    sizes: tuple[int, ...]
    activations: tuple[str, ...]
    loss: str
    init: str
    seed: int


def preset_panel() -> None:
    st.subheader("Start from a preset")
    names = list(core.PRESETS)
    col_p, col_b = st.columns([3, 1], vertical_alignment="bottom")
    choice = col_p.selectbox(
        "Preset",
        names,
        index=names.index(state.preset() or names[0]),
        format_func=core.PRESET_TITLES.get,
        key="preset_choice",
    )
    if col_b.button("Load preset", key="load_preset"):
        state.load_preset(choice)
        st.rerun()


def architecture_panel(net: core.Network, v: int) -> None:
    """The architecture widgets (starting from `net`), what is wrong with them, and Build."""
    st.subheader("Architecture")
    if beyond(net.sizes):
        st.warning(larger_than_page(net), icon=":material/warning:")
    arch = architecture_widgets(net, v)
    problem = pair_problem(arch.activations[-1], arch.loss)
    if problem:
        st.error(problem, icon=":material/warning:")
    if st.button("Build new network", type="primary", disabled=problem is not None, key="build"):
        build(arch)


def larger_than_page(net: core.Network) -> str:
    sizes = "-".join(str(n) for n in net.sizes)
    return (
        f"This network ({sizes}) is larger than this page edits ({LIMITS_TEXT}). "
        "The widgets below start from the nearest network they can build; "
        "Undo and Load are below."
    )


def within(n: int, most: int) -> int:
    """A widget's starting value: a shared network may be larger than the widget offers."""
    return min(int(n), most)


def architecture_widgets(net: core.Network, v: int) -> Architecture:
    c0, c1 = st.columns(2)
    n_in = c0.number_input(
        "Inputs n⁽⁰⁾", 1, MAX_INPUTS, within(net.sizes[0], MAX_INPUTS), key=f"n_in_{v}"
    )
    n_hidden = c1.number_input(
        "Hidden layers",
        0,
        MAX_HIDDEN_LAYERS,
        within(net.L - 1, MAX_HIDDEN_LAYERS),
        key=f"n_hidden_{v}",
    )
    hidden = [hidden_layer_widgets(net, k, v) for k in range(1, int(n_hidden) + 1)]
    co, cg = st.columns(2)
    n_out = co.number_input(
        "Outputs n⁽ᴸ⁾", 1, MAX_OUTPUTS, within(net.sizes[-1], MAX_OUTPUTS), key=f"n_out_{v}"
    )
    g_out = cg.selectbox(
        "Output activation g⁽ᴸ⁾",
        OUTPUT_ACTIVATIONS,
        index=OUTPUT_ACTIVATIONS.index(net.activations[net.L]),
        key=f"g_out_{v}",
        format_func=core.ACTIVATION_LABELS.get,
    )
    cl, ci, cs = st.columns([2, 1, 1])
    loss = cl.selectbox(
        "Loss",
        LOSSES,
        index=LOSSES.index(net.loss),
        key=f"loss_{v}",
        format_func=core.LOSS_LABELS.get,
    )
    init = ci.selectbox("Initialization", list(core.INITS), key=f"init_{v}")
    seed = cs.number_input("Seed", 0, 10**6, 0, key=f"seed_{v}")
    return Architecture(
        sizes=(int(n_in), *(int(n) for n, _ in hidden), int(n_out)),
        activations=(*(g for _, g in hidden), g_out),
        loss=loss,
        init=init,
        seed=int(seed),
    )


def hidden_layer_widgets(net: core.Network, k: int, v: int) -> tuple[int, str]:
    """(n⁽ᵏ⁾, g⁽ᵏ⁾) of hidden layer k; a layer `net` does not have starts at 3 tanh neurons."""
    exists = k < net.L
    default_n = within(net.sizes[k], MAX_NEURONS) if exists else 3
    default_g = net.activations[k] if exists else "tanh"
    ca, cb = st.columns(2)
    n = ca.number_input(
        f"Layer {k}: neurons n{sup(k)}", 1, MAX_NEURONS, int(default_n), key=f"n_{k}_{v}"
    )
    g = cb.selectbox(
        f"Layer {k}: activation g{sup(k)}",
        HIDDEN_ACTIVATIONS,
        index=HIDDEN_ACTIVATIONS.index(default_g) if default_g in HIDDEN_ACTIVATIONS else 0,
        key=f"g_{k}_{v}",
        format_func=core.ACTIVATION_LABELS.get,
    )
    return int(n), g


def pair_problem(g_out: str, loss: str) -> str | None:
    """Why this output activation and loss cannot be used together, in words, or None."""
    try:
        core.check_pair(g_out, loss)
    except core.CoreError as exc:
        return f"{exc}. Choose another loss or output activation."
    return None


def build(arch: Architecture) -> None:
    """A new random network; it keeps the current data if that fits, else one example."""
    try:
        new = core.Network.random(
            list(arch.sizes), list(arch.activations), arch.loss, init=arch.init, seed=arch.seed
        )
    except core.CoreError as exc:
        st.error(f"Could not build this network: {exc}")
        return
    X, Y = state.data()
    recipe = NetworkRecipe(
        sizes=tuple(arch.sizes),
        activations=tuple(arch.activations),
        loss=arch.loss,
        init=arch.init,
        seed=arch.seed,
    )
    if fitting.fits(new, X, Y):
        state.set_network(new, recipe=recipe)
    else:
        X, Y = fitting.default_example(new)
        state.set_network(new, X, Y, note="one example (the old data did not fit)", recipe=recipe)
    st.rerun()


def diagram_panel(net: core.Network) -> None:
    st.subheader("Diagram")
    if beyond(net.sizes):  # hundreds of neurons would not draw legibly (nor quickly)
        st.caption("Too large to draw here.")
        return
    widgets.chart(
        memo.figure(("diagram",), lambda: figures.network_diagram(net, names=state.shared().names)),
        key="build_diagram",
    )
    st.caption("Colour: sign of θᵢⱼ⁽ᵏ⁾ (blue +, red −; hover for the value); thickness: |θᵢⱼ⁽ᵏ⁾|.")

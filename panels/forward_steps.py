"""The Forward page's steps k = 0..L as blocks for the in-browser stepper (ui/stepview.py):
the same figures and cards as panels/forward.py draws one step at a time."""

from __future__ import annotations

import streamlit as st

import cards
import core
import figures
from cards.names import input_labels
from panels.explain import neuron_option
from ui import stepview, widgets
from ui import stepview_blocks as blocks

VIEW_KEY = "fwd_view"
LAYOUT = [
    {"slots": [["heading", "layer"]]},
    {"cols": [2, 3], "slots": [["diagram"], ["side", "input", "card", "output_title", "output",
                                             "output_card"]]},
]  # fmt: skip


def neuron_key(k: int) -> str:
    """The session key of the neuron followed in layer k (shared with links and Predict first)."""
    return f"fwd_i_{k}"


def chosen_neuron(net: core.Network, k: int) -> int:
    i = st.session_state.get(neuron_key(k), 0)
    return i if isinstance(i, int) and 0 <= i < net.sizes[k] else 0


def show(net: core.Network, fwd: core.ForwardTrace, k_key: str, example: int, names) -> None:
    """The stepper and every step of `example`, drawn in the browser."""
    order = list(range(net.L + 1))

    def on_report(value: dict) -> None:
        choices = value.get("choices")
        for k, i in (choices if isinstance(choices, dict) else {}).items():
            k = int(k) if isinstance(k, str) and k.isascii() and k.isdigit() else None
            if k is not None and 1 <= k <= net.L and type(i) is int and 0 <= i < net.sizes[k]:
                st.session_state[neuron_key(k)] = i  # a browser's value, checked like a link's

    ack = stepview.take_report(VIEW_KEY, k_key, order, on_report)
    at = stepview.current(k_key, order)
    stepview.show(
        VIEW_KEY,
        order=order,
        labels={k: f"k = {k}" for k in order},
        at=at,
        build=lambda k: step(net, fwd, k, chosen_neuron(net, k), example, names),
        layout=LAYOUT,
        view=(example,),
        step_view=lambda k: (chosen_neuron(net, k) if k else 0,),
        choices={str(k): chosen_neuron(net, k) for k in order if k},
        ack=ack,
    )


def step(net: core.Network, fwd: core.ForwardTrace, k: int, i: int, example: int, names) -> dict:
    """{slot: block} of step k, neuron i, as panels/forward.py shows it."""
    shown = {
        "heading": blocks.heading(f"Step k = {k} of {net.L}: {widgets.layer_name(net, k)}"),
        "diagram": blocks.figure(diagram(net, fwd, k, i, example, names)),
    }
    if k == 0:
        shown["side"] = blocks.markdown("The input layer does no computation: **a⁽⁰⁾ = x**.")
        shown["input"] = blocks.figure(
            figures.heatmap(
                fwd.a[0],
                title="a⁽⁰⁾ = x",
                x_title="neuron j (layer 0)",
                y_title="example",
                x_labels=input_labels(names, net.sizes[0], stacked=True),
            )
        )
        return shown
    shown["layer"] = blocks.figure(figures.forward_layer(net, fwd, k, example=example, names=names))
    shown["card"] = blocks.choice(
        "Neuron i",
        [
            (
                neuron_option(net, names, k, n),
                [
                    blocks.markdown(f"**Neuron {n} of layer {k}, example {example}**"),
                    blocks.tex(cards.forward_card(net, fwd, k, n, example)),
                ],
            )
            for n in range(net.sizes[k])
        ],
        i,
    )
    if k == net.L:
        shown["output_title"] = blocks.markdown("**The output, the target and the error**")
        shown["output"] = blocks.figure(figures.output_summary(fwd, names=names))
        shown["output_card"] = blocks.markdown(cards.output_card(net, fwd, names))
    return shown


def diagram(net, fwd, k: int, i: int, example: int, names, *, known: int | None = None):
    """The network with a⁽⁰⁾..a⁽ᵏ⁾ of `example` on the neurons computed so far (only up to
    layer `known` while layer k is still to be predicted)."""
    known = k if known is None else known
    return figures.network_diagram(
        net,
        highlight_layer=k,
        neuron_values={layer: fwd.a[layer][example] for layer in range(known + 1)},
        highlight_neurons=[(k, i)] if k >= 1 else [],
        title=f"a⁽ᵏ⁾ of example {example} for k ≤ {k}",
        names=names,
    )

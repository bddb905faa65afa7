"""The Backward page's steps k = L..1 and then ∂E/∂x, as blocks for the in-browser stepper
(ui/stepview.py): the heading, equations and heatmaps of each step. The explain panel below
them stays on the server (it asks questions and answers clicks) and follows the step."""

from __future__ import annotations

import streamlit as st

import cards
import core
import figures
from cards.names import input_labels
from panels.explain import KEYS
from ui import selection, state, stepview, widgets
from ui import stepview_blocks as blocks

VIEW_KEY = "bwd_view_steps"
X_EXAMPLE = "bwd_x_example"  # the example whose ∂E/∂x card is shown
LAYOUT = [{"slots": [["heading", "text", "equations", "note", "layer", "hint", "input", "card"]]}]


def order(net: core.Network) -> list:
    return [*range(net.L, 0, -1), "x"]


def labels(net: core.Network) -> dict:
    return {k: f"k = {k}" for k in range(1, net.L + 1)} | {"x": "∂E/∂x"}


def show(
    net: core.Network,
    shown: state.Traces,
    batch: state.Traces,
    step_key: str,
    *,
    shared: bool,
    example: int | None,
) -> None:
    """The stepper and every step: layers of the traces `shown` (the whole batch, or
    `example` alone), and ∂E/∂x of the whole `batch`."""
    steps = order(net)

    def on_report(value: dict) -> None:
        target = figures.click_target({"customdata": value.get("click")})
        if target is not None and _cell_of(net, shown.fwd.m, value.get("step"), target):
            selection.select(target, KEYS)

    ack = stepview.take_report(VIEW_KEY, step_key, steps, on_report)
    x_example = st.session_state.get(X_EXAMPLE, 0)
    x_example = x_example if isinstance(x_example, int) and x_example < batch.fwd.m else 0
    stepview.show(
        VIEW_KEY,
        order=steps,
        labels=labels(net),
        at=stepview.current(step_key, steps),
        build=lambda s: step(
            net, batch if s == "x" else shown, s, shared=shared, x_example=x_example
        ),
        layout=LAYOUT,
        view=(shared, example, x_example),
        ack=ack,
    )


def _cell_of(net: core.Network, m: int, step, target) -> bool:
    """Whether a clicked `target` (kind, k, row, col) is a cell of the layer `step` shown: a
    browser's report is checked like a link before it moves the selectors."""
    kind, k, row, col = target
    if str(step) != str(k) or not 1 <= k <= net.L:
        return False
    shapes = {
        "delta": (m, net.sizes[k]),
        "grad_w": (net.sizes[k], net.sizes[k - 1]),
        "grad_b": (net.sizes[k], 1),
    }
    return kind in shapes and 0 <= row < shapes[kind][0] and 0 <= col < shapes[kind][1]


def step(net: core.Network, traces: state.Traces, s, *, shared: bool, x_example: int) -> dict:
    """{slot: block} of step `s`: a layer k, or "x" (the gradient with respect to the input)."""
    names = state.shared().names
    if s == "x":
        bwd = traces.bwd
        return {
            "heading": blocks.heading("Last step: the gradient with respect to the input, ∂E/∂x"),
            "text": blocks.markdown(
                "The same backward pass, one step further: the input is treated as the "
                "variable instead of the weights (this is how *deep dreaming* works)."
            ),
            "input": blocks.figure(
                figures.heatmap(
                    bwd.grad_input,
                    title="∂E/∂x  (per example)",
                    x_title="input j",
                    y_title="example",
                    x_labels=input_labels(names, net.sizes[0], stacked=True),
                )
            ),
            "card": blocks.tex(cards.input_gradient_card(net, bwd, x_example)),
        }
    k = int(s)
    label, eq = cards.equation_for_step(net, k)
    shown = {
        "heading": blocks.heading(f"Step k = {k}: {widgets.layer_name(net, k)} — equation {label}"),
        "equations": blocks.tex([eq, cards.gradient_equation(k)]),
        "layer": blocks.figure(
            figures.backward_layer(
                net, traces.fwd, traces.bwd, k, shared_scale=shared, clickable=True, names=names
            ),
            clickable=True,
        ),
        "hint": blocks.markdown("Click any cell to explain it below."),
    }
    if k == net.L:
        shown["note"] = blocks.note(cards.output_layer_note(net))
    return shown

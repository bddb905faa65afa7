"""The Backward page's views: the animation, and one step (layer k, or ∂E/∂x) at a time.

Each function takes what it shows as arguments. The one-example view computes its own traces
and keeps them local, so nothing it chooses can leak into the update section below it.
"""

from __future__ import annotations

import streamlit as st

import cards
import core
import figures
from cards.names import input_labels
from panels import backward_steps, exports, predict
from panels.explain import KEYS, explain_panel
from ui import memo, selection, state, step_runs, widgets
from ui.link_view import BATCH, ONE_EXAMPLE, PLAY, STEP_BY_STEP
from ui.stepper import stepper


def view_controls() -> tuple[bool, bool]:
    """(shared colour range?, play the animation?) from the two switches at the top."""
    shared = st.toggle(
        "Same colour range for every layer",
        value=True,
        key="bwd_shared",
        help="Off: each layer is scaled on its own, so small deltas stay visible.",
    )
    # A view switch rather than tabs: tabs would build the animation on every rerun even when
    # it is not shown, and it is the slowest figure of the app.
    mode = st.radio(
        "View",
        [STEP_BY_STEP, PLAY],
        horizontal=True,
        key="bwd_mode",
        label_visibility="collapsed",
    )
    return shared, mode == PLAY


def animation(net: core.Network, traces: state.Traces, *, shared: bool) -> None:
    st.caption("Runs in your browser: press ▶ Play, or drag the slider. k goes from L down to 1.")
    fig = memo.figure(
        ("animation", shared),
        lambda: figures.backward_animation(
            net, traces.fwd, traces.bwd, shared_scale=shared, names=state.shared().names
        ),
    )
    widgets.chart(fig, key="bwd_animation")


def step_view(net: core.Network, X, Y, traces: state.Traces, *, shared: bool) -> None:
    """The steps k = L..1 and then ∂E/∂x: drawn in the browser (panels/backward_steps.py), a
    step rerunning only them and the explain panel (ui/step_runs.py); or stepped on the server
    while "Predict first" asks before each layer is shown."""
    if not st.session_state.get(predict.KEY, False):
        step_runs.follow_steps(
            "backward",
            lambda: browser_steps(net, X, Y, traces, shared=shared),
            outside=(exports.OPEN.format(page="backward"),),
        )
        return
    example = chosen_example(traces.fwd.m)
    shown = traces if example is None else example_traces(net, X, Y, example)
    step = stepper("bwd_step", backward_steps.order(net), backward_steps.labels(net))
    if step == "x":
        input_step(net, traces.bwd)
    else:
        layer_step(net, traces, shown, step, shared=shared, example=example)


def browser_steps(net: core.Network, X, Y, traces: state.Traces, *, shared: bool) -> None:
    example = chosen_example(traces.fwd.m)
    shown = traces if example is None else example_traces(net, X, Y, example)
    backward_steps.show(net, shown, traces, "bwd_step", shared=shared, example=example)
    step = st.session_state["bwd_step"]
    if step == "x":
        if traces.fwd.m > 1:
            st.selectbox(
                "Example of the ∂E/∂x card", range(traces.fwd.m), key=backward_steps.X_EXAMPLE
            )
    else:
        explain_below(net, traces, shown, step)


def input_step(net: core.Network, bwd: core.BackwardTrace) -> None:
    st.markdown("#### Last step: the gradient with respect to the input, ∂E/∂x")
    st.markdown(
        "The same backward pass, one step further: the input is treated as the "
        "variable instead of the weights (this is how *deep dreaming* works)."
    )
    widgets.chart(
        figures.heatmap(
            bwd.grad_input,
            title="∂E/∂x  (per example)",
            x_title="input j",
            y_title="example",
            x_labels=input_labels(state.shared().names, net.sizes[0], stacked=True),
        ),
        key="bwd_grad_input",
    )
    m = bwd.grad_input.shape[0]
    e = st.selectbox("Example", range(m), key="bwd_x_example") if m > 1 else 0
    widgets.latex_lines(cards.input_gradient_card(net, bwd, e))


def layer_step(net, traces: state.Traces, shown: state.Traces, k: int, *, shared, example):
    """Layer k on the server ("Predict first"): its equations, its heatmaps (batch or one
    example) and the explain panel, which decides whether layer k's numbers are shown yet."""
    label, eq = cards.equation_for_step(net, k)
    st.markdown(f"#### Step k = {k}: {widgets.layer_name(net, k)} — equation {label}")
    st.latex(eq)
    st.latex(cards.gradient_equation(k))
    if k == net.L:
        st.info(cards.output_layer_note(net))
    chart_key = f"bwd_cells_{k}_{shown.fwd.m}"
    selection.apply_click(chart_key, KEYS)  # a clicked cell points the selectors at it
    layer_fig = memo.figure(
        ("layer", k, shared, example),
        lambda: figures.backward_layer(
            net,
            shown.fwd,
            shown.bwd,
            k,
            shared_scale=shared,
            clickable=True,
            names=state.shared().names,
        ),
    )
    # Drawn after the explain panel has decided whether "Predict first" hides layer k's numbers
    # (one hidden cell is not enough: ∂E/∂b = mean δ and ∂E/∂θ = a δ would give it away).
    figure_slot = st.empty()
    st.caption("Click any cell to explain it, or choose it below.")
    revealed = explain_below(net, traces, shown, k)
    hidden = frozenset() if revealed else figures.backward_panel_names(k)
    with figure_slot:
        widgets.chart(
            layer_fig, key=chart_key, hidden=hidden, on_select="rerun", selection_mode="points"
        )


def explain_below(net: core.Network, traces: state.Traces, shown: state.Traces, k: int) -> bool:
    """The explain panel of layer k, then the per-example gradients beside their mean (batch
    view); False while "Predict first" hides layer k's numbers."""
    multiples_slot = st.container()
    revealed = explain_panel(net, shown, k)
    if not revealed:
        multiples_slot.caption("Layer k's numbers are hidden until you check your prediction.")
    elif shown is traces and traces.fwd.m > 1:
        with multiples_slot:
            per_example_gradients(traces, k)
    return revealed


def chosen_example(m: int) -> int | None:
    """None for the batch view, or the example the user chose to look at on its own."""
    if m == 1:
        return None
    view = st.radio("Gradients of", [BATCH, ONE_EXAMPLE], horizontal=True, key="bwd_view")
    if view == BATCH:
        return None
    example = st.selectbox("Which example", range(m), key="bwd_view_example")
    st.caption(f"δ and ∂E/∂θ of example {example}'s own error E(x, y) alone.")
    return example


def example_traces(net: core.Network, X, Y, example: int) -> state.Traces:
    """Forward and backward pass of one example alone (m = 1)."""
    x, y = X[example : example + 1], Y[example : example + 1]
    fwd = core.forward(net, x, y)
    return state.Traces(fwd, core.backward(net, fwd, y))


def per_example_gradients(traces: state.Traces, k: int) -> None:
    if st.toggle(
        "Show the per-example gradients beside their mean",
        key="bwd_show_multiples",
        help="The batch gradient is the average of the examples' own gradients.",
    ):
        fig = memo.figure(
            ("multiples", k),
            lambda: figures.per_example_gradients(traces.fwd, traces.bwd, k),
        )
        widgets.chart(fig, key="bwd_multiples")

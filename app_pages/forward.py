"""Forward: step k = 0..L through z⁽ᵏ⁾ = θ⁽ᵏ⁾ a⁽ᵏ⁻¹⁾ + b⁽ᵏ⁾, a⁽ᵏ⁾ = g(z⁽ᵏ⁾).

The steps are drawn in the browser (no wait for the server); with "Predict first" on, the page
steps on the server instead, since each step asks a question first."""

import streamlit as st

from panels import exports, forward_steps, predict
from panels import forward as forward_panels
from ui import state, step_runs, widgets
from ui.stepper import stepper

st.title("Forward pass")
widgets.network_caption()
net = state.network()
traces = state.traces()
if traces is None:
    st.stop()

X, Y = state.data()
eta = st.session_state.get("bwd_eta", 0.5)  # the update at the end of a whole-pass document


def downloads(k: int, example: int) -> None:
    exports.downloads(net, X, Y, page="forward", k=k, example=example, eta=eta)


if predict.switch():
    k = stepper("fwd_k", list(range(net.L + 1)), {k: f"k = {k}" for k in range(net.L + 1)})
    st.markdown(f"#### Step k = {k} of {net.L}: {widgets.layer_name(net, k)}")
    example, i = forward_panels.selectors(net, traces.fwd.m, k)
    if k == 0:
        forward_panels.input_layer(net, traces.fwd, example)
    else:
        forward_panels.computed_layer(net, traces.fwd, k, i, example)
    downloads(k, example)
else:
    example = forward_panels.example_selector(traces.fwd.m)
    step_runs.follow_steps(
        "forward",
        lambda: forward_steps.show(net, traces.fwd, "fwd_k", example, state.shared().names),
        outside=(exports.OPEN.format(page="forward"),),
    )
    downloads(st.session_state["fwd_k"], example)

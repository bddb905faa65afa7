"""Input gradient: ∂E/∂x per example, its field over the plane, and gradient ascent on x."""

import streamlit as st

import core
from panels import input_gradient as input_gradient_panels
from ui import state, widgets

st.title("Gradient with respect to the input")
widgets.network_caption()
st.markdown(
    "The backward pass does not have to stop at θ⁽¹⁾: one step further, "
    "∂E/∂x = θ⁽¹⁾ᵀ δ⁽¹⁾ says how each input should move to change the error. Treating the "
    "input as the variable and the weights as fixed is how *deep dreaming* works."
)
net = state.network()
X, Y = state.data()
traces = state.traces()
if traces is None:
    st.stop()

input_gradient_panels.example_table(X, traces.bwd.grad_input)
if net.sizes[0] != 2:
    st.info(
        "The field over the input plane and the ascent path need a network with two inputs "
        "(load the XOR or spiral preset on the Build page)."
    )
    st.stop()
ranges = core.data_range(X, margin=0.3)  # (x range, y range) of the input plane
input_gradient_panels.field_panel(net, X, Y, ranges)
input_gradient_panels.ascent_panel(net, ranges)

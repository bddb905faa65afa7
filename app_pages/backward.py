"""Backward: step k = L..1 (or play the animation), explain any number, apply an update."""

import streamlit as st

from panels import backward as backward_panels
from panels import exports
from panels.update import update_panel
from ui import state, widgets

st.title("Backward pass")
widgets.network_caption()
net = state.network()
X, Y = state.data()
traces = state.traces()  # the whole batch: every section below starts from these
if traces is None:
    st.stop()

shared, play = backward_panels.view_controls()
if play:
    backward_panels.animation(net, traces, shared=shared)
else:
    backward_panels.step_view(net, X, Y, traces, shared=shared)

st.divider()
update_panel(net, X, Y, traces)

exports.downloads(
    net,
    X,
    Y,
    page="backward",
    k=None if play else st.session_state.get("bwd_step", net.L),  # None: the whole pass only
    example=exports.backward_example(traces.fwd.m),
    eta=st.session_state.get("bwd_eta", 0.5),
)

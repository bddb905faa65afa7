"""Build: architecture, data, exact weights, the diagram, save and load."""

import streamlit as st

from panels import build as build_panels
from panels import edit as edit_panels
from ui import state, widgets

st.title("Build")
widgets.network_caption()
net = state.network()
X, Y = state.data()
v = state.version()  # widget keys carry it, so a new network resets them

left, right = st.columns([1, 1], gap="large")
with left:
    build_panels.preset_panel()
    build_panels.architecture_panel(net, v)
with right:
    build_panels.diagram_panel(net)

edit_panels.data_panel(net, X, Y, v)
edit_panels.weights_panel(net, v)
edit_panels.save_panel(net, X, Y)

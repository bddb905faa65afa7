"""Entry point: page setup, navigation, and the user's shared network (loaded on first visit)."""

import streamlit as st

from ui import state

st.set_page_config(page_title="Backprop Visualizer", page_icon=":material/sync_alt:", layout="wide")
state.ensure()

PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("pages/build.py", title="Build", icon=":material/construction:"),
    st.Page("pages/forward.py", title="Forward", icon=":material/arrow_forward:"),
    st.Page("pages/backward.py", title="Backward", icon=":material/arrow_back:"),
    st.Page("pages/gradient_check.py", title="Gradient check", icon=":material/fact_check:"),
    st.Page("pages/output_lab.py", title="Output layer lab", icon=":material/target:"),
    st.Page("pages/train.py", title="Train", icon=":material/model_training:"),
    st.Page("pages/input_gradient.py", title="Input gradient", icon=":material/explore:"),
]

st.navigation(PAGES).run()

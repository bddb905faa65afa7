"""Entry point: page setup, navigation, and the user's shared network (loaded on first visit)."""

import streamlit as st

from ui import state

st.set_page_config(page_title="Backprop Visualizer", page_icon=":material/sync_alt:", layout="wide")
state.ensure()

PAGES = [
    st.Page("app_pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("app_pages/build.py", title="Build", icon=":material/construction:"),
    st.Page("app_pages/forward.py", title="Forward", icon=":material/arrow_forward:"),
    st.Page("app_pages/backward.py", title="Backward", icon=":material/arrow_back:"),
    st.Page("app_pages/gradient_check.py", title="Gradient check", icon=":material/fact_check:"),
    st.Page("app_pages/output_lab.py", title="Output layer lab", icon=":material/target:"),
    st.Page("app_pages/train.py", title="Train", icon=":material/model_training:"),
    st.Page("app_pages/input_gradient.py", title="Input gradient", icon=":material/explore:"),
]

st.navigation(PAGES).run()

"""Entry point: page setup, navigation, and the user's shared network (loaded on first visit)."""

import streamlit as st

from ui import state

st.set_page_config(page_title="Backprop Visualizer", page_icon=":material/sync_alt:", layout="wide")
state.ensure()

# name in a link (ui.link_view.PAGES) = file name = url_path; Home is the default page at "/".
TITLES = {
    "home": ("Home", ":material/home:"),
    "build": ("Build", ":material/construction:"),
    "forward": ("Forward", ":material/arrow_forward:"),
    "backward": ("Backward", ":material/arrow_back:"),
    "gradient_check": ("Gradient check", ":material/fact_check:"),
    "output_lab": ("Output layer lab", ":material/target:"),
    "train": ("Train", ":material/model_training:"),
    "input_gradient": ("Input gradient", ":material/explore:"),
    "quiz": ("Quiz", ":material/quiz:"),
}
PAGES = {
    name: st.Page(f"app_pages/{name}.py", title=t, icon=i, url_path=name, default=name == "home")
    for name, (t, i) in TITLES.items()
}

st.navigation(list(PAGES.values())).run()

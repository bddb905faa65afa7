"""Entry point: page setup, navigation, the link in the URL, and the sidebar's shared controls."""

# First, before plotly: plotly reads pandas from sys.modules without importing it, so on a fresh
# server a session could see pandas half-imported by another session (AttributeError found by
# `make load`). Importing it here makes every session wait until it is complete.
import pandas  # noqa: F401
import streamlit as st

import panels
from ui import link, memory, presentation, state, training_gate, widgets

memory.import_every(panels)  # before the first run's freeze (ui/memory.py)

st.set_page_config(page_title="Backprop Visualizer", page_icon=":material/sync_alt:", layout="wide")
state.ensure()

# name in a link (ui.link_view.PAGES) = file name = url_path; Home is the default page at "/".
TITLES = {
    "home": ("Home", ":material/home:"),
    "build": ("Build", ":material/construction:"),
    "data": ("Your data", ":material/table_view:"),
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

# A run a user waits for: live training gives way to it (ui/training_gate.py).
with training_gate.FOREGROUND.run():
    page = st.navigation(list(PAGES.values()))
    name = page.url_path or "home"
    target = link.restore(name)  # a link opened here (a new tab, a reload) becomes this session's
    if target is not None:
        st.switch_page(PAGES[target])
    copy_slot = presentation.controls()
    widgets.figure_format()
    link.message(name)
    try:
        page.run()
    finally:  # after the page, whose clicks may have moved the view; also after st.stop()
        with copy_slot.container():
            link.copy_control(link.sync(name))
        memory.COLLECTOR.after_run()  # a full garbage collection every few seconds at most

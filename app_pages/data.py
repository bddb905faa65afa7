"""Your data: upload a CSV, paste a table, draw points or write a formula; every page then
runs on it. The sections live in panels/ (userdata, draw, formula_data, use_data)."""

import streamlit as st

from panels import draw, formula_data, use_data
from panels import userdata as table_panels
from ui import widgets

SOURCES = {
    "Upload a CSV": table_panels.upload_section,
    "Paste a table": table_panels.paste_section,
    "Draw points": draw.draw_section,
    "From a formula": formula_data.formula_section,
}

st.title("Your data")
widgets.network_caption()
source = st.radio("Where the data comes from", list(SOURCES), horizontal=True, key="data_source")
candidate = SOURCES[source]()
if candidate is not None:
    use_data.use_panel(candidate)
use_data.export_panel()

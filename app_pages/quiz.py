"""Quiz: five numbers of the current network to predict, graded, with the mistake each matches."""

import streamlit as st

from panels.quiz import quiz_panel
from ui import state, widgets

st.title("Quiz")
widgets.network_caption()
st.markdown(
    "Work out each number by hand (or on paper) from the current network and data, type it, "
    "and check it. A wrong answer is compared with what each classic mistake would give."
)
X, Y = state.data()
quiz_panel(state.network(), X, Y)

"""Quiz: five numbers of the current network to predict, graded, with the mistake each matches."""

import streamlit as st

st.title("Quiz")
st.info("The quiz is being built.")

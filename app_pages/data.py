"""Your data: upload a CSV, draw points or write a formula; every page then runs on it."""

import streamlit as st

st.title("Your data")
st.info("This page is being built.")

"""Presentation mode: a projector at 1024×768 — no sidebar, larger equations and figures.

On by the toggle (sidebar, or at the top of the page while the sidebar is hidden) or by the link's
`presentation=1`. Kept per user in st.session_state[KEY].
"""

from __future__ import annotations

import streamlit as st

KEY = "presentation"

# Why CSS: Streamlit has no setting for the sidebar or the equation size per session. The
# selectors are Streamlit's stable test ids; everything stays usable if one of them changes.
CSS = """
<style>
section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"] {display: none;}
div[data-testid="stMainBlockContainer"] {padding: 3.5rem 1.5rem 1rem; max-width: 100%;}
.katex {font-size: 1.45em !important;}
div[data-testid="stMarkdownContainer"] :is(p, li) {font-size: 1.3rem;}
div[data-testid="stCaptionContainer"] {font-size: 1.05rem;}
h1 {font-size: 2.2rem !important;}
</style>
"""


def is_on() -> bool:
    return bool(st.session_state.get(KEY, False))


def controls():
    """The switch: in the sidebar normally; at the top of the page when the sidebar is hidden.
    Returns a place beside it for the other shared controls (Copy link)."""
    if is_on():
        toggle_col, other = st.columns([1, 1], vertical_alignment="center")
    else:
        toggle_col = other = st.sidebar
    toggle_col.toggle(
        "Presentation mode",
        key=KEY,
        help="For a projector: hides the sidebar, enlarges figures and equations. "
        "← and → step the Forward and Backward pages.",
    )
    if is_on():
        st.html(CSS)
    return other.empty()

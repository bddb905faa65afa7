"""What the stepper's frame says it holds (its report's "held"), read back by ui.stepview: a
browser's value, so anything but a small map of text to text means nothing is held."""

import pytest
from streamlit.testing.v1 import AppTest


def _script():
    import streamlit as st

    from ui import stepview

    st.session_state["seen"] = stepview._held("view", 3)


def held(value) -> dict:
    at = AppTest.from_function(_script, default_timeout=30)
    if value is not None:
        at.session_state["view"] = value
    at.run()
    assert not at.exception
    return at.session_state["seen"]


def test_the_steps_a_frame_reports_it_holds_are_read_back():
    report = {"step": "1", "n": 4, "held": {"0": "a1", "1": "b2", "2": "c3"}}
    assert held(report) == {"0": "a1", "1": "b2", "2": "c3"}


def test_only_text_pairs_are_kept():
    assert held({"held": {"0": "a1", "1": 2, "x": "d4"}}) == {"0": "a1", "x": "d4"}


@pytest.mark.parametrize(
    "value",
    [
        None,  # no report yet (a new frame, or the page's first run)
        {"step": "1", "n": 1},  # a report without "held"
        {"held": ["0", "1"]},
        {"held": "everything"},
        {"held": {"0": "a", "1": "b", "2": "c", "3": "d"}},  # more than the 3 steps there are
        ["held"],
    ],
)
def test_anything_else_holds_nothing(value):
    assert held(value) == {}

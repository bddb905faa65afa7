"""The stepper in a real script run: each button moves exactly one step (First/Last to the
ends), the buttons at an end are disabled, and the slider always shows the chosen step."""

import pytest
from streamlit.testing.v1 import AppTest

# Not 0..n-1, so a position cannot be mistaken for the option at it (the Backward page's order).
OPTIONS = ["x", 5, 4, 3, 2, 1]
LABELS = {"x": "input x", **{k: f"layer {k}" for k in range(1, 6)}}
BUTTONS = ("first", "prev", "next", "last")


def _script(options, labels, start):
    import streamlit as st

    from ui.stepper import stepper

    st.session_state["returned"] = stepper("s", options, labels, start=start)


def _app(start=None) -> AppTest:
    at = AppTest.from_function(_script, args=(OPTIONS, LABELS, start), default_timeout=30)
    return at.run()


def _position(at: AppTest) -> int:
    """Where the stepper is, after checking that its return value and slider agree."""
    assert not at.exception, [e.value for e in at.exception]
    returned = at.session_state["returned"]
    slider = at.select_slider(key="s")
    assert slider.label == "Step"  # hidden on screen, read out by screen readers
    assert slider.value == returned
    assert slider.options == [LABELS[o] for o in OPTIONS]  # in order, each with its label
    return OPTIONS.index(returned)


def _disabled(at: AppTest) -> tuple[bool, ...]:
    return tuple(at.button(key=f"s_{name}").disabled for name in BUTTONS)


def _click(at: AppTest, name: str) -> int:
    at.button(key=f"s_{name}").click().run()
    return _position(at)


def test_first_visit_starts_at_the_first_option_or_at_start():
    assert _position(_app()) == 0
    assert _position(_app(start=3)) == OPTIONS.index(3)


def test_next_and_back_move_exactly_one_step_and_the_ends_are_disabled():
    at = _app()
    last = len(OPTIONS) - 1
    for pos in range(last + 1):  # walk forwards, checking every position on the way
        assert _position(at) == pos
        at_start, at_end = pos == 0, pos == last
        assert _disabled(at) == (at_start, at_start, at_end, at_end), pos
        if not at_end:
            assert _click(at, "next") == pos + 1
    for pos in range(last, 0, -1):  # and back again
        assert _click(at, "prev") == pos - 1


@pytest.mark.parametrize("middle", [1, 2, 3, 4])
def test_first_and_last_go_to_the_ends_from_anywhere(middle):
    at = _app(start=OPTIONS[middle])
    assert _position(at) == middle
    assert _click(at, "last") == len(OPTIONS) - 1
    at = _app(start=OPTIONS[middle])
    assert _click(at, "first") == 0


def test_moving_the_slider_moves_the_buttons_with_it():
    at = _app()
    at.select_slider(key="s").set_value(3).run()
    assert _position(at) == OPTIONS.index(3)
    assert _disabled(at) == (False, False, False, False)
    assert _click(at, "prev") == OPTIONS.index(3) - 1
    at.select_slider(key="s").set_value(1).run()
    assert _disabled(at) == (False, False, True, True)


def test_an_option_that_disappeared_falls_back_to_the_first():
    """A smaller network has fewer layers: a remembered step that no longer exists resets."""
    at = _app()
    at.session_state["s"] = 99
    at.run()
    assert _position(at) == 0


def test_each_button_says_where_it_goes():
    """The label a user reads and the arrow beside it: first ⏮, back ‹, next ›, last ⏭."""
    at = _app()
    expected = {
        "first": ("First", "first_page"),
        "prev": ("Back", "chevron_left"),
        "next": ("Next", "chevron_right"),
        "last": ("Last", "last_page"),
    }
    for suffix, (label, icon) in expected.items():
        button = at.button(key=f"s_{suffix}")
        assert (button.label, button.proto.icon) == (label, f":material/{icon}:"), suffix


@pytest.mark.parametrize("options", [[2, 1], ["x", 1], [1]])
def test_the_slider_shows_whenever_there_is_a_choice(options):
    """Two steps (a one-layer network's Backward page: 1 and x) still get a slider; one does not."""
    at = AppTest.from_function(_script, args=(options, LABELS, None), default_timeout=30).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["returned"] == options[0]
    sliders = at.select_slider
    if len(options) == 1:
        assert len(sliders) == 0 and all(_disabled(at))
    else:
        assert len(sliders) == 1 and sliders[0].options == [LABELS[o] for o in options]

"""The stepper in a real script run: each button moves exactly one step (First/Last to the
ends), the buttons at an end are disabled, and the slider always shows the chosen step, also
when the browser answers with a slider value from an older run (fast clicks)."""

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1 import AppTest

from ui.stepper import slider_key

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
    assert at.session_state["s"] == returned  # the step others read is the one shown
    slider = _slider(at)
    assert slider.label == "Step"  # hidden on screen, read out by screen readers
    assert slider.value == returned
    assert slider.options == [LABELS[o] for o in OPTIONS]  # in order, each with its label
    return OPTIONS.index(returned)


def _slider(at: AppTest):
    """The stepper's one slider, found by its key of this run."""
    assert len(at.select_slider) == 1
    return at.select_slider(key=slider_key("s", at.session_state))


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
    before = slider_key("s", at.session_state)
    _slider(at).set_value(3).run()
    assert _position(at) == OPTIONS.index(3)
    # the same slider, not a new one: keyboard focus on it survives its own moves
    assert slider_key("s", at.session_state) == before
    assert _disabled(at) == (False, False, False, False)
    assert _click(at, "prev") == OPTIONS.index(3) - 1
    _slider(at).set_value(1).run()
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


# ---------------------------------------------------------------- the browser one run behind
# After fast clicks the browser can send a click together with the widget values of a run it
# has not yet redrawn: the slider still at the step before. AppTest sends the values of its
# last run; `_sends` sends the ones the browser showed one run earlier, as that browser would.


def _shown(at: AppTest) -> WidgetStates:
    """What the browser sends from the screen it shows now (with any click made on it)."""
    return at._tree.get_widget_states()


def _sends(at: AppTest, states: WidgetStates) -> int:
    at._run(states)
    return _position(at)


def test_a_click_on_next_at_the_end_sent_with_an_older_slider_stays_at_the_end():
    """Next, then Next again on a screen not yet redrawn: the server has Next disabled (so it
    runs no callback), and the old slider value must not take the step back."""
    last = len(OPTIONS) - 1
    at = _app(start=OPTIONS[last - 1])
    at.button(key="s_next").click()
    screen = _shown(at)  # the slider at last − 1, Next clicked
    at.run()
    assert _position(at) == last
    assert _sends(at, screen) == last  # the same click again, from the old screen
    assert _disabled(at) == (False, False, True, True)


def test_a_click_on_back_at_the_start_sent_with_an_older_slider_stays_at_the_start():
    at = _app(start=OPTIONS[1])
    at.button(key="s_prev").click()
    screen = _shown(at)
    at.run()
    assert _sends(at, screen) == 0


def test_a_click_sent_with_an_older_slider_moves_exactly_one_step():
    at = _app(start=OPTIONS[1])
    at.button(key="s_next").click()
    screen = _shown(at)  # the slider at 1
    assert _click(at, "next") == 2  # a plain click moves one step ...
    assert _sends(at, screen) == 3  # ... and so does the old screen's click on Next


def test_a_rerun_sent_with_an_older_slider_keeps_the_step():
    """Another widget's rerun from the old screen (no click of the stepper's): step kept."""
    at = _app()
    screen = _shown(at)  # the slider at 0, nothing clicked
    assert _click(at, "last") == len(OPTIONS) - 1
    assert _sends(at, screen) == len(OPTIONS) - 1


def test_the_slider_moved_on_an_older_screen_still_moves_the_step():
    """A drag is the user's choice, even when it comes from a screen one run behind."""
    at = _app()
    _slider(at).set_value(3)
    screen = _shown(at)
    assert _sends(at, screen) == OPTIONS.index(3)
    assert _click(at, "next") == OPTIONS.index(3) + 1


def test_a_step_set_elsewhere_shows_on_the_slider():
    """A link or a page sets st.session_state[key] between runs: slider, buttons and the
    returned step follow it, and the slider's own value does not win it back."""
    at = _app()
    _slider(at).set_value(2).run()
    at.session_state["s"] = 4
    at.run()
    assert _position(at) == OPTIONS.index(4)
    at.session_state["s"] = "x"
    at.run()
    assert _position(at) == 0 and _disabled(at) == (True, True, False, False)

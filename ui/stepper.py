"""A first / previous / next / last stepper bound to a slider, for stepping through layers.

`st.session_state[key]` is the step: the buttons, the slider, links and tests read and write it,
and `stepper` returns it. The slider is not keyed by `key` but by a key of its own that changes
(a counter in session state) whenever the step differs from the slider's value when it is drawn:
the step moved by a button, a link or code, not by the slider.
Why: after fast clicks the browser can answer with the slider value it still shows from an
older run, and a widget's value from the browser beats an older session-state value, so a
stale slider undid a step (a Next at the end, disabled on the server, moved back). A new key is
a new slider, created showing the step; a value sent for an old key belongs to no slider.
The keys ←, →, Home and End press Back, Next, First and Last (Streamlit's own button
shortcuts, so they work wherever the buttons do).
"""

from __future__ import annotations

import streamlit as st

_UNSET = object()


def slider_key(key: str, session=None) -> str:
    """The widget key of the stepper `key`'s slider now (tests find the slider by it)."""
    session = st.session_state if session is None else session
    return f"{key}_slider_{session.get(_counter(key), 0)}"


def _counter(key: str) -> str:
    return f"{key}_slider_n"


def _new_slider(key: str) -> None:
    st.session_state[_counter(key)] = st.session_state.get(_counter(key), 0) + 1


def _move(key: str, to) -> None:
    """A button's on_click (the slider that showed the old step is replaced when drawn)."""
    st.session_state[key] = to


def _slid(key: str, widget: str) -> None:
    """The slider's on_change: the user moved it, so its value is the step. Streamlit keeps an
    old slider's callback, and the browser can still send that slider's value: not the step."""
    if widget == slider_key(key):
        st.session_state[key] = st.session_state[widget]


def stepper(key: str, options: list, labels: dict | None = None, start=None):
    """Show the controls; return the selected option. `start` is the first visit's choice."""
    if st.session_state.get(key) not in options:
        st.session_state[key] = options[0] if start is None else start
    step = st.session_state[key]
    pos = options.index(step)
    last = len(options) - 1
    buttons = (  # label, icon, key suffix, target position, disabled, keyboard shortcut
        ("First", "first_page", "first", 0, pos == 0, "Home"),
        ("Back", "chevron_left", "prev", max(pos - 1, 0), pos == 0, "Left"),
        ("Next", "chevron_right", "next", min(pos + 1, last), pos == last, "Right"),
        ("Last", "last_page", "last", last, pos == last, "End"),
    )
    cols = st.columns([1.6, 1.6, 1.6, 1.6, 4], vertical_alignment="bottom")  # pragma: no mutate
    for col, (label, icon, suffix, target, disabled, shortcut) in zip(cols, buttons):
        col.button(
            label,
            icon=f":material/{icon}:",
            key=f"{key}_{suffix}",
            on_click=_move,
            args=(key, options[target]),
            disabled=disabled,
            shortcut=shortcut,
            width="stretch",  # pragma: no mutate
        )
    with cols[4]:
        if len(options) > 1:
            # The step was set by a button, a link or code, or the browser sent an old value.
            if st.session_state.get(slider_key(key), _UNSET) not in (_UNSET, step):
                _new_slider(key)
            widget = slider_key(key)
            st.select_slider(
                "Step",
                options,
                value=step,
                key=widget,
                on_change=_slid,
                args=(key, widget),
                label_visibility="collapsed",
                format_func=(lambda o: labels.get(o, str(o))) if labels else str,
            )
    return st.session_state[key]

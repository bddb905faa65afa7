"""A first / previous / next / last stepper bound to a slider, for stepping through layers.

The buttons change the slider's session-state value in on_click callbacks, which run before
the script reruns, so the slider never fights the buttons. The keys ←, →, Home and End press
Back, Next, First and Last (Streamlit's own button shortcuts, so they work wherever the buttons do).
"""

from __future__ import annotations

import streamlit as st


def stepper(key: str, options: list, labels: dict | None = None, start=None):
    """Show the controls; return the selected option. `start` is the first visit's choice."""
    if st.session_state.get(key) not in options:
        st.session_state[key] = options[0] if start is None else start

    def move(to):
        st.session_state[key] = to

    pos = options.index(st.session_state[key])
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
            on_click=move,
            args=(options[target],),
            disabled=disabled,
            shortcut=shortcut,
            width="stretch",  # pragma: no mutate
        )
    with cols[4]:
        if len(options) > 1:
            st.select_slider(
                "Step",
                options,
                key=key,
                label_visibility="collapsed",
                format_func=(lambda o: labels.get(o, str(o))) if labels else str,
            )
    return st.session_state[key]

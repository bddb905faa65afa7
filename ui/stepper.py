"""A first / previous / next / last stepper bound to a slider, for stepping through layers.

The buttons change the slider's session-state value in on_click callbacks, which run before
the script reruns, so the slider never fights the buttons.
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
    cols = st.columns([1.3, 1.3, 1.3, 1.3, 5], vertical_alignment="bottom")
    cols[0].button(
        "First",
        icon=":material/first_page:",
        key=f"{key}_first",
        on_click=move,
        args=(options[0],),
        disabled=pos == 0,
        width="stretch",
    )
    cols[1].button(
        "Back",
        icon=":material/chevron_left:",
        key=f"{key}_prev",
        on_click=move,
        args=(options[max(pos - 1, 0)],),
        disabled=pos == 0,
        width="stretch",
    )
    cols[2].button(
        "Next",
        icon=":material/chevron_right:",
        key=f"{key}_next",
        on_click=move,
        args=(options[min(pos + 1, len(options) - 1)],),
        disabled=pos == len(options) - 1,
        width="stretch",
    )
    cols[3].button(
        "Last",
        icon=":material/last_page:",
        key=f"{key}_last",
        on_click=move,
        args=(options[-1],),
        disabled=pos == len(options) - 1,
        width="stretch",
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

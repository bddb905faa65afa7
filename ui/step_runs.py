"""A step in the browser reruns only what follows the step, not the whole page.

The in-browser stepper (ui/stepview.py) reports each step to the server, which applies it to
session state, the URL and whatever on the page follows the step (Backward's explain panel).
`follow_steps` draws those in a fragment, so a report reruns the fragment alone: the title,
sidebar, update panel and navigation are not rebuilt for every step of every student (make
load: a third of a step's server work, and the class's steps queue behind each other).

What lies outside the fragment and follows the step is drawn only while it is open (the Copy
link popover, the downloads expander), and while one is open the stepper is not in a fragment: a
step then reruns the whole page, so nothing on screen ever shows another step than the
stepper. A widget inside the fragment that changes the page around it (Predict first: the
server steps instead) reruns the whole page (`whole_page`).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from ui import link, memory, stepview, training_gate

MODE = "_step_runs_whole"  # whether the last run drew the steps outside a fragment


def follow_steps(page: str, body: Callable[[], None], *, outside: tuple[str, ...] = ()) -> None:
    """Run `body` (the stepper and what follows it) in a fragment of `page`. `outside`: the
    session keys of the page's views outside the fragment that follow the step while open."""

    whole = any(st.session_state.get(key) for key in (link.COPY_OPEN, *outside))
    if st.session_state.get(MODE, whole) != whole:
        # In or out of the fragment, the browser draws the stepper's frame anew, empty: the
        # steps it held before are sent again (make test, fast clicks, stuck on "Loading").
        stepview.forget_held()
    st.session_state[MODE] = whole
    if whole:
        # While one is open, a step reruns the whole page (opening and closing them rerun it).
        # Not by st.rerun from the fragment: a fragment run ended that way removed its
        # elements, and the stepper's frame was drawn anew (make test, fast clicks).
        body()
        return

    @st.fragment
    def steps() -> None:
        if not _fragment_run():
            body()  # a run of the whole page: streamlit_app.py does the rest
            return
        with training_gate.FOREGROUND.run():  # a run the user waits for, like a page's
            body()
            link.sync(page)
        memory.COLLECTOR.after_run()

    steps()


def whole_page() -> None:
    """A widget's on_change: its change reruns the whole page even from inside a fragment."""
    st.rerun()


def _fragment_run() -> bool:
    """Whether this run reruns fragments only (Streamlit has no public call that says so)."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and ctx.fragment_ids_this_run)

"""Stepping in the browser: the steps of the current view are sent once per network version and
a step (button, slider, ←/→/Home/End) redraws there at once, with no server round trip.

The frontend (ui/stepview_frontend/) speaks Streamlit's component protocol by hand, so nothing
is built with npm; it loads plotly.js (copied from the installed plotly package, so the figure
JSON and the library always match) and KaTeX (vendored). After a step it reports
{"step", "n", "choices", "click"} once the clicks pause; the next rerun applies that value to
session state (the page's step key stays the one source of truth: links, downloads and the
panels below read it). `n` numbers the reports, so a report is applied once, and the frontend
only takes the server's step when the server has seen all its reports (no echo of an old click
can pull the view back).

Large networks: steps are added around the current one until BUDGET bytes (and for at most
BUILD_SECONDS of building per rerun); a step outside the ones sent is fetched by one report.
Each step carries a key, so the browser redraws only steps whose content changed, and a report
says which steps (keys) the frame holds: those are not sent again, only their keys (a step's
report reran the page with every step's JSON again, a tenth of the server's work per step).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import plotly
import streamlit as st
import streamlit.components.v1 as components

from figures.export import PROJECTOR_SCALE
from figures.sent import untracked
from ui import presentation, state, widgets

BUDGET = 1_000_000  # bytes of steps sent at once (issue 10 §1: ≤ 1 MB)
SHARED_STEPS = 200  # built steps kept for all sessions of the process (a few dozen MB at most)
BUILD_SECONDS = 1.0  # building more steps stops after this long in one rerun (large networks)
FRONTEND = Path(__file__).with_name("stepview_frontend")
FORGET = "_stepview_forget_held"  # set by forget_held: the next show sends every step
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _frontend() -> str:
    """The frontend folder, with plotly.min.js put beside it from the plotly package installed
    (not committed: 4.8 MB, and it must be the version that wrote the figures' JSON)."""
    target = FRONTEND / "plotly.min.js"
    if not target.exists() or target.stat().st_size != PLOTLY_JS.stat().st_size:
        shutil.copyfile(PLOTLY_JS, target)
    return str(FRONTEND)


_component = components.declare_component("stepview", path=_frontend())


def current(key: str, order: list, *, start=None):
    """The step this rerun shows (session_state[key]), `start` or the first on a first visit;
    call after `take_report`."""
    if st.session_state.get(key) not in order:
        st.session_state[key] = order[0] if start is None else start
    return st.session_state[key]


def take_report(view_key: str, key: str, order: list, on_report: Callable[[dict], None]):
    """Apply the browser's report once: its step to session_state[key], the rest to
    `on_report(value)` (choices, a clicked cell). Returns the report's number."""
    value = st.session_state.get(view_key)
    seen = st.session_state.get(f"{view_key}__n", 0)
    if not isinstance(value, dict) or type(value.get("n")) is not int or value["n"] == seen:
        return seen
    st.session_state[f"{view_key}__n"] = value["n"]
    by_id = {str(step): step for step in order}
    if str(value.get("step")) in by_id:
        st.session_state[key] = by_id[str(value["step"])]
    on_report(value)
    return value["n"]


def show(
    view_key: str,
    *,
    order: list,
    labels: dict,
    at,
    build: Callable[[object], dict],
    layout: list[dict],
    view: tuple,
    step_view: Callable[[object], tuple] = lambda step: (),
    choices: dict | None = None,
    ack: int = 0,
) -> None:
    """Send the steps around `at` (each `build(step)` → {slot: block}) and draw the stepper.

    `view` holds everything besides the network that the steps depend on (example, colour
    scale, presentation mode…): a new view or network version sends new steps; `step_view(step)`
    what one step alone also depends on (its neuron i, say), so a change rebuilds that step only."""
    view = (*view, presentation.is_on())  # the figures' fonts differ in presentation mode
    held = {} if st.session_state.pop(FORGET, False) else _held(view_key, len(order))
    sent, size, keys, full = {}, 0, {}, False
    started = time.perf_counter()
    for step in _outward(order, at):
        key = _digest((state.version(), view, step, step_view(step)))
        if held.get(str(step)) == key:
            keys[str(step)] = key  # the frame has this step already: its key alone
            continue
        # Out of time or of budget: the rest on the next reruns (built steps are kept), the
        # current one now. The loop goes on for the steps held further out: a step without
        # its key is dropped by the frame, which then showed "Loading…" on it for good.
        full = full or bool(sent and time.perf_counter() - started > BUILD_SECONDS)
        if full:
            continue
        blocks, cost = _cached(view_key, view, (step, step_view(step)), build, step)
        if sent and size + cost > BUDGET:
            full = True
            continue
        sent[str(step)], size = blocks, size + cost
        keys[str(step)] = key
    version = _digest(sorted(keys.items()))
    _component(
        key=view_key,
        default=None,
        order=[str(step) for step in order],
        labels={str(step): text for step, text in labels.items()},
        steps=sent,
        keys=keys,  # a step whose key is unchanged is not drawn again in the browser
        current=str(at),
        ack=ack,
        version=version,
        layout=layout,
        choices=choices or {},
        config=widgets.toolbar_config(view_key),  # the user's download format
        scale=PROJECTOR_SCALE if presentation.is_on() else 1,
    )


def forget_held() -> None:
    """The frame was drawn anew: the next `show` sends every step, whatever it held before."""
    st.session_state[FORGET] = True


def _held(view_key: str, most: int) -> dict[str, str]:
    """{step id: key} of the steps the frame said it holds in its last report (a browser's
    value: anything else than at most `most` text pairs is taken as nothing held)."""
    value = st.session_state.get(view_key)
    held = value.get("held") if isinstance(value, dict) else None
    if not isinstance(held, dict) or len(held) > most:
        return {}
    return {k: v for k, v in held.items() if isinstance(k, str) and isinstance(v, str)}


def _digest(value) -> str:
    return hashlib.sha1(repr(value).encode(), usedforsecurity=False).hexdigest()[:16]


def _outward(order: list, at) -> list:
    """`at`, then its neighbours one further each side in turn: the steps a user reaches next."""
    i = order.index(at)
    near = sorted(range(len(order)), key=lambda j: (abs(j - i), j < i))
    return [order[j] for j in near]


def _cached(view_key: str, view: tuple, key: tuple, build, step) -> tuple[dict, int]:
    """(build(step), its size in bytes), kept for this session while the network and the view
    stay the same, and shared by every session showing the same network, data and view (a
    class mostly opens the same example: the first student builds its steps)."""
    memo = st.session_state.get(f"{view_key}__steps")
    stamp = (state.version(), view)
    if memo is None or memo[0] != stamp:
        memo = st.session_state[f"{view_key}__steps"] = (stamp, {})
    if key not in memo[1]:
        shared_key = (state.content(), view_key, view, key)
        found = _shared_steps().get(shared_key)
        if found is None:
            blocks = untracked(build(step))
            found = blocks, len(json.dumps(blocks))  # as Streamlit sends args: ASCII, spaces
            _shared_steps().put(shared_key, found)
        memo[1][key] = found
    return memo[1][key]


class _Steps:
    """A bounded, thread-safe LRU of built steps for the whole process. Built steps are plain
    JSON-able data never changed after building, so sessions can share them."""

    def __init__(self, size: int):
        self.size, self._items, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
            return self._items.get(key)

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)


@st.cache_resource(show_spinner=False)
def _shared_steps() -> _Steps:
    """The process's cache of built steps (≤ SHARED_STEPS steps of ≤ ~0.3 MB each)."""
    return _Steps(SHARED_STEPS)

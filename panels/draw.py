"""The "Your data" page's drawing section: click the input plane to add a point, click a point
to remove it, drag a box (or lasso) to delete the points inside.

Streamlit reports clicks on points only, so the plane holds a faint grid of clickable places
(figures.data_scatter). The drawn points live in st.session_state (per user). Each chart key
carries a round number that moves on after every handled event, so each event is used once
and a new chart starts with an empty selection.
"""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

import userdata
from core.limits import MAX_OUTPUTS
from figures.data_scatter import DRAWN, draw_plane
from panels.use_data import Candidate
from ui import state, widgets
from ui.state import DataNames

CLASSES, NUMBER = "a class", "a number"
LIMIT = 3.0  # the plane is [−3, 3]² unless the points need more
MAX_POINTS = 500
INPUTS = ("x1", "x2")
POINTS, UNDO, ROUND, MESSAGE = "draw_points", "draw_undo", "draw_round", "draw_message"


def points(kind: str) -> np.ndarray:
    """The drawn points of this kind, p × 3: (x1, x2, t), t a class index or a number."""
    return np.array(st.session_state.setdefault(POINTS, {}).get(kind, []), float).reshape(-1, 3)


def chart_key() -> str:
    return f"draw_plane_{st.session_state.get(ROUND, 0)}"


def _store(kind: str, new: np.ndarray) -> None:
    old = st.session_state.setdefault(POINTS, {})
    st.session_state.setdefault(UNDO, []).append((kind, old.get(kind, [])))
    st.session_state[POINTS] = {**old, kind: [tuple(map(float, p)) for p in new]}


def in_polygon(x, y, xs, ys) -> np.ndarray:
    """Which points (x, y) lie inside the polygon (xs, ys) (even-odd rule)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    inside = np.zeros(x.shape, bool)
    n = len(xs)
    for i in range(n):
        x0, y0, x1, y1 = xs[i], ys[i], xs[(i + 1) % n], ys[(i + 1) % n]
        if y0 == y1:
            continue
        crosses = (y0 > y) != (y1 > y)
        at = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
        inside ^= crosses & (x < at)
    return inside


def apply_event(drawn: np.ndarray, selection: dict, target: float) -> np.ndarray | None:
    """The points after a selection event: a box or lasso deletes the points inside, a click
    on a drawn point removes it, a click elsewhere adds (x1, x2, target). None: no event."""
    boxes, lassos = selection.get("box") or [], selection.get("lasso") or []
    clicked = selection.get("points") or []
    if boxes or lassos:
        inside = np.zeros(len(drawn), bool)
        for box in boxes:
            (a, b), (c, d) = sorted(box["x"][:2]), sorted(box["y"][:2])
            x, y = drawn[:, 0], drawn[:, 1]
            inside |= (x >= a) & (x <= b) & (y >= c) & (y <= d)
        for lasso in lassos:
            inside |= in_polygon(drawn[:, 0], drawn[:, 1], lasso["x"], lasso["y"])
        return drawn[~inside]
    if not clicked:
        return None
    hits = [p["customdata"][1] for p in clicked if (p.get("customdata") or [None])[0] == DRAWN]
    if hits:
        return np.delete(drawn, [int(i) for i in hits if int(i) < len(drawn)], axis=0)
    point = clicked[0]
    return np.vstack([drawn, [float(point["x"]), float(point["y"]), target]])


def draw_section() -> Candidate | None:
    kind = st.radio("Each point's target is", [CLASSES, NUMBER], horizontal=True, key="draw_kind")
    c1, c2 = st.columns(2)
    if kind == CLASSES:
        k = int(c1.number_input("Classes", 2, MAX_OUTPUTS, 2, key="draw_k"))
        names = tuple(str(c) for c in range(k))
        target = float(c2.selectbox("Class of a new point", range(k), key="draw_class"))
    else:
        names = None
        target = float(c2.number_input("Target y of a new point", value=1.0, key="draw_value"))
    buttons(kind)
    if MESSAGE in st.session_state:
        st.error(st.session_state.pop(MESSAGE))
    drawn = points(kind)
    if names is not None:
        drawn = drawn[drawn[:, 2] < len(names)]  # classes beyond k are kept, not shown or used
    event = st.session_state.get(chart_key())
    selection = (event.get("selection") if hasattr(event, "get") else None) or {}
    new = apply_event(drawn, selection, target)
    if new is not None and len(new) <= MAX_POINTS:
        _store(kind, new)
        drawn = new
    if new is not None:  # used once: the next chart has a new key and an empty selection
        st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
    if len(drawn) >= MAX_POINTS:
        st.info(f"At most {MAX_POINTS} points can be drawn.")
    limit = max(LIMIT, math.ceil(np.abs(drawn[:, :2]).max(initial=0.0)))
    fig = draw_plane(drawn, limit=limit, classes=names, names=INPUTS)
    widgets.chart(
        fig, key=chart_key(), on_select="rerun", selection_mode=("points", "box", "lasso")
    )
    st.caption(
        f"{len(drawn)} point(s). Click the plane to add a point, click a point to remove it. "
        "To delete many, pick the box or lasso in the chart's toolbar and drag around them."
    )
    return candidate(drawn, names)


def candidate(drawn: np.ndarray, names) -> Candidate | None:
    t = drawn[:, 2]
    if names is None:
        ok, task, Y = len(drawn) >= 2 and np.ptp(t) > 0, "regression", t[:, None]
    else:
        labels = t.astype(int)
        ok = len(np.unique(labels)) >= 2
        task = "binary" if len(names) == 2 else "multiclass"
        Y = (labels == 1).astype(float)[:, None] if task == "binary" else np.eye(len(names))[labels]
    if not ok:
        st.info("Draw at least two points with different targets to use them.")
        return None
    outputs = names if task == "multiclass" else ("y",)
    return Candidate(
        X=drawn[:, :2].copy(),
        Y=Y,
        names=DataNames(INPUTS, tuple(outputs), names),
        task=task,
        proposal=userdata.propose(task, names),
        note="drawn points",
    )


def buttons(kind: str) -> None:
    X, _ = state.data()
    c1, c2, c3 = st.columns(3)
    c1.button(
        "Start from the current data",
        key="draw_load",
        on_click=load_current,
        disabled=X.shape[1] != 2,
        help="Possible when the current data has 2 inputs.",
    )
    c2.button(
        "Undo last change",
        key="draw_undo_button",
        on_click=undo,
        disabled=not st.session_state.get(UNDO),
    )
    c3.button("Clear", key="draw_clear", on_click=lambda: _store(kind, np.empty((0, 3))))


def undo() -> None:
    kind, old = st.session_state[UNDO].pop()
    st.session_state[POINTS] = {**st.session_state[POINTS], kind: old}
    st.session_state["draw_kind"] = kind


def load_current() -> None:
    """The shared data as drawn points: classes when its targets are 0/1 or one-hot (or it
    has class names), else numbers; runs as a callback, before the widgets it sets."""
    s = state.shared()
    X, Y = s.X, s.Y
    binary = Y.shape[1] == 1 and np.isin(Y, (0.0, 1.0)).all()
    one_hot = Y.shape[1] > 1 and np.isin(Y, (0.0, 1.0)).all() and (Y.sum(axis=1) == 1).all()
    if binary or one_hot or (s.names and s.names.classes):
        kind, t = CLASSES, (Y[:, 0] > 0.5 if Y.shape[1] == 1 else Y.argmax(axis=1))
        st.session_state["draw_k"] = max(2, Y.shape[1])
    elif Y.shape[1] == 1:
        kind, t = NUMBER, Y[:, 0]
    else:
        st.session_state[MESSAGE] = (
            "The current data has several numeric targets, which one plane cannot show."
        )
        return
    st.session_state["draw_kind"] = kind
    _store(kind, np.column_stack([X, np.asarray(t, float)])[:MAX_POINTS])
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1

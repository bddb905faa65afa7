"""Predict, then reveal: the student types the value of one cell before the app shows it.

`switch()` draws the "Predict first" toggle; `ask(...)` hides a cell until it is answered, grades
the answer with core.grade and names the classic mistake a wrong answer matches. The quiz uses
the same answer field (`answer_field`) and the same verdict (`show_grade`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import streamlit as st

import cards
import core
from ui import state, step_runs

KEY = "predict_first"  # the switch; links set it
ANSWERS = "predict_answers"  # {(caller's key, cell): Answered}
BAD_TEXT = "Type one finite number, such as −0.25 or 1.5e-3 (not text, nan or infinity)."


@dataclass(frozen=True)
class Answered:
    data: str  # fingerprint of the network and data the answer was graded against
    grade: core.Grade


def switch() -> bool:
    return st.toggle(
        "Predict first",
        value=False,
        key=KEY,
        help="Hide the chosen number until you type what you expect it to be.",
        on_change=step_runs.whole_page,  # it decides how the page steps, from inside its steps
    )


def fingerprint(net: core.Network, X, Y) -> str:
    """The numbers an answer depends on: a new network or other data asks again."""
    return state.fingerprint(net, X, Y)


def parse(text: str) -> float | None:
    """The typed answer as a number, or None when it is not one finite number."""
    try:
        value = float(text.strip().replace("−", "-"))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def answer_field(label: str, *, key: str) -> float | None:
    """A text field and a "Check" button; the number once checked, else None. Bad text gets one
    message and is not graded."""
    c_text, c_btn = st.columns([3, 1], vertical_alignment="bottom")
    text = c_text.text_input(label, key=f"{key}_answer", placeholder="your answer, e.g. −0.25")
    if not c_btn.button("Check", key=f"{key}_check"):
        return None
    value = parse(text)
    if value is None:
        st.error(BAD_TEXT)
    return value


def show_grade(grade: core.Grade) -> None:
    """Correct or wrong, the true value beside the answer, the tolerance, and the mistake."""
    said = f"your answer {cards.fmt(grade.answer)}, the true value {cards.fmt(grade.value)}"
    if grade.correct:
        st.success(f"Correct: {said} (graded {grade.tolerance}).")
        return
    st.warning(f"Not quite: {said} (graded {grade.tolerance}).")
    if grade.mistake is None:
        st.markdown("Your answer matches none of the classic mistakes.")
        return
    for mistake in grade.mistake:
        st.markdown(
            f"It matches the classic mistake **{mistake.title}**, which gives "
            f"{cards.fmt(mistake.value)}: {mistake.description}."
        )


def ask(net: core.Network, X, Y, cell: core.Cell, *, key: str) -> bool:
    """True when the cell may be shown: the switch is off, or the cell has been answered here.
    False while the answer field waits; the caller then hides the cell's value and card."""
    if not st.session_state.get(KEY, False):
        return True
    answers = st.session_state.setdefault(ANSWERS, {})
    data = fingerprint(net, X, Y)
    done = answers.get((key, cell))
    if done is None or done.data != data:
        value = answer_field("Your prediction", key=key)
        if value is None:
            st.caption("The value and its equation card show once you check your answer.")
            return False
        try:
            done = Answered(data, core.grade(net, X, Y, cell, value))
        except core.CoreError as exc:  # a cell or number core refuses: say so, grade nothing
            st.error(f"The answer could not be graded: {exc}")
            return False
        answers[(key, cell)] = done
    show_grade(done.grade)
    if not done.grade.correct:
        st.caption("The chain-rule card below shows how the value is computed.")
    st.button("Try another answer", key=f"{key}_again", on_click=_forget, args=(key, cell))
    return True


def _forget(key: str, cell: core.Cell) -> None:
    st.session_state.get(ANSWERS, {}).pop((key, cell), None)
    st.session_state[f"{key}_answer"] = ""

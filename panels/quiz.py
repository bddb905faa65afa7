"""The Quiz: five cells of the current network (core.quiz), each answered and graded as on the
Forward and Backward pages, with the score of this quiz kept in the session.

The questions depend only on the seed, the network and the data, so a link that carries the
seed (`quiz_seed`) asks another person the same questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import streamlit as st

import core
from figures.style import sub, sup
from panels import predict
from panels.explain import over

SEED = "quiz_seed"  # int 0..MAX_SEED; links set it
ANSWERS = "quiz_answers"  # the Answers of the quiz on screen
MAX_SEED = 10**6
N = 5  # questions per quiz


@dataclass
class Answers:
    seed: int
    data: str  # predict.fingerprint of the network and data the questions were asked about
    grades: dict = field(default_factory=dict)  # question number → core.Grade

    def score(self) -> tuple[int, int]:
        """(correct, answered)."""
        return sum(g.correct for g in self.grades.values()), len(self.grades)


def seed() -> int:
    """The quiz's seed from the session; a new one (from entropy) when absent or not valid."""
    value = st.session_state.get(SEED)
    valid = isinstance(value, (int, np.integer)) and not isinstance(value, bool)
    if not (valid and 0 <= value <= MAX_SEED):
        value = int(np.random.default_rng().integers(0, MAX_SEED + 1))
        st.session_state[SEED] = value
    return int(value)


def new_quiz() -> None:
    """A new seed (different from the current one) and a fresh score."""
    old = st.session_state.get(SEED)
    rng = np.random.default_rng()
    value = old
    while value == old:
        value = int(rng.integers(0, MAX_SEED + 1))
    st.session_state[SEED] = value
    st.session_state.pop(ANSWERS, None)
    for q in range(N):
        st.session_state.pop(f"quiz_q{q}_answer", None)


def question_text(cell: core.Cell, m: int) -> str:
    """The cell in the notation: 'δ₁⁽²⁾ of example 3', '∂E/∂θ₀₁⁽¹⁾ (mean over the batch)'
    (with m = 1: '(of this one example)', as the Backward page says)."""
    if cell.kind in ("z", "a", "delta"):
        name = {"z": "z", "a": "a", "delta": "δ"}[cell.kind]
        return f"{name}{sub(cell.i)}{sup(cell.k)} of example {cell.example}"
    if cell.kind == "grad_w":
        return f"∂E/∂θ{sub(cell.i)}{sub(cell.j)}{sup(cell.k)}{over(cell.kind, m)}"
    return f"∂E/∂b{sub(cell.i)}{sup(cell.k)}{over(cell.kind, m)}"


def answers(s: int, data: str) -> Answers:
    """This quiz's answers; another seed, network or data starts a fresh score."""
    kept = st.session_state.get(ANSWERS)
    if not isinstance(kept, Answers) or kept.seed != s or kept.data != data:
        kept = Answers(s, data)
        st.session_state[ANSWERS] = kept
    return kept


def quiz_panel(net: core.Network, X, Y) -> None:
    s = seed()
    try:
        cells = core.quiz(net, X, Y, n=N, seed=s)
    except core.CoreError as exc:
        st.error(f"No quiz for this network and data: {exc}. Fix them on the **Build** page.")
        return
    done = answers(s, predict.fingerprint(net, X, Y))
    score_slot = st.empty()  # filled last, so a check made in this run counts
    st.caption(
        f"Quiz number {s}: {len(cells)} numbers of the current network and data, with indices "
        "counting from 0. The page's link (**Copy link** in the sidebar) asks the same questions."
    )
    m = X.shape[0]
    for q, cell in enumerate(cells):
        st.markdown(f"**Question {q + 1}.** What is **{question_text(cell, m)}**?")
        if q not in done.grades:
            value = predict.answer_field(f"Answer to question {q + 1}", key=f"quiz_q{q}")
            if value is None:
                continue
            done.grades[q] = core.grade(net, X, Y, cell, value)
        predict.show_grade(done.grades[q])
    correct, answered = done.score()
    score_slot.metric(
        f"Score: correct / answered, of {len(cells)} questions", f"{correct} / {answered}"
    )
    st.button("New quiz", key="quiz_new", on_click=new_quiz, help="New questions, score reset.")

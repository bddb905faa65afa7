"""The "Your data" page's formula section: a target defined by a safe expression of x1..xN,
sampled uniformly on a range (core.formula parses it with an allow-list, never eval)."""

from __future__ import annotations

import streamlit as st

import cards
import core
import userdata
from core import formula
from core.limits import MAX_EXAMPLES, MAX_INPUTS
from figures.data_scatter import data_scatter
from panels.use_data import Candidate
from ui import widgets
from ui.state import DataNames

CLASSES = ("false", "true")  # the names of a true/false formula's 0 and 1


def formula_section() -> Candidate | None:
    text = st.text_input(
        "Target y as a formula of x1, x2, …",
        value="x1**2 + x2**2 < 1",
        key="fd_text",
        max_chars=formula.MAX_CHARS,
        help="Numbers, x1…x8, + − * / **, comparisons, and, or, not, "
        + ", ".join(formula.FUNCTIONS)
        + ", pi, e. A comparison gives two classes (true/false); anything else a number.",
    )
    c1, c2, c3 = st.columns(3)
    n_inputs = int(c1.number_input("Inputs", 1, MAX_INPUTS, 2, key="fd_inputs"))
    low = float(c2.number_input("Range from", value=-2.0, key="fd_low"))
    high = float(c3.number_input("to", value=2.0, key="fd_high"))
    c4, c5, c6 = st.columns(3)
    n = int(c4.number_input("Examples m", 2, MAX_EXAMPLES, 200, key="fd_n"))
    noise = float(
        c5.number_input(
            "Noise",
            0.0,
            10.0,
            0.0,
            step=0.05,
            key="fd_noise",
            help="Classes: the fraction of labels flipped (0 to 0.5). "
            "A number: the standard deviation of Gaussian noise added to y.",
        )
    )
    seed = int(c6.number_input("Seed", 0, 10**6, 0, key="fd_seed"))
    try:
        f = formula.parse(text, n_inputs)
        X, Y, task = formula.sample(f, n=n, low=low, high=high, noise=noise, seed=seed)
    except core.CoreError as exc:
        why = str(exc)
        st.error(why[:1].upper() + why[1:], icon=":material/warning:")
        return None
    inputs = tuple(f"x{j + 1}" for j in range(n_inputs))
    classes = CLASSES if task == "binary" else None
    found = "two classes (false, true)" if classes else "a number (regression)"
    st.markdown(
        f"**Task found:** {found}, m = {n} examples on [{cards.fmt(low)}, {cards.fmt(high)}]."
    )
    preview(X, Y, inputs, classes)
    return Candidate(
        X=X,
        Y=Y,
        names=DataNames(inputs, ("y",), classes),
        task=task,
        proposal=userdata.propose(task, classes),
        note=f"formula y = {f.text}",
    )


def preview(X, Y, inputs, classes) -> None:
    if len(inputs) >= 2:
        x, y, x_name, y_name = X[:, 0], X[:, 1], inputs[0], inputs[1]
    else:
        x, y, x_name, y_name = X[:, 0], Y[:, 0], inputs[0], "y"
    fig = data_scatter(
        x, y, Y[:, 0], x_name=x_name, y_name=y_name, target_name="y", classes=classes
    )
    widgets.chart(fig, key="fd_scatter")

"""The Gradient check page's pieces: the settings, the planted bugs, the verdict, per layer."""

from __future__ import annotations

import math

import streamlit as st

import core
from cards import fmt
from cards.numbers import DIGITS, index_sub, layer_sup

MAX_EXAMPLES = 50  # finite differences cost two forward passes per parameter
MAX_PARAMETERS_AUTO = 3000  # larger networks wait for the Run button
EPSILONS = [10.0**-p for p in range(1, 11)]
TOLERANCES = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2]


def checked_data(X, Y):
    """The first MAX_EXAMPLES examples of (X, Y), saying so when some are left out."""
    if X.shape[0] > MAX_EXAMPLES:
        st.caption(
            f"Checking on the first {MAX_EXAMPLES} of {X.shape[0]} examples (each parameter "
            "needs two forward passes)."
        )
    return X[:MAX_EXAMPLES], Y[:MAX_EXAMPLES]


def settings() -> tuple[float, float]:
    """(ε, tolerance) chosen on the two sliders."""
    c1, c2 = st.columns(2)
    eps = c1.select_slider(
        "Step ε",
        EPSILONS,
        value=1e-6,
        key="gc_eps",
        format_func=fmt,
        help="Too large: the difference quotient is not the derivative. Too small: "
        "rounding errors dominate.",
    )
    tol = c2.select_slider("Tolerance", TOLERANCES, value=1e-4, key="gc_tol", format_func=fmt)
    return eps, tol


def planted_bugs() -> list[str]:
    """The names of the planted bugs switched on."""
    st.subheader("Break it on purpose")
    st.caption(
        "Each switch plants a classic mistake in a *copy* of the backward pass "
        "(`core/planted_bugs.py`); the real one is never touched."
    )
    cols = st.columns(len(core.BUGS))
    return [
        name
        for col, (name, bug) in zip(cols, core.BUGS.items())
        if col.checkbox(bug.title, key=f"gc_bug_{name}")
    ]


def wants_run(net: core.Network) -> bool:
    """Small networks are checked at once; large ones when the button is pressed."""
    if net.n_parameters <= MAX_PARAMETERS_AUTO or st.button("Run the check", key="gc_run"):
        return True
    st.info(
        f"This network has {net.n_parameters:,} parameters: the check takes a few seconds. "
        "Press **Run the check**."
    )
    return False


def parameter_name(kind: str, k: int, index: tuple[int, ...]) -> str:
    """θᵢⱼ⁽ᵏ⁾ or bᵢ⁽ᵏ⁾, as in docs/NOTATION.md; θ₁₂,₃⁽ᵏ⁾ when an index has two digits."""
    comma = "," if max(index) >= 10 else ""
    subscript = comma.join(index_sub(i) for i in index)
    return f"{'θ' if kind == 'weight' else 'b'}{subscript}{layer_sup(k)}"


def digits_to_compare(tolerance: float) -> int:
    """Enough digits that two numbers whose relative difference exceeds `tolerance` differ."""
    return max(DIGITS, 2 - math.floor(math.log10(tolerance)))


def verdict(report: core.GradientCheckReport, tol: float, bugs: list[str]) -> None:
    kind, k, index, analytic, numeric = report.worst()
    where = parameter_name(kind, k, index)
    if report.passed:
        st.success(
            f"PASS — largest relative error {fmt(report.max_rel_error)} ≤ {fmt(tol)} "
            f"(worst: {where}).",
            icon=":material/check_circle:",
        )
    else:
        digits = digits_to_compare(tol)
        st.error(
            f"FAIL — largest relative error {fmt(report.max_rel_error)} > {fmt(tol)}. Worst: "
            f"{where}: backprop says {fmt(analytic, digits)}, finite differences say "
            f"{fmt(numeric, digits)}.",
            icon=":material/cancel:",
        )
    for name in bugs:
        bug = core.BUGS[name]
        st.markdown(f"**Planted: {bug.title}.** Wrong: `{bug.wrong}` — right: `{bug.right}`.")
        if report.passed:
            st.warning(f"The check cannot see this bug here: it hides when {bug.hidden_when}.")


def per_layer_table(report: core.GradientCheckReport, tol: float) -> list[dict]:
    return [
        {"layer k": k, "max relative error": fmt(e), "verdict": "ok" if e <= tol else "FAIL"}
        for k, e in report.max_rel_error_per_layer.items()
    ]

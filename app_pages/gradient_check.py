"""Gradient check: backprop against central finite differences, and planted bugs to catch."""

import streamlit as st

import core
import figures
from ui import state, widgets

MAX_EXAMPLES = 50  # finite differences cost two forward passes per parameter
MAX_PARAMETERS_AUTO = 3000

st.title("Gradient check")
widgets.network_caption()
st.markdown(
    "Is backprop right? Nudge every weight by ±ε, measure how E changes, and compare: "
    "(E(θ + ε) − E(θ − ε)) / 2ε should equal ∂E/∂θ from the backward pass. The relative error "
    "|analytic − numeric| / max(|analytic|, |numeric|) should be tiny."
)
net = state.network()
X, Y = state.data()
if X.shape[0] > MAX_EXAMPLES:
    st.caption(
        f"Checking on the first {MAX_EXAMPLES} of {X.shape[0]} examples (each parameter "
        "needs two forward passes)."
    )
    X, Y = X[:MAX_EXAMPLES], Y[:MAX_EXAMPLES]

c1, c2 = st.columns(2)
eps = c1.select_slider(
    "Step ε",
    [10.0**-p for p in range(1, 11)],
    value=1e-6,
    key="gc_eps",
    format_func=lambda e: f"{e:.0e}",
    help="Too large: the difference quotient is not the derivative. Too small: "
    "rounding errors dominate.",
)
tol = c2.select_slider(
    "Tolerance",
    [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2],
    value=1e-4,
    key="gc_tol",
    format_func=lambda e: f"{e:.0e}",
)

st.subheader("Break it on purpose")
st.caption(
    "Each switch plants a classic mistake in a *copy* of the backward pass "
    "(`core/planted_bugs.py`); the real one is never touched."
)
bug_cols = st.columns(len(core.BUGS))
bugs = [
    name
    for col, (name, bug) in zip(bug_cols, core.BUGS.items())
    if col.checkbox(bug.title, key=f"gc_bug_{name}")
]

run = net.n_parameters <= MAX_PARAMETERS_AUTO or st.button("Run the check", key="gc_run")
if not run:
    st.info(
        f"This network has {net.n_parameters:,} parameters: the check takes a few seconds. "
        "Press **Run the check**."
    )
    st.stop()
try:
    report = core.gradient_check(
        net, X, Y, eps=eps, tolerance=tol, backward_fn=core.broken_backward(bugs)
    )
except core.CoreError as exc:
    st.error(f"The check could not run: {exc}")
    st.stop()

kind, k, idx, analytic, numeric = report.worst()
where = f"{'θ' if kind == 'weight' else 'b'}{idx} of layer k = {k}"
if report.passed:
    st.success(
        f"PASS — largest relative error {report.max_rel_error:.2e} ≤ {tol:.0e} (worst: {where}).",
        icon=":material/check_circle:",
    )
else:
    st.error(
        f"FAIL — largest relative error {report.max_rel_error:.2e} > {tol:.0e}. Worst: "
        f"{where}: backprop says {analytic:.6g}, finite differences say {numeric:.6g}.",
        icon=":material/cancel:",
    )
for name in bugs:
    bug = core.BUGS[name]
    st.markdown(f"**Planted: {bug.title}.** Wrong: `{bug.wrong}` — right: `{bug.right}`.")
    if report.passed:
        st.warning(f"The check cannot see this bug here: it hides when {bug.hidden_when}.")

per_layer = [
    {"layer k": k, "max relative error": f"{e:.2e}", "verdict": "ok" if e <= tol else "FAIL"}
    for k, e in report.max_rel_error_per_layer.items()
]
left, right = st.columns([1, 2])
left.dataframe(per_layer, hide_index=True, key="gc_table")
with right:
    st.plotly_chart(figures.gradcheck_scatter(report), key="gc_scatter")
st.plotly_chart(figures.gradcheck_heatmaps(report), key="gc_heatmaps")

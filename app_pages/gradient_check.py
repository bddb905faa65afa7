"""Gradient check: backprop against central finite differences, and planted bugs to catch."""

import streamlit as st

import core
import figures
from panels import gradient_check as check_panels
from ui import state, widgets

st.title("Gradient check")
widgets.network_caption()
st.markdown(
    "Is backprop right? Nudge every weight by ±ε, measure how E changes, and compare: "
    "(E(θ + ε) − E(θ − ε)) / 2ε should equal ∂E/∂θ from the backward pass. The relative error "
    "|analytic − numeric| / max(|analytic|, |numeric|) should be tiny. Tiny gradients are "
    "compared absolutely instead: a difference smaller than the rounding noise of the finite "
    "difference itself (about 10 · 2.2e−16 · E / ε) counts as agreement, so a correct large "
    "network with gradients near 1e−6 is not failed for noise."
)
net = state.network()
X, Y = check_panels.checked_data(*state.data())
eps, tol = check_panels.settings()
bugs = check_panels.planted_bugs()
if not check_panels.wants_run(net):
    st.stop()
try:
    report = core.gradient_check(
        net, X, Y, eps=eps, tolerance=tol, backward_fn=core.broken_backward(bugs)
    )
except core.CoreError as exc:
    st.error(f"The check could not run: {exc}")
    st.stop()

check_panels.verdict(report, tol, bugs)
left, right = st.columns([1, 2])
left.dataframe(check_panels.per_layer_table(report, tol), hide_index=True, key="gc_table")
with right:
    widgets.chart(figures.gradcheck_scatter(report), key="gc_scatter")
widgets.chart(figures.gradcheck_heatmaps(report), key="gc_heatmaps")

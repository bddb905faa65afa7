"""One gradient-descent step on the shared network, from the Backward page.

The step always uses the batch gradient ∂E/∂θ of E = (1/m) Σᵢ E(xᵢ, yᵢ) over all m examples
(the button says so), whatever the view above it shows, and E before and after are that same E
on the same data: the numbers shown are the ones the step changed.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

import cards
import core
import figures
from figures.style import sup
from ui import state, widgets

KEY = "bwd_last_update"  # session-state key of the last step's record
AGREE = 0.1  # relative difference up to which the first-order prediction "agrees"


@dataclass(frozen=True, kw_only=True)
class Update:
    old: core.Network
    new: core.Network
    before: float  # E of `old` on the shared data (all m examples)
    after: float  # E of `new` on the same data
    eta: float
    m: int
    predicted: float  # first-order ΔE ≈ −η ‖∂E/∂θ‖² of the gradient the step applied


def update_panel(net: core.Network, X, Y, batch: state.Traces) -> None:
    """The update rule, η, the button, and what the last step changed (if it made `net`)."""
    st.subheader("Apply the update: one gradient-descent step")
    st.latex(
        r"\theta^{(k)} \leftarrow \theta^{(k)} - \eta\,\frac{\partial E}{\partial \theta^{(k)}},"
        r"\qquad b^{(k)} \leftarrow b^{(k)} - \eta\,\frac{\partial E}{\partial b^{(k)}}"
    )
    m = batch.fwd.m
    st.caption(
        f"∂E/∂θ is the gradient of E = (1/m) Σᵢ E(xᵢ, yᵢ) over all m = {m} example"
        f"{'s' if m != 1 else ''}, whichever view is shown above."
    )
    c_eta, c_btn = st.columns([1, 2], vertical_alignment="bottom")
    eta = c_eta.number_input(
        "Learning rate η",
        min_value=0.0001,
        max_value=100.0,
        value=0.5,
        step=0.1,
        format="%.4f",
        key="bwd_eta",
    )
    label = f"Apply one gradient-descent step (batch gradient, m = {m})"
    if c_btn.button(label, type="primary", key="bwd_apply"):
        apply_step(net, X, Y, batch, eta)
    update = st.session_state.get(KEY)
    if update is not None and update.new is net:
        show_update(update)


def apply_step(net: core.Network, X, Y, batch: state.Traces, eta: float) -> None:
    try:
        new = core.sgd_step(net, batch.bwd, eta)
        after = core.forward(new, X, Y).loss
        predicted = core.first_order_change(net, batch.bwd, eta)
    except core.CoreError as exc:
        st.error(f"The step was not applied (the network is unchanged): {exc}")
        return
    state.set_network(new)
    st.session_state[KEY] = Update(
        old=net,
        new=new,
        before=batch.fwd.loss,
        after=after,
        eta=eta,
        m=batch.fwd.m,
        predicted=predicted,
    )
    st.rerun()


def show_update(update: Update) -> None:
    change = update.after - update.before
    c1, c2, c3 = st.columns(3)
    c1.metric("E before the step", cards.fmt(update.before, cards.ERROR_DIGITS))
    # The delta is written with a true minus sign, which Streamlit does not read as negative:
    # colour and arrow are set here instead (down and green when E fell).
    c2.metric(
        "E after the step",
        cards.fmt(update.after, cards.ERROR_DIGITS),
        delta=cards.fmt(change, cards.ERROR_DIGITS, sign=True),
        delta_color="green" if change < 0 else "red" if change > 0 else "gray",
        delta_arrow="down" if change < 0 else "up" if change > 0 else "off",
    )
    c3.metric(
        "ΔE predicted to first order",
        cards.fmt(update.predicted, cards.ERROR_DIGITS, sign=True),
        help="ΔE ≈ −η ‖∂E/∂θ‖², the squared gradient summed over every weight and bias.",
    )
    st.markdown(first_order_text(update.before, change, update.predicted, update.eta))
    L = update.new.L
    k_show = st.selectbox(
        "Layer",
        range(1, L + 1),
        index=L - 1,
        key="bwd_update_k",
        format_func=lambda k: f"θ{sup(k)}",
    )
    widgets.chart(figures.update_comparison(update.old, update.new, k_show), key="bwd_update_fig")
    st.caption(
        f"η = {cards.fmt(update.eta)}, batch gradient over m = {update.m}. The charts above now "
        "show the updated network; press the button again for another step, or undo on the "
        "Build page."
    )


def first_order_text(before: float, change: float, predicted: float, eta: float) -> str:
    """The actual ΔE beside −η‖∂E/∂θ‖², and why they differ (curvature, overshooting)."""
    digits = cards.ERROR_DIGITS
    actual = f"The actual change is ΔE = {cards.fmt(change, digits, sign=True)}"
    first = f"the first-order prediction −η ‖∂E/∂θ‖² = {cards.fmt(predicted, digits, sign=True)}"
    if predicted == 0:
        return f"{actual}; {first}: the gradient is zero, so to first order E does not change."
    relative = abs(change - predicted) / abs(predicted)
    gap = f"{cards.fmt(100 * relative, 2)}%"
    if relative <= AGREE:
        return (
            f"{actual}, {first}: they agree (within {gap}). For this η the step is short "
            "enough that E is nearly a straight line along it, and the tangent line predicts it."
        )
    why = (
        f"{actual}, {first}: they differ by {gap}, a large difference. The prediction is the "
        "tangent line of E; the actual change adds a second-order term ½ η² gᵀHg (g the "
        "gradient, H the curvature of E), which grows like η² while the first-order term grows "
        f"like η, so at η = {cards.fmt(eta)} the curvature counts."
    )
    if before + predicted < 0:  # every loss here is ≥ 0
        why += " The prediction would even take E below 0, which no step can."
    if change > 0:
        return why + (
            " Here E even rose although the prediction says it falls: the step overshot the "
            "valley. A smaller η follows the prediction more closely."
        )
    if change > predicted:
        return why + " E curves upwards along the step, so it fell less than predicted."
    return why + " E curves downwards along the step, so it fell more than predicted."

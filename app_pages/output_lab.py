"""Output layer lab: why δ⁽ᴸ⁾ is sometimes just a − y, and when it vanishes."""

import numpy as np
import streamlit as st

import cards
import core
import figures
from core.losses import FUSED
from ui import state, widgets

OUTPUTS = ["sigmoid", "tanh", "linear", "softmax"]
PAIRS = [(g, loss) for g, loss in core.valid_pairs() if g in OUTPUTS]
# Outputs bounded in (0, 1), so all curves share one scale (a linear output's δ = z − y is a
# straight line that would flatten the others).
CURVES = [
    ("sigmoid", "squared_error"),
    ("sigmoid", "half_squared_error"),
    ("sigmoid", "binary_cross_entropy"),
    ("softmax", "squared_error"),
    ("softmax", "cross_entropy"),
]


def label(pair):
    return f"{pair[0]} + {pair[1].replace('_', ' ')}"


st.title("Output layer and loss")
widgets.network_caption()
st.markdown(
    "Equation (1), δ⁽ᴸ⁾ = ∇ₐE ⊙ g′(z⁽ᴸ⁾), is a *derivation*, not a rule to copy: the simple "
    "δ⁽ᴸ⁾ = a − y appears only for some pairings, after the factors cancel."
)

net = state.network()
traces = state.traces()
current = (net.activations[net.L], net.loss)
default = PAIRS.index(current) if current in PAIRS else 0
labels = [label(p) for p in PAIRS]
pair = PAIRS[
    labels.index(st.selectbox("Output activation + loss", labels, index=default, key="lab_pair"))
]

# The current numbers: this network's z⁽ᴸ⁾ and y for one example, when they suit the pairing.
z = y = None
note = ""
if traces is not None:
    e = st.selectbox("Example", range(traces.fwd.m), key="lab_example") if traces.fwd.m > 1 else 0
    z, y = traces.fwd.z[net.L][e], traces.fwd.Y[e]
    try:
        step = core.output_step(pair[0], pair[1], z, y)
        note = f"z⁽ᴸ⁾ and y of example {e} of the current network."
    except core.CoreError as exc:
        z = None
        note = f"The current network's numbers do not suit this pairing ({exc}); using an example."
if z is None:
    z, y = (
        (np.array([1.5, -0.5, 0.2]), np.array([0.0, 1.0, 0.0]))
        if pair[0] == "softmax"
        else (np.array([-2.0]), np.array([1.0]))
    )
    step = core.output_step(pair[0], pair[1], z, y)
    note = note or "An example: the current network's numbers do not suit this pairing."
st.caption(note)
st.latex(
    rf"z^{{(L)}} = {cards.bmatrix(step.z[None, :])},\quad "
    rf"a^{{(L)}} = {cards.bmatrix(step.a[None, :])},\quad "
    rf"y = {cards.bmatrix(step.y[None, :])},\quad E = {cards.tex_num(step.error)}"
)
for caption, tex in cards.output_derivation(step):
    st.markdown(f"**{caption}**")
    st.latex(tex)
if step.simplified:
    st.success("The factors cancel: δ⁽ᴸ⁾ = a − y. Simple, but only because of this derivation.")
elif pair[0] == "sigmoid":
    st.warning(
        "The factor g′(z) = a(1 − a) stays: when the output saturates near 0 or 1, δ⁽ᴸ⁾ "
        "vanishes even if the answer is wrong."
    )

st.subheader("δ⁽ᴸ⁾ against z⁽ᴸ⁾ for a fixed target")
c1, c2 = st.columns(2)
target = c1.radio("Target y", [1.0, 0.0], horizontal=True, key="lab_target")
span = c2.slider("z range ±", 2.0, 20.0, 10.0, key="lab_span")
z_grid = np.linspace(-span, span, 201)
curves = {label(p): core.delta_curve(p[0], p[1], z_grid, target) for p in CURVES}
st.plotly_chart(figures.delta_curves(z_grid, curves, target), key="lab_curves")
wrong_side = "z ≪ 0" if target == 1.0 else "z ≫ 0"
st.caption(
    f"With y = {target:g}, the output is badly wrong for {wrong_side}. There, squared error with a "
    "sigmoid gives δ⁽ᴸ⁾ ≈ 0 (the gradient vanishes: no learning), while cross-entropy gives "
    "δ⁽ᴸ⁾ ≈ ±1 (full signal). Softmax curves use two outputs with logits (z, 0)."
)

st.subheader("Every valid pairing")
st.dataframe(
    [
        {
            "output g": g,
            "loss": loss.replace("_", " "),
            "δ⁽ᴸ⁾": "a − y"
            if (g, loss) in FUSED
            else ("Jᵀ ∇ₐE" if g == "softmax" else "∇ₐE ⊙ g′(z)"),
        }
        for g, loss in PAIRS
    ],
    hide_index=True,
    key="lab_pairs",
)

"""Output layer lab: why δ⁽ᴸ⁾ is sometimes just a − y, and when it vanishes."""

import numpy as np
import streamlit as st

import cards
import core
import figures
from cards import names as user_names
from ui import state, widgets

PAIRS = core.valid_pairs()  # every pairing; each has its derivation in the notation registry
# Outputs bounded in (0, 1), so all curves share one scale (a linear output's δ = z − y is a
# straight line that would flatten the others).
CURVES = [
    ("sigmoid", "squared_error"),
    ("sigmoid", "half_squared_error"),
    ("sigmoid", "binary_cross_entropy"),
    ("softmax", "squared_error"),
    ("softmax", "cross_entropy"),
]


def label(pair: tuple[str, str]) -> str:
    g, loss = pair
    return f"{core.ACTIVATION_LABELS[g]} + {core.LOSS_LABELS[loss]}"


def example_step(pair: tuple[str, str]) -> core.OutputStep:
    """A fixed example: a wrong, fairly confident output, so the factors are worth reading."""
    if pair[0] == "softmax":
        return core.output_step(*pair, [1.5, -0.5, 0.2], [0.0, 1.0, 0.0])
    return core.output_step(*pair, [-2.0], [1.0])


def lab_step(pair, net: core.Network, traces) -> tuple[core.OutputStep, str, bool]:
    """This network's z⁽ᴸ⁾ and y for one example when its targets suit the loss, else the
    fixed example; with a caption saying which, and True when the step is the network's."""
    if traces is None:
        return example_step(pair), "An example (the current network has no data).", False
    m = traces.fwd.m
    e = st.selectbox("Example", range(m), key="lab_example") if m > 1 else 0
    try:
        step = core.output_step(*pair, traces.fwd.z[net.L][e], traces.fwd.Y[e])
    except core.CoreError:
        caption = (
            f"The targets of the current network's example {e} are not ones that "
            f"{core.LOSS_LABELS[pair[1]]} can use, so this is an example instead."
        )
        return example_step(pair), caption, False
    return step, f"z⁽ᴸ⁾ and y of example {e} of the current network.", True


def target_names(step: core.OutputStep, names) -> None:
    """What each yⱼ of the network's own data is: y_0: fail, y_1: pass (the user's names)."""
    named = user_names.targets_tex(names, range(len(step.y)))
    if named:
        st.latex(named)


def show_derivation(step: core.OutputStep, form: core.OutputForm) -> None:
    st.latex(
        rf"z^{{(L)}} = {cards.bmatrix(step.z[None, :])},\quad "
        rf"a^{{(L)}} = {cards.bmatrix(step.a[None, :])},\quad "
        rf"y = {cards.bmatrix(step.y[None, :])},\quad E = {cards.tex_num(step.error)}"
    )
    for caption, tex in cards.output_derivation(step):
        st.markdown(f"**{caption}**")
        st.latex(tex)
    if form.simplifies_to_a_minus_y:
        st.success(form.note)
    elif form.vanishes_when_saturated:
        st.warning(form.note)
    else:
        st.info(form.note)


def show_curves() -> None:
    st.subheader("δ⁽ᴸ⁾ against z⁽ᴸ⁾ for a fixed target")
    c1, c2 = st.columns(2)
    target = c1.radio("Target y", [1.0, 0.0], horizontal=True, key="lab_target")
    span = c2.slider("z range ±", 2.0, 20.0, 10.0, key="lab_span")
    z_grid = np.linspace(-span, span, 201)
    curves = {label(p): core.delta_curve(*p, z_grid, target) for p in CURVES}
    widgets.chart(figures.delta_curves(z_grid, curves, target), key="lab_curves")
    wrong_side = "z ≪ 0" if target == 1.0 else "z ≫ 0"
    st.caption(
        f"With y = {cards.fmt(target)}, the output is badly wrong for {wrong_side}. There, "
        "squared error with a sigmoid gives δ⁽ᴸ⁾ ≈ 0 (the gradient vanishes: no learning), while "
        "cross-entropy gives δ⁽ᴸ⁾ ≈ ±1 (full signal). Softmax curves use two outputs with "
        "logits (z, 0)."
    )


def show_pairings() -> None:
    st.subheader("Every valid pairing")
    forms = [core.output_form(*pair) for pair in PAIRS]
    st.dataframe(
        [
            {
                "output g": core.ACTIVATION_LABELS[f.activation],
                "loss": core.LOSS_LABELS[f.loss],
                "δ⁽ᴸ⁾": f.summary,
            }
            for f in forms
        ],
        hide_index=True,
        key="lab_pairs",
    )


st.title("Output layer and loss")
widgets.network_caption()
st.markdown(
    "Equation (1), δ⁽ᴸ⁾ = ∇ₐE ⊙ g′(z⁽ᴸ⁾), is a *derivation*, not a rule to copy: the simple "
    "δ⁽ᴸ⁾ = a − y appears only for some pairings, after the factors cancel."
)
net = state.network()
current = (net.activations[net.L], net.loss)
labels = [label(p) for p in PAIRS]
chosen = st.selectbox(
    "Output activation + loss", labels, index=PAIRS.index(current), key="lab_pair"
)
pair = PAIRS[labels.index(chosen)]
step, source, own = lab_step(pair, net, state.traces())
st.caption(source)
if own:  # the fixed example's outputs are not the user's classes
    target_names(step, state.shared().names)
show_derivation(step, core.output_form(*pair))
show_curves()
show_pairings()

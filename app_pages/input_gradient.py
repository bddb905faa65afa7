"""Input gradient: ∂E/∂x per example, its field over the plane, and gradient ascent on x."""

import numpy as np
import streamlit as st

import cards
import core
import figures
from figures.style import sub
from ui import state, widgets

MAX_ROWS = 50

st.title("Gradient with respect to the input")
widgets.network_caption()
st.markdown(
    "The backward pass does not have to stop at θ⁽¹⁾: one step further, "
    "∂E/∂x = θ⁽¹⁾ᵀ δ⁽¹⁾ says how each input should move to change the error. Treating the "
    "input as the variable and the weights as fixed is how *deep dreaming* works."
)
net = state.network()
traces = state.traces()
if traces is None:
    st.stop()
X, Y = state.data()

st.subheader("∂E/∂x for each example")
rows = [
    {
        "example": e,
        **{f"x{j}": cards.fmt(X[e, j]) for j in range(X.shape[1])},
        **{
            f"∂E/∂x{j}": cards.fmt(traces.bwd.grad_input[e, j], sign=True)
            for j in range(X.shape[1])
        },
    }
    for e in range(min(len(X), MAX_ROWS))
]
st.dataframe(rows, hide_index=True, key="ig_table")
if len(X) > MAX_ROWS:
    st.caption(f"The first {MAX_ROWS} of {len(X)} examples.")

if net.sizes[0] != 2:
    st.info(
        "The field over the input plane and the ascent path need a network with two inputs "
        "(load the XOR or spiral preset on the Build page)."
    )
    st.stop()

(xr, yr) = core.data_range(X, margin=0.3)
st.subheader("The field over the input plane")
n_out = net.sizes[-1]
c1, c2 = st.columns(2)
what = c1.radio(
    "Show", ["∂E/∂x for a target", "∂aᶜ/∂x of one output"], key="ig_what", horizontal=True
)
if what.startswith("∂E"):
    if net.activations[net.L] == "softmax":
        c = c2.selectbox("Target class", range(n_out), key="ig_class")
        y = np.eye(n_out)[c]
    elif net.loss == "binary_cross_entropy":
        y = np.full(n_out, c2.radio("Target y", [1.0, 0.0], horizontal=True, key="ig_y01"))
    else:
        y = np.full(n_out, c2.number_input("Target y", -10.0, 10.0, 1.0, key="ig_yval"))
    xs, ys, grads = core.gradient_field(net, xr, yr, 25, y=y)
    title = f"∂E/∂x for target y = {np.round(y, 3).tolist()} (arrows: uphill in E)"
else:
    c = c2.selectbox("Output neuron c", range(n_out), key="ig_neuron_field")
    xs, ys, grads = core.gradient_field(net, xr, yr, 25, neuron=c)
    title = f"∂a{sub(c)}⁽ᴸ⁾/∂x (arrows: where a{sub(c)} grows)"
labels = None
if Y.shape[1] > 1:
    labels = Y.argmax(axis=1)
elif np.isin(Y, (0.0, 1.0)).all():
    labels = Y[:, 0].astype(int)
st.plotly_chart(figures.gradient_field(xs, ys, grads, X, labels, title=title), key="ig_field")

st.subheader("Gradient ascent on the input")
st.markdown(
    "Start from a point and repeatedly move it uphill: x ← x + η ∂aᶜ/∂x. The weights "
    "stay fixed; only the input changes."
)
c1, c2, c3, c4, c5 = st.columns(5)
neuron = c1.selectbox("Maximize output c", range(n_out), key="ig_neuron")
x0 = c2.number_input("Start x₀", -10.0, 10.0, float(np.mean(xr)), key="ig_x0")
x1 = c3.number_input("Start x₁", -10.0, 10.0, float(np.mean(yr)), key="ig_x1")
steps = c4.number_input("Steps", 1, 500, 100, key="ig_steps")
# small steps: near a decision boundary the gradient is large and η = 0.2 jumps across it
rate = c5.number_input("Step size η", 0.001, 10.0, 0.05, format="%.3f", key="ig_rate")
path = core.ascend_input(net, [x0, x1], neuron, int(steps), float(rate))
lo = np.minimum(path.x.min(axis=0), [xr[0], yr[0]])
hi = np.maximum(path.x.max(axis=0), [xr[1], yr[1]])
gx, gy, out = core.predict_grid(net, (lo[0], hi[0]), (lo[1], hi[1]), 60)
st.plotly_chart(
    figures.ascent_path(gx, gy, out[:, :, neuron], path.x, path.value, neuron), key="ig_ascent"
)
st.caption(
    f"a{sub(neuron)}⁽ᴸ⁾ went from {path.value[0]:.4f} to {path.value[-1]:.4f} "
    f"in {int(steps)} steps."
)

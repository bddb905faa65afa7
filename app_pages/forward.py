"""Forward: step k = 0..L through z⁽ᵏ⁾ = θ⁽ᵏ⁾ a⁽ᵏ⁻¹⁾ + b⁽ᵏ⁾, a⁽ᵏ⁾ = g(z⁽ᵏ⁾)."""

import streamlit as st

import cards
import figures
from ui import memo, state, widgets
from ui.stepper import stepper

st.title("Forward pass")
widgets.network_caption()
net = state.network()
traces = state.traces()
if traces is None:
    st.stop()
fwd = traces.fwd
L = net.L

k = stepper("fwd_k", list(range(L + 1)), {k: f"k = {k}" for k in range(L + 1)})
st.markdown(f"#### Step k = {k} of {L}: {widgets.layer_name(net, k)}")

c_i, c_e = st.columns(2)
example = 0
if fwd.m > 1:
    example = c_e.selectbox(
        "Example", range(fwd.m), key="fwd_example", format_func=lambda e: f"example {e}"
    )
i = 0
if k >= 1:
    i = c_i.selectbox(
        "Neuron i", range(net.sizes[k]), key=f"fwd_i_{k}", format_func=lambda n: f"neuron {n}"
    )

values = {layer: fwd.a[layer][example] for layer in range(k + 1)}
diagram = memo.figure(
    ("fwd_diagram", k, i, example),
    lambda: figures.network_diagram(
        net,
        highlight_layer=k,
        neuron_values=values,
        highlight_neurons=[(k, i)] if k >= 1 else [],
        title=f"a⁽ᵏ⁾ of example {example} for k ≤ {k}",
    ),
)

if k == 0:
    left, right = st.columns([2, 3])
    with left:
        st.plotly_chart(diagram, key="fwd_diagram")
    with right:
        st.markdown("The input layer does no computation: **a⁽⁰⁾ = x**.")
        st.plotly_chart(
            figures.heatmap(
                fwd.a[0], title="a⁽⁰⁾ = x", x_title="neuron j (layer 0)", y_title="example"
            ),
            key="fwd_input",
        )
else:
    layer_fig = memo.figure(
        ("fwd_layer", k, example), lambda: figures.forward_layer(net, fwd, k, example=example)
    )
    st.plotly_chart(layer_fig, key="fwd_layer")
    left, right = st.columns([2, 3])
    with left:
        st.plotly_chart(diagram, key="fwd_diagram")
    with right:
        st.markdown(f"**Neuron {i} of layer {k}, example {example}**")
        widgets.latex_lines(cards.forward_card(net, fwd, k, i, example))
        if k == L:
            st.markdown("**The output, the target and the error**")
            st.plotly_chart(figures.output_summary(fwd), key="fwd_output")
            st.markdown(cards.output_card(net, fwd))

"""Home: what the app is, the current network's error, a guided path, and the notation."""

from pathlib import Path

import streamlit as st

import cards
import core
import figures
from ui import memo, state, widgets

st.title("Backprop Visualizer")
st.markdown(
    "Draw a small neural network, step its **forward pass**, then watch the **backward pass** "
    "compute the delta errors δ⁽ᵏ⁾ = ∂E/∂z⁽ᵏ⁾ layer by layer — with the equation behind every "
    "number."
)
widgets.network_caption()

traces = state.traces()
net = state.network()
if traces is not None:
    col_diagram, col_loss = st.columns([3, 1])
    with col_diagram:
        widgets.chart(
            memo.figure(
                ("diagram",), lambda: figures.network_diagram(net, names=state.shared().names)
            ),
            key="home_diagram",
        )
    with col_loss:
        st.metric("Error E on the current data", cards.fmt(traces.fwd.loss, cards.ERROR_DIGITS))
        st.caption(f"E = (1/m) Σᵢ E(xᵢ, yᵢ), loss: {core.LOSS_LABELS[net.loss]}")

st.subheader("A guided path (about five minutes)")
st.markdown(
    """
1. **Build** — the worked 2-2-2 example is loaded: x = (0.05, 0.10), target y = (0.01, 0.99).
   Look at the weights θ⁽¹⁾, θ⁽²⁾; change one and watch the diagram follow.
2. **Forward** — step k = 0 … L. At each layer zᵢ⁽ᵏ⁾ = Σⱼ θᵢⱼ⁽ᵏ⁾ aⱼ⁽ᵏ⁻¹⁾ + bᵢ⁽ᵏ⁾ and
   aᵢ⁽ᵏ⁾ = g(zᵢ⁽ᵏ⁾) are written out with the numbers. The last step shows the output, the target
   and the error E.
3. **Backward** — step (or press ▶ Play) from the output back to the input. Equation (1) starts
   at the output, equation (2) carries δ one layer down, equation (3) turns δ into ∂E/∂θ.
   **Click any cell** of a δ or gradient heatmap to see the chain-rule sum behind it, term by
   term. Finally, apply one gradient-descent step and see E go down.
"""
)
cols = st.columns(3)
cols[0].page_link("app_pages/build.py", label="1 · Build", icon=":material/construction:")
cols[1].page_link("app_pages/forward.py", label="2 · Forward", icon=":material/arrow_forward:")
cols[2].page_link("app_pages/backward.py", label="3 · Backward", icon=":material/arrow_back:")

st.subheader("Notation")
st.caption("Every page, card and chart uses these symbols and equations.")
with st.expander("The notation and the three equations of backpropagation"):
    notation = (Path(__file__).resolve().parents[1] / "docs" / "NOTATION.md").read_text()
    st.markdown(notation.split("\n", 1)[1])  # without its title: the expander names it

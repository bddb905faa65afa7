"""Backward: step k = L..1 (or play the animation), explain any number, apply an update."""

import streamlit as st

import cards
import core
import figures
from figures.style import sup
from ui import memo, selection, state, widgets
from ui.stepper import stepper

KINDS = {
    "delta": "δ⁽ᵏ⁾ (delta error)",
    "grad_w": "∂E/∂θ⁽ᵏ⁾ (weight gradient)",
    "grad_b": "∂E/∂b⁽ᵏ⁾ (bias gradient)",
}
KEYS = {"kind": "bwd_kind", "i": "bwd_i", "j": "bwd_j", "example": "bwd_example"}

st.title("Backward pass")
widgets.network_caption()
net = state.network()
traces = state.traces()
if traces is None:
    st.stop()
fwd, bwd = traces.fwd, traces.bwd
L, m = net.L, fwd.m

shared = st.toggle(
    "Same colour range for every layer",
    value=True,
    key="bwd_shared",
    help="Off: each layer is scaled on its own, so small deltas stay visible.",
)
# A view switch rather than tabs: tabs would build the animation on every rerun even when
# it is not shown, and it is the slowest figure of the app.
PLAY = "▶ Play the whole backward pass"
view_mode = st.radio(
    "View", ["Step by step", PLAY], horizontal=True, key="bwd_mode", label_visibility="collapsed"
)

if view_mode == PLAY:
    st.caption("Runs in your browser: press ▶ Play, or drag the slider. k goes from L down to 1.")
    animation = memo.figure(
        ("animation", shared),
        lambda: figures.backward_animation(net, fwd, bwd, shared_scale=shared),
    )
    st.plotly_chart(animation, key="bwd_animation")

else:
    steps = [*range(L, 0, -1), "x"]
    labels = {k: f"k = {k}" for k in range(1, L + 1)} | {"x": "∂E/∂x"}
    step = stepper("bwd_step", steps, labels)
    if step == "x":
        st.markdown("#### Last step: the gradient with respect to the input, ∂E/∂x")
        st.markdown(
            "The same backward pass, one step further: the input is treated as the "
            "variable instead of the weights (this is how *deep dreaming* works)."
        )
        st.plotly_chart(
            figures.heatmap(
                bwd.grad_input, title="∂E/∂x  (per example)", x_title="input j", y_title="example"
            ),
            key="bwd_grad_input",
        )
        e = st.selectbox("Example", range(m), key="bwd_x_example") if m > 1 else 0
        widgets.latex_lines(cards.input_gradient_card(net, bwd, e))
    else:
        k = step
        label, eq = cards.equation_for_step(net, k)
        st.markdown(f"#### Step k = {k}: {widgets.layer_name(net, k)} — equation {label}")
        st.latex(eq)
        st.latex(cards.backward_cards.EQ3.replace("(k)", f"({k})").replace("(k-1)", f"({k - 1})"))
        if k == L:
            st.info(cards.output_layer_note(net))

        view_example = None
        if m > 1:
            view = st.radio(
                "Gradients of",
                ["the batch (mean over examples)", "one example"],
                horizontal=True,
                key="bwd_view",
            )
            if view == "one example":
                ev = view_example = st.selectbox("Which example", range(m), key="bwd_view_example")
                X, Y = state.data()
                fwd = core.forward(net, X[ev : ev + 1], Y[ev : ev + 1])
                bwd = core.backward(net, fwd, fwd.Y)
                m = 1
                st.caption(f"δ and ∂E/∂θ of example {ev}'s own error E(x, y) alone.")
        chart_key = f"bwd_cells_{k}_{m}"
        selection.apply_click(chart_key, KEYS)
        layer_fig = memo.figure(
            ("layer", k, shared, view_example),
            lambda: figures.backward_layer(net, fwd, bwd, k, shared_scale=shared, clickable=True),
        )
        st.plotly_chart(layer_fig, key=chart_key, on_select="rerun", selection_mode="points")
        if traces.fwd.m > 1 and m > 1:
            if st.toggle(
                "Show the per-example gradients beside their mean",
                key="bwd_show_multiples",
                help="The batch gradient is the average of the examples' own gradients.",
            ):
                multiples = memo.figure(
                    ("multiples", k), lambda: figures.per_example_gradients(fwd, bwd, k)
                )
                st.plotly_chart(multiples, key="bwd_multiples")
        st.caption("Click any cell to explain it, or choose it below.")

        st.markdown("##### Explain a number")
        for key, n in (
            (KEYS["i"], net.sizes[k]),
            (KEYS["j"], net.sizes[k - 1]),
            (KEYS["example"], m),
        ):
            if st.session_state.get(key, 0) >= n:
                st.session_state[key] = 0
        c1, c2, c3 = st.columns(3)
        kind = c1.selectbox("Quantity", list(KINDS), format_func=KINDS.get, key=KEYS["kind"])
        i = c2.selectbox("Neuron i (layer k)", range(net.sizes[k]), key=KEYS["i"])
        if kind == "delta":
            e = c3.selectbox("Example", range(m), key=KEYS["example"])
            expl = core.explain_delta(net, fwd, bwd, k, i, e)
            lines = cards.delta_card(expl)
            edges = [(k + 1, beta, i) for beta in range(net.sizes[k + 1])] if k < L else []
        elif kind == "grad_w":
            j = c3.selectbox("Neuron j (layer k − 1)", range(net.sizes[k - 1]), key=KEYS["j"])
            expl = core.explain_weight_gradient(fwd, bwd, k, i, j)
            lines = cards.gradient_card(expl, m)
            edges = [(k, i, j)]
        else:
            expl = core.explain_bias_gradient(fwd, bwd, k, i)
            lines = cards.gradient_card(expl, m)
            edges = []

        card, side = st.columns([3, 2])
        with card:
            st.markdown(
                f"**{cards.quantity_text(expl)} = {cards.fmt(expl.value, 6)}** — "
                f"equation ({expl.equation})"
            )
            widgets.latex_lines(lines)
            st.dataframe(cards.terms_table(expl), hide_index=True, key="bwd_terms")
        with side:
            diagram = memo.figure(
                ("diagram", k, i, tuple(edges)),
                lambda: figures.network_diagram(
                    net,
                    highlight_layer=k,
                    highlight_edges=edges,
                    highlight_neurons=[(k, i)],
                    title="connections in this sum",
                ),
            )
            st.plotly_chart(diagram, key="bwd_diagram")
        if kind == "delta" and k < L:
            with st.expander(
                "The same layer as matrices: θ⁽ᵏ⁺¹⁾ᵀ δ⁽ᵏ⁺¹⁾ ⊙ g′(z⁽ᵏ⁾)", expanded=True
            ):
                st.caption(
                    "Each entry of the product θᵀδ is one of the sums above: the matrix "
                    "product is only a compact way to write the chain rule's sum."
                )
                widgets.latex_lines(cards.matrix_view(core.matrix_form(net, fwd, bwd, k, e)))

st.divider()
st.subheader("Apply the update: one gradient-descent step")
st.latex(
    r"\theta^{(k)} \leftarrow \theta^{(k)} - \eta\,\frac{\partial E}{\partial \theta^{(k)}},"
    r"\qquad b^{(k)} \leftarrow b^{(k)} - \eta\,\frac{\partial E}{\partial b^{(k)}}"
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
if c_btn.button("Apply one gradient-descent step", type="primary", key="bwd_apply"):
    X, Y = state.data()
    try:
        new = core.sgd_step(net, bwd, eta)
        after = core.forward(new, X, Y).loss
    except core.CoreError as exc:
        st.error(f"The step was not applied (the network is unchanged): {exc}")
    else:
        state.set_network(new, note=st.session_state.get("data_note"))
        st.session_state["last_update"] = {
            "old": net,
            "new": new,
            "before": fwd.loss,
            "after": after,
            "eta": eta,
        }
        st.rerun()

update = st.session_state.get("last_update")
if update and update["new"] is net:
    before, after = update["before"], update["after"]
    c1, c2 = st.columns(2)
    c1.metric("E before the step", f"{before:.6g}")
    c2.metric(
        "E after the step", f"{after:.6g}", delta=f"{after - before:+.3g}", delta_color="inverse"
    )
    k_show = st.selectbox(
        "Layer",
        range(1, L + 1),
        index=L - 1,
        key="bwd_update_k",
        format_func=lambda k: f"θ{sup(k)}",
    )
    st.plotly_chart(
        figures.update_comparison(update["old"], update["new"], k_show), key="bwd_update_fig"
    )
    st.caption(
        f"η = {update['eta']:g}. The charts above now show the updated network; press "
        "the button again for another step, or undo on the Build page."
    )

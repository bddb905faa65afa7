"""Build: architecture, data, exact weights, the diagram, save and load."""

import json

import pandas as pd
import streamlit as st

import core
import figures
from figures.style import sup
from ui import data as ui_data
from ui import memo, state, widgets

HIDDEN_ACTIVATIONS = [n for n, a in core.ACTIVATIONS.items() if not a.output_only]
OUTPUT_ACTIVATIONS = list(core.ACTIVATIONS)
DATASETS = list(core.DATASETS)

st.title("Build")
widgets.network_caption()
net = state.network()
v = st.session_state.get("version", 0)  # widget keys carry it, so a new network resets them

left, right = st.columns([1, 1], gap="large")

with left:
    st.subheader("Start from a preset")
    names = list(core.PRESETS)
    col_p, col_b = st.columns([3, 1], vertical_alignment="bottom")
    choice = col_p.selectbox(
        "Preset",
        names,
        index=names.index(st.session_state.get("preset", names[0])),
        format_func=core.PRESET_TITLES.get,
        key="preset_choice",
    )
    if col_b.button("Load preset", key="load_preset"):
        state.load_preset(choice)
        st.rerun()

    st.subheader("Architecture")
    sizes, acts = net.sizes, list(net.activations)
    c0, c1 = st.columns(2)
    n_in = c0.number_input("Inputs n⁽⁰⁾", 1, 8, int(sizes[0]), key=f"n_in_{v}")
    n_hidden = c1.number_input("Hidden layers", 0, 8, net.L - 1, key=f"n_hidden_{v}")
    hidden_sizes, hidden_acts = [], []
    for k in range(1, int(n_hidden) + 1):
        ca, cb = st.columns(2)
        default_n = sizes[k] if k < net.L else 3
        default_g = acts[k - 1] if k < net.L else "tanh"
        hidden_sizes.append(
            ca.number_input(
                f"Layer {k}: neurons n{sup(k)}", 1, 32, int(default_n), key=f"n_{k}_{v}"
            )
        )
        hidden_acts.append(
            cb.selectbox(
                f"Layer {k}: activation g{sup(k)}",
                HIDDEN_ACTIVATIONS,
                index=HIDDEN_ACTIVATIONS.index(default_g) if default_g in HIDDEN_ACTIVATIONS else 0,
                key=f"g_{k}_{v}",
            )
        )
    co, cg = st.columns(2)
    n_out = co.number_input("Outputs n⁽ᴸ⁾", 1, 10, int(sizes[-1]), key=f"n_out_{v}")
    g_out = cg.selectbox(
        "Output activation g⁽ᴸ⁾",
        OUTPUT_ACTIVATIONS,
        index=OUTPUT_ACTIVATIONS.index(acts[-1]),
        key=f"g_out_{v}",
    )
    cl, ci, cs = st.columns([2, 1, 1])
    loss = cl.selectbox(
        "Loss",
        list(core.LOSSES),
        index=list(core.LOSSES).index(net.loss),
        key=f"loss_{v}",
        format_func=lambda name: name.replace("_", " "),
    )
    init = ci.selectbox("Initialization", list(core.INITS), key=f"init_{v}")
    seed = cs.number_input("Seed", 0, 10**6, 0, key=f"seed_{v}")
    problem = None
    try:
        core.check_pair(g_out, loss)
    except core.CoreError as exc:
        problem = str(exc)
        st.error(f"{problem}. Choose another loss or output activation.", icon=":material/warning:")
    if st.button("Build new network", type="primary", disabled=problem is not None, key="build"):
        try:
            new = core.Network.random(
                [int(n_in), *map(int, hidden_sizes), int(n_out)],
                [*hidden_acts, g_out],
                loss,
                init=init,
                seed=int(seed),
            )
        except core.CoreError as exc:
            st.error(f"Could not build this network: {exc}")
        else:
            X, Y = state.data()
            keep = ui_data.fits(new, X, Y)
            if keep:
                try:
                    core.forward(new, X, Y)
                except core.CoreError:
                    keep = False
            if keep:
                state.set_network(new, note="random weights (" + init + ")")
            else:
                X, Y = ui_data.default_example(new)
                state.set_network(new, X, Y, note="one example (the old data did not fit)")
            st.rerun()

with right:
    st.subheader("Diagram")
    st.plotly_chart(
        memo.figure(("diagram",), lambda: figures.network_diagram(net)), key="build_diagram"
    )
    st.caption("Colour: sign of θᵢⱼ⁽ᵏ⁾ (blue +, red −; hover for the value); thickness: |θᵢⱼ⁽ᵏ⁾|.")

st.subheader("Data")
X, Y = state.data()
mode = st.radio(
    "Data",
    ["One example", "A dataset batch"],
    horizontal=True,
    key="data_mode",
    index=0 if X.shape[0] == 1 else 1,
    label_visibility="collapsed",
)
if mode == "One example":
    cx, cy = st.columns(2)
    x_vals = [
        cx.number_input(
            f"x{j}",
            value=float(X[0, j]) if X.shape[1] == net.sizes[0] else 0.5,
            format="%.4f",
            key=f"x_{j}_{v}",
        )
        for j in range(net.sizes[0])
    ]
    y_vals = [
        cy.number_input(
            f"y{j}",
            value=float(Y[0, j]) if Y.shape[1] == net.sizes[-1] else 0.5,
            format="%.4f",
            key=f"y_{j}_{v}",
        )
        for j in range(net.sizes[-1])
    ]
    if st.button("Use this example", key="use_example"):
        try:
            core.forward(net, [x_vals], [y_vals])
        except core.CoreError as exc:
            st.error(f"This example does not fit the network: {exc}")
        else:
            state.set_network(net, [x_vals], [y_vals], note="one example")
            st.rerun()
else:
    c1, c2, c3, c4, c5 = st.columns(5)
    name = c1.selectbox("Dataset", DATASETS, key="ds_name")
    n = c2.number_input("Examples m", 2, 500, 100, key="ds_n")
    noise = c3.number_input("Noise", 0.0, 2.0, 0.1, step=0.05, key="ds_noise")
    ds_seed = c4.number_input("Seed", 0, 10**6, 0, key="ds_seed")
    classes = c5.number_input("Classes", 2, 10, 3, key="ds_classes", help="spiral and blobs")
    if st.button("Use this dataset", key="use_dataset"):
        data = core.make_dataset(name, int(n), float(noise), int(ds_seed), int(classes))
        why = ui_data.describe_mismatch(net, data)
        if why:
            st.error(why, icon=":material/warning:")
        else:
            state.set_network(net, data.X, data.Y, note=f"{name}, m = {int(n)}, noise {noise:g}")
            st.rerun()

st.subheader("Weights and biases")
st.caption("Edit any cell; row i is neuron i of layer k, column j is neuron j of layer k − 1.")
tabs = st.tabs([f"θ{sup(k)}, b{sup(k)}" for k in range(1, net.L + 1)])
for k, tab in zip(range(1, net.L + 1), tabs):
    with tab:
        theta, b = net.weights[k], net.biases[k]
        frame = pd.DataFrame(
            theta,
            columns=[f"j={j}" for j in range(theta.shape[1])],
            index=[f"i={i}" for i in range(theta.shape[0])],
        )
        frame[f"b{sup(k)}"] = b
        edited = st.data_editor(frame, key=f"theta_{k}_{v}", width="content")
        values = edited.to_numpy(dtype=float, na_value=float("nan"))
        if not (values == frame.to_numpy()).all():
            weights, biases = list(net.weights), list(net.biases)
            weights[k - 1], biases[k - 1] = values[:, :-1], values[:, -1]
            try:
                new = net.replace(weights=weights, biases=biases)
                core.forward(new, *state.data())
            except core.CoreError as exc:
                st.error(
                    f"Edit not applied, the network is unchanged: {exc}", icon=":material/warning:"
                )
            else:
                state.set_network(new, note=st.session_state.get("data_note"))
                st.rerun()

st.subheader("Save, load, undo")
cs1, cs2, cs3 = st.columns([1, 2, 1])
X, Y = state.data()
cs1.download_button(
    "Download network (JSON)",
    json.dumps(core.to_dict(net, X, Y)),
    file_name="network.json",
    mime="application/json",
    key="download",
)
with cs2:
    text = st.text_area("Paste a saved network (JSON)", key="load_text", height=100)
    if st.button("Load from JSON", key="load_json"):
        try:
            saved = core.from_dict(json.loads(text))
        except json.JSONDecodeError as exc:
            st.error(f"That is not valid JSON ({exc.msg} at line {exc.lineno}). Nothing changed.")
        except (core.CoreError, RecursionError) as exc:
            st.error(f"That is not a saved network: {exc}. Nothing changed.")
        else:
            X_new, Y_new = saved.X, saved.Y
            if X_new is None or Y_new is None:
                X_new, Y_new = ui_data.default_example(saved.network)
            try:
                core.forward(saved.network, X_new, Y_new)
            except core.CoreError as exc:
                st.error(f"That network cannot run on its data: {exc}. Nothing changed.")
            else:
                state.set_network(saved.network, X_new, Y_new, note="loaded from JSON")
                st.rerun()
if cs3.button("Undo last change", key="undo", disabled=not st.session_state.get("undo_stack")):
    state.undo()
    st.rerun()

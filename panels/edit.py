"""The Build page's lower sections: the data, the exact weights, and save / load / undo.

Every change is validated by core before it replaces the shared network, so a bad edit shows
a message and leaves the network as it was.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pandas as pd
import streamlit as st

import cards
import core
from cards.names import markdown as literal_markdown
from cards.names import short
from core.limits import LIMITS_TEXT, beyond
from figures.style import sup
from ui import fitting, state
from ui.link_model import DataRecipe

ONE_EXAMPLE, DATASET = "One example", "A dataset batch"
GRID_RESET = "weight_grid_reset"  # +1 when an edit is refused: the grids start again from θ
GRID_MESSAGE = "weight_grid_message"  # why, said once on the next run
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")  # what float() reads, minus inf/_
NOT_A_NUMBER = "is not a number (write it like 0.001, 1e-3, -2.5 or 1,5)"
THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2},\d{3}")  # 1,500: one and a half, or fifteen hundred?


def data_panel(net: core.Network, X: np.ndarray, Y: np.ndarray, v: int) -> None:
    st.subheader("Data")
    if beyond(net.sizes):  # one widget per input and output would not fit
        st.caption(f"Data is edited here for networks with {LIMITS_TEXT}.")
        return
    mode = st.radio(
        "Data",
        [ONE_EXAMPLE, DATASET],
        horizontal=True,
        key="data_mode",
        index=0 if X.shape[0] == 1 else 1,
        label_visibility="collapsed",
    )
    if mode == ONE_EXAMPLE:
        one_example(net, X, Y, v)
    else:
        dataset_batch(net)


def one_example(net: core.Network, X: np.ndarray, Y: np.ndarray, v: int) -> None:
    """Inputs x and targets y of one example, starting from the first example of (X, Y)."""
    cx, cy = st.columns(2)
    x0 = X[0] if X.shape[1] == net.sizes[0] else np.full(net.sizes[0], 0.5)
    y0 = Y[0] if Y.shape[1] == net.sizes[-1] else np.full(net.sizes[-1], 0.5)
    x = [
        cx.number_input(f"x{j}", value=float(x0[j]), format="%.4f", key=f"x_{j}_{v}")
        for j in range(net.sizes[0])
    ]
    y = [
        cy.number_input(f"y{j}", value=float(y0[j]), format="%.4f", key=f"y_{j}_{v}")
        for j in range(net.sizes[-1])
    ]
    if st.button("Use this example", key="use_example"):
        try:
            core.forward(net, [x], [y])
        except core.CoreError as exc:
            st.error(f"This example does not fit the network: {exc}")
        else:
            state.set_network(net, [x], [y], note="one example")
            st.rerun()


def dataset_batch(net: core.Network) -> None:
    c1, c2, c3, c4, c5 = st.columns(5)
    name = c1.selectbox("Dataset", list(core.DATASETS), key="ds_name")
    n = int(c2.number_input("Examples m", 2, 500, 100, key="ds_n"))
    noise = float(c3.number_input("Noise", 0.0, 2.0, 0.1, step=0.05, key="ds_noise"))
    seed = int(c4.number_input("Seed", 0, 10**6, 0, key="ds_seed"))
    classes = int(c5.number_input("Classes", 2, 10, 3, key="ds_classes", help="spiral and blobs"))
    if st.button("Use this dataset", key="use_dataset"):
        data = core.make_dataset(name, n, noise, seed, classes)
        why = fitting.describe_mismatch(net, data)
        if why:
            st.error(why, icon=":material/warning:")
        else:
            state.set_network(
                net,
                data.X,
                data.Y,
                note=f"{name}, m = {n}, noise {cards.fmt(noise)}",
                recipe=DataRecipe(name=name, n=n, noise=noise, seed=seed, classes=classes),
            )
            st.rerun()


def weights_panel(net: core.Network, v: int) -> None:
    st.subheader("Weights and biases")
    if beyond(net.sizes):
        st.caption(f"Weights are edited here for networks with {LIMITS_TEXT}.")
        return
    message = st.session_state.pop(GRID_MESSAGE, None)
    if message:
        st.error(message, icon=":material/warning:")
    st.caption(
        "Edit any cell; row i is neuron i of layer k, column j is neuron j of layer k − 1. "
        "Write numbers like 0.001, 1e-3, -2.5 or 1,5."
    )
    tabs = st.tabs([f"θ{sup(k)}, b{sup(k)}" for k in range(1, net.L + 1)])
    for k, tab in zip(range(1, net.L + 1), tabs):
        with tab:
            layer_editor(net, k, v)


def layer_editor(net: core.Network, k: int, v: int) -> None:
    """θ⁽ᵏ⁾ (row i, column j) with b⁽ᵏ⁾ as the last column; an edit makes a new network.

    Text cells, parsed here: the browser's number cells drop what they do not expect as the
    user types (1e-3 became −13, 1,5 became 15). A cell shows its float exactly (Python's
    shortest round-trip text), so an untouched cell is never rounded by an edit elsewhere."""
    values = np.column_stack([net.weights[k], net.biases[k]])  # n⁽ᵏ⁾ × (n⁽ᵏ⁻¹⁾ + 1)
    columns = [f"j={j}" for j in range(values.shape[1] - 1)] + [f"b{sup(k)}"]
    rows = [f"i={i}" for i in range(values.shape[0])]
    frame = pd.DataFrame([[repr(float(x)) for x in row] for row in values], rows, columns)
    reset = st.session_state.get(GRID_RESET, 0)
    edited = st.data_editor(
        frame,
        key=f"theta_{k}_{v}_{reset}",
        width="content",
        column_config={c: st.column_config.TextColumn(c) for c in columns},
    )
    new_values = values.copy()
    for i, c in zip(*np.nonzero(edited.to_numpy(dtype=object) != frame.to_numpy(dtype=object))):
        typed = edited.iat[i, c]
        typed = None if pd.isna(typed) else typed  # a cleared cell
        try:
            new_values[i, c] = typed_number(typed)
        except ValueError as exc:
            shown = "An empty cell" if typed is None else f"“{literal_markdown(short(typed, 40))}”"
            refuse(f"{shown} in row {rows[i]}, column {columns[c]} {exc}.")
    if (new_values == values).all():
        return
    weights, biases = list(net.weights), list(net.biases)
    weights[k - 1], biases[k - 1] = new_values[:, :-1], new_values[:, -1]  # lists start at k = 1
    try:
        new = net.replace(weights=weights, biases=biases)
        core.forward(new, *state.data())
    except core.CoreError as exc:
        refuse(f"Edit not applied, the network is unchanged: {exc}")
    else:
        state.set_network(new)
        st.rerun()


def typed_number(text) -> float:
    """The number a cell's text means: 0.001, 1e-3, −2.5, 2.5E2, +4, and a decimal comma
    (1,5 is 1.5). ValueError saying what is accepted for anything else (a thousands separator,
    two commas, words, inf), and for 1,500, which reads both ways."""
    if text is None:
        raise ValueError(NOT_A_NUMBER)
    t = str(text).strip().replace("\u2212", "-")  # the true minus sign the pages write
    if THOUSANDS.fullmatch(t):
        raise ValueError("could be a decimal comma or a thousands separator (write 1.5 or 1500)")
    if t.count(",") == 1 and "." not in t:
        t = t.replace(",", ".")
    if not NUMBER.fullmatch(t):
        raise ValueError(NOT_A_NUMBER)
    x = float(t)
    if not math.isfinite(x):
        raise ValueError("is too large for a float (at most about 1.8e308)")
    return x


def refuse(message: str) -> None:
    """Start the grid again from the network (a new key drops the rejected text) and say why
    once, on the run that follows."""
    st.session_state[GRID_RESET] = st.session_state.get(GRID_RESET, 0) + 1
    st.session_state[GRID_MESSAGE] = message
    st.rerun()


def save_panel(net: core.Network, X: np.ndarray, Y: np.ndarray) -> None:
    st.subheader("Save, load, undo")
    cs1, cs2, cs3 = st.columns([1, 2, 1])
    try:  # the data's column names travel with it
        text = json.dumps(core.to_dict(net, X, Y, state.shared().names))
    except core.CoreError as exc:
        text = json.dumps(core.to_dict(net, X, Y))
        cs1.caption(f"The column names are left out of the file ({exc}).")
    cs1.download_button(
        "Download network (JSON)",
        text,
        file_name="network.json",
        mime="application/json",
        key="download",
    )
    with cs2:
        text = st.text_area("Paste a saved network (JSON)", key="load_text", height=100)
        if st.button("Load from JSON", key="load_json"):
            load_json(text)
    if cs3.button("Undo last change", key="undo", disabled=not state.can_undo()):
        state.undo()
        st.rerun()


def load_json(text: str) -> None:
    try:
        saved = core.from_dict(json.loads(text))
    except json.JSONDecodeError as exc:
        st.error(f"That is not valid JSON ({exc.msg} at line {exc.lineno}). Nothing changed.")
        return
    except (core.CoreError, RecursionError) as exc:
        st.error(f"That is not a saved network: {exc}. Nothing changed.")
        return
    names = None
    if saved.X is None or saved.Y is None:
        X, Y = fitting.default_example(saved.network)
    else:
        X, Y = saved.X, saved.Y
        if saved.names is not None:  # names of the file's own data only
            names = state.DataNames(**saved.names)
    try:
        core.forward(saved.network, X, Y)
    except core.CoreError as exc:
        st.error(f"That network cannot run on its data: {exc}. Nothing changed.")
    else:
        state.set_network(saved.network, X, Y, note="loaded from JSON", names=names)
        st.rerun()

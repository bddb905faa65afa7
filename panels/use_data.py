"""The "Your data" page's shared last steps: choose the output pair, use the data, export it.

Every way of making data (a CSV, a drawing, a formula) ends in a `Candidate`; using it keeps
the current network when it fits and otherwise builds one with the same hidden layers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

import core
import userdata
from cards.names import markdown as markdown_text
from cards.names import short
from core.serialize import MAX_NAME, check_names
from ui import fitting, state
from ui.link_model import NetworkRecipe
from ui.state import DataNames

INIT, SEED = "xavier", 0  # how a new network for the data starts (said on the page)


@dataclass(frozen=True, eq=False)
class Candidate:
    """Data ready to become the shared data: X (m × n⁽⁰⁾), Y (m × n⁽ᴸ⁾), its names, the task
    ("binary", "multiclass", "regression"), the proposed output pair, and where it came from.
    `source` is the UserData of a CSV, so the export can write the file's own units."""

    X: np.ndarray
    Y: np.ndarray
    names: DataNames
    task: str
    proposal: userdata.Proposal
    note: str
    source: userdata.UserData | None = None


def pair_label(pair: tuple[str, str]) -> str:
    g, loss = pair
    return f"{core.ACTIVATION_LABELS[g]} + {core.LOSS_LABELS[loss]}"


def use_panel(data: Candidate) -> None:
    """The output activation and loss (proposal first), and the "Use this data" button."""
    st.subheader("Use this data")
    st.caption(markdown_text(data.proposal.why))  # it may name a class: user text
    proposed = (data.proposal.activation, data.proposal.loss)
    pairs = [proposed, *(p for p in core.valid_pairs() if p != proposed)]
    pair = st.selectbox(
        "Output activation g⁽ᴸ⁾ and loss", pairs, format_func=pair_label, key="use_pair"
    )
    net = state.network()
    keep = _fits(net, data, pair)
    if keep:
        st.caption("The current network fits this data (inputs, outputs and the pair): it is kept.")
    else:
        hidden = "-".join(str(n) for n in net.sizes[1:-1]) or "none"
        st.caption(
            f"A new network is built: the current hidden layers ({hidden}), "
            f"{data.X.shape[1]} input(s), {data.Y.shape[1]} output(s), {pair_label(pair)}; "
            f"weights initialized with {INIT}, seed {SEED}."
        )
    if st.button("Use this data", type="primary", key="use_data"):
        use(data, pair, keep)


def _fits(net: core.Network, data: Candidate, pair: tuple[str, str]) -> bool:
    same_pair = (net.activations[net.L], net.loss) == pair
    return same_pair and fitting.fits(net, data.X, data.Y)


def use(data: Candidate, pair: tuple[str, str], keep: bool) -> None:
    """Make the data (and, if needed, a new network) the shared state, or say why not."""
    net = state.network()
    recipe = None
    if not keep:
        sizes = (data.X.shape[1], *net.sizes[1:-1], data.Y.shape[1])
        activations = (*(net.activations[k] for k in range(1, net.L)), pair[0])
        try:
            net = core.Network.random(list(sizes), list(activations), pair[1], INIT, SEED)
            core.forward(net, data.X, data.Y)
        except core.CoreError as exc:
            st.error(f"This pair cannot be used with this data: {exc}. Nothing changed.")
            return
        recipe = NetworkRecipe(
            sizes=sizes, activations=activations, loss=pair[1], init=INIT, seed=SEED
        )
    names = linkable(data.names, net.sizes)
    state.set_network(net, data.X, data.Y, note=data.note, recipe=recipe, names=names)
    st.session_state["use_source"] = data.source  # the export writes a CSV in its own units
    st.rerun()


def export_text() -> str:
    """The shared data as CSV: the file's own columns when it came from a CSV unchanged,
    else the inputs (named, or x1..xn) and the target (class names, or numbers)."""
    s = state.shared()
    source = st.session_state.get("use_source")
    if source is not None and _same(source, s.X, s.Y):
        return userdata.to_csv(source)
    names = s.names
    n_in, n_out = s.X.shape[1], s.Y.shape[1]
    inputs = list(names.inputs) if names else [f"x{j + 1}" for j in range(n_in)]
    frame = pd.DataFrame(
        {name: [repr(float(v)) for v in s.X[:, j]] for j, name in enumerate(inputs)}
    )
    if names and names.classes:
        labels = s.Y[:, 0] > 0.5 if n_out == 1 else s.Y.argmax(axis=1)
        target = "class" if n_out > 1 else names.outputs[0]
        frame[target] = [names.classes[int(c)] for c in labels]
    else:
        outputs = (
            list(names.outputs)
            if names
            else ["y" if n_out == 1 else f"y{i + 1}" for i in range(n_out)]
        )
        for i, name in enumerate(outputs):
            frame[name] = [repr(float(v)) for v in s.Y[:, i]]
    return frame.to_csv(index=False, lineterminator="\n")


def _same(source: userdata.UserData, X, Y) -> bool:
    return (
        source.X.shape == X.shape
        and source.Y.shape == Y.shape
        and (np.array_equal(source.X, X) and np.array_equal(source.Y, Y))
    )


def export_panel() -> None:
    st.subheader("Export")
    try:
        text = export_text()
    except userdata.TableError as exc:
        st.error(f"The data cannot be written as CSV: {exc}")
        return
    m = state.data()[0].shape[0]
    st.download_button(
        "Download the current data (CSV)",
        text,
        file_name="data.csv",
        mime="text/csv",
        key="export_data",
        help=f"The {m} examples every page uses: inputs, then the target (class names when "
        "the data has them), so a class can share a data set.",
    )


def linkable(names: DataNames | None, sizes) -> DataNames | None:
    """The names as links and saved files can carry them (core.serialize.check_names): each cut
    to MAX_NAME characters; None (the app's x_j, y_j) when even that does not fit."""
    if names is None:
        return None
    cut = [
        None if group is None else tuple(short(n, MAX_NAME) for n in group)
        for group in (names.inputs, names.outputs, names.classes)
    ]
    try:
        check_names(*cut, sizes)
    except core.CoreError:
        return None
    return DataNames(*cut)

"""The one shared network of a user's session, in `st.session_state`, never in module globals.

Keys: "network" (core.Network), "X" (m × n⁽⁰⁾), "Y" (m × n⁽ᴸ⁾), "data_note" (where the data
came from), "undo_stack" (earlier networks, newest last). Every change goes through `set_network`,
which is only called with a network that core has already validated, so a bad edit can
never replace the current network.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

import core

UNDO_DEPTH = 20


@dataclass(frozen=True)
class Traces:
    fwd: core.ForwardTrace
    bwd: core.BackwardTrace


def ensure() -> None:
    """Load the default preset the first time this session runs a page."""
    if "network" not in st.session_state:
        load_preset(core.DEFAULT_PRESET)


def load_preset(name: str) -> None:
    """Replace the network and data by a preset (the old network can be undone)."""
    p = core.preset(name)
    set_network(p.network, p.X, p.Y, note=p.title)
    st.session_state["preset"] = name


def network() -> core.Network:
    ensure()
    return st.session_state["network"]


def data() -> tuple[np.ndarray, np.ndarray]:
    ensure()
    return np.asarray(st.session_state["X"], float), np.asarray(st.session_state["Y"], float)


def set_network(net: core.Network, X=None, Y=None, note: str | None = None, keep_undo=True):
    """Make `net` (and optionally new data) the shared network; the old one is kept for undo."""
    old = st.session_state.get("network")
    if keep_undo and old is not None and old is not net:
        undo = st.session_state.setdefault("undo_stack", [])
        undo.append((old, st.session_state["X"], st.session_state["Y"]))
        del undo[:-UNDO_DEPTH]
    st.session_state["network"] = net
    if X is not None:
        st.session_state["X"] = np.asarray(X, float)
        st.session_state["Y"] = np.asarray(Y, float)
    if note is not None:
        st.session_state["data_note"] = note
    st.session_state["version"] = st.session_state.get("version", 0) + 1


def undo() -> bool:
    stack = st.session_state.get("undo_stack", [])
    if not stack:
        return False
    net, X, Y = stack.pop()
    st.session_state["network"], st.session_state["X"], st.session_state["Y"] = net, X, Y
    st.session_state["version"] = st.session_state.get("version", 0) + 1
    return True


def traces() -> Traces | None:
    """Forward and backward pass of the shared network on the shared data, or None after
    showing why they cannot be computed (e.g. data that no longer fits the network)."""
    net = network()
    X, Y = data()
    try:
        fwd = core.forward(net, X, Y)
        return Traces(fwd, core.backward(net, fwd, Y))
    except core.CoreError as exc:
        st.error(
            f"The current network cannot run on the current data: {exc}. "
            "Fix it on the **Build** page (the network itself is kept)."
        )
        return None

"""The one shared network of a user's session: a frozen `Shared` in st.session_state[KEY].

Per user (st.session_state), never in module globals. Every change goes through `set_network`
(or `load_preset`, `undo`), which stores a new `Shared`; it is only called with a network that
core has already validated, so a bad edit can never replace the current network.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

import numpy as np
import streamlit as st

import core
from ui.link_model import DataRecipe, NetworkRecipe, Recipe

KEY = "shared"
UNDO_DEPTH = 20


@dataclass(frozen=True)
class DataNames:
    """What the user's own data calls its columns (a CSV's header, a formula's inputs).

    inputs: one name per input x_j. outputs: one name per output a_j: the class names of a
    one-hot target, or the target's name. classes: the class names of a classification target
    (binary: the names of 0 and 1), None for regression."""

    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    classes: tuple[str, ...] | None = None


@dataclass(frozen=True, eq=False)
class Shared:
    """The network every page shows, the data it runs on, and how to go back."""

    network: core.Network
    X: np.ndarray  # m × n⁽⁰⁾ inputs, one example per row
    Y: np.ndarray  # m × n⁽ᴸ⁾ targets
    note: str = ""  # where the data came from, shown under each page title
    preset: str | None = None  # the preset last loaded (the Build page's selector starts there)
    version: int = 0  # +1 on every change: widget keys and the figure memo carry it
    undo_stack: tuple[Shared, ...] = ()  # earlier states (without their own stacks), newest last
    # How the network and the data were made, so a link can name them instead of carrying the
    # numbers. It may be stale (after an edit or training): the link checks it bit for bit.
    recipe: Recipe = Recipe()  # noqa: RUF009 (frozen, so one shared default is safe)
    names: DataNames | None = None  # the user's own data's column names (None: x_j, y_j)

    def __post_init__(self):
        # Read-only copies: a page that edits the data must go through set_network.
        for name in ("X", "Y"):
            array = np.array(getattr(self, name), dtype=float)
            array.setflags(write=False)
            object.__setattr__(self, name, array)


@dataclass(frozen=True)
class Traces:
    fwd: core.ForwardTrace
    bwd: core.BackwardTrace


def ensure() -> None:
    """Load the default preset the first time this session runs a page."""
    if KEY not in st.session_state:
        load_preset(core.DEFAULT_PRESET)


def shared() -> Shared:
    ensure()
    return st.session_state[KEY]


def load_preset(name: str) -> None:
    """Replace the network and data by a preset (the old network can be undone)."""
    p = core.preset(name)
    set_network(p.network, p.X, p.Y, note=p.title, recipe=Recipe(preset=name))
    st.session_state[KEY] = replace(st.session_state[KEY], preset=name)


def network() -> core.Network:
    return shared().network


def data() -> tuple[np.ndarray, np.ndarray]:
    """The shared (X, Y): m × n⁽⁰⁾ and m × n⁽ᴸ⁾."""
    s = shared()
    return s.X, s.Y


def note() -> str:
    return shared().note


def preset() -> str | None:
    return shared().preset


def version() -> int:
    return shared().version


def fingerprint(net: core.Network, X, Y) -> str:
    """A digest of the numbers a network's views depend on: its architecture, weights, biases
    and the data (the same network and data in two sessions give the same digest)."""
    h = hashlib.sha1(repr((net.sizes, net.activations, net.loss)).encode())
    for arr in (*net.weights, *net.biases, X, Y):
        h.update(np.ascontiguousarray(arr, dtype=float).tobytes())
    return h.hexdigest()


def content() -> str:
    """fingerprint() of this session's shared network, data and column names, computed once
    per network version."""
    memo = st.session_state.get("_content")
    if memo is None or memo[0] != version():
        s = shared()
        digest = fingerprint(s.network, s.X, s.Y) + repr(s.names)
        memo = st.session_state["_content"] = (version(), digest)
    return memo[1]


def can_undo() -> bool:
    return bool(shared().undo_stack)


def set_network(
    net: core.Network,
    X=None,
    Y=None,
    note: str | None = None,
    keep_undo=True,
    *,
    recipe: Recipe | NetworkRecipe | DataRecipe | None = None,
    names: DataNames | None = None,
):
    """Make `net` (and optionally new data) the shared network; the old state is kept for undo.
    `recipe`: how the new network and/or data were made (a NetworkRecipe or DataRecipe replaces
    only its own part; a Recipe replaces all). `names`: the new data's column names; new data
    without names drops the old ones, a new network keeps them while its sizes still fit."""
    old = st.session_state.get(KEY)
    recipe = _merged(old.recipe if old is not None else Recipe(), recipe)
    if old is None:  # the session's first network (ensure → load_preset) brings its data
        st.session_state[KEY] = Shared(net, X, Y, note or "", version=1, recipe=recipe, names=names)
        return
    if names is None and X is None and old.names is not None:
        fits = len(old.names.inputs) == net.sizes[0] and len(old.names.outputs) == net.sizes[-1]
        names = old.names if fits else None
    stack = old.undo_stack
    if keep_undo and (old.network is not net or X is not None):
        stack = (*stack, replace(old, undo_stack=()))[-UNDO_DEPTH:]
    st.session_state[KEY] = Shared(
        network=net,
        X=old.X if X is None else X,
        Y=old.Y if Y is None else Y,
        note=old.note if note is None else note,
        preset=old.preset,
        version=old.version + 1,
        undo_stack=stack,
        recipe=recipe,
        names=names,
    )


def _merged(old: Recipe, new) -> Recipe:
    if isinstance(new, NetworkRecipe):
        return replace(old, network=new)
    if isinstance(new, DataRecipe):
        return replace(old, data=new)
    return old if new is None else new


def restore(
    net: core.Network, X, Y, recipe: Recipe, note: str, names: DataNames | None = None
) -> None:
    """The state a link carried becomes the shared one (the old one can be undone); `names`:
    the data's column names it carried (None: the link had none, so none are kept)."""
    set_network(net, X, Y, note=note, recipe=recipe, names=names)
    st.session_state[KEY] = replace(st.session_state[KEY], preset=recipe.preset)


def undo() -> bool:
    """Go back to the state before the last change; False when there is nothing to undo."""
    old = shared()
    if not old.undo_stack:
        return False
    st.session_state[KEY] = replace(
        old.undo_stack[-1], version=old.version + 1, undo_stack=old.undo_stack[:-1]
    )
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

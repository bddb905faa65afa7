"""The link is the state: a page's whole state as URL query parameters, and back.

A link names what can be rebuilt (a preset; architecture + init + seed; dataset + size + noise +
seed) and carries everything else exactly (raw float64 bytes, see `link_fields.pack`). The
encoder uses a recipe only after rebuilding it through the decoder and comparing bit for bit.

Parameters, all URL-safe text (`?v=1&page=forward&step=2&preset=worked-2-2-2`):
  v        the link format, FORMAT
  page     one of PAGES;  step  k (Forward 0..L, Backward L..1 then "x");  cell  see `ViewState`
  preset   a core preset: the network and/or the data that no other parameter gives
  arch     sizes.activations.loss, e.g. 2-3-1.tanh-sigmoid.binary_cross_entropy, with either
  init     init.seed (core.Network.random)   or   w   θ⁽¹⁾, b⁽¹⁾, …, θ⁽ᴸ⁾, b⁽ᴸ⁾ exactly
  data     name~n~noise~seed~classes[~test_fraction] (core.make_dataset)  or  xy  X, Y exactly
  SWITCHES one parameter each;  set  the page's own widgets (ui/link_widgets.py)
  names    the data's column names (ui/link_names.py)
Parameters of other names are left to their owners and ignored here. No streamlit: ui/link.py
moves these dictionaries in and out of st.query_params.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

import numpy as np

import core
from ui import link_model, link_names, link_view
from ui.link_fields import MAX_LINK, LinkError
from ui.link_model import PRESET, DataRecipe, NetworkRecipe, Recipe
from ui.link_view import PAGES, SWITCHES, ViewState

__all__ = ["FORMAT", "LINK_LIMIT", "PAGES", "SWITCHES", "LinkError", "ViewState"]
__all__ += ["DataRecipe", "Decoded", "NetworkRecipe", "Recipe", "decode", "encode", "fits"]
__all__ += ["is_link"]

FORMAT = 1
LINK_LIMIT = 8000  # characters of query string; longer states are offered as a JSON download
KEYS = ("v", "page", "step", "cell", "preset", "arch", "init", "w", "data", "xy", "names", "set")
KEYS += tuple(SWITCHES)
assert len(set(KEYS)) == len(KEYS), "a switch would shadow a link parameter"


@dataclass(frozen=True, kw_only=True, eq=False)
class Decoded:
    network: core.Network
    X: np.ndarray  # m × n⁽⁰⁾
    Y: np.ndarray  # m × n⁽ᴸ⁾
    view: ViewState
    recipe: Recipe  # the parts the link rebuilt (None where it carried exact numbers)
    names: link_names.Names | None = None  # the data's column names, when the link has them


def is_link(params: Mapping[str, str]) -> bool:
    """True when the URL carries any parameter of a link (so it should be decoded)."""
    return any(key in params for key in KEYS)


def fits(params: Mapping[str, str]) -> bool:
    """True when the query string is at most LINK_LIMIT characters."""
    return len(urlencode(params)) <= LINK_LIMIT


def encode(
    network: core.Network, X, Y, view: ViewState, *, recipe: Recipe | None = None, names=None
):
    """The query parameters (dict[str, str]) that `decode` turns back into exactly this state.
    names: the data's column names (anything with .inputs, .outputs, .classes), or None.

    Raises LinkError when the state is beyond what a link may carry (a network larger than the
    Build page allows, more than MAX_EXAMPLES examples) or the view does not fit the network.
    """
    X, Y = np.atleast_2d(np.asarray(X, np.float64)), np.atleast_2d(np.asarray(Y, np.float64))
    m, (n_in, n_out) = X.shape[0], (network.sizes[0], network.sizes[-1])
    if X.shape != (m, n_in) or Y.shape != (m, n_out):
        raise LinkError(f"no link: the data is not m × {n_in} inputs and m × {n_out} targets.")
    recipe, cache = recipe or Recipe(), {}
    try:
        link_view.check(view, network, m)
        params = {"v": str(FORMAT), **link_view.write(view)}
        params |= link_model.network_params(network, recipe, cache)
        params |= link_model.data_params(network, X, Y, recipe, cache)
        if names is not None:
            params["names"] = link_names.write(names, network.sizes)
    except LinkError as exc:
        raise LinkError(f"This state cannot be put in a link: {exc}") from None
    return params


def decode(params: Mapping[str, str]) -> Decoded:
    """The state a link carries, every field checked; LinkError (one message) otherwise."""
    try:
        params = _bounded(params)
        _check_version(params.get("v"))
        cache = {}
        if "preset" in params:
            link_model.preset(params, cache)  # checked even when no part uses it
        net, net_source = link_model.read_network(params, cache)
        X, Y, data_source = link_model.read_data(params, net, cache)
        names = link_names.read(params["names"], net.sizes) if "names" in params else None
        view = link_view.read(params)
        link_view.check(view, net, X.shape[0])
    except LinkError as exc:
        raise LinkError(f"Cannot open this link: {exc}") from None
    recipe = Recipe(
        preset=params["preset"] if PRESET in (net_source, data_source) else None,
        network=net_source if isinstance(net_source, NetworkRecipe) else None,
        data=data_source if isinstance(data_source, DataRecipe) else None,
    )
    return Decoded(network=net, X=X, Y=Y, view=view, recipe=recipe, names=names)


def _bounded(params) -> dict[str, str]:
    if not isinstance(params, Mapping) or len(params) > 100:
        raise LinkError("a link is a short list of query parameters.")
    total = 0
    for key, value in params.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise LinkError("every query parameter must be text.")
        total += len(key) + len(value) + 2
        if total > MAX_LINK:
            raise LinkError(
                f"it is longer than {MAX_LINK // 1024} KB, more than any link made here."
            )
    return dict(params)


def _check_version(v) -> None:
    if v is None:
        raise LinkError(
            "it has no format version (v); it was not made by this app or is cut short."
        )
    if not isinstance(v, str) or not re.fullmatch(r"[0-9]{1,6}", v):
        raise LinkError("its format version (v) is not a number; it was not made by this app.")
    if int(v) > FORMAT:
        raise LinkError(
            f"it was made by a newer version of the app (link format {int(v)}; this app reads "
            f"format {FORMAT}). Open it there, or ask for a new link."
        )
    if int(v) < FORMAT:
        raise LinkError(
            f"it was made by an older version of the app (link format {int(v)}) that this app no "
            f"longer reads (format {FORMAT}). Ask for a new link."
        )

"""Each page's own settings in a link: the widgets whose values are part of the screen.

One parameter, `set`, alternates widget keys and values with "~" (a character no key and no
value holds: values are 0/1, whole numbers, floats as `write_number` writes them, 1e-06, or
words with "_" and "-"):  set=gc_eps~1e-05~gc_bug_flip_sign~1.  Only values that differ from
the widget's default are written; opening a link puts every listed widget of its page at the
link's value or back at its default.

The table says, per page, each widget's key, kind, default and bounds, read from the widget
itself (app_pages/ and panels/). Where a page builds its options from a table, this module reads
the same table. Left out: the Train page's dataset picker (the data it makes travels as a
recipe) and the Input gradient page's start x₀, x₁ (their default is computed from the data).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

import core
from ui.link_fields import LinkError, number, whole, write_number

SEP = "~"


@dataclass(frozen=True)
class Setting:
    """kind: bool, int, float, or {word in the link: the widget's value} for a choice.
    default: the widget's value, or a function of the network for one the page computes.
    low..high: bounds of an int or float; high "m" (an example, 0..m − 1) or "outputs"
    (an output neuron, 0..n⁽ᴸ⁾ − 1) for a bound that depends on the state."""

    key: str
    kind: object
    default: object
    low: float = 0
    high: float | str = 0

    def default_for(self, net):
        return self.default(net) if callable(self.default) else self.default

    def high_for(self, net, m: int):
        return {"m": m - 1, "outputs": net.sizes[-1] - 1}.get(self.high, self.high)


def _floats(values) -> dict[str, float]:
    return {write_number(v): float(v) for v in values}


def pair_label(g: str, loss: str) -> str:
    """The Output layer lab's label of a pairing (app_pages/output_lab.py `label`)."""
    return f"{core.ACTIVATION_LABELS[g]} + {core.LOSS_LABELS[loss]}"


def _lab_pair(net) -> str:
    return pair_label(net.activations[net.L], net.loss)


# The Input gradient page's field choice (panels/input_gradient.py field_panel).
IG_WHAT = {"error": "∂E/∂x for a target", "output": "∂aᶜ/∂x of one output"}


@functools.cache
def table() -> dict[str, tuple[Setting, ...]]:
    """Per page, its settings. Built on first use: panels import streamlit, links need not."""
    from panels import gradient_check as gc  # the page's own option lists
    from ui.training import EPOCH_CAP  # the most epochs one run trains: the one limit

    pairs = {f"{g}-{loss}": pair_label(g, loss) for g, loss in core.valid_pairs()}
    return {
        "gradient_check": (
            Setting("gc_eps", _floats(gc.EPSILONS), 1e-6),
            Setting("gc_tol", _floats(gc.TOLERANCES), 1e-4),
            *(Setting(f"gc_bug_{name}", bool, False) for name in core.BUGS),
        ),
        "output_lab": (
            Setting("lab_pair", pairs, _lab_pair),
            Setting("lab_target", _floats([1.0, 0.0]), 1.0),
            Setting("lab_span", float, 10.0, 2.0, 20.0),
            Setting("lab_example", int, 0, 0, "m"),
        ),
        "train": (
            Setting("tr_opt", {name: name for name in core.OPTIMIZERS}, list(core.OPTIMIZERS)[2]),
            Setting("tr_eta", float, 0.01, 1e-5, 10.0),
            Setting("tr_batch", int, 500, 1, 5000),
            Setting("tr_l2", float, 0.0, 0.0, 1.0),
            Setting("tr_epochs", int, 20_000, 1, EPOCH_CAP),
            Setting("tr_target", float, 0.0, 0.0, 100.0),
        ),
        "input_gradient": (
            Setting("ig_what", IG_WHAT, IG_WHAT["error"]),
            Setting("ig_neuron_field", int, 0, 0, "outputs"),
            Setting("ig_class", int, 0, 0, "outputs"),
            Setting("ig_y01", _floats([1.0, 0.0]), 1.0),
            Setting("ig_yval", float, 1.0, -10.0, 10.0),
            Setting("ig_neuron", int, 0, 0, "outputs"),
            Setting("ig_steps", int, 100, 1, 500),
            Setting("ig_rate", float, 0.05, 0.001, 10.0),
        ),
    }


def settings_of(page: str) -> dict[str, Setting]:
    return {s.key: s for s in table().get(page, ())}


# ---------------------------------------------------------------- the rules, both ways


def check(page: str, values, net, m: int) -> None:
    """LinkError unless every (key, value) is a setting of `page` that this state can show."""
    if not isinstance(values, dict):
        raise LinkError("the settings are not a dictionary.")
    if values and page not in table():
        raise LinkError(f"the {page} page has no settings a link carries.")
    known = settings_of(page)
    for key, value in values.items():
        if key not in known:
            raise LinkError(f"unknown setting; the {page} page has {', '.join(known)}.")
        if not _fits(known[key], value, net, m):
            raise LinkError(f"the setting {key} has a value this app does not use here.")


def _fits(s: Setting, value, net, m: int) -> bool:
    if s.kind is bool:
        return isinstance(value, bool)
    if s.kind is int:
        ok = isinstance(value, (int, np.integer)) and not isinstance(value, bool)
        return ok and s.low <= value <= s.high_for(net, m)
    if s.kind is float:
        ok = isinstance(value, (int, float, np.number)) and not isinstance(value, bool)
        return ok and bool(np.isfinite(value)) and s.low <= value <= s.high_for(net, m)
    return any(type(value) is type(v) and value == v for v in s.kind.values())


def write(values: dict) -> str:
    """The `set` parameter of checked settings (after `check`)."""
    settings = {s.key: s for page in table().values() for s in page}
    parts = []
    for key, value in values.items():
        parts += [key, _text(settings[key], value)]
    return SEP.join(parts)


def _text(s: Setting, value) -> str:
    if s.kind is bool:
        return "1" if value else "0"
    if s.kind is int:
        return str(int(value))
    if s.kind is float:
        return write_number(value)
    return next(word for word, v in s.kind.items() if type(value) is type(v) and value == v)


def read(text, page) -> dict:
    """The settings a `set` parameter carries for `page`, each parsed by its kind (the bounds
    that depend on the state come in `check`)."""
    known = settings_of(page) if isinstance(page, str) else {}
    if not known:
        raise LinkError("this page has no settings a link carries.")
    parts = text.split(SEP)
    if len(parts) % 2 or len(parts) > 2 * len(known):
        raise LinkError("set must be written key~value~key~value, each key once.")
    values = {}
    for key, raw in zip(parts[::2], parts[1::2]):
        if key not in known:
            raise LinkError(f"unknown setting; the {page} page has {', '.join(known)}.")
        if key in values:
            raise LinkError(f"the setting {key} is given twice.")
        values[key] = _parse(known[key], raw)
    return values


def _parse(s: Setting, raw: str):
    what = f"the setting {s.key}"
    if s.kind is bool:
        if raw not in ("0", "1"):
            raise LinkError(f"{what} must be 0 or 1.")
        return raw == "1"
    if s.kind is int:  # a bound that depends on the state is checked in `check`
        return whole(raw, what, int(s.low), s.high if isinstance(s.high, int) else 9_999_999)
    if s.kind is float:
        return number(raw, what, s.low, s.high)
    if raw not in s.kind:
        raise LinkError(f"{what} has a value this app does not use here.")
    return s.kind[raw]


# ---------------------------------------------------------------- the widgets


def current(page: str, session, net, m: int) -> dict:
    """The settings of `page` as its widgets stand in `session` (st.session_state), leaving out
    defaults and values this state cannot show (a widget left over from another network)."""
    values = {}
    for s in table().get(page, ()):
        if s.key not in session:
            continue
        value = session[s.key]
        if value != s.default_for(net) and _fits(s, value, net, m):
            values[s.key] = value
    return values


def apply(page: str, values: dict, session, net) -> None:
    """Every setting of `page` at the link's value, or at its default by removing its key (so
    a widget created with value=default never meets a conflicting Session State value)."""
    for s in table().get(page, ()):
        value = values.get(s.key, s.default_for(net))
        if value == s.default_for(net):
            session.pop(s.key, None)
        else:
            session[s.key] = value


__all__ = ["IG_WHAT", "SEP", "Setting", "apply", "check", "current", "read", "table", "write"]

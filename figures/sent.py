"""Figures held as the dict st.plotly_chart sends (plotly's JSON form), for charts that change
only their numbers a few times a second (a live run) and for the dicts hide_panels and
for_projector write.

A go.Figure checks every number it is given and is deep-copied whole on each to_dict() (which
st.plotly_chart calls); a plain dict is checked again trace by trace there (Figure(**dict)).
For the ten curves of a live run's refresh that was ~15 ms of a server's time, 3 times a
second per trainer. A Sent is checked once, when the figure it came from was built.
"""

from __future__ import annotations

import plotly.graph_objects as go
from _plotly_utils.utils import convert_to_base64


class Sent(go.Figure):
    """A figure that is its dict `spec`. The dict is shared, never changed: whoever changes
    what it draws copies it first (hide_panels, for_projector, refilled). Only to_dict() is
    there: a go.Figure's own state (its validators and template, ~190 objects that the
    collector would walk for each figure a session keeps) is never built."""

    def __init__(self, spec: dict):  # no go.Figure.__init__: see above
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec

    def __repr__(self) -> str:
        return f"Sent({self._spec!r})"


def untracked(data):
    """`data` (JSON-like: dicts, lists, numbers, strings) with every list a tuple, sent as
    the same JSON. Data kept for many reruns (figures, built steps) is then left alone by
    CPython's collector, which stops tracking tuples and dicts of numbers and strings: a
    server holding a class's figures kept ~80,000 small lists (cell texts, colour scales, the
    template), and each full collection walked them all with the GIL held (~25 ms, every 2 s
    under `make load`)."""
    if isinstance(data, dict):
        return {key: untracked(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return tuple(untracked(value) for value in data)
    return data


def sendable(fig: go.Figure | dict) -> go.Figure:
    """`fig` as st.plotly_chart takes it without checking it again: a dict as a Sent."""
    return Sent(fig) if isinstance(fig, dict) else fig


def kept(fig: go.Figure) -> dict:
    """The dict of `fig` to keep and refill: a Sent's own, or a go.Figure's, made once."""
    return fig.to_dict() if isinstance(fig, Sent) else untracked(fig.to_dict())


def refilled(spec: dict, traces: list[dict], axes: dict[str, dict] | None = None) -> Sent:
    """`spec` (a figure's dict) with the keys of its first traces replaced by `traces` (one
    dict per trace, in order) and the keys of its layout's axes by `axes` ({"yaxis2": {…}}; a
    key set to None is removed, as plotly's update does). Numeric arrays are written as
    to_dict writes them (typed arrays), so the result is what building the figure anew with
    these numbers would send."""
    data = list(spec["data"])
    for i, change in enumerate(traces):
        new = dict(change)
        convert_to_base64(new)
        data[i] = {**data[i], **new}
    layout = dict(spec.get("layout", {}))
    for name, change in (axes or {}).items():
        merged = {**layout.get(name, {}), **change}
        merged = {key: value for key, value in merged.items() if value is not None}
        convert_to_base64(merged)
        layout[name] = merged
    return Sent({**spec, "data": data, "layout": layout})

"""Per-session memo for figures that are slow to build (plotly validates every trace), and
slow to hand to st.plotly_chart again (plotly copies the figure each time: done once here).

Reruns caused by clicks and selectors reuse a figure built for the same network version and
the same view. Lives in st.session_state (per user), never in module globals, and keeps only
the last few figures.
"""

from __future__ import annotations

from collections import OrderedDict

import streamlit as st
from plotly.basedatatypes import BaseFigure

import figures
from figures.sent import kept
from ui import state

KEEP = 24


def figure(key: tuple, build):
    """The figure for `key` (with the network version added), built at most once."""
    memo = st.session_state.setdefault("_figure_memo", OrderedDict())
    full_key = (state.version(), *key)
    if full_key in memo:
        memo.move_to_end(full_key)
        return memo[full_key]
    fig = _frozen(build())
    memo[full_key] = fig
    while len(memo) > KEEP:
        memo.popitem(last=False)
    return fig


def _frozen(fig):
    """`fig` as its dict, computed once (a figures.Sent): st.plotly_chart calls to_dict() on
    every rerun, and plotly deep-copies the whole figure there (~1 ms for the explain panel's
    diagram, more for the animation)."""
    return figures.Sent(kept(fig)) if isinstance(fig, BaseFigure) else fig

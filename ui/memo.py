"""Per-session memo for figures that are slow to build (plotly validates every trace), and
slow to hand to st.plotly_chart again (plotly copies the figure each time: done once here).

Reruns caused by clicks and selectors reuse a figure built for the same network version and
the same view. Lives in st.session_state (per user), never in module globals, and keeps only
the last few figures.
"""

from __future__ import annotations

from collections import OrderedDict

import streamlit as st

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
    """`fig` whose to_dict() is computed once: st.plotly_chart calls it on every rerun, and
    plotly deep-copies the whole figure there (~1 ms for the explain panel's diagram, more for
    the animation). A memo's figure is never changed after it is built; callers that change
    what they draw (hide_panels, for_projector) copy the dict first."""
    if not hasattr(fig, "to_dict"):
        return fig
    built = type(fig).to_dict(fig)
    fig.to_dict = lambda: built
    return fig

"""Turning a click on a heatmap cell into the "explain this number" selectors' values."""

from __future__ import annotations

import streamlit as st

import figures


def clicked_cell(chart_key: str):
    """(kind, k, row, col) of the point last clicked in chart `chart_key`, or None."""
    event = st.session_state.get(chart_key)
    if not event:
        return None
    selection = event.get("selection") if hasattr(event, "get") else None
    points = (selection or {}).get("points") or []
    for point in points:
        target = figures.click_target(point)
        if target is not None:
            return target
    return None


def apply_click(chart_key: str, keys: dict) -> None:
    """If a new cell was clicked in `chart_key`, point the selectors at it.

    `keys` names the session-state keys of the selectors: kind, i, j, example. Runs before
    those widgets are drawn, which is when Streamlit allows setting their values.
    """
    target = clicked_cell(chart_key)
    if target is None or st.session_state.get(f"{chart_key}__done") == target:
        return
    st.session_state[f"{chart_key}__done"] = target
    select(target, keys)


def select(target: tuple, keys: dict) -> None:
    """Point the selectors named in `keys` at the cell `target` = (kind, k, row, col)."""
    kind, _k, row, col = target
    st.session_state[keys["kind"]] = kind
    if kind == "delta":
        st.session_state[keys["example"]], st.session_state[keys["i"]] = row, col
    elif kind == "grad_w":
        st.session_state[keys["i"]], st.session_state[keys["j"]] = row, col
    else:
        st.session_state[keys["i"]] = row

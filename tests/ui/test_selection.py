"""A click on a heatmap cell points the "explain this number" selectors at that cell.

The events are built the way Streamlit delivers a plotly selection (see figures.heatmap's click
layer: customdata = [kind, k, row, col]). Rows and columns differ in every case, so a swapped
example and neuron, or i and j, fails.
"""

import pytest
from streamlit.testing.v1 import AppTest

CHART = "cells"
KINDS = ["delta", "grad_w", "grad_b"]


def _script():
    import streamlit as st

    from ui import selection

    selection.apply_click(
        "cells", {"kind": "sel_kind", "i": "sel_i", "j": "sel_j", "example": "sel_example"}
    )
    # The selectors are drawn after the click is applied, as on the Backward page.
    st.selectbox("What", ["delta", "grad_w", "grad_b"], key="sel_kind")
    st.selectbox("Example", range(7), key="sel_example")
    st.selectbox("Neuron i", range(6), key="sel_i")
    st.selectbox("Neuron j", range(5), key="sel_j")


def _event(*points) -> dict:
    """A plotly chart's selection state after a click, as st.plotly_chart stores it."""
    return {
        "selection": {
            "points": list(points),
            "point_indices": [p["point_index"] for p in points],
            "box": [],
            "lasso": [],
        }
    }


def _point(customdata=None, index=0) -> dict:
    point = {"curve_number": 1, "point_number": index, "point_index": index, "x": 0, "y": 0}
    if customdata is not None:
        point["customdata"] = customdata
    return point


def _app() -> AppTest:
    at = AppTest.from_function(_script, default_timeout=30).run()
    # Start from values no click below selects, so "left alone" can be seen.
    at.selectbox(key="sel_example").set_value(6)
    at.selectbox(key="sel_i").set_value(5)
    at.selectbox(key="sel_j").set_value(4)
    return at.run()


def _selected(at: AppTest) -> dict:
    assert not at.exception, [e.value for e in at.exception]
    return {name: at.selectbox(key=f"sel_{name}").value for name in ("kind", "example", "i", "j")}


@pytest.mark.parametrize(
    ("customdata", "expected"),
    [
        # δ heatmap: one row per example, one column per neuron i of layer k
        (["delta", 2, 3, 1], {"kind": "delta", "example": 3, "i": 1, "j": 4}),
        # ∂E/∂θ⁽ᵏ⁾ heatmap: row i (neuron of layer k), column j (neuron of layer k − 1)
        (["grad_w", 1, 2, 0], {"kind": "grad_w", "example": 6, "i": 2, "j": 0}),
        # ∂E/∂b⁽ᵏ⁾: one column, row i
        (["grad_b", 1, 4, 0], {"kind": "grad_b", "example": 6, "i": 4, "j": 4}),
    ],
)
def test_a_click_selects_the_cell_it_was_on(customdata, expected):
    at = _app()
    at.session_state[CHART] = _event(_point(customdata, index=2))
    at.run()
    assert _selected(at) == expected


def test_points_of_other_layers_are_skipped_and_an_empty_selection_changes_nothing():
    at = _app()
    before = _selected(at)
    at.session_state[CHART] = _event()
    at.run()
    assert _selected(at) == before
    # the colour layer under the click layer carries no customdata; the click layer does
    at.session_state[CHART] = _event(_point(index=0), _point(["grad_w", 1, 3, 2], index=7))
    at.run()
    assert _selected(at) == {"kind": "grad_w", "example": 6, "i": 3, "j": 2}


def test_a_click_is_applied_once_so_the_selectors_stay_free():
    at = _app()
    at.session_state[CHART] = _event(_point(["delta", 2, 3, 1]))
    at.run()
    at.selectbox(key="sel_i").set_value(0).run()  # the student picks another neuron
    assert _selected(at)["i"] == 0  # the old click (still in the chart's state) does not win
    at.session_state[CHART] = _event(_point(["delta", 2, 5, 2]))  # a new click does
    at.run()
    assert _selected(at) == {"kind": "delta", "example": 5, "i": 2, "j": 4}

"""Predict first on Backward: layer k's heatmap numbers stay hidden until the answer is checked
(∂E/∂b = mean δ and ∂E/∂θ = a δ would give a hidden δ away), then show again."""

import json

import numpy as np
from app_helpers import (
    BWD_VIEW,
    heatmaps,
    open_page,
    step_charts,
    steps_without_time_box,  # noqa: F401 (autouse: every step is built)
)

import core

WORKED = core.preset("worked-2-2-2")


def _layer_texts(at) -> dict[str, list]:
    chart = next(c for c in at.get("plotly_chart") if "bwd_cells" in c.proto.id)
    spec = json.loads(chart.proto.spec)
    return {t["name"]: t.get("text") for t in spec["data"] if t["type"] == "heatmap"}


def _delta_output(example=0):
    """δ⁽²⁾ of the worked example from the formulas: (a − y) ⊙ a(1 − a), sigmoid, ½‖a − y‖²."""
    x, y = WORKED.X[example], WORKED.Y[example]
    net = WORKED.network
    a = x
    for k in (1, 2):
        a = 1 / (1 + np.exp(-(net.weights[k] @ a + net.biases[k])))
    return (a - y) * a * (1 - a)


def test_layer_numbers_are_hidden_until_the_prediction_is_checked():
    at = open_page("backward", state={"predict_first": True})
    texts = _layer_texts(at)
    assert set(texts) == {"δ⁽²⁾", "∂E/∂θ⁽²⁾", "∂E/∂b⁽²⁾"}
    assert all(c == "?" for rows in texts.values() for row in rows for c in row)
    delta = _delta_output()[0]
    at.text_input(key="bwd_predict_answer").set_value(repr(float(delta))).run()
    at.button(key="bwd_predict_check").click().run()
    shown = _layer_texts(at)["δ⁽²⁾"]
    assert float(shown[0][0].replace("−", "-")) == float(f"{delta:+.4g}")


def test_without_predict_first_the_numbers_are_shown():
    at = open_page("backward")
    assert not [c for c in at.get("plotly_chart") if "bwd_cells" in c.proto.id]
    # the layer's figure is drawn in the browser, by the stepper (ui/stepview.py)
    layer = step_charts(at, BWD_VIEW, 2)["layer"]
    texts = {name: t.get("text") for name, t in heatmaps(layer).items()}
    assert set(texts) == {"δ⁽²⁾", "∂E/∂θ⁽²⁾", "∂E/∂b⁽²⁾"}
    assert "?" not in {c for rows in texts.values() for row in rows for c in row}
    delta = _delta_output()
    shown = [float(c.replace("−", "-")) for c in texts["δ⁽²⁾"][0]]
    assert shown == [float(f"{d:+.4g}") for d in delta]

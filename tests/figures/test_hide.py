"""Predict first: the hidden panels show "?" and no colour; every other panel is untouched."""

import numpy as np

import core
import figures
from figures.hide import HIDDEN, hide_panels

XOR = core.preset("xor")


def _figure(k):
    fwd = core.forward(XOR.network, XOR.X, XOR.Y)
    bwd = core.backward(XOR.network, fwd, XOR.Y)
    return figures.backward_layer(XOR.network, fwd, bwd, k)


def test_the_three_panels_of_layer_k_lose_every_number_and_colour():
    fig = _figure(1)
    d = hide_panels(fig, figures.backward_panel_names(1))
    heatmaps = [t for t in d["data"] if t["type"] == "heatmap"]
    clicks = [t for t in d["data"] if t["type"] == "scatter"]
    assert [t["name"] for t in heatmaps] == ["δ⁽¹⁾", "∂E/∂θ⁽¹⁾", "∂E/∂b⁽¹⁾"]
    shapes = [(4, 3), (3, 2), (3, 1)]  # δ: m × n⁽¹⁾; θ: n⁽¹⁾ × n⁽⁰⁾; b: n⁽¹⁾ × 1
    for trace, shape in zip(heatmaps, shapes):
        assert np.array(trace["z"]).shape == shape and not np.any(trace["z"])
        assert np.array(trace["text"]).shape == shape
        assert {c for row in trace["text"] for c in row} == {HIDDEN}
    for trace, shape in zip(clicks, shapes):
        assert trace["text"] == [HIDDEN] * (shape[0] * shape[1])
        assert len(trace["customdata"]) == shape[0] * shape[1]  # cells can still be chosen


def test_other_panels_and_the_original_figure_are_untouched():
    fig = _figure(2)
    before = fig.to_dict()
    d = hide_panels(fig, frozenset({"δ⁽²⁾"}))
    assert fig.to_dict() == before  # a memoized figure must not change
    grad = next(t for t in d["data"] if t["name"] == "∂E/∂θ⁽²⁾")
    assert HIDDEN not in {c for row in grad["text"] for c in row}
    assert d["data"][0]["text"] == [[HIDDEN]] * 4 or all(
        row == [HIDDEN] for row in d["data"][0]["text"]
    )


def test_names_of_other_layers_hide_nothing():
    fig = _figure(2)
    d = hide_panels(fig, figures.backward_panel_names(1))
    assert d == fig.to_dict()

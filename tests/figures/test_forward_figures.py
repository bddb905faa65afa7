"""Forward figures beyond the cell-by-cell checks of test_cells.py: bounds and sizes."""

import numpy as np
import pytest
from figure_checks import heatmaps

import figures


def test_step_k_out_of_range(worked):
    for k in (0, worked.net.L + 1):
        with pytest.raises(ValueError):
            figures.forward_layer(worked.net, worked.fwd, k)


def test_small_theta_carries_text_large_batches_do_not(small, largest):
    a_prev, theta, _, _ = heatmaps(figures.forward_layer(small.net, small.fwd, 2))
    assert np.array(theta.text).shape == (3, 3) and a_prev.text is None  # 20 rows: no text
    fig = figures.forward_layer(largest.net, largest.fwd, 5, example=0)
    assert all(h.text is None for h in heatmaps(fig))
    assert len(fig.to_json()) < 300_000


def test_output_summary_two_outputs_and_many_examples(worked, largest):
    assert len(figures.output_summary(worked.fwd).data) == 6  # two outputs: gap, y, a each
    fig = figures.output_summary(largest.fwd)
    assert all(len(t.x) <= 3 * 64 for t in fig.data)
    assert "examples 0–63 of 500" in fig.layout.title.text


def test_output_summary_legend_names_only_outputs_and_targets(worked, small):
    """The gap lines have no name: left in the legend, plotly would call them "trace 0"."""
    fig = figures.output_summary(worked.fwd)
    shown = [t.name for t in fig.data if t.showlegend is not False]
    assert sorted(shown) == ["output a₀⁽²⁾", "output a₁⁽²⁾", "target y₀", "target y₁"]
    # the x axis pads the examples 0..m−1 by the same 0.6 on both sides (no empty slot)
    m = small.fwd.m
    assert tuple(figures.output_summary(small.fwd).layout.xaxis.range) == (-0.6, m - 1 + 0.6)


def test_chosen_example_outline_spans_the_whole_row(small):
    fig = figures.forward_layer(small.net, small.fwd, 2, example=4)
    assert len(fig.layout.shapes) == 3
    for s in fig.layout.shapes:  # x in the panel's domain: 0..1 is the full width
        assert s.xref.endswith(" domain") and (s.x0, s.x1) == (0, 1)
        assert (s.y0, s.y1) == (3.5, 4.5)

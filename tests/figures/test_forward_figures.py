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

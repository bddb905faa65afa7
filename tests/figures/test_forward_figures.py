import numpy as np
import pytest
from figure_checks import close, heatmaps

import figures


def test_four_heatmaps_with_the_trace_values(small):
    net, fwd = small.net, small.fwd
    fig = figures.forward_layer(net, fwd, 2)
    a_prev, theta, z, a = heatmaps(fig)
    assert close(a_prev.z, fwd.a[1]) and close(theta.z, net.weights[2])
    assert close(z.z, fwd.z[2]) and close(a.z, fwd.a[2])
    titles = [an.text for an in fig.layout.annotations]
    assert titles == ["a⁽¹⁾  (20 × 3)", "θ⁽²⁾  (3 × 3)", "z⁽²⁾  (20 × 3)", "a⁽²⁾  (20 × 3)"]
    assert fig.layout.yaxis2.title.text == "i (layer 2)"
    assert fig.layout.xaxis2.title.text == "j (layer 1)"
    assert np.array(theta.text).shape == (3, 3)  # θ is small: values written in the cells


def test_at_most_64_examples_and_the_chosen_example_outlined(medium):
    fig = figures.forward_layer(medium.net, medium.fwd, 1, example=150)
    a_prev, _, z, _ = heatmaps(fig)
    assert np.asarray(a_prev.z).shape[0] == 64
    rows = list(a_prev.y)
    assert 150 in rows
    assert close(z.z, medium.fwd.z[1][rows[0] : rows[-1] + 1])
    assert "of 200" in fig.layout.title.text
    outlined = {(s.y0 + s.y1) / 2 for s in fig.layout.shapes}
    assert outlined == {150}


def test_step_k_out_of_range(worked):
    with pytest.raises(ValueError):
        figures.forward_layer(worked.net, worked.fwd, 0)


def test_output_summary(small, worked):
    fig = figures.output_summary(small.fwd)
    assert f"E = {small.fwd.loss:.6g}" in fig.layout.title.text
    outputs = [t for t in fig.data if t.name and t.name.startswith("output")]
    targets = [t for t in fig.data if t.name and t.name.startswith("target")]
    assert close(np.column_stack([t.y for t in outputs]), small.fwd.output)
    assert close(np.column_stack([t.y for t in targets]), small.Y)
    assert len(figures.output_summary(worked.fwd).data) == 6  # two outputs: gap, y, a each


def test_builds_for_the_example_architectures(medium, largest):
    for case in (medium, largest):
        for k in range(1, case.net.L + 1):
            figures.forward_layer(case.net, case.fwd, k, example=0)
        fig = figures.output_summary(case.fwd)
        assert all(len(t.x) <= 3 * 64 for t in fig.data)

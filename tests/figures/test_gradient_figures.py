import numpy as np
from figure_checks import close, heatmaps

import core
import figures


def test_update_comparison(small):
    new = core.sgd_step(small.net, small.bwd, 0.5)
    fig = figures.update_comparison(small.net, new, 2)
    before, after, change = heatmaps(fig)
    assert close(before.z, small.net.weights[2]) and close(after.z, new.weights[2])
    assert close(change.z, new.weights[2] - small.net.weights[2])
    # the change is −η ∂E/∂θ: an independent check of what the figure shows
    assert close(change.z, -0.5 * small.bwd.grad_weights[2])
    assert before.zmax == after.zmax and change.zmax != before.zmax
    assert "θ⁽²⁾ before" in fig.layout.annotations[0].text


def test_per_example_gradients(small):
    fwd, bwd, k = small.fwd, small.bwd, 2
    fig = figures.per_example_gradients(fwd, bwd, k, max_examples=5)
    panels = heatmaps(fig)
    assert len(panels) == 6
    for e, panel in enumerate(panels[:5]):
        expected = np.array(
            [[fwd.a[k - 1][e, j] * bwd.delta[k][e, i] for j in range(3)] for i in range(3)]
        )
        assert close(panel.z, expected)
    assert close(panels[-1].z, bwd.grad_weights[k])  # the mean over all m = core's gradient
    assert len({(p.zmin, p.zmax) for p in panels}) == 1
    assert sum(bool(p.showscale) for p in panels) == 1


def test_per_example_gradients_few_examples(worked, largest):
    fig = figures.per_example_gradients(worked.fwd, worked.bwd, 1)
    assert len(heatmaps(fig)) == 2  # one example and the mean
    fig = figures.per_example_gradients(largest.fwd, largest.bwd, 5)
    assert len(heatmaps(fig)) == 9 and len(fig.to_json()) < 300_000


def test_per_example_gradients_max_examples_and_text():
    """max_examples=1 shows one example and the mean; a 3 × 6 product (18 > 16 cells) has no
    numbers written in its cells, a 2 × 2 one has them."""
    net = core.Network.random([6, 3, 2], ["tanh", "linear"], "half_squared_error", seed=0)
    X = np.linspace(-1, 1, 30).reshape(5, 6)
    Y = np.zeros((5, 2))
    fwd = core.forward(net, X, Y)
    bwd = core.backward(net, fwd, Y)
    panels = heatmaps(figures.per_example_gradients(fwd, bwd, 1, max_examples=1))
    assert len(panels) == 2 and all(p.text is None for p in panels)
    panels = heatmaps(figures.per_example_gradients(fwd, bwd, 2, max_examples=0))
    assert len(panels) == 2  # at least one example
    assert all(np.array(p.text).shape == (2, 3) for p in panels)

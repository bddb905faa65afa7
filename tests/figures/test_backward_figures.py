import numpy as np
from figure_checks import click_layers, close, heatmaps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import core
import figures


def test_three_heatmaps_equal_the_backward_trace(small):
    net, fwd, bwd = small.net, small.fwd, small.bwd
    for k in range(1, net.L + 1):
        delta, grad_w, grad_b = heatmaps(figures.backward_layer(net, fwd, bwd, k))
        assert close(delta.z, bwd.delta[k])
        assert close(grad_w.z, bwd.grad_weights[k])
        assert close(grad_b.z, bwd.grad_biases[k][:, None])


def test_shared_scale_is_fixed_across_layers(medium):
    net, fwd, bwd = medium.net, medium.fwd, medium.bwd
    d_max = max(np.abs(bwd.delta[k][:64]).max() for k in range(1, net.L + 1))
    g_max = max(
        max(np.abs(bwd.grad_weights[k]).max(), np.abs(bwd.grad_biases[k]).max())
        for k in range(1, net.L + 1)
    )
    for k in range(1, net.L + 1):
        delta, grad_w, grad_b = heatmaps(figures.backward_layer(net, fwd, bwd, k))
        assert (delta.zmin, delta.zmax) == (-d_max, d_max)
        assert grad_w.zmax == grad_b.zmax == g_max and grad_w.zmin == -g_max


def test_per_layer_scale(medium):
    net, fwd, bwd = medium.net, medium.fwd, medium.bwd
    for k in range(1, net.L + 1):
        fig = figures.backward_layer(net, fwd, bwd, k, shared_scale=False)
        delta, grad_w, _ = heatmaps(fig)
        assert delta.zmax == np.abs(bwd.delta[k][:64]).max()
        g = max(np.abs(bwd.grad_weights[k]).max(), np.abs(bwd.grad_biases[k]).max())
        assert grad_w.zmax == g


def test_click_layers_customdata(small):
    net, fwd, bwd = small.net, small.fwd, small.bwd
    fig = figures.backward_layer(net, fwd, bwd, 2)
    delta, grad_w, grad_b = click_layers(fig)
    assert len(delta.customdata) == 20 * 3 and len(grad_w.customdata) == 3 * 3
    assert len(grad_b.customdata) == 3
    for layer, kind in ((delta, "delta"), (grad_w, "grad_w"), (grad_b, "grad_b")):
        curve = list(fig.data).index(layer)
        for index, data in enumerate(layer.customdata):
            point = {"customdata": list(data), "curve_number": curve, "point_index": index}
            got = figures.click_target(point)
            assert got == (kind, 2, int(layer.y[index]), int(layer.x[index]))
            assert layer.xaxis == next(h.xaxis for h in heatmaps(fig) if h.name in layer.name)
    assert {tuple(d[2:]) for d in grad_b.customdata} == {(0, 0), (1, 0), (2, 0)}
    (example, neuron) = delta.customdata[4][2:]
    assert (example, neuron) == (1, 1)  # row = example, col = neuron i


def test_not_clickable(worked):
    fig = figures.backward_layer(worked.net, worked.fwd, worked.bwd, 1, clickable=False)
    assert not click_layers(fig) and len(heatmaps(fig)) == 3


def test_largest_network_stays_light(largest):
    net, fwd, bwd = largest.net, largest.fwd, largest.bwd
    fig = figures.backward_layer(net, fwd, bwd, 4)
    delta = heatmaps(fig)[0]
    assert np.asarray(delta.z).shape == (64, 32) and delta.text is None
    assert len(fig.to_json()) < 250_000


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sizes=st.lists(st.integers(1, 12), min_size=2, max_size=5),
    m=st.integers(1, 80),
    seed=st.integers(0, 1000),
)
def test_any_architecture(sizes, m, seed):
    rng = np.random.default_rng(seed)
    net = core.Network.random(sizes, "tanh", "half_squared_error", seed=seed)
    X, Y = rng.normal(size=(m, sizes[0])), rng.normal(size=(m, sizes[-1]))
    fwd = core.forward(net, X, Y)
    bwd = core.backward(net, fwd, Y)
    for k in range(1, net.L + 1):
        delta, grad_w, _ = heatmaps(figures.backward_layer(net, fwd, bwd, k))
        assert close(delta.z, bwd.delta[k][:64]) and close(grad_w.z, bwd.grad_weights[k])
    fig = figures.backward_animation(net, fwd, bwd)
    assert [f.name for f in fig.frames] == [f"k={k}" for k in range(net.L, 0, -1)]

"""Backward figures beyond the cell-by-cell checks of test_cells.py: size limits, clickability,
and any architecture (hypothesis) against the reference of reference.py."""

import numpy as np
from figure_checks import check_cells, click_layers, heatmaps
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from reference import make

import figures


def test_click_targets_round_trip_through_click_target(small):
    """What Streamlit reports for a clicked point comes back as (kind, k, row, col)."""
    fig = figures.backward_layer(small.net, small.fwd, small.bwd, 2)
    delta, grad_w, grad_b = click_layers(fig)
    for layer, kind in ((delta, "delta"), (grad_w, "grad_w"), (grad_b, "grad_b")):
        curve = list(fig.data).index(layer)
        for index, data in enumerate(layer.customdata):
            point = {"customdata": list(data), "curve_number": curve, "point_index": index}
            assert figures.click_target(point) == (
                kind,
                2,
                int(layer.y[index]),
                int(layer.x[index]),
            )
    assert list(delta.customdata[4][2:]) == [
        1,
        1,
    ]  # row = example 1, col = neuron i = 1 (3 neurons)


def test_not_clickable(worked):
    fig = figures.backward_layer(worked.net, worked.fwd, worked.bwd, 1, clickable=False)
    assert not click_layers(fig) and len(heatmaps(fig)) == 3


def test_largest_network_stays_light(largest):
    net, fwd, bwd = largest.net, largest.fwd, largest.bwd
    fig = figures.backward_layer(net, fwd, bwd, 4)
    delta = heatmaps(fig)[0]
    assert np.asarray(delta.z).shape == (64, 32) and delta.text is None
    assert list(delta.y) == list(range(64)) and "examples 0–63 of 500" in fig.layout.title.text
    assert len(fig.to_json()) < 250_000


PAIRS = [
    ("tanh", "linear", "half_squared_error"),
    ("relu", "sigmoid", "squared_error"),
    ("sigmoid", "softmax", "cross_entropy"),
]


# no shrinking and no example database: a failure is reported at once (the mutation run
# plants many), with the architecture that failed
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.generate],
    database=None,
)
@given(
    sizes=st.lists(st.integers(1, 5), min_size=2, max_size=4),
    m=st.integers(1, 70),
    pair=st.sampled_from(PAIRS),
    seed=st.integers(0, 1000),
)
def test_any_architecture(sizes, m, pair, seed):
    if pair[1] == "softmax":
        sizes = [*sizes[:-1], max(sizes[-1], 2)]
    ref = make(sizes, *pair, m=m, seed=seed)
    rows = range(min(m, 64))
    for k in range(1, ref.net.L + 1):
        fig = figures.backward_layer(ref.net, ref.fwd, ref.bwd, k)
        delta, grad_w, grad_b = heatmaps(fig)
        check_cells(fig, delta, ref.delta[k][:64], rows=rows, click="delta", k=k)
        check_cells(fig, grad_w, ref.grad_w[k], click="grad_w", k=k)
        check_cells(fig, grad_b, ref.grad_b[k][:, None], click="grad_b", k=k)


def test_hovers_name_the_quantity_of_layer_k(small):
    """Each click layer hovers '… <br>δ⁽²⁾ = value' (resp. ∂E/∂θ⁽²⁾, ∂E/∂b⁽²⁾) for step k = 2."""
    fig = figures.backward_layer(small.net, small.fwd, small.bwd, 2)
    names = ["δ⁽²⁾", "∂E/∂θ⁽²⁾", "∂E/∂b⁽²⁾"]
    for layer, name in zip(click_layers(fig), names):
        assert layer.name == f"{name} (click)"
        assert f"<br>{name} = %{{text}}" in layer.hovertemplate
    fig = figures.backward_layer(small.net, small.fwd, small.bwd, 3, clickable=False)
    for heat, name in zip(heatmaps(fig), ["δ⁽³⁾", "∂E/∂θ⁽³⁾", "∂E/∂b⁽³⁾"]):
        assert f"<br>{name} = " in heat.hovertemplate

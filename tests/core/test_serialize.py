"""to_dict / from_dict round-trip exactly through JSON text."""

import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import core


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 5), min_size=2, max_size=5),
    seed=st.integers(0, 10**6),
    with_data=st.booleans(),
    scale=st.sampled_from([1e-300, 1e-8, 1.0, 1e8, 1e300]),
)
def test_round_trip_is_exact(sizes, seed, with_data, scale):
    acts = ["tanh"] * (len(sizes) - 2) + ["linear"]
    rng = np.random.default_rng(seed)
    net = core.Network.from_layers(
        [rng.normal(size=(sizes[k], sizes[k - 1])) * scale for k in range(1, len(sizes))],
        [rng.normal(size=sizes[k]) for k in range(1, len(sizes))],
        acts,
        "half_squared_error",
    )
    X = rng.normal(size=(3, sizes[0])) if with_data else None
    Y = rng.normal(size=(3, sizes[-1])) if with_data else None
    saved = core.from_dict(json.loads(json.dumps(core.to_dict(net, X, Y))))
    assert saved.network.sizes == net.sizes
    assert list(saved.network.activations) == acts and saved.network.loss == net.loss
    for k in range(1, net.L + 1):
        assert np.array_equal(saved.network.weights[k], net.weights[k])
        assert np.array_equal(saved.network.biases[k], net.biases[k])
    if with_data:
        assert np.array_equal(saved.X, X) and np.array_equal(saved.Y, Y)
    else:
        assert saved.X is None and saved.Y is None


def test_every_preset_round_trips():
    for name in core.PRESETS:
        p = core.preset(name)
        net, X, Y = core.from_dict(json.loads(json.dumps(core.to_dict(p.network, p.X, p.Y))))
        assert np.array_equal(core.forward(net, X, Y).output, core.forward(p.network, p.X).output)

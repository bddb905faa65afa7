"""to_dict / from_dict round-trip exactly through JSON text, for random networks and data."""

import json

import numpy as np
from core_reference import HIDDEN, PAIRS, targets
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import core

# every finite float64: ±0.0, subnormals, ±1.8e308, …
ANY_FINITE = st.floats(allow_nan=False, allow_infinity=False)


def finite_array(shape):
    return arrays(np.float64, shape, elements=ANY_FINITE)


@st.composite
def saved_networks(draw):
    g_out, loss = draw(st.sampled_from(PAIRS))
    sizes = draw(st.lists(st.integers(1, 5), min_size=2, max_size=5))
    acts = [draw(st.sampled_from(HIDDEN)) for _ in sizes[2:]] + [g_out]
    weights = [draw(finite_array((sizes[k], sizes[k - 1]))) for k in range(1, len(sizes))]
    biases = [draw(finite_array((sizes[k],))) for k in range(1, len(sizes))]
    net = core.Network.from_layers(weights, biases, acts, loss)
    X = Y = None
    if draw(st.booleans()):
        m = draw(st.integers(1, 4))
        X = draw(finite_array((m, sizes[0])))
        if draw(st.booleans()):
            Y = draw(targets(loss, m, sizes[-1]))
    return net, X, Y


def bitwise_equal(a, b):
    return a.dtype == b.dtype == np.float64 and a.shape == b.shape and a.tobytes() == b.tobytes()


@settings(max_examples=100, deadline=None)
@given(saved_networks())
def test_round_trip_through_json_text_is_exact(saved):
    net, X, Y = saved
    d = core.to_dict(net, X, Y)
    text = json.dumps(d, allow_nan=False)  # strict JSON: no NaN / Infinity tokens
    back = core.from_dict(json.loads(text))
    assert back.network.sizes == net.sizes
    assert list(back.network.activations) == list(net.activations)
    assert back.network.loss == net.loss
    for k in range(1, net.L + 1):
        assert bitwise_equal(back.network.weights[k], net.weights[k])  # −0.0 stays −0.0
        assert bitwise_equal(back.network.biases[k], net.biases[k])
        assert not back.network.weights[k].flags.writeable
    for got, want in ((back.X, X), (back.Y, Y)):
        assert (got is None) == (want is None)
        if want is not None:
            assert bitwise_equal(got, np.asarray(want, float))
    assert core.to_dict(back.network, back.X, back.Y) == d  # and back again


def test_the_saved_format():
    p = core.preset("worked-2-2-2")
    d = core.to_dict(p.network, p.X, p.Y)
    assert d == {
        "format": "backprop-visualizer/network",
        "version": 1,
        "sizes": [2, 2, 2],
        "activations": ["sigmoid", "sigmoid"],
        "loss": "half_squared_error",
        "weights": [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.55]]],
        "biases": [[0.35, 0.35], [0.6, 0.6]],
        "X": [[0.05, 0.1]],
        "Y": [[0.01, 0.99]],
    }
    assert "X" not in core.to_dict(p.network)


def test_every_preset_round_trips():
    for name in core.PRESETS:
        p = core.preset(name)
        net, X, Y = core.from_dict(json.loads(json.dumps(core.to_dict(p.network, p.X, p.Y))))
        assert bitwise_equal(X, p.X) and bitwise_equal(Y, p.Y)
        assert bitwise_equal(core.forward(net, X).output, core.forward(p.network, p.X).output)

"""A saved file is opened by pages that draw every neuron: core's loader refuses a network
beyond the app's limits (8 inputs, 8 hidden layers of 32 neurons, 10 outputs, as the Build page
offers) with one message, and accepts one exactly at them."""

import json

import numpy as np
import pytest

import core

# The limits as the app states them (issue 10 §4), written here, not read from core/limits.py.
INPUTS, HIDDEN_LAYERS, NEURONS, OUTPUTS = 8, 8, 32, 10


def saved_text(sizes) -> str:
    """A network file as `to_dict` writes one, built by hand (core's constructors allow more)."""
    rng = np.random.default_rng(0)
    L = len(sizes) - 1
    d = {
        "format": "backprop-visualizer/network",
        "version": 1,
        "sizes": list(sizes),
        "activations": ["tanh"] * (L - 1) + ["sigmoid"],
        "loss": "binary_cross_entropy",
        "weights": [rng.normal(size=(sizes[k], sizes[k - 1])).tolist() for k in range(1, L + 1)],
        "biases": [rng.normal(size=sizes[k]).tolist() for k in range(1, L + 1)],
    }
    return json.dumps(d)


AT_LIMITS = [INPUTS, *[NEURONS] * HIDDEN_LAYERS, OUTPUTS]


@pytest.mark.parametrize(
    "sizes",
    [
        [2, 500, 500, 3],  # the file: valid for core, not for the pages
        [INPUTS + 1, 3, 1],
        [2, 3, OUTPUTS + 1],
        [2, NEURONS + 1, 1],
        [2, 3, NEURONS + 1, 3, 1],  # a wide layer in the middle
        [2, *[3] * (HIDDEN_LAYERS + 1), 1],
    ],
)
def test_a_file_beyond_the_limits_is_refused_with_one_message_naming_them(sizes):
    with pytest.raises(core.CoreError) as caught:
        core.from_dict(json.loads(saved_text(sizes)))
    assert caught.value.field == "sizes"
    message = str(caught.value)
    for limit in (INPUTS, HIDDEN_LAYERS, NEURONS, OUTPUTS):
        assert str(limit) in message
    assert "-".join(str(n) for n in sizes) in message  # which network it was


def test_a_file_exactly_at_the_limits_loads_with_its_numbers():
    d = json.loads(saved_text(AT_LIMITS))
    net = core.from_dict(d).network
    assert net.sizes == tuple(AT_LIMITS)
    for k in range(1, len(AT_LIMITS)):
        assert np.array_equal(net.weights[k], np.array(d["weights"][k - 1]))


def test_core_itself_still_builds_larger_networks():
    # the limits are the pages'; core's constructors keep their own (memory) bounds
    net = core.Network.random([2, 500, 500, 3], ["tanh", "tanh", "softmax"], "cross_entropy")
    assert net.sizes == (2, 500, 500, 3)

"""Layer names under the step headings: k = 0 is the input, k = L the output, the rest hidden."""

import core
from ui.widgets import layer_name


def test_each_layer_is_named_by_its_place():
    net = core.Network.random([2, 3, 4, 1], ["tanh", "relu", "sigmoid"], "squared_error", seed=0)
    names = [layer_name(net, k) for k in range(4)]  # L = 3
    assert names == ["layer 0 (input)", "layer 1 (hidden)", "layer 2 (hidden)", "layer 3 (output)"]


def test_a_network_without_hidden_layers_goes_from_input_to_output():
    net = core.Network.random([2, 1], ["sigmoid"], "squared_error", seed=0)
    assert [layer_name(net, k) for k in (0, 1)] == ["layer 0 (input)", "layer 1 (output)"]

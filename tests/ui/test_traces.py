"""state.traces in a real script run: the forward and backward pass of the shared network on the
shared data (a⁽ᴸ⁾ checked against plain numpy), or, when the data no longer fits the network, no
traces and one error that says so and where to fix it."""

import numpy as np
from streamlit.testing.v1 import AppTest

import core

XOR = core.preset("xor")  # 2 inputs, tanh hidden layer, sigmoid output
THREE_INPUTS = core.Network.random([3, 2, 1], ["tanh", "sigmoid"], "binary_cross_entropy", seed=1)


def _script(net):
    import streamlit as st

    from ui import state

    state.load_preset("xor")
    if net is not None:
        state.set_network(net)  # keeps XOR's data: 2 inputs per example
    st.session_state["traces"] = state.traces()


def _run(net):
    return AppTest.from_function(_script, args=(net,), default_timeout=30).run()


def test_traces_are_the_passes_of_the_shared_network_on_the_shared_data():
    at = _run(None)
    assert not at.exception and not at.error
    traces = at.session_state["traces"]
    a = XOR.X
    for k in (1, 2):  # a⁽ᵏ⁾ = g(θ⁽ᵏ⁾ a⁽ᵏ⁻¹⁾ + b⁽ᵏ⁾), examples as rows
        z = a @ np.asarray(XOR.network.weights[k]).T + XOR.network.biases[k]
        a = np.tanh(z) if k == 1 else 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(traces.fwd.a[2], a, rtol=1e-12)
    assert traces.bwd.delta[1].shape == (len(XOR.X), XOR.network.sizes[1])  # m × n⁽¹⁾


def test_data_that_no_longer_fits_gives_no_traces_and_says_where_to_fix_it():
    at = _run(THREE_INPUTS)
    assert not at.exception
    assert at.session_state["traces"] is None
    assert len(at.error) == 1
    text = at.error[0].value
    assert text.startswith("The current network cannot run on the current data: ")
    assert text.endswith(". Fix it on the **Build** page (the network itself is kept).")
    assert "X" in text and "3" in text  # core's reason: X should have 3 columns

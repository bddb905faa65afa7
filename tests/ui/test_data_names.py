"""The user's column names travel with their data: a new network that still fits keeps them,
new data without names or a network of other sizes drops them, undo brings them back."""

from streamlit.testing.v1 import AppTest


def _script():
    import numpy as np
    import streamlit as st

    import core
    from ui import state
    from ui.state import DataNames

    state.ensure()
    net = core.Network.random([2, 3, 2], ["tanh", "softmax"], "cross_entropy", seed=1)
    names = DataNames(inputs=("age", "score"), outputs=("fail", "pass"), classes=("fail", "pass"))
    X, Y = np.zeros((2, 2)), np.eye(2)
    state.set_network(net, X, Y, note="exam", names=names)
    seen = [state.shared().names]
    wider = core.Network.random([2, 5, 2], ["tanh", "softmax"], "cross_entropy", seed=2)
    state.set_network(wider)  # same inputs and outputs: the names still hold
    seen.append(state.shared().names)
    other = core.Network.random([2, 3, 3], ["tanh", "softmax"], "cross_entropy", seed=3)
    state.set_network(other)  # three outputs: "fail", "pass" no longer name them
    seen.append(state.shared().names)
    state.undo()
    seen.append(state.shared().names)
    state.set_network(wider, X, Y)  # new data without names
    seen.append(state.shared().names)
    st.session_state["seen"] = seen


def test_names_follow_the_data_and_the_sizes():
    at = AppTest.from_function(_script).run()
    assert not at.exception
    seen = at.session_state["seen"]
    assert seen[0].inputs == ("age", "score") and seen[0].classes == ("fail", "pass")
    assert seen[1] == seen[0]
    assert seen[2] is None
    assert seen[3] == seen[0]  # undo brings the wider network and its names back
    assert seen[4] is None

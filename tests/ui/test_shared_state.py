"""The shared network in a real script run: undo keeps the newest UNDO_DEPTH states and gives
them back newest first, with their data and note; every change bumps the version."""

import numpy as np
from streamlit.testing.v1 import AppTest

import core
from ui.state import KEY, UNDO_DEPTH

SIZES = [2, 3, 1]


def _networks(count):
    """Distinct networks (different seeds), told apart by identity."""
    return [
        core.Network.random(SIZES, ["sigmoid", "sigmoid"], "half_squared_error", seed=s)
        for s in range(count)
    ]


def _push_then_undo_all(nets):
    import streamlit as st

    from ui import state

    state.ensure()
    versions = [state.version()]
    for net in nets:
        state.set_network(net)
        versions.append(state.version())
    undone = []
    while state.undo():
        undone.append(state.network())
        versions.append(state.version())
    st.session_state["undone"] = undone
    st.session_state["versions"] = versions
    st.session_state["undo_again"] = state.undo()  # nothing left: False, nothing changes
    st.session_state["left"] = state.network()


def test_undo_gives_back_the_newest_entries_newest_first_up_to_the_depth():
    count = UNDO_DEPTH + 5
    nets = _networks(count)
    at = AppTest.from_function(_push_then_undo_all, args=(nets,), default_timeout=30).run()
    assert not at.exception
    undone = at.session_state["undone"]
    # nets[-1] is current; the stack holds the UNDO_DEPTH networks before it, newest last
    expected = [nets[count - 2 - n] for n in range(UNDO_DEPTH)]
    assert len(undone) == UNDO_DEPTH
    assert all(got is want for got, want in zip(undone, expected))
    assert at.session_state["undo_again"] is False
    assert at.session_state["left"] is nets[count - 1 - UNDO_DEPTH]  # the oldest one kept
    versions = at.session_state["versions"]
    assert versions == list(range(versions[0], versions[0] + len(versions)))  # +1 each change


def _change_data_then_undo(net, X, Y):
    import streamlit as st

    from ui import state

    state.ensure()
    before = (state.network(), *state.data(), state.note())
    state.set_network(net, X, Y, note="the new data")
    after = (state.network(), *state.data(), state.note())
    state.undo()
    st.session_state["seen"] = (before, after, (state.network(), *state.data(), state.note()))


def test_undo_restores_the_data_and_its_note_with_the_network():
    (net,) = _networks(1)
    X, Y = np.array([[0.1, -0.2], [0.3, 0.4], [0.5, 0.6]]), np.array([[1.0], [0.0], [1.0]])
    at = AppTest.from_function(_change_data_then_undo, args=(net, X, Y), default_timeout=30)
    at.run()
    before, after, undone = at.session_state["seen"]
    assert after[0] is net and after[3] == "the new data"
    np.testing.assert_array_equal(after[1], X)
    np.testing.assert_array_equal(after[2], Y)
    default = core.preset(core.DEFAULT_PRESET)
    assert undone[0] is before[0]
    np.testing.assert_array_equal(undone[1], default.X)
    np.testing.assert_array_equal(undone[2], default.Y)
    assert undone[3] == before[3] == default.title


def _edit_shared_data():
    import streamlit as st

    from ui import state

    X, _ = state.data()
    try:
        X[0, 0] = 123.0
        st.session_state["edited"] = True
    except ValueError:
        st.session_state["edited"] = False


def test_the_shared_data_cannot_be_changed_behind_set_networks_back():
    at = AppTest.from_function(_edit_shared_data, default_timeout=30).run()
    assert at.session_state["edited"] is False
    assert at.session_state[KEY].X[0, 0] == core.preset(core.DEFAULT_PRESET).X[0, 0]


def _undo_steps(X, Y, other):
    import streamlit as st

    from ui import state

    state.ensure()
    steps = [state.can_undo()]
    state.set_network(other, keep_undo=False)  # e.g. the 2nd..nth chunk of one training run
    steps.append(state.can_undo())
    state.set_network(state.network(), X, Y)  # same network, new data: a change to undo
    steps.append(state.can_undo())
    state.undo()
    steps.append((state.network(), *state.data()))
    st.session_state["steps"] = steps


def test_a_data_change_alone_can_be_undone_and_keep_undo_false_keeps_nothing():
    (other,) = _networks(1)
    X, Y = np.array([[0.25, 0.75]]), np.array([[0.5]])
    at = AppTest.from_function(_undo_steps, args=(X, Y, other), default_timeout=30).run()
    fresh, after_no_keep, after_data, (net, X_back, _) = at.session_state["steps"]
    assert (fresh, after_no_keep, after_data) == (False, False, True)
    assert net is other
    np.testing.assert_array_equal(X_back, core.preset(core.DEFAULT_PRESET).X)

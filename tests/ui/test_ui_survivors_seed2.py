"""Second opinions that pin details mutation testing found unchecked: link limits and messages,
the training batch size, a stepper without labels, flat undo entries and the network caption."""

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import core
from ui import link_codec, link_model, link_view
from ui.link_fields import MAX_LINK, LinkError
from ui.stepper import slider_key


def test_a_link_exactly_max_link_long_is_read():
    # each parameter counts len(key) + len(value) + 2 ("&", "="): here exactly MAX_LINK
    with pytest.raises(LinkError) as err:
        link_codec.decode({"v": "x" * (MAX_LINK - 3)})
    assert "longer than" not in str(err.value)  # refused later, for its version
    with pytest.raises(LinkError, match="longer than 64 KB"):
        link_codec.decode({"v": "x" * (MAX_LINK - 2)})


def test_a_data_seed_out_of_range_is_named():
    with pytest.raises(LinkError) as err:
        link_model._data_recipe("moons~10~0.1~2000000~2")
    assert str(err.value) == "the data seed must be 0..1000000 (it is 2000000)."


NET = core.Network.random([2, 3, 1], ["tanh", "sigmoid"], "squared_error", seed=0)


def test_switches_that_are_not_a_dictionary_are_refused_in_words():
    with pytest.raises(LinkError) as err:
        link_view.check(link_view.ViewState(page="home", switches=[]), NET, 4)
    assert str(err.value) == "the switches are not a dictionary."


def test_a_weight_cell_with_j_out_of_range_gives_the_range_of_the_layer_below():
    with pytest.raises(LinkError) as err:
        link_view.check(link_view.ViewState(page="home", cell=("grad_w", 1, 0, 5, None)), NET, 4)
    assert str(err.value) == "the cell's θᵢⱼ needs j = 0..1 (layer 0)."  # n⁽⁰⁾ = 2


# ---- in a script run ---------------------------------------------------------------------------

XOR = core.preset("xor")  # 2-3-1, tanh then sigmoid, binary cross-entropy, m = 4


def _full_batch_step(net, X, Y, eta):
    """One gradient-descent step on the mean binary cross-entropy, by the notation:
    δ⁽ᴸ⁾ = a⁽ᴸ⁾ − y (sigmoid + BCE), δ⁽ᵏ⁾ = (δ⁽ᵏ⁺¹⁾ θ⁽ᵏ⁺¹⁾) ⊙ (1 − a⁽ᵏ⁾²) (tanh),
    ∂E/∂θ⁽ᵏ⁾ = δ⁽ᵏ⁾ᵀ a⁽ᵏ⁻¹⁾ / m, ∂E/∂b⁽ᵏ⁾ = mean of δ⁽ᵏ⁾."""
    W = {k: np.asarray(net.weights[k], float) for k in (1, 2)}
    b = {k: np.asarray(net.biases[k], float) for k in (1, 2)}
    a1 = np.tanh(X @ W[1].T + b[1])
    a2 = 1 / (1 + np.exp(-(a1 @ W[2].T + b[2])))
    d2 = a2 - Y
    d1 = (d2 @ W[2]) * (1 - a1**2)
    m = len(X)
    return (
        W[1] - eta * d1.T @ X / m,
        W[2] - eta * d2.T @ a1 / m,
        b[1] - eta * d1.mean(axis=0),
        b[2] - eta * d2.mean(axis=0),
    )


def _train_script(batch_size):
    import streamlit as st

    from ui import state, training

    if "loaded" not in st.session_state:
        state.load_preset("xor")
        st.session_state["loaded"] = True
        settings = training.Settings("sgd", 0.5, batch_size, 0.0, 10, None)
        training.run_chunk(settings, 1)
        st.session_state["trained"] = state.network()


def _trained(batch_size):
    at = AppTest.from_function(_train_script, args=(batch_size,), default_timeout=30).run()
    assert not at.exception, [e.value for e in at.exception]
    return at.session_state["trained"]


def test_training_uses_the_batch_size_asked_for():
    expected = _full_batch_step(XOR.network, XOR.X, XOR.Y, 0.5)
    full = _trained(4)
    got = (full.weights[1], full.weights[2], full.biases[1], full.biases[2])
    for g, e in zip(got, expected):
        np.testing.assert_allclose(np.asarray(g).reshape(e.shape), e, rtol=1e-9)
    one = _trained(1)  # four steps of one example each: not the full-batch step
    assert not np.allclose(np.asarray(one.weights[1]).reshape(expected[0].shape), expected[0])


def _ui_script():
    import streamlit as st

    import core
    from ui import state, widgets
    from ui.stepper import stepper

    if "loaded" not in st.session_state:
        state.load_preset("xor")
        st.session_state["loaded"] = True
        net = state.network()
        other = core.Network.random([2, 3, 1], ["tanh", "sigmoid"], "squared_error", seed=1)
        state.set_network(other, note="first")
        state.set_network(net, note="second")
        st.session_state["stack"] = state.shared().undo_stack
    widgets.network_caption()
    st.session_state["chosen"] = stepper("s", [3, 1, 2])


def test_ui_pieces_in_a_script_run():
    at = AppTest.from_function(_ui_script, default_timeout=30).run()
    assert not at.exception, [e.value for e in at.exception]
    # a stepper without labels shows the options as text
    assert at.select_slider(key=slider_key("s", at.session_state)).options == ["3", "1", "2"]
    assert at.session_state["chosen"] == 3
    # undo entries are flat: each saved state holds no stack of its own
    stack = at.session_state["stack"]
    assert len(stack) == 2 and all(entry.undo_stack == () for entry in stack)
    caption = at.caption[0].value
    labels = ", ".join(core.ACTIVATION_LABELS[g] for g in ("tanh", "sigmoid"))
    assert caption.startswith(f"Network 2-3-1 ({labels}; loss ")
    assert "m = 4 examples" in caption

"""A shared network larger than the Build widgets allow (a link, an old session, the Your data
page) never crashes the Build page: it says so, keeps Undo and Load reachable, and the widgets
offer exactly the limits core's loader applies."""

import json

import numpy as np
from app_helpers import network, open_page, vkey

import core
from ui import state as ui_state

INPUTS, HIDDEN_LAYERS, NEURONS, OUTPUTS = 8, 8, 32, 10  # as issue 10 states them

BIG = [2, 500, 500, 3]


def big_network():
    return core.Network.random(BIG, ["tanh", "tanh", "softmax"], "cross_entropy", seed=0)


def open_with_big_network_after_a_small_one():
    small = core.Network.random([2, 3, 1], ["tanh", "sigmoid"], "binary_cross_entropy", seed=0)
    at = open_page()
    earlier = ui_state.Shared(small, np.zeros((1, 2)), np.zeros((1, 1)), "small", version=1)
    at.session_state[ui_state.KEY] = ui_state.Shared(
        big_network(),
        np.zeros((1, 2)),
        np.array([[1.0, 0.0, 0.0]]),
        "big",
        version=2,
        undo_stack=(earlier,),
    )
    at.switch_page("app_pages/build.py").run()
    return at, small


def test_a_network_beyond_the_widgets_is_shown_without_a_traceback_and_can_be_undone():
    at, small = open_with_big_network_after_a_small_one()
    assert not at.exception, [e.value for e in at.exception]
    said = [w.value for w in at.warning]
    assert any("larger than this page edits" in w and "2-500-500-3" in w for w in said), said
    # the widgets start within their own ranges
    assert at.number_input(key=vkey(at, "n_1")).value == NEURONS
    assert at.number_input(key=vkey(at, "n_out")).value == 3
    undo = at.button(key="undo")
    assert not undo.disabled
    undo.click().run()
    assert not at.exception
    assert network(at) is small


def test_the_page_comes_back_on_every_visit():
    at, _ = open_with_big_network_after_a_small_one()
    for page in ("forward", "build"):  # leave and come back: still no traceback
        at.switch_page(f"app_pages/{page}.py").run()
    at.run()
    assert not [e for e in at.exception if "build" in str(e.value).lower()]
    assert any("larger than this page edits" in w.value for w in at.warning)


def test_the_widgets_offer_exactly_the_limits_the_loader_applies():
    at = open_page("build")
    at.number_input(key=vkey(at, "n_hidden")).set_value(HIDDEN_LAYERS).run()
    assert at.number_input(key=vkey(at, "n_in")).max == INPUTS
    assert at.number_input(key=vkey(at, "n_hidden")).max == HIDDEN_LAYERS
    assert at.number_input(key=vkey(at, "n_out")).max == OUTPUTS
    for k in range(1, HIDDEN_LAYERS + 1):
        assert at.number_input(key=vkey(at, f"n_{k}")).max == NEURONS


def test_loading_a_file_beyond_the_limits_says_so_once_and_changes_nothing():
    at = open_page("build")
    before = network(at)
    text = json.dumps(core.to_dict(big_network()))
    at.text_area(key="load_text").set_value(text).run()
    at.button(key="load_json").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    assert "32" in errors[0] and "2-500-500-3" in errors[0]
    assert network(at) is before

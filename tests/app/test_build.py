"""Build page: architecture, invalid combinations, data, JSON, undo. The network is never lost."""

import json

import numpy as np
from app_helpers import charts, data, network, no_errors, open_page, vkey

import core


def _build_2331(at):
    at.number_input(key=vkey(at, "n_hidden")).set_value(2).run()
    at.number_input(key=vkey(at, "n_1")).set_value(3).run()
    at.number_input(key=vkey(at, "n_2")).set_value(3).run()
    at.number_input(key=vkey(at, "n_out")).set_value(1).run()
    at.button(key="build").click().run()
    return at


def test_build_a_2_3_3_1_network():
    at = _build_2331(open_page("build"))
    no_errors(at)
    net = network(at)
    assert net.sizes == (2, 3, 3, 1)
    # the old one-example data had 2 targets: it no longer fits, so a fitting example replaced it
    assert data(at)[1].shape == (1, 1)
    diagram = charts(at)[0]
    assert diagram["data"], "the diagram shows the new network"


def test_cross_entropy_without_softmax_is_explained_and_nothing_is_lost():
    at = open_page("build")
    before = network(at)
    at.selectbox(key=vkey(at, "loss")).set_value("cross_entropy").run()
    assert any("softmax" in e.value for e in at.error)
    assert at.button(key="build").disabled
    assert network(at) is before
    at.selectbox(key=vkey(at, "g_out")).set_value("softmax").run()
    assert not at.error
    at.button(key="build").click().run()
    no_errors(at)
    assert network(at).activations[2] == "softmax"


def test_dataset_that_does_not_fit_gives_a_message():
    at = open_page("build")
    before = network(at)
    at.radio(key="data_mode").set_value("A dataset batch").run()
    at.selectbox(key="ds_name").set_value("spiral").run()
    at.button(key="use_dataset").click().run()
    assert any("3 target" in e.value for e in at.error)
    assert network(at) is before


def test_dataset_that_fits_is_used():
    at = open_page("build")
    at.number_input(key=vkey(at, "n_out")).set_value(1).run()
    at.button(key="build").click().run()
    at.radio(key="data_mode").set_value("A dataset batch").run()
    at.selectbox(key="ds_name").set_value("xor").run()
    at.number_input(key="ds_n").set_value(40).run()
    at.button(key="use_dataset").click().run()
    no_errors(at)
    assert data(at)[0].shape == (40, 2)


def test_edit_one_example():
    at = open_page("build")
    at.number_input(key=vkey(at, "x_0")).set_value(0.5).run()
    at.button(key="use_example").click().run()
    no_errors(at)
    assert data(at)[0][0, 0] == 0.5


def test_malformed_json_keeps_the_network():
    at = open_page("build")
    before = network(at)
    for text in [
        "{not json",
        '{"format": "something else"}',
        "[1, 2]",
        json.dumps({**core.to_dict(before), "sizes": [2, 10**9, 2]}),
    ]:
        at.text_area(key="load_text").set_value(text).run()
        at.button(key="load_json").click().run()
        assert at.error, text
        assert "Nothing changed" in at.error[0].value
        assert network(at) is before


def test_json_round_trip_through_the_page():
    net = core.Network.random([3, 4, 2], ["relu", "sigmoid"], "binary_cross_entropy", seed=2)
    X, Y = np.full((2, 3), 0.25), np.array([[0.0, 1.0], [1.0, 0.0]])
    at = open_page("build")
    at.text_area(key="load_text").set_value(json.dumps(core.to_dict(net, X, Y))).run()
    at.button(key="load_json").click().run()
    no_errors(at)
    loaded = network(at)
    assert loaded.sizes == (3, 4, 2)
    assert np.array_equal(loaded.weights[1], net.weights[1])
    assert np.array_equal(data(at)[0], X)


def test_undo_restores_the_previous_network():
    at = _build_2331(open_page("build"))
    assert network(at).sizes == (2, 3, 3, 1)
    at.button(key="undo").click().run()
    assert network(at).sizes == (2, 2, 2)


def test_load_each_preset():
    at = open_page("build")
    for name in core.PRESETS:
        at.selectbox(key="preset_choice").set_value(name).run()
        at.button(key="load_preset").click().run()
        no_errors(at)
        assert network(at).sizes == core.preset(name).network.sizes

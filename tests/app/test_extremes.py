"""Widgets at their extremes: the largest network, huge steps, and every page still renders."""

import json

import numpy as np
from app_helpers import data, network, no_errors, open_page, vkey

import core

PAGES = ["forward", "backward", "gradient_check", "output_lab", "train", "input_gradient"]


def test_the_largest_network_the_build_page_allows_works_everywhere():
    at = open_page("build")
    at.number_input(key=vkey(at, "n_in")).set_value(8).run()
    at.number_input(key=vkey(at, "n_hidden")).set_value(8).run()
    for k in range(1, 9):
        at.number_input(key=vkey(at, f"n_{k}")).set_value(32).run()
    at.number_input(key=vkey(at, "n_out")).set_value(10).run()
    at.selectbox(key=vkey(at, "g_out")).set_value("softmax").run()
    at.selectbox(key=vkey(at, "loss")).set_value("cross_entropy").run()
    at.button(key="build").click().run()
    no_errors(at)
    assert network(at).sizes == (8, *[32] * 8, 10)
    for page in PAGES:
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])


def test_a_huge_learning_rate_never_produces_nan():
    at = open_page("backward")
    at.number_input(key="bwd_eta").set_value(100.0).run()
    for _ in range(6):  # repeated huge steps saturate the sigmoids; numbers stay finite
        at.button(key="bwd_apply").click().run()
        assert not at.exception
        net = network(at)
        assert all(np.isfinite(w).all() for w in net.weights)
        assert all(np.isfinite(float(m.value)) for m in at.metric)


def test_extreme_example_values_saturate_without_nan():
    at = open_page("build")
    at.number_input(key=vkey(at, "x_0")).set_value(1e300).run()
    at.button(key="use_example").click().run()
    no_errors(at)  # z = 0.15·1e300 + … is finite: the sigmoids saturate at exactly 1
    assert data(at)[0][0, 0] == 1e300
    at.switch_page("app_pages/forward.py").run()
    at.button(key="fwd_k_last").click().run()
    no_errors(at)
    loss_text = next(m.value for m in at.markdown if "Over the batch" in m.value)
    assert "nan" not in loss_text and "inf" not in loss_text


def test_weights_that_overflow_are_refused_with_a_message():
    net = core.Network.from_layers(
        [[[1e300, 1e300]], [[1e300]]], [[0.0], [0.0]], ["linear", "linear"], "half_squared_error"
    )
    at = open_page("build")
    before = network(at)
    text = json.dumps(core.to_dict(net, [[1e300, 1e300]], [[0.0]]))
    at.text_area(key="load_text").set_value(text).run()
    at.button(key="load_json").click().run()
    # every number is finite, but z overflows: refused, and the current network is kept
    assert not at.exception and at.error and "overflow" in at.error[0].value
    assert "Nothing changed" in at.error[0].value
    assert network(at) is before

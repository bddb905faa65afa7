"""Every view switch of a link, one at a time: written only when it differs from the page's
default, and opened in a fresh session as the same widget value (and the same screen)."""

import json

import numpy as np
from app_helpers import open_page
from test_links import link_of, opened

import core
from panels.backward import ONE_EXAMPLE, PLAY
from panels.quiz import question_text
from ui import link
from ui import state as ui_state

XOR = core.preset("xor")  # m = 4 examples: the batch and one-example views differ
ON_XOR = {"network": XOR.network, "X": XOR.X, "Y": XOR.Y}


def test_a_default_view_writes_no_switch():
    params = link_of(open_page("backward"))
    assert set(params) == {"v", "page", "step", "cell", "preset"}, params


def test_predict_first_travels_and_hides_the_card():
    params = {**link_of(open_page("backward")), "predict": "1"}
    again = opened(params)
    assert again.session_state["predict_first"] is True
    assert again.text_input(key="bwd_predict_answer") is not None
    assert link_of(again)["predict"] == "1"


def test_play_travels_and_shows_the_animation():
    params = {**link_of(open_page("backward")), "view": "play"}
    again = opened(params)
    assert again.radio(key="bwd_mode").value == PLAY
    assert any("bwd_animation" in c.proto.id for c in again.get("plotly_chart"))
    assert link_of(again)["view"] == "play"


def test_the_one_example_view_and_the_delta_example_travel():
    at = open_page("backward", state=ON_XOR)
    at.selectbox(key="bwd_example").set_value(3).run()
    assert link_of(at)["cell"] == "delta.2.0._.3"  # δ⁽²⁾ of example 3 of the batch
    at.radio(key="bwd_view").set_value(ONE_EXAMPLE).run()
    at.selectbox(key="bwd_view_example").set_value(2).run()
    params = link_of(at)
    assert params["example"] == "2"
    assert params["cell"] == "delta.2.0._.0"  # the one-example view has one example: 0
    again = opened(params)
    assert again.radio(key="bwd_view").value == ONE_EXAMPLE
    assert again.selectbox(key="bwd_view_example").value == 2
    np.testing.assert_array_equal(again.session_state[ui_state.KEY].X, XOR.X)


def test_a_quiz_link_asks_the_same_questions():
    at = open_page("quiz", state=ON_XOR)
    params = link_of(at)
    assert int(params["quiz"]) == at.session_state["quiz_seed"]
    again = opened(params)
    assert again.session_state["quiz_seed"] == at.session_state["quiz_seed"]
    questions = [m.value for m in at.markdown if m.value.startswith("**Question")]
    assert len(questions) == 5
    assert [m.value for m in again.markdown if m.value.startswith("**Question")] == questions


def test_a_gradient_question_says_what_it_is_taken_over():
    cell = core.Cell(kind="grad_w", k=1, i=0, j=1)
    assert question_text(cell, 4).endswith("(mean over the batch)")
    assert question_text(cell, 1).endswith("(of this one example)")
    delta = core.Cell(kind="delta", k=1, i=0, example=2)
    assert question_text(delta, 1) == "δ₀⁽¹⁾ of example 2"


def test_the_json_offered_instead_of_a_long_link_loads_back_the_same_state():
    shared = ui_state.Shared(XOR.network, XOR.X, XOR.Y, "xor")
    saved = core.from_dict(json.loads(link.json_text(shared)))
    np.testing.assert_array_equal(saved.X, XOR.X)
    np.testing.assert_array_equal(saved.Y, XOR.Y)
    for k in range(1, XOR.network.L + 1):
        np.testing.assert_array_equal(saved.network.weights[k], XOR.network.weights[k])
        np.testing.assert_array_equal(saved.network.biases[k], XOR.network.biases[k])

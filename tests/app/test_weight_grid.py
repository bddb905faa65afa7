"""The Build page's weight grid stores the number typed (issue 10 §4: 1e-3 was stored as −13,
-1e308 as −1308, 1,5 as 15, 2.5e2 ignored) or refuses it: the cell comes back and the message
is said once. Edits go in as the browser sends them: the data_editor's edited_rows."""

import json

import numpy as np
import pytest
from app_helpers import network, open_page
from streamlit.testing.v1 import AppTest

import core
from ui import state as ui_state

# a 2-3-2 network whose θ⁽²⁾ is not square, so a row/column swap shows
SIZES = [2, 3, 2]


def opened() -> AppTest:
    net = core.Network.random(SIZES, ["tanh", "sigmoid"], "binary_cross_entropy", seed=3)
    # a weight whose shortest text has 17 digits: an edit elsewhere must keep it bit for bit
    weights = [np.array(w, float) for w in net.weights]
    weights[0][2, 1] = 0.1 + 0.2
    net = net.replace(weights=weights)
    return open_page("build", {"network": net, "X": np.zeros((1, 2)), "Y": np.zeros((1, 2))})


def grid_key(at: AppTest, k: int) -> str:
    shared = at.session_state[ui_state.KEY]
    reset = at.session_state["weight_grid_reset"] if "weight_grid_reset" in at.session_state else 0
    return f"theta_{k}_{shared.version}_{reset}"


def type_into(at: AppTest, k: int, i: int, column: str, text) -> AppTest:
    at.session_state[grid_key(at, k)] = {
        "edited_rows": {i: {column: text}},
        "added_rows": [],
        "deleted_rows": [],
    }
    return at.run()


def test_the_cells_are_text_so_the_browser_sends_what_is_typed():
    # a number column is parsed by the browser as the user types, which dropped "e" and ","
    at = opened()
    for editor in at.data_editor:
        columns = json.loads(editor.proto.columns)
        cells = {name: c for name, c in columns.items() if name != "_index"}
        assert cells and all(c["type_config"]["type"] == "text" for c in cells.values()), cells


@pytest.mark.parametrize(
    "typed,number",
    [
        ("1e-3", 0.001),
        ("-1e308", -1e308),
        ("1,5", 1.5),  # a decimal comma
        ("2.5e2", 250.0),
        ("2.5E-2", 0.025),
        ("\u22120.5", -0.5),  # the true minus sign the pages write
        (" +4 ", 4.0),
        (".5", 0.5),
        ("-7", -7.0),
        ("0,001", 0.001),  # a decimal comma before three digits, unambiguous after a 0
        ("12,5e-1", 1.25),
    ],
)
def test_a_typed_number_is_stored_as_typed(typed, number):
    at = opened()
    before = network(at)
    at = type_into(at, 2, 1, "j=0", typed)  # θ⁽²⁾ row i = 1, column j = 0
    assert not at.exception and not at.error, [e.value for e in at.error]
    after = network(at)
    assert after.weights[2][1, 0] == number
    expected = np.array(before.weights[2], float)
    expected[1, 0] = number
    assert np.array_equal(after.weights[2], expected)  # nothing else in θ⁽²⁾ moved
    assert np.array_equal(after.biases[2], before.biases[2])
    for k in (1,):  # the other layer is bit for bit the same, 0.1 + 0.2 included
        assert np.array_equal(after.weights[k], before.weights[k])
        assert np.array_equal(after.biases[k], before.biases[k])
    assert after.weights[1][2, 1] == 0.1 + 0.2


def test_a_bias_is_edited_in_the_last_column():
    at = opened()
    before = network(at)
    at = type_into(at, 1, 2, "b\u207d\u00b9\u207e", "3e-1")  # b⁽¹⁾ of neuron i = 2
    after = network(at)
    assert after.biases[1][2] == 0.3
    assert np.array_equal(after.weights[1], before.weights[1])
    assert np.array_equal(np.delete(after.biases[1], 2), np.delete(before.biases[1], 2))


@pytest.mark.parametrize(
    "typed", ["abc", "1.000,5", "1,5,0", "1,500", "-12,000", "1_000", "inf", "nan", "1e999", None]
)
def test_a_refused_edit_restores_the_cell_and_is_said_once(typed):
    at = opened()
    before = network(at)
    at = type_into(at, 2, 1, "j=0", typed)
    assert not at.exception
    assert network(at) is before
    said = [e.value for e in at.error]
    assert len(said) == 1, said
    assert "i=1" in said[0] and "j=0" in said[0]
    # the cell shows θ⁽²⁾₁₀ again (not "None", not the rejected text)
    shown = at.data_editor[1].value.iat[1, 0]
    assert float(shown) == before.weights[2][1, 0]
    at.run()  # any later rerun: the message is not repeated
    assert not at.error, [e.value for e in at.error]
    assert network(at) is before


def test_an_edit_core_refuses_is_said_once_and_changes_nothing():
    # θ⁽¹⁾ row 0 = (1e308, 1e308) on x = (10, 10): z₀⁽¹⁾ = 2e309 overflows, core refuses
    net = core.Network.random(SIZES, ["tanh", "sigmoid"], "binary_cross_entropy", seed=3)
    at = open_page("build", {"network": net, "X": np.array([[10.0, 10.0]]), "Y": np.zeros((1, 2))})
    at.session_state[grid_key(at, 1)] = {
        "edited_rows": {0: {"j=0": "1e308", "j=1": "1e308"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert network(at) is net
    said = [e.value for e in at.error]
    assert len(said) == 1 and "unchanged" in said[0], said
    assert float(at.data_editor[0].value.iat[0, 0]) == net.weights[1][0, 0]
    at.run()
    assert not at.error


def test_a_long_or_hostile_text_is_shown_short_and_literally():
    at = opened()
    before = network(at)
    at = type_into(at, 2, 0, "j=1", "**bold** [link](http://x) " + "9" * 500)
    (said,) = [e.value for e in at.error]
    assert "**bold**" not in said and "](http" not in said  # escaped: shown, not rendered
    assert len(said) < 300
    assert network(at) is before

"""The "Your data" page: a user's CSV (uploaded or pasted) or a formula becomes the shared data,
every page runs on it, hostile input changes nothing, and the export reads back the same.

The files are written here; the expected X and Y are computed here from the numbers written
(mean and population standard deviation by hand, classes sorted by name, one-hot by hand).
"""

import base64
import io
import math

import numpy as np
import pandas as pd
import pytest
import streamlit as st
from app_helpers import charts, data, network, no_errors, open_page

from ui import state as ui_state

PAGES = ["build", "forward", "backward", "gradient_check", "train", "input_gradient"]

# An exam spreadsheet from a German/French Excel: semicolons, decimal commas, a text column
# that is not an input, and a text target with three classes (not in sorted order).
EXAM = (
    "Name;Hours;Score;Result\r\n"
    "Ann;2;41,5;fail\r\n"
    "Ben;7,5;78,25;pass\r\n"
    "Cid;3;50;retake\r\n"
    "Dee;8;90,5;pass\r\n"
    "Eve;5;60;retake\r\n"
    "Fay;1,5;35;fail\r\n"
)
HOURS = [2, 7.5, 3, 8, 5, 1.5]
SCORE = [41.5, 78.25, 50, 90.5, 60, 35]
RESULT = ["fail", "pass", "retake", "pass", "retake", "fail"]
CLASSES = ["fail", "pass", "retake"]  # sorted by name


def standardized(column):
    m = len(column)
    mean = sum(column) / m
    std = math.sqrt(sum((v - mean) ** 2 for v in column) / m)
    return [(v - mean) / std for v in column]


def exam_X():
    return np.column_stack([standardized(HOURS), standardized(SCORE)])


def exam_Y():
    return np.array([[1.0 if r == c else 0.0 for c in CLASSES] for r in RESULT])


def values(array):
    """A plotly JSON array: a list, or numpy's bytes as plotly writes them (dtype, bdata)."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return np.asarray(array)


def upload(at, raw: bytes, name="exam.csv"):
    at.radio(key="data_source").set_value("Upload a CSV").run()
    at.file_uploader(key="ud_file").set_value((name, raw, "text/csv")).run()
    return at


def paste(at, text: str):
    at.radio(key="data_source").set_value("Paste a table").run()
    at.text_area(key="ud_paste").set_value(text).run()
    return at


def names(at):
    return at.session_state[ui_state.KEY].names


def test_semicolon_decimal_comma_file_with_three_classes_runs_on_every_page():
    at = upload(open_page("data"), EXAM.encode("utf-8"))
    no_errors(at)
    assert at.multiselect(key=at.multiselect[0].key).value == ["Hours", "Score"]
    at.button(key="use_data").click().run()
    no_errors(at)
    X, Y = data(at)
    np.testing.assert_allclose(X, exam_X(), rtol=0, atol=1e-12)
    np.testing.assert_array_equal(Y, exam_Y())
    net = network(at)
    assert net.sizes[0] == 2 and net.sizes[-1] == 3
    assert (net.activations[net.L], net.loss) == ("softmax", "cross_entropy")
    assert names(at) == ui_state.DataNames(("Hours", "Score"), tuple(CLASSES), tuple(CLASSES))
    assert "inputs Hours, Score · classes fail, pass, retake" in at.caption[0].value
    for page in PAGES:
        at.switch_page(f"app_pages/{page}.py").run()
        no_errors(at)
        assert network(at) is net, page


def test_preview_scatter_shows_each_class_in_the_files_units():
    at = upload(open_page("data"), EXAM.encode("utf-8"))
    by_name = {trace["name"]: trace for trace in charts(at)[0]["data"]}
    assert sorted(by_name) == CLASSES
    for c in CLASSES:
        rows = [i for i, r in enumerate(RESULT) if r == c]
        assert list(values(by_name[c]["x"])) == [HOURS[i] for i in rows]
        assert list(values(by_name[c]["y"])) == [SCORE[i] for i in rows]


def test_a_network_that_fits_is_kept_and_another_pair_builds_a_new_one():
    at = upload(open_page("data"), EXAM.encode("utf-8"))
    at.button(key="use_data").click().run()
    first = network(at)
    at.button(key="use_data").click().run()
    assert network(at) is first  # same sizes and pair: kept, weights and all
    at.selectbox(key="use_pair").set_value(("sigmoid", "squared_error")).run()
    at.button(key="use_data").click().run()
    no_errors(at)
    net = network(at)
    assert net is not first
    assert net.sizes == first.sizes and (net.activations[net.L], net.loss) == (
        "sigmoid",
        "squared_error",
    )


def test_pasted_table_with_a_numeric_target_is_regression_in_its_own_numbers():
    text = "x,y,height\n1,4,0.5\n2,3,1.25\n3,1,-2\n4,0,7\n"
    at = paste(open_page("data"), text)
    at.toggle(key=at.toggle[0].key).set_value(False).run()
    no_errors(at)
    at.button(key="use_data").click().run()
    no_errors(at)
    X, Y = data(at)
    np.testing.assert_array_equal(X, [[1, 4], [2, 3], [3, 1], [4, 0]])
    np.testing.assert_array_equal(Y, [[0.5], [1.25], [-2], [7]])
    net = network(at)
    assert (net.activations[net.L], net.loss) == ("linear", "half_squared_error")
    assert net.sizes[-1] == 1


HOSTILE_FILES = {
    "formula cell": b"a,b,y\n1,2,x\n=cmd|' /C calc'!A0,3,y\n4,5,x\n",
    "ragged rows": b"a,b,y\n1,2,x\n3,4\n5,6,y\n7,8,x\n",
    "empty file": b"",
}


@pytest.mark.parametrize("case", list(HOSTILE_FILES))
def test_a_hostile_file_gives_one_message_and_changes_nothing(case):
    at = open_page("data")
    net, (X, Y) = network(at), data(at)
    upload(at, HOSTILE_FILES[case])
    assert not at.exception
    assert len(at.error) == 1, [e.value for e in at.error]
    assert "use_data" not in _keys(at)
    assert network(at) is net
    X2, Y2 = data(at)
    np.testing.assert_array_equal(X2, X)
    np.testing.assert_array_equal(Y2, Y)


def _keys(at):
    return {b.key for b in at.button}


def test_a_hostile_paste_gives_one_message_naming_the_cell():
    at = paste(open_page("data"), "a,b,y\n1,2,x\n@SUM(1+1)*cmd,3,y\n")
    assert [e.value for e in at.error] and len(at.error) == 1
    assert "Row 3, column A" in at.error[0].value
    assert "use_data" not in _keys(at)


@pytest.mark.parametrize("text", ["__import__('os')", "x1.__class__", "9**9**9", "x1" * 150])
def test_a_hostile_formula_gives_one_message_and_changes_nothing(text):
    at = open_page("data")
    net, (X, Y) = network(at), data(at)
    at.radio(key="data_source").set_value("From a formula").run()
    at.text_input(key="fd_text").set_value(text).run()
    assert not at.exception
    assert len(at.error) == 1, [e.value for e in at.error]
    assert "use_data" not in _keys(at)
    assert network(at) is net
    np.testing.assert_array_equal(data(at)[0], X)
    np.testing.assert_array_equal(data(at)[1], Y)


def test_formula_data_is_sampled_on_the_range_and_labelled_by_the_formula():
    at = open_page("data")
    at.radio(key="data_source").set_value("From a formula").run()
    at.text_input(key="fd_text").set_value("x1 > x2").run()
    at.number_input(key="fd_n").set_value(50).run()
    at.button(key="use_data").click().run()
    no_errors(at)
    X, Y = data(at)
    assert X.shape == (50, 2) and Y.shape == (50, 1)
    assert X.min() >= -2 and X.max() <= 2
    np.testing.assert_array_equal(Y[:, 0], (X[:, 0] > X[:, 1]).astype(float))
    assert names(at).classes == ("false", "true")
    assert (network(at).activations[network(at).L], network(at).loss) == (
        "sigmoid",
        "binary_cross_entropy",
    )


def exported(monkeypatch, at) -> str:
    """The text the page's export button offers, caught on its way to st.download_button."""
    caught = {}
    original = st.download_button

    def spy(label, data, *args, **kwargs):
        caught[kwargs.get("key")] = data
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    at.run()
    return caught["export_data"]


def test_export_of_csv_data_is_the_file_in_its_own_units(monkeypatch):
    at = upload(open_page("data"), EXAM.encode("utf-8"))
    at.button(key="use_data").click().run()
    back = pd.read_csv(io.StringIO(exported(monkeypatch, at)))
    assert list(back.columns) == ["Hours", "Score", "Result"]
    np.testing.assert_array_equal(back["Hours"], HOURS)
    np.testing.assert_array_equal(back["Score"], SCORE)
    assert list(back["Result"]) == RESULT
    X, Y = data(at)  # the shared data is the export, standardized
    np.testing.assert_allclose(
        np.column_stack([standardized(list(back["Hours"])), standardized(list(back["Score"]))]),
        X,
        atol=1e-12,
    )
    np.testing.assert_array_equal(
        Y, [[1.0 if r == c else 0.0 for c in CLASSES] for r in back["Result"]]
    )


def test_export_of_formula_data_names_inputs_and_classes(monkeypatch):
    at = open_page("data")
    at.radio(key="data_source").set_value("From a formula").run()
    at.number_input(key="fd_n").set_value(30).run()
    at.button(key="use_data").click().run()
    back = pd.read_csv(io.StringIO(exported(monkeypatch, at)), dtype={"y": str})
    X, Y = data(at)
    assert list(back.columns) == ["x1", "x2", "y"]
    np.testing.assert_array_equal(back[["x1", "x2"]].to_numpy(), X)
    assert list(back["y"]) == ["true" if y == 1 else "false" for y in Y[:, 0]]


def test_export_of_a_preset_writes_x_and_y_columns(monkeypatch):
    at = open_page("data")  # the worked example: 1 example, 2 inputs, 2 targets, no names
    back = pd.read_csv(io.StringIO(exported(monkeypatch, at)))
    X, Y = data(at)
    assert list(back.columns) == ["x1", "x2", "y1", "y2"]
    np.testing.assert_array_equal(back[["x1", "x2"]].to_numpy(), X)
    np.testing.assert_array_equal(back[["y1", "y2"]].to_numpy(), Y)


def test_a_header_longer_than_a_link_allows_is_cut_so_the_state_keeps_its_link():
    long_name = "Hours spent revising before the final exam (self-reported)"  # 59 characters
    text = f"{long_name};Score;Result\n" + "\n".join(
        f"{h};{s};{r}"
        for h, s, r in [
            (1, 40, "fail"),
            (5, 70, "pass"),
            (2, 45, "fail"),
            (6, 80, "pass"),
            (3, 50, "fail"),
            (7, 90, "pass"),
        ]
    )
    at = upload(open_page("data"), text.encode("utf-8"))
    at.button(key="use_data").click().run()
    no_errors(at)
    first = names(at).inputs[0]
    assert len(first) == 40 and first == long_name[:39] + "…"
    params = {key: at.query_params[key] for key in at.query_params}
    assert "names" in params  # the state still has a link, names included

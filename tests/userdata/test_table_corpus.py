"""Real-world shapes of a CSV, written here as bytes, read into the X and Y typed here by hand.

Every expected number is written in the test (or, for standardized inputs, computed with the
statistics module from the numbers written here), never taken from the code under test.
"""

import statistics

import numpy as np
import pytest

import core
from userdata import choose, read_table

PENGUINS = (
    "\ufeff"  # a UTF-8 BOM, as Excel writes "CSV UTF-8"
    '"body mass (g)";"flipper length";"species"\r\n'
    "3750;181,5;Adelie\r\n"
    "3800;186;Gentoo\r\n"
    "3250;195,25;Chinstrap\r\n"
    "4000;-0,5;Adelie\r\n"
    "\r\n"
).encode()


def test_semicolons_decimal_comma_bom_quoted_header_windows_lines_trailing_blank():
    table = read_table(PENGUINS)
    assert (table.delimiter, table.decimal, table.header) == (";", ",", True)
    assert list(table.frame.columns) == ["body mass (g)", "flipper length", "species"]
    assert table.rows == (2, 3, 4, 5)
    assert table.numeric == ("body mass (g)", "flipper length")
    data = choose(table, ["body mass (g)", "flipper length"], "species", standardize=False)
    expected_X = np.array([[3750, 181.5], [3800, 186], [3250, 195.25], [4000, -0.5]])
    assert np.array_equal(data.X, expected_X)
    # sorted class names; one-hot columns in that order
    assert data.class_names == ("Adelie", "Chinstrap", "Gentoo")
    assert np.array_equal(data.Y, [[1, 0, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0]])
    assert data.task == "multiclass"
    assert (data.proposal.activation, data.proposal.loss) == ("softmax", "cross_entropy")
    assert (data.proposal.activation, data.proposal.loss) in core.valid_pairs()
    assert data.proposal.why.startswith("3 classes")
    assert data.input_names == ("body mass (g)", "flipper length")
    assert data.target_name == "species"
    assert data.mean is None and data.std is None
    assert data.X.dtype == np.float64 and data.Y.dtype == np.float64


def test_standardized_inputs_use_the_population_std_and_keep_the_statistics():
    table = read_table(PENGUINS)
    data = choose(table, ["body mass (g)", "flipper length"], "species", standardize=True)
    columns = [[3750, 3800, 3250, 4000], [181.5, 186, 195.25, -0.5]]
    mean = [statistics.fmean(c) for c in columns]
    std = [statistics.pstdev(c) for c in columns]  # ddof = 0
    assert np.allclose(data.mean, mean, rtol=1e-14)
    assert np.allclose(data.std, std, rtol=1e-14)
    expected = [[(x - mean[j]) / std[j] for j, x in enumerate(row)] for row in zip(*columns)]
    assert np.allclose(data.X, expected, rtol=1e-13, atol=1e-15)
    assert np.array_equal(data.X_file, np.array(columns).T)  # the file's values kept
    assert not data.X.flags.writeable  # the data is as immutable as a network


def test_tab_separated_binary_zero_one_target():
    raw = b"hours\tsleep\tpassed\n1.5\t8\t0\n3\t7\t1\n0.5\t9\t0\n4.25\t6\t1\n2\t8\t1\n"
    table = read_table(raw)
    assert (table.delimiter, table.decimal) == ("\t", ".")
    data = choose(table, ["sleep", "hours"], "passed", standardize=False)
    assert np.array_equal(data.X, [[8, 1.5], [7, 3], [9, 0.5], [6, 4.25], [8, 2]])
    assert data.Y.shape == (5, 1)
    assert np.array_equal(data.Y[:, 0], [0, 1, 0, 1, 1])
    assert (data.task, data.class_names) == ("binary", ("0", "1"))
    assert (data.proposal.activation, data.proposal.loss) == ("sigmoid", "binary_cross_entropy")
    assert (data.proposal.activation, data.proposal.loss) in core.valid_pairs()
    assert '"1"' in data.proposal.why  # the class whose probability the output is


def test_tab_separated_with_decimal_comma():
    raw = b"a\tb\tc\n1,5\t-2,25\t0,125\n2\t3,5\t1e-3\n"
    table = read_table(raw)
    data = choose(table, ["a", "c"], "b", standardize=False)
    assert np.array_equal(data.X, [[1.5, 0.125], [2, 0.001]])
    # two different target values: binary (my call), class names sorted as numbers
    assert data.class_names == ("-2.25", "3.5")
    assert np.array_equal(data.Y[:, 0], [0, 1])


def test_no_header_regression_target_and_spaces_after_commas():
    raw = b"0.5, 1, 2.75\n-1, 2, -0.125\n3, 2.5, 10\n4, 0, 1e-3\n"
    table = read_table(raw)
    assert table.header is False
    assert list(table.frame.columns) == ["column A", "column B", "column C"]
    assert table.rows == (1, 2, 3, 4)
    data = choose(table, ["column A", "column B"], "column C", standardize=False)
    assert np.array_equal(data.X, [[0.5, 1], [-1, 2], [3, 2.5], [4, 0]])
    assert np.array_equal(data.Y, [[2.75], [-0.125], [10], [0.001]])
    assert (data.task, data.class_names) == ("regression", None)
    assert (data.proposal.activation, data.proposal.loss) == ("linear", "half_squared_error")
    assert (data.proposal.activation, data.proposal.loss) in core.valid_pairs()


def test_two_text_classes_are_binary_with_the_second_sorted_name_as_one():
    raw = b"x,result\n1,pass\n2,fail\n3,pass\n4,Fail2\n"
    data = choose(read_table(raw), ["x"], "result", standardize=False)
    assert data.task == "multiclass" and data.class_names == ("fail", "Fail2", "pass")
    raw = b"x,result\n1,pass\n2,fail\n3,pass\n"
    data = choose(read_table(raw), ["x"], "result", standardize=False)
    assert (data.task, data.class_names) == ("binary", ("fail", "pass"))
    assert np.array_equal(data.Y[:, 0], [1, 0, 1])


def test_grades_are_classes_scores_are_numbers_and_the_user_can_override():
    grades = b"hours,grade\n1,3\n2,3\n3,2\n4,2\n5,1\n6,1\n7,2\n"
    data = choose(read_table(grades), ["hours"], "grade", standardize=False)
    assert (data.task, data.class_names) == ("multiclass", ("1", "2", "3"))
    assert np.array_equal(
        data.Y, [[0, 0, 1], [0, 0, 1], [0, 1, 0], [0, 1, 0]] + [[1, 0, 0]] * 2 + [[0, 1, 0]]
    )
    data = choose(read_table(grades), ["hours"], "grade", standardize=False, as_classes=False)
    assert data.task == "regression"
    assert np.array_equal(data.Y[:, 0], [3, 3, 2, 2, 1, 1, 2])
    # whole numbers, but nearly one per row: scores, not classes
    scores = b"hours,score\n1,40\n2,55\n3,61\n4,70\n5,90\n"
    assert choose(read_table(scores), ["hours"], "score", standardize=False).task == "regression"
    # -1 / +1 labels: two values, binary
    signs = b"x,label\n1,-1\n2,1\n3,-1\n"
    data = choose(read_table(signs), ["x"], "label", standardize=False)
    assert (data.task, data.class_names) == ("binary", ("-1", "1"))
    assert np.array_equal(data.Y[:, 0], [0, 1, 0])


def test_quoted_fields_with_delimiters_unused_columns_and_trailing_delimiters():
    raw = b'name,x1,x2,y,\n"Smith, J.",1.5,2,yes,\n"Doe, ""Jo""",0,-3,no,\nLee,2,2,yes,\n,,,,\n'
    table = read_table(raw)
    assert list(table.frame.columns) == ["name", "x1", "x2", "y"]  # the empty 5th dropped
    assert list(table.cells["name"]) == ["Smith, J.", 'Doe, "Jo"', "Lee"]
    assert table.rows == (2, 3, 4)
    data = choose(table, ["x1", "x2"], "y", standardize=False)
    assert np.array_equal(data.X, [[1.5, 2], [0, -3], [2, 2]])
    assert np.array_equal(data.Y[:, 0], [1, 0, 1])


def test_header_with_a_number_above_a_numeric_column_is_still_a_header():
    raw = b"2019,mass,y\n1,2,a\n3,4,b\n"
    table = read_table(raw)
    assert table.header and list(table.frame.columns) == ["2019", "mass", "y"]


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Größe;Gewicht;Klasse\n1,5;2;a\n2,5;3;b\n".encode("cp1252"), "Größe"),
        ("Größe\tGewicht\tKlasse\n1,5\t2\ta\n2,5\t3\tb\n".encode("utf-16"), "Größe"),
        ("Größe,Gewicht,Klasse\r\n1.5,2,a\r\n2.5,3,b".encode(), "Größe"),
    ],
    ids=["cp1252 (Excel on Windows)", "UTF-16 (Excel Unicode text)", "UTF-8 no final newline"],
)
def test_encodings(raw, name):
    data = choose(read_table(raw), [name, "Gewicht"], "Klasse", standardize=False)
    assert np.array_equal(data.X, [[1.5, 2], [2.5, 3]])
    assert data.class_names == ("a", "b")


def test_missing_cells_in_an_unused_column_do_not_matter():
    raw = b"note,x,y\n,1,0\nlate,2,1\nNA,3,1\n"
    data = choose(read_table(raw), ["x"], "y", standardize=False)
    assert np.array_equal(data.X[:, 0], [1, 2, 3])

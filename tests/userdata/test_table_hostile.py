"""Hostile and broken files: each gives ONE TableError whose sentence names the right row (as a
spreadsheet numbers it, the header is row 1) and column (A = 1), and nothing else is raised.
"""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from userdata import LIMITS, TableError, choose, read_table


def read_error(raw: bytes) -> TableError:
    with pytest.raises(TableError) as info:
        read_table(raw)
    return info.value


def choose_error(raw: bytes, inputs, target, **kw) -> TableError:
    table = read_table(raw)
    with pytest.raises(TableError) as info:
        choose(table, inputs, target, standardize=kw.pop("standardize", False), **kw)
    return info.value


def one_sentence(message: str) -> bool:
    return message.endswith(".") and ". " not in message.rstrip(".")


# (raw, row, column, words the message must hold) for read_table
READ_CASES = {
    "empty": (b"", None, None, ["empty"]),
    "blank lines only": (b"\r\n\r\n   \n", None, None, ["empty"]),
    "delimiters only": (b";;;\n;;;\n", None, None, ["empty"]),
    "NUL bytes": (b"x,y\n1,\x002\n", None, None, ["not a text"]),
    "binary garbage": (bytes(range(256)) * 4, None, None, ["not a text"]),
    "control character": (b"x,y\n1,\x1b[2J\n", None, None, ["not a text"]),
    "header only": (b"x1,x2,y\n", None, None, ["no data rows"]),
    "short row": (b"x1,x2,y\n1,2,a\n3,4\n5,6,b\n", 3, None, ["Row 3 has 2 fields", "have 3"]),
    "long row": (b"x1,x2,y\n1,2,a\n3,4,b\n5,6,c,7\n", 4, None, ["Row 4 has 4 fields", "have 3"]),
    "ragged after a blank line": (
        b"x,y\n1,2\n\n3\n4,5\n",
        4,
        None,
        ["Row 4 has 1 field,", "have 2"],
    ),
    "duplicate names": (b"x,y,x\n1,2,3\n4,5,6\n", 1, 3, ["columns A and C", '"x"']),
    "formula =cmd": (
        b"x1,x2,y\n1,2,a\n3,=cmd|' /C calc'!A0,b\n",
        3,
        2,
        ["Row 3, column B", "\"=cmd|' /C calc'!A0\"", "formula"],
    ),
    "formula @SUM": (b"x1,x2,y\n1,2,@SUM(1)\n", 2, 3, ["Row 2, column C", "'@SUM(1)'"]),
    "formula -x in an unused column": (
        b"note,x,y\nok,1,0\n-2+3+cmd|' /C calc'!A0,2,1\n",
        3,
        1,
        ["Row 3, column A"],
    ),
    "formula in the header": (b"x,+HYPERLINK(1)\n1,2\n", 1, 2, ["Row 1, column B"]),
    "formula without header": (b"1,2\n3,=1+1\n", 2, 2, ["Row 2, column B"]),
}


@pytest.mark.parametrize("case", READ_CASES, ids=list(READ_CASES))
def test_read_errors_name_row_and_column(case):
    raw, row, column, words = READ_CASES[case]
    error = read_error(raw)
    assert (error.row, error.column) == (row, column)
    for word in words:
        assert word in str(error)
    assert one_sentence(str(error)), str(error)


def test_a_number_with_a_sign_is_not_a_formula():
    table = read_table(b"x,y\n-1.5,+2\n+3e-2,-4\n")
    assert list(table.frame["x"]) == [-1.5, 0.03]
    assert list(table.frame["y"]) == [2.0, -4.0]


# (raw, inputs, target, row, column, exact message) for choose
CHOOSE_CASES = {
    "missing input": (
        b"x1,x2,y\n1,2,a\n3,,b\n",
        ["x1", "x2"],
        "y",
        3,
        2,
        'Row 3, column B ("x2"): the value is missing.',
    ),
    "missing without header": (
        b"1,2,a\n,4,b\n5,6,a\n",
        ["column A", "column B"],
        "column C",
        2,
        1,
        "Row 2, column A: the value is missing.",
    ),
    "missing after a blank line": (
        b"x,y\n1,0\n\n\n2,NA\n3,1\n",
        ["x"],
        "y",
        5,
        2,
        'Row 5, column B ("y"): the value is missing.',
    ),
    "missing target class": (
        b"x,y\n1,a\n2,\n3,b\n",
        ["x"],
        "y",
        3,
        2,
        'Row 3, column B ("y"): the value is missing.',
    ),
    "non-numeric input": (
        b"x1,x2,y\n1,2,a\n3,4,b\n5,abc,a\n",
        ["x1", "x2"],
        "y",
        4,
        2,
        "Row 4, column B (\"x2\"): 'abc' is not a number.",
    ),
    "first bad cell in reading order": (
        b"x1,x2,y\n1,2,a\n3,oops,b\nhm,4,a\n",
        ["x1", "x2"],
        "y",
        3,
        2,
        "Row 3, column B (\"x2\"): 'oops' is not a number.",
    ),
    "long value shortened and escaped": (
        b"x,y\n1,0\n" + b"\\" + b"a" * 40 + b",1\n",
        ["x"],
        "y",
        3,
        1,
        "Row 3, column A (\"x\"): '\\\\aaaaaaaaaaaaaaaaaaa'… is not a number.",
    ),
    "decimal point in a decimal-comma file": (
        b"x;y\n1,5;0\n2.5;1\n",
        ["x"],
        "y",
        3,
        1,
        "Row 3, column A (\"x\"): '2.5' is not a number.",
    ),
    "inf input": (
        b"x1,x2,y\n1,2,0\n3,-inf,1\n",
        ["x1", "x2"],
        "y",
        3,
        2,
        "Row 3, column B (\"x2\"): '-inf' is not a finite number.",
    ),
    "overflowing number": (
        b"x1,x2,y\n1,2,0\n1e999,3,1\n",
        ["x1", "x2"],
        "y",
        3,
        1,
        "Row 3, column A (\"x1\"): '1e999' is not a finite number.",
    ),
    "nan input is missing": (
        b"x,y\n1,0\nnan,1\n",
        ["x"],
        "y",
        3,
        1,
        'Row 3, column A ("x"): the value is missing.',
    ),
    "constant input": (
        b"x1,x2,y\n1,7,a\n2,7.0,b\n3,7,a\n",
        ["x1", "x2"],
        "y",
        None,
        2,
        "Column B (\"x2\") holds the same value '7' in every row, so it cannot tell examples"
        " apart.",
    ),
    "single class": (
        b"x,y\n1,yes\n2,yes\n3,yes\n",
        ["x"],
        "y",
        None,
        2,
        "Column B (\"y\") holds the same target 'yes' in every row, so there is nothing to learn.",
    ),
    "constant numeric target": (
        b"x,y\n1,0\n2,0\n",
        ["x"],
        "y",
        None,
        2,
        "Column B (\"y\") holds the same target '0' in every row, so there is nothing to learn.",
    ),
    "too many classes": (
        b"x,name\n" + b"".join(b"%d,s%d\n" % (i, i) for i in range(11)),
        ["x"],
        "name",
        None,
        2,
        'Column B ("name") has 11 different values, more than the limit of 10 classes.',
    ),
    "too many inputs": (
        b",".join(b"x%d" % j for j in range(10)) + b"\n" + b"1,2,3,4,5,6,7,8,9,0\n",
        [f"x{j}" for j in range(9)],
        "x9",
        None,
        None,
        "9 inputs are chosen, more than the limit of 8.",
    ),
    "target among inputs": (
        b"x,y\n1,0\n2,1\n",
        ["x", "y"],
        "y",
        None,
        None,
        'The column "y" cannot be both an input and the target.',
    ),
    "unknown column": (
        b"x,y\n1,0\n2,1\n",
        ["z"],
        "y",
        None,
        None,
        'There is no column named "z".',
    ),
}


@pytest.mark.parametrize("case", CHOOSE_CASES, ids=list(CHOOSE_CASES))
def test_choose_errors_name_row_and_column(case):
    raw, inputs, target, row, column, message = CHOOSE_CASES[case]
    error = choose_error(raw, inputs, target)
    assert str(error) == message
    assert (error.row, error.column) == (row, column)
    assert one_sentence(message)


def test_broken_quotes():
    assert str(read_error(b'x,y\n1,"2\n3,4\n')) == (
        'The file ends inside a quoted field: a quote (") is never closed.'
    )
    assert str(read_error(b'x,y\n1,"2"3\n3,4\n')) == (
        'A closing quote (") is followed by more text in the same field.'
    )


def test_text_target_cannot_be_regression():
    error = choose_error(b"x,y\n1,a\n2,b\n", ["x"], "y", as_classes=False)
    assert str(error) == 'Column B ("y") holds text, so it can only be classes, not a number.'


def test_eight_inputs_are_allowed():
    header = b",".join(b"x%d" % j for j in range(9))
    rows = b"".join(b",".join(b"%d" % (i * j + i) for j in range(9)) + b"\n" for i in range(3))
    data = choose(
        read_table(header + b"\n" + rows), [f"x{j}" for j in range(1, 9)], "x0", standardize=False
    )
    assert data.X.shape == (3, 8)


def rows_file(m: int) -> bytes:
    return b"x,y\n" + b"".join(b"%d,%d\n" % (i, i % 2) for i in range(m))


def test_row_limit_is_the_number_of_data_rows():
    assert len(read_table(rows_file(LIMITS.rows)).rows) == 5000
    error = read_error(rows_file(LIMITS.rows + 1))
    assert str(error) == "The file has 5002 lines, more than the 5000 rows allowed (plus a header)."
    quoted = b'"x","y"\n' + b"".join(b'"%d","%d"\n' % (i, i % 2) for i in range(5001))
    assert (
        str(read_error(quoted)) == "The file has 5001 data rows, more than the limit of 5000."
    )  # counted after parsing too


def test_column_limit():
    def wide(n):
        return b",".join(b"c%d" % j for j in range(n)) + b"\n" + b",".join([b"1"] * n) + b"\n"

    assert len(read_table(wide(30)).columns) == 30
    assert str(read_error(wide(31))) == "Row 1 has more than the limit of 30 columns."
    error = read_error(b"a,b\n\n1,2\n" + b",".join([b"1"] * 40) + b"\n")
    assert str(error) == "Row 4 has 40 fields, more than the limit of 30 columns."


def test_a_6_mb_file_is_refused_before_pandas_parses_it(monkeypatch):
    def no_pandas(*args, **kwargs):
        raise AssertionError("pandas.read_csv was called")

    monkeypatch.setattr(pd, "read_csv", no_pandas)
    error = read_error(b"1,2\n" * (6 * 1024 * 1024 // 4))
    assert str(error) == "The file has 6291456 bytes, more than the limit of 5 MB."
    with pytest.raises(AssertionError, match="read_csv was called"):  # the limit is inclusive
        read_table(b"1" * (5 * 1024 * 1024 - 4) + b",2\n\n")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_give_a_table_or_a_table_error(raw):
    try:
        read_table(raw)
    except TableError as error:
        assert one_sentence(str(error)) or "(" in str(error)


ALPHABET = st.sampled_from(list("0123456789,;\t\n\r\"'.-+=@e ab\\") + ["\ufeff", "ä", "\x00"])


@settings(max_examples=60, deadline=None)
@given(st.lists(ALPHABET, max_size=120).map("".join), st.booleans())
def test_random_tables_give_data_or_a_table_error(text, standardize):
    try:
        table = read_table(text.encode())
        names = list(table.frame.columns)
        choose(table, names[:-1], names[-1], standardize=standardize)
    except TableError:
        pass


def test_a_sign_before_a_number_is_text_not_a_formula():
    # "=5" is not refused as a formula (only text after = + - @ is), but it is no number either
    error = choose_error(b"x,y\n1,0\n=5,1\n", ["x"], "y")
    assert str(error) == "Row 3, column A (\"x\"): '=5' is not a number."
    assert str(read_error(b"x,y\n1,0\n=x5,1\n")).startswith("Row 3, column A: '=x5' starts")

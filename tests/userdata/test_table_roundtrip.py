"""Any numeric frame written as CSV and read back gives the same X and Y, bit for bit.

The first file is written here (its own writer, "%.17g", any delimiter and decimal mark), so
the read is checked against the numbers drawn, not against the code's own writer; then
to_csv → read_table → choose must give the same X and Y again.
"""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from userdata import choose, read_table, to_csv

FLOATS = st.floats(min_value=-1e300, max_value=1e300, allow_nan=False, allow_infinity=False)


def bits(a) -> np.ndarray:
    """Bit patterns: equal only if every float is the same, -0.0 and 0.0 told apart."""
    return np.ascontiguousarray(a, dtype=np.float64).view(np.int64)


@st.composite
def frames(draw):
    m = draw(st.integers(2, 50))
    n = draw(st.integers(1, 8))
    # a column is constant when all its values are equal (-0.0 == 0.0): refused by choose
    column = st.lists(FLOATS, min_size=m, max_size=m).filter(lambda c: len(set(c)) > 1)
    X = np.array([draw(column) for _ in range(n)]).T.reshape(m, n)
    task = draw(st.sampled_from(["regression", "binary"] + ["multiclass"] * (m >= 3)))
    if task == "regression":
        y = draw(st.lists(FLOATS, min_size=m, max_size=m).filter(lambda c: len(set(c)) > 1))
        names = None
    else:
        k = 2 if task == "binary" else draw(st.integers(3, min(10, m)))
        labels = draw(st.permutations(list(range(k)) + [0] * (m - k)))  # every class present
        y = [f"class {chr(ord('a') + c)}" for c in labels]  # sorts as a, b, c, …
        names = tuple(f"class {chr(ord('a') + c)}" for c in range(k))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    decimal = "." if delimiter == "," else draw(st.sampled_from([".", ","]))
    standardize = draw(st.booleans())
    return X, y, task, names, delimiter, decimal, standardize


def write(X, y, delimiter, decimal) -> bytes:
    def number(x):
        return f"{x:.17g}".replace(".", decimal)  # 17 significant digits: exact for float64

    header = [f"x{j + 1}" for j in range(X.shape[1])] + ["y"]
    lines = [delimiter.join(header)]
    for row, target in zip(X, y):
        cell = target if isinstance(target, str) else number(target)
        lines.append(delimiter.join([number(x) for x in row] + [cell]))
    return ("\r\n".join(lines) + "\r\n").encode()


@settings(max_examples=60, deadline=None)
@given(frames())
def test_written_read_written_read_gives_the_same_X_and_Y(frame):
    X, y, task, names, delimiter, decimal, standardize = frame
    n = X.shape[1]
    inputs = [f"x{j + 1}" for j in range(n)]
    as_classes = task != "regression"

    first = choose(
        read_table(write(X, y, delimiter, decimal)),
        inputs,
        "y",
        standardize=standardize,
        as_classes=as_classes,
    )
    assert np.array_equal(bits(first.X_file), bits(X))
    if task == "regression":
        expected_Y = np.array(y)[:, None]
    elif task == "binary":
        expected_Y = np.array([[1.0 if c == names[1] else 0.0] for c in y])
    else:
        expected_Y = np.array([[1.0 if c == name else 0.0 for name in names] for c in y])
    assert np.array_equal(bits(first.Y), bits(expected_Y))
    assert (first.task, first.class_names) == (task, names)
    if not standardize:
        assert np.array_equal(bits(first.X), bits(X))

    again = choose(
        read_table(to_csv(first).encode()),
        inputs,
        "y",
        standardize=standardize,
        as_classes=as_classes,
    )
    assert np.array_equal(bits(again.X), bits(first.X))
    assert np.array_equal(bits(again.Y), bits(first.Y))
    assert np.array_equal(bits(again.X_file), bits(X))
    assert (again.task, again.class_names) == (task, names)
    if standardize:
        assert np.array_equal(bits(again.mean), bits(first.mean))
        assert np.array_equal(bits(again.std), bits(first.std))
        assert np.isfinite(again.X).all()


def test_to_csv_writes_the_file_values_and_class_names():
    raw = b"a;b;kind\n1,5;-2;dog\n2;0,25;cat\n-0,5;3;dog\n"
    data = choose(read_table(raw), ["b", "a"], "kind", standardize=True)
    assert to_csv(data) == "b,a,kind\n-2.0,1.5,dog\n0.25,2.0,cat\n3.0,-0.5,dog\n"
    grades = b"x,grade\n1,3\n2,1\n3,2\n4,2\n5,1\n6,3\n"
    data = choose(read_table(grades), ["x"], "grade", standardize=False)
    assert to_csv(data) == "x,grade\n1.0,3\n2.0,1\n3.0,2\n4.0,2\n5.0,1\n6.0,3\n"

"""Data from a formula: values against the same formula written here in numpy, the allow-list
against hostile text, and the sampled data (seeds, label flips, noise, refusals)."""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import core
from core import formula as F

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def grid_points(n_inputs=2, m=400, seed=0):
    """Points spread over [−2, 2]ᴺ, with 0, ±1 and ±0.5 exactly among them."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2, 2, (m, n_inputs))
    special = np.array([0, 1, -1, 0.5, -0.5, 2, -2, 0.999, 1.001])[:m]
    X[: len(special)] = special[:, None]
    return X


# text, the same formula in numpy (x = X[:, 0], y = X[:, 1]), is it a classification
VALUES = [
    ("x1**2 + x2**2 < 1", lambda x, y: x**2 + y**2 < 1, True),
    ("sin(3*x1)", lambda x, y: np.sin(3 * x), False),
    ("where(x1 > 0, x2, -x2)", lambda x, y: np.where(x > 0, y, -y), False),
    ("0 < x1 < 1", lambda x, y: (0 < x) & (x < 1), True),
    ("x1 < x2 >= 0.5", lambda x, y: (x < y) & (y >= 0.5), True),
    ("-x1**2", lambda x, y: -(x**2), False),  # ** binds tighter than unary minus
    ("x1 - x2 - 1", lambda x, y: (x - y) - 1, False),  # left to right
    ("x1 / x2 / 2", lambda x, y: (x / y) / 2, False),
    ("2**-1 * x1 + x2**0.5", lambda x, y: 0.5 * x + np.sqrt(y), False),
    ("pi * e + x1", lambda x, y: np.pi * np.e + x, False),
    ("exp(-x1) / (1 + abs(x2))", lambda x, y: np.exp(-x) / (1 + np.abs(y)), False),
    ("maximum(x1, 0) - minimum(x2, 0)", lambda x, y: np.maximum(x, 0) - np.minimum(y, 0), False),
    ("tanh(x1) + cos(x2) + tan(x1/4)", lambda x, y: np.tanh(x) + np.cos(y) + np.tan(x / 4), False),
    ("sqrt(abs(x1)) + log(1 + x2**2)", lambda x, y: np.sqrt(np.abs(x)) + np.log(1 + y**2), False),
    ("(x1 > 0) + (x2 > 0)", lambda x, y: (x > 0).astype(float) + (y > 0), False),  # 0, 1 or 2
    ("(x1 > 0) == (x2 > 0)", lambda x, y: (x > 0) == (y > 0), True),
    ("x1 > 0 and not x2 > 0 or x1 < -1", lambda x, y: ((x > 0) & ~(y > 0)) | (x < -1), True),
    ("x1 == 1 or x1 != x1", lambda x, y: x == 1, True),
    ("x1 <= 0.5", lambda x, y: x <= 0.5, True),  # the grid holds 0.5, −0.5 and 1 exactly
    ("x2 > -0.5", lambda x, y: y > -0.5, True),
    ("x2 != 1", lambda x, y: y != 1, True),
    ("where(x1 > 0, x2 > 0, x2 < -1)", lambda x, y: np.where(x > 0, y > 0, y < -1), True),
    ("where(x1 > 0, x2 > 0, 0.5)", lambda x, y: np.where(x > 0, (y > 0) * 1.0, 0.5), False),
    ("3", lambda x, y: np.full_like(x, 3.0), False),
]


@pytest.mark.parametrize("text, expected, classification", VALUES)
def test_values_match_the_formula_written_in_numpy(text, expected, classification):
    X = grid_points()
    f = F.parse(text, 2)
    with np.errstate(all="ignore"):
        want = np.asarray(expected(X[:, 0], X[:, 1]), dtype=float)
    got = f.evaluate(X)
    assert got.shape == (len(X),) and got.dtype == np.float64
    np.testing.assert_allclose(got, want, rtol=1e-13, atol=0, equal_nan=True)
    assert f.is_classification is classification
    if classification:
        assert set(np.unique(got)) == {0.0, 1.0}


def test_one_input_may_be_called_x_or_x1_and_text_is_kept_stripped():
    X = grid_points(1)
    f = F.parse("  x**3 - x1 ", 1)
    np.testing.assert_allclose(f.evaluate(X), X[:, 0] ** 3 - X[:, 0], rtol=1e-13)
    assert (f.text, f.n_inputs, f.is_classification) == ("x**3 - x1", 1, False)
    X8 = grid_points(8, m=50)
    f8 = F.parse("x8 - x1 * x5", 8)
    np.testing.assert_allclose(f8.evaluate(X8), X8[:, 7] - X8[:, 0] * X8[:, 4], rtol=1e-13)


# Random formulas from a small grammar, each built as (text, numpy function, depth, nodes).
def _leaf():
    names = st.sampled_from([("x1", lambda X: X[:, 0]), ("x2", lambda X: X[:, 1])])
    numbers = st.floats(-3, 3, allow_nan=False).map(lambda c: (f"({c!r})", lambda X, c=c: c))
    return st.one_of(names, numbers).map(lambda p: (p[0], p[1], 2, 2))


def _extend(children):
    def binary(symbol, op):
        return st.tuples(children, children).map(
            lambda ab: (
                f"({ab[0][0]} {symbol} {ab[1][0]})",
                lambda X, a=ab[0][1], b=ab[1][1]: op(a(X), b(X)),
                max(ab[0][2], ab[1][2]) + 1,
                ab[0][3] + ab[1][3] + 1,
            )
        )

    def call(name, fn):
        return children.map(
            lambda a: (f"{name}({a[0]})", lambda X, f=a[1]: fn(f(X)), a[2] + 1, a[3] + 2)
        )

    return st.one_of(
        binary("+", np.add),
        binary("-", np.subtract),
        binary("*", np.multiply),
        binary("/", np.divide),
        st.tuples(children, st.integers(-3, 3)).map(
            lambda ap: (
                f"({ap[0][0]})**{ap[1]}",
                lambda X, f=ap[0][1], p=float(ap[1]): np.power(f(X), p),
                ap[0][2] + 2,
                ap[0][3] + 3,
            )
        ),
        call("sin", np.sin),
        call("tanh", np.tanh),
        call("abs", np.abs),
    )


RANDOM_FORMULAS = st.recursive(_leaf(), _extend, max_leaves=6).filter(
    lambda t: len(t[0]) <= F.MAX_CHARS and t[2] <= F.MAX_DEPTH and t[3] <= F.MAX_NODES
)


@FAST
@given(RANDOM_FORMULAS, st.sampled_from(["<", ">=", None]))
def test_random_formulas_match_numpy(built, comparison):
    text, fn, _, _ = built
    X = grid_points(m=60)
    with np.errstate(all="ignore"):
        want = np.broadcast_to(np.asarray(fn(X), dtype=float), (60,))
        if comparison:
            text = f"{text} {comparison} 0.25"
            want = {"<": np.less, ">=": np.greater_equal}[comparison](want, 0.25).astype(float)
    f = F.parse(text, 2)
    np.testing.assert_allclose(f.evaluate(X), want, rtol=1e-12, atol=1e-300, equal_nan=True)
    assert f.is_classification is (comparison is not None)


# Hostile or wrong text, and a word the one message must contain.
HOSTILE = [
    ("__import__('os')", "calls of '__import__'"),
    ("__import__('os').system('ls')", "attribute"),
    ("().__class__", "attribute"),
    ("x1.real", "attribute"),
    ("x1.__class__.__bases__", "attribute"),
    ("open('f')", "calls of 'open'"),
    ("getattr(x1, 'real')", "calls of 'getattr'"),
    ("globals()", "calls of 'globals'"),
    ("x1(2)", "calls of 'x1'"),
    ("(lambda: 1)()", "calls of anything"),
    ("lambda: 1", "lambda"),
    ("[x for x in ()]", "comprehension"),
    ("{x for x in ()}", "comprehension"),
    ("(x for x in ())", "generator"),
    ("'a'*9", "string"),
    ("b'a'", "string"),
    ("9**9**9", "exponent"),
    ("2**10000", "exponent"),
    ("x1**x2", "exponent"),
    ("x1**11", "exponent"),
    ("x1**-10.5", "exponent"),
    ("x1**(1+1)", "exponent"),
    ("x1**True", "exponent"),
    ("x3", "'x3' is not an input"),
    ("x", "'x' is not one of them"),
    ("os", "'os' is not one of them"),
    ("__builtins__", "'__builtins__' is not one of them"),
    ("x" * 10_000, "10,000 characters"),
    ("(" * 200 + "x1" + ")" * 200, "402 characters"),
    ("-" * 21 + "x1", "nested"),
    ("sin(" * 25 + "x1" + ")" * 25, "nested"),
    ("x<" * 99 + "x", "parts"),
    ('f"{x1}"', "f-string"),
    ("x1 if x2 else 1", "where(condition, a, b)"),
    ("(a:=1)", ":="),
    ("*x1", "cannot be read"),
    ("sin(*x1)", "starred"),
    ("sin(x=1)", "keyword"),
    ("", "empty"),
    ("   \n ", "empty"),
    ("1 +", "cannot be read"),
    ("import os", "cannot be read"),
    ("x1 = 1", "cannot be read"),
    ("\x00", "cannot be read"),
    ("x1 // 2", "'//'"),
    ("x1 % 2", "'%'"),
    ("x1 @ x2", "'@'"),
    ("x1 & x2", "'&'"),
    ("~x1", "'~'"),
    ("x1 in x2", "'in'"),
    ("x1 is x2", "'is'"),
    ("1j", "complex"),
    ("True", "only numbers"),
    ("None", "only numbers"),
    ("...", "only numbers"),
    ("1e999", "within"),
    ("1000001", "within"),
    ("x1 and x2", "'and' needs a comparison"),
    ("x1 > 0 or x2", "'or' needs a comparison"),
    ("not x1", "'not' needs a comparison"),
    ("where(x1, 1, 2)", "first argument of where"),
    ("where(x1 > 0, 1)", "3 arguments"),
    ("sin(x1, x2)", "1 argument"),
    ("sin", "is a function"),
    ("x1[0]", "indexing"),
    ("[x1]", "lists"),
    ("(x1, x2)", "tuples"),
    ("{'a': 1}", "dicts"),
]


@pytest.mark.parametrize("text, phrase", HOSTILE)
def test_hostile_text_gets_one_clear_core_error(text, phrase):
    with pytest.raises(core.CoreError) as caught:
        F.parse(text, 2)
    message = str(caught.value)
    assert isinstance(caught.value, F.FormulaError)
    assert phrase in message, message
    assert "\n" not in message and len(message) < 250


def test_the_limits_are_where_they_are_said_to_be():
    assert F.parse("x1" + " " * 198, 2).text == "x1"  # 200 characters
    with pytest.raises(F.FormulaError, match="201 characters"):
        F.parse("x1" + " " * 199, 2)
    assert F.parse("-" * 19 + "x1", 2).evaluate([[2.0, 0]])[0] == -2.0  # depth 20
    assert F.parse("x<" * 98 + "x", 1).is_classification  # 100 parts
    assert F.parse("1000000 * x1**10 * x1**-10", 2).evaluate([[3.0, 0]])[0] == pytest.approx(1e6)
    for bad in (0, 9, True, 2.0, "2"):
        with pytest.raises(core.CoreError):
            F.parse("1", bad)
    with pytest.raises(core.CoreError):
        F.parse(None, 2)


@FAST
@given(st.text(max_size=60))
def test_any_text_either_parses_or_raises_a_core_error(text):
    try:
        f = F.parse(text, 2)
    except core.CoreError:
        return
    assert f.evaluate(grid_points(m=5)).shape == (5,)


@FAST
@given(st.text(alphabet="x12e()+-*/<>=!. ,sinoxpwhrabctl_'\"[]:{}^%~@", max_size=60))
def test_text_near_the_grammar_either_parses_or_raises_a_core_error(text):
    try:
        f = F.parse(text, 2)
    except core.CoreError:
        return
    assert f.evaluate(grid_points(m=5)).shape == (5,)


def test_the_parser_warnings_stay_inside_parse():
    # "1or" makes Python's parser warn (invalid decimal literal) but still read it as "1 or".
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        f = F.parse("x1 > 1or x2 > 1", 2)
    assert seen == []
    X = grid_points()
    np.testing.assert_array_equal(f.evaluate(X), (X[:, 0] > 1) | (X[:, 1] > 1))


def test_evaluate_refuses_points_of_the_wrong_shape():
    f = F.parse("x1 + x2", 2)
    for X in (np.zeros((3, 3)), np.zeros(2), [[np.nan, 0]], [["a", "b"]]):
        with pytest.raises(core.CoreError):
            f.evaluate(X)


# --- sample ---------------------------------------------------------------------------------


def test_sample_is_the_formula_at_uniform_points_and_repeats_bit_for_bit():
    f = F.parse("x1**2 + x2**2 < 1", 2)
    X, Y, task = F.sample(f, n=500, low=-1.5, high=1.5, noise=0, seed=3)
    assert task == "binary" and X.shape == (500, 2) and Y.shape == (500, 1)
    assert X.dtype == Y.dtype == np.float64
    assert X.min() >= -1.5 and X.max() <= 1.5 and X.min() < -1.4 and X.max() > 1.4
    np.testing.assert_array_equal(Y[:, 0], (X[:, 0] ** 2 + X[:, 1] ** 2 < 1).astype(float))
    X2, Y2, _ = F.sample(f, n=500, low=-1.5, high=1.5, noise=0, seed=3)
    assert X.tobytes() == X2.tobytes() and Y.tobytes() == Y2.tobytes()
    X3, _, _ = F.sample(f, n=500, low=-1.5, high=1.5, noise=0, seed=4)
    assert not np.array_equal(X, X3)


@pytest.mark.parametrize("noise, n", [(0.1, 200), (0.5, 31), (0.25, 2000), (0.004, 100)])
def test_classification_noise_flips_that_fraction_of_labels(noise, n):
    f = F.parse("x1 > x2", 2)
    X, Y, task = F.sample(f, n=n, low=0, high=1, noise=noise, seed=7)
    clean = (X[:, 0] > X[:, 1]).astype(float)
    assert task == "binary" and set(np.unique(Y)) <= {0.0, 1.0}
    assert int((Y[:, 0] != clean).sum()) == round(noise * n)


def test_regression_noise_has_that_standard_deviation():
    f = F.parse("sin(3*x1)", 1)
    X, Y, task = F.sample(f, n=2000, low=-3, high=3, noise=0.3, seed=1)
    residual = Y[:, 0] - np.sin(3 * X[:, 0])
    assert task == "regression" and Y.shape == (2000, 1)
    assert abs(residual.std() - 0.3) < 0.03 and abs(residual.mean()) < 0.03
    _, clean, _ = F.sample(f, n=2000, low=-3, high=3, noise=0, seed=1)
    np.testing.assert_array_equal(clean[:, 0], np.sin(3 * X[:, 0]))


@pytest.mark.parametrize(
    "text, low, high, phrase",
    [
        ("x1 > 5", -1, 1, "only class 0"),
        ("x1 < 5", -1, 1, "only class 1"),
        ("log(x1)", -1, 1, "nan"),
        ("sqrt(x1 - 2)", 0, 1, "nan"),
        ("exp(1e6*x1)", 0.5, 1, "infinite"),
        ("(x1 - x1) / (x1 - x1)", 0, 1, "nan"),
        ("1 / (0 * x1)", 1, 2, "infinite"),
        ("((x1 * 1000)**10)**10", 900, 1000, "infinite"),
    ],
)
def test_sample_refuses_one_class_and_non_finite_targets(text, low, high, phrase):
    f = F.parse(text, 1)
    with pytest.raises(F.FormulaError) as caught:
        F.sample(f, n=100, low=low, high=high, noise=0, seed=0)
    assert phrase in str(caught.value)


def test_sample_refuses_noise_that_leaves_one_class():
    # n = 2, noise 0.5: one label flipped. Two labels of one class are refused as they are; one
    # of each class becomes two of one class, whichever is flipped.
    f = F.parse("x1 > 0.5", 1)
    messages = []
    for seed in range(12):
        with pytest.raises(F.FormulaError) as caught:
            F.sample(f, n=2, low=0, high=1, noise=0.5, seed=seed)
        messages.append(str(caught.value))
    assert any("after flipping" in m for m in messages)
    assert any("on this range" in m for m in messages)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"n": 1},
        {"n": core.limits.MAX_EXAMPLES + 1},
        {"n": True},
        {"n": 10.0},
        {"low": 1, "high": 1},
        {"low": 2, "high": 1},
        {"low": float("nan")},
        {"high": float("inf")},
        {"low": -1e7},
        {"high": "1"},
        {"noise": -0.1},
        {"noise": 0.51},
        {"noise": float("nan")},
        {"seed": -1},
        {"seed": 1.5},
    ],
)
def test_sample_refuses_bad_settings(kwargs):
    settings_ = {"n": 50, "low": -1, "high": 1, "noise": 0.1, "seed": 0, **kwargs}
    with pytest.raises(core.CoreError) as caught:
        F.sample(F.parse("x1 > 0", 1), **settings_)
    assert caught.value.field == list(kwargs)[-1]  # the message names the setting


def test_regression_noise_may_reach_ten_but_not_more_and_formula_must_be_parsed():
    f = F.parse("x1", 1)
    F.sample(f, n=5, low=-1, high=1, noise=10, seed=0)
    with pytest.raises(core.CoreError):
        F.sample(f, n=5, low=-1, high=1, noise=10.5, seed=0)
    with pytest.raises(core.CoreError):
        F.sample("x1", n=5, low=-1, high=1, noise=0, seed=0)


@FAST
@given(
    st.integers(2, 300),
    st.floats(-5, 5),
    st.floats(0.01, 5),
    st.floats(0, 0.5),
    st.integers(0, 2**32),
)
def test_any_valid_setting_samples_or_names_the_one_class(n, low, width, noise, seed):
    f = F.parse("x1 + x2 > 0", 2)
    try:
        X, Y, task = F.sample(f, n=n, low=low, high=low + width, noise=noise, seed=seed)
    except F.FormulaError as error:
        assert "only class" in str(error)
        return
    assert X.shape == (n, 2) and Y.shape == (n, 1) and task == "binary"
    assert (X >= low).all() and (X <= low + width).all()
    clean = (X[:, 0] + X[:, 1] > 0).astype(float)
    assert int((Y[:, 0] != clean).sum()) == round(noise * n)
    assert len(np.unique(Y)) == 2

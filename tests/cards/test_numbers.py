"""The one number formatter: 4 significant digits, a true minus, zero as 0, short exponents."""

import math

import numpy as np
import pytest
from card_numbers import assert_negatives_parenthesized, numbers_in, to_float

from cards import bmatrix, fmt, tex_num
from cards.numbers import fmt_all, index_sub, layer_sup, sum_lines


@pytest.mark.parametrize(
    "x, plain, tex",
    [
        (0.082174, "0.08217", "0.08217"),
        (-0.022604, "−0.0226", "-0.0226"),
        (1.5, "1.5", "1.5"),
        (2.0, "2", "2"),
        (123.456, "123.5", "123.5"),
        (-1234.56, "−1235", "-1235"),
        (0.99996, "1", "1"),
        (12345.6, "1.235e4", r"1.235\times10^{4}"),
        (1.23456e-7, "1.235e−7", r"1.235\times10^{-7}"),
        (-1.2e-7, "−1.2e−7", r"-1.2\times10^{-7}"),
        (0.0, "0", "0"),
        (-0.0, "0", "0"),
    ],
)
def test_four_significant_digits_true_minus_short_exponent(x, plain, tex):
    assert fmt(x) == plain
    assert tex_num(x) == tex


CASES = [
    (0.082174, "0.08217"),
    (-0.022604, "−0.0226"),
    (2.0, "2"),
    (-1234.56, "−1235"),
    (0.99996, "1"),
    (12345.6, "1.235e4"),
    (1.23456e-7, "1.235e−7"),
    (-1.2e-7, "−1.2e−7"),
    (1e100, "1e100"),
    (-5e-324, "−4.941e−324"),
    (0.0, "0"),
    (-0.0, "0"),
    (math.inf, "∞"),
    (-math.inf, "−∞"),
    (math.nan, "nan"),
]


def test_all_at_once_writes_each_number_as_fmt_does():
    assert fmt_all([x for x, _ in CASES]) == [text for _, text in CASES]
    signed = fmt_all([0.5, -0.5, 0.0, -0.0, 3e-9, math.inf, 1e5], sign=True)
    assert signed == ["+0.5", "−0.5", "0", "0", "+3e−9", "∞", "+1e5"]
    assert fmt_all([math.pi, -math.e], digits=2) == ["3.1", "−2.7"]
    assert fmt_all([[1.0, 2.5], [-3.0, 0.0]]) == ["1", "2.5", "−3", "0"]  # row by row
    assert fmt_all([]) == []


def test_all_at_once_agrees_with_fmt_from_the_smallest_to_the_largest_numbers():
    rng = np.random.default_rng(7)
    x = rng.standard_normal(3000) * 10.0 ** rng.integers(-320, 308, 3000)
    x = np.concatenate(
        [x, np.round(rng.standard_normal(500), 3), [9.99995, 0.099995, 1e16, 123456, 1e-5, 1e-4]]
    )
    for digits in (1, 3, 4, 6, 8):
        for sign in (False, True):
            assert fmt_all(x, digits, sign) == [fmt(v, digits, sign) for v in x]


def test_sign_only_when_asked_and_never_on_zero():
    assert fmt(0.5, sign=True) == "+0.5"
    assert fmt(-0.5, sign=True) == "−0.5"
    assert fmt(0.5) == "0.5"
    assert fmt(0.0, sign=True) == fmt(-0.0, sign=True) == "0"
    assert fmt(3e-9, sign=True) == "+3e−9"


def test_parentheses_only_around_negatives_in_tex():
    assert tex_num(-2.5, paren_negative=True) == "(-2.5)"
    assert tex_num(2.5, paren_negative=True) == "2.5"
    assert tex_num(0.0, paren_negative=True) == "0"
    assert tex_num(-3e-8, paren_negative=True) == r"(-3\times10^{-8})"


def test_non_finite_numbers_are_named():
    assert fmt(math.inf) == "∞" and fmt(-math.inf) == "−∞" and fmt(math.nan) == "nan"
    assert "inf" in tex_num(math.inf)


def test_digits_can_be_asked_for():
    assert fmt(math.pi, digits=2) == "3.1"
    assert tex_num(math.pi, digits=6) == "3.14159"


def test_bmatrix_rows_and_columns():
    tex = bmatrix([[1.0, -2.0], [0.5, 1e-9]])
    assert tex.startswith(r"\begin{bmatrix}") and tex.endswith(r"\end{bmatrix}")
    body = tex[len(r"\begin{bmatrix}") : -len(r"\end{bmatrix}")]
    rows = body.split(r" \\ ")
    assert [r.split(" & ") for r in rows] == [["1", "-2"], ["0.5", r"1\times10^{-9}"]]
    assert bmatrix([3.0, 4.0]) == r"\begin{bmatrix}3 & 4\end{bmatrix}"  # 1-D is one row


def test_layer_superscripts_and_index_subscripts():
    assert layer_sup(2) == "⁽²⁾" and layer_sup(10) == "⁽¹⁰⁾"
    assert index_sub(1, 0) == "₁₀" and index_sub(23) == "₂₃"


def test_sum_lines_three_terms_a_line_and_the_tail_on_the_last():
    lines = sum_lines(["a", "b", "c", "d"], tail=" = 9")
    assert lines == ["= a + b + c", r"\quad + d = 9"]
    assert sum_lines(["a"], per_line=2) == ["= a"]
    assert sum_lines(["a", "b", "c"], per_line=2, tail="!") == ["= a + b", r"\quad + c!"]
    # one term a line: as many lines as terms, never an empty "+" line after the last one
    assert sum_lines(["a"], per_line=1, tail="!") == ["= a!"]
    assert sum_lines(["a", "b"], per_line=1) == ["= a", r"\quad + b"]
    assert sum_lines([], per_line=1, tail=" = 0") == ["=  = 0"]  # an empty sum still has a line


def test_the_test_parser_reads_what_the_formatter_writes():
    for x in (0.1234, -5.678, 1.234e-7, -9.87e12, 0.0):
        assert to_float(tex_num(x, paren_negative=True)) == pytest.approx(x, rel=5e-4)
        assert to_float(fmt(x, sign=True)) == pytest.approx(x, rel=5e-4)
    assert numbers_in(r"a_{1}^{(2)} = \sigma(-0.5) = 0.3775") == [-0.5, 0.3775]
    assert numbers_in(r"\theta_{\beta 1}^{(3)}\cdot(-1.2\times10^{-7})") == [-1.2e-7]


@pytest.mark.parametrize(
    "tex",
    [r"= -0.5\cdot2", r"= 0.5\cdot-2", r"\quad + -0.1 = 3", r"= 1 - -0.1", r"= -0.1 + 2",
     r"= -1.2\times10^{-7}\cdot3"],
)  # fmt: skip
def test_the_test_finds_a_bare_negative_factor_or_term(tex):
    with pytest.raises(AssertionError):
        assert_negatives_parenthesized(tex)


def test_the_test_lets_parenthesized_negatives_results_and_matrices_pass():
    assert_negatives_parenthesized(r"= (-0.5)\cdot2 + 0.5\cdot(-2) + (-1.2\times10^{-7}) = -0.1")
    assert_negatives_parenthesized(r"= \begin{bmatrix}-0.5 & 2\times10^{-7}\end{bmatrix}")

"""The output-layer derivation for every valid pair: ∂E/∂a, g′ or the Jacobian, the product δ
and the simplified form, each against the formulas worked out by hand."""

import numpy as np
import pytest
from card_numbers import assert_shows, dE_da, g, g_prime, jacobian, targets

import cards
import core

A_MINUS_Y = {("sigmoid", "binary_cross_entropy"), ("softmax", "cross_entropy")}


def _numbers_part(tex: str) -> str:
    """The numbers of a row follow its last \\qquad; the formula before it has digits too."""
    return tex.rsplit(r"\qquad", 1)[1]


@pytest.mark.parametrize("pair", core.valid_pairs())
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_valid_pair_derives_with_the_right_numbers(pair, seed):
    act, loss = pair
    rng = np.random.default_rng(seed)
    n = 3 if act == "softmax" else 1 + seed
    z = rng.normal(scale=2.0, size=n)
    y = targets(loss, (1, n), rng)[0]
    rows = cards.output_derivation(core.output_step(act, loss, z, y))
    a = g(act, z[None])[0]
    dE = dE_da(loss, a, y)
    assert [r[0][0] for r in rows] == ["1", "2", "3", "4"][: len(rows)]
    assert len(rows) == (4 if pair in A_MINUS_Y else 3)
    assert_shows(_numbers_part(rows[0][1]), dE)
    if act == "softmax":
        J = jacobian(a)
        assert "Jacobian" in rows[1][0]
        assert_shows(_numbers_part(rows[1][1]), J)  # row p, column q: ∂a_p/∂z_q
        delta = J.T @ dE
    else:
        gp = g_prime(act, z)
        assert_shows(_numbers_part(rows[1][1]), gp)
        delta = dE * gp
    assert_shows(_numbers_part(rows[2][1]), delta)
    if pair in A_MINUS_Y:
        assert_shows(rows[3][1], a - y)
        np.testing.assert_allclose(delta, a - y, atol=1e-12)


@pytest.mark.parametrize("pair", core.valid_pairs())
def test_the_formulas_written_for_each_pair(pair):
    act, loss = pair
    rows = cards.output_derivation(core.output_step(act, loss, [0.3, -0.2], [0.4, 0.6]))
    gradient = rows[0][1].replace(" ", "")
    expected = {
        "squared_error": "=2(a_j-y_j)",  # the factor 2 of E = Σ (y − a)²
        "half_squared_error": "=a_j-y_j",
        "binary_cross_entropy": r"=\frac{a_j-y_j}{a_j(1-a_j)}",
        "cross_entropy": r"=-\frac{y_j}{a_j}",
    }[loss]
    assert expected + r"\qquad" in gradient
    product = rows[2][1].replace(" ", "")
    if loss == "squared_error":
        assert "2(a_" in product
    if loss == "half_squared_error":
        assert "2(a_" not in product
    derivative = rows[1][1]
    assert {
        "sigmoid": "a(1-a)",
        "tanh": "1-a^2",
        "relu": "z>0",
        "leaky_relu": "0.01",
        "linear": "g'(z) = 1",
        "softmax": r"\delta_{pq} - a_q",
    }[act] in derivative

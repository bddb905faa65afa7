"""Backward cards against the backward pass worked out by hand (plain numpy, card_numbers):
each chain-rule term of δ, equation (1) in its three forms, the per-example products, sum and
mean of the gradients, the matrix view, the terms table and the equation headers."""

import re

import numpy as np
import pytest
from card_numbers import (
    assert_negatives_parenthesized,
    assert_shows,
    g_prime,
    jacobian,
    layer_numbers,
    random_case,
    shown_as,
    to_float,
)
from hypothesis import given, settings
from strategies import cases

import cards
import core

SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def sup(k: int) -> str:
    return f"⁽{str(k).translate(SUP)}⁾"


def output_delta_lines(net, ref, i, e) -> tuple[list, list]:
    """What the δ card at k = L must show: (numbers of the product lines, of the last line)."""
    L, g = net.L, net.activations[net.L]
    a, y, dE = ref.a[L][e], ref.Y[e], ref.dE_da[e]
    simple = (
        [[a[i] - y[i]]]
        if (g, net.loss)
        in {
            ("sigmoid", "binary_cross_entropy"),
            ("softmax", "cross_entropy"),
        }
        else []
    )
    if g == "softmax":
        J = jacobian(a)
        return [J[p, i] * dE[p] for p in range(len(a))] + [ref.delta[L][e, i]], simple
    gp = g_prime(g, ref.z[L][e])[i]
    return [dE[i], gp, ref.delta[L][e, i]], simple


@settings(max_examples=30, deadline=None)
@given(case=cases())
def test_delta_card_each_term_and_the_sum(case):
    net, fwd, bwd, ref = case
    e, L = ref.m - 1, net.L
    for k in range(1, L + 1):
        for i in range(net.sizes[k]):
            lines = cards.delta_card(core.explain_delta(net, fwd, bwd, k, i, e))
            for line in lines:
                assert_negatives_parenthesized(line)
            assert lines[0].startswith(rf"\delta_{{{i}}}^{{({k})}} =")
            if k < L:
                assert layer_numbers(lines[0]) == [k, k + 1, k, k + 1]
                assert rf"\theta_{{\beta {i}}}" in lines[0] and f"z_{{{i}}}" in lines[0]
                gp = g_prime(net.activations[k], ref.z[k][e])[i]
                theta, d_next = ref.W[k + 1][:, i], ref.delta[k + 1][e]
                factors = [[theta[b], gp, d_next[b]] for b in range(net.sizes[k + 1])]
                products = [theta[b] * gp * d_next[b] for b in range(net.sizes[k + 1])]
                assert_shows(" ".join(lines[1:]), [*factors, *products, ref.delta[k][e, i]])
                continue
            body, simple = output_delta_lines(net, ref, i, e)
            assert set(layer_numbers(" ".join(lines))) == {L}
            if simple:
                assert "a_" in lines[-1] and "y_" in lines[-1]
                assert_shows(lines[-1], simple)
                lines = lines[:-1]
            first = 1 if net.activations[L] == "softmax" else 0
            assert_shows(" ".join(lines[first:]), body)


@settings(max_examples=30, deadline=None)
@given(case=cases())
def test_gradient_cards_products_sum_and_mean(case):
    net, fwd, bwd, ref = case
    m = ref.m
    for k in range(1, net.L + 1):
        for i in range(net.sizes[k]):
            for j in range(net.sizes[k - 1]):
                lines = cards.gradient_card(core.explain_weight_gradient(fwd, bwd, k, i, j), m)
                assert layer_numbers(lines[0]) == [k, k - 1, k]
                assert rf"\theta_{{{i}{j}}}" in lines[0] and f"a_{{{j},e}}" in lines[0]
                assert rf"\delta_{{{i},e}}" in lines[0]
                products = [ref.a[k - 1][x, j] * ref.delta[k][x, i] for x in range(m)]
                pairs = [[ref.a[k - 1][x, j], ref.delta[k][x, i]] for x in range(m)]
                assert_shows(" ".join(lines[1:-1]), [*pairs, sum(products)])
                assert lines[1].startswith(r"\textstyle\sum_e a\,\delta = ")  # Σₑ aⱼ δᵢ
                for line in lines:
                    assert_negatives_parenthesized(line)
                assert_shows(lines[-1], [1, m, sum(products), ref.grad_W[k][i, j]])
            lines = cards.gradient_card(core.explain_bias_gradient(fwd, bwd, k, i), m)
            assert layer_numbers(lines[0]) == [k, k] and rf"b_{{{i}}}" in lines[0]
            deltas = ref.delta[k][:, i]
            assert_shows(" ".join(lines[1:-1]), [*deltas, deltas.sum()])
            assert lines[1].startswith(r"\textstyle\sum_e \delta = ")  # a bias carries 1, no a
            for line in lines:
                assert_negatives_parenthesized(line)
            assert_shows(lines[-1], [1, m, deltas.sum(), ref.grad_b[k][i]])


def test_gradient_card_of_one_example_has_no_mean_line():
    _net, fwd, bwd, ref = random_case(5, [2, 3, 1], ["tanh", "sigmoid"], "squared_error", m=1)
    lines = cards.gradient_card(core.explain_weight_gradient(fwd, bwd, 2, 0, 1), 1)
    assert len(lines) == 2
    assert_shows(lines[1], [ref.a[1][0, 1], ref.delta[2][0, 0], ref.grad_W[2][0, 1]])


def test_long_sums_show_eight_terms_then_the_count():
    net, fwd, bwd, ref = random_case(8, [2, 3, 10], ["tanh", "linear"], "squared_error", m=9)
    lines = cards.delta_card(core.explain_delta(net, fwd, bwd, 1, 2, 4))
    text = " ".join(lines[1:])
    assert text.count(r"\text{10 terms}") == 2
    gp = g_prime("tanh", ref.z[1][4])[2]
    theta, d_next = ref.W[2][:, 2], ref.delta[2][4]
    factors = [[theta[b], gp, d_next[b]] for b in range(8)]
    assert_shows(text, [*factors, *(theta[:8] * gp * d_next[:8]), ref.delta[1][4, 2]])
    lines = cards.gradient_card(core.explain_bias_gradient(fwd, bwd, 2, 3), 9)
    assert r"\text{9 terms}" in " ".join(lines)
    assert_shows(lines[-1], [1, 9, ref.delta[2][:, 3].sum(), ref.grad_b[2][3]])


@settings(max_examples=20, deadline=None)
@given(case=cases(min_m=1))
def test_equation_headers_name_the_right_layers(case):
    net = case[0]
    L = net.L
    for k in range(1, L + 1):
        label, tex = cards.equation_for_step(net, k)
        if k == L:
            assert label.startswith("(1)") and "(L)" not in tex
            assert layer_numbers(tex) == [L, L]
            assert ("J_" in tex) == (net.activations[L] == "softmax")
        else:
            assert label.startswith("(2)")
            assert layer_numbers(tex) == [k, k + 1, k + 1, k]


@settings(max_examples=20, deadline=None)
@given(case=cases())
def test_matrix_view_shapes_and_numbers(case):
    net, fwd, bwd, ref = case
    e = ref.m - 1
    for k in range(1, net.L):
        shapes, numbers = cards.matrix_view(core.matrix_form(net, fwd, bwd, k, e))
        n_k, n_next = net.sizes[k], net.sizes[k + 1]
        found = [tuple(map(int, s)) for s in re.findall(r"_\{(\d+)\\times (\d+)\}", shapes)]
        assert found == [(n_k, 1), (n_k, n_next), (n_next, 1), (n_k, 1)]
        assert layer_numbers(shapes) == [k, k + 1, k + 1, k]
        theta_T, d_next = ref.W[k + 1].T, ref.delta[k + 1][e]
        gp = g_prime(net.activations[k], ref.z[k][e])
        assert_shows(numbers, [ref.delta[k][e], theta_T, d_next, gp, theta_T @ d_next, gp])


def test_matrix_view_of_a_wide_layer_gives_the_shapes_only():
    net, fwd, bwd, _ = random_case(2, [2, 7, 1], ["relu", "linear"], "squared_error")
    assert len(cards.matrix_view(core.matrix_form(net, fwd, bwd, 1, 0))) == 1


def _table_numbers(row: dict, skip: str) -> list[float]:
    return [to_float(v) for name, v in row.items() if name != skip and v != ""]


@settings(max_examples=20, deadline=None)
@given(case=cases())
def test_terms_table_rows_and_total(case):
    net, fwd, bwd, ref = case
    m, L = ref.m, net.L
    if L > 1:  # δ⁽ᴸ⁻¹⁾: one row per β, then the sum
        k, i, e = L - 1, net.sizes[L - 1] - 1, m - 1
        rows = cards.terms_table(core.explain_delta(net, fwd, bwd, k, i, e))
        assert list(rows[0]) == [
            "β",
            f"θᵦᵢ{sup(k + 1)}",  # Unicode subscripts: a header is plain text, not LaTeX
            f"g′(zᵢ{sup(k)})",
            f"δᵦ{sup(k + 1)}",
            "product",
        ]
        gp = g_prime(net.activations[k], ref.z[k][e])[i]
        for b, row in enumerate(rows[:-1]):
            assert row["β"] == str(b)
            t = [ref.W[k + 1][b, i], gp, ref.delta[k + 1][e, b]]
            assert all(map(shown_as, _table_numbers(row, "β"), [*t, np.prod(t)]))
        assert rows[-1]["β"] == "sum" and shown_as(
            to_float(rows[-1]["product"]), ref.delta[k][e, i]
        )
    k, i, j = L, 0, net.sizes[L - 1] - 1  # ∂E/∂θ: one row per example, then the mean
    rows = cards.terms_table(core.explain_weight_gradient(fwd, bwd, k, i, j))
    assert list(rows[0]) == ["example", f"aⱼ{sup(k - 1)}", f"δᵢ{sup(k)}", "product"]
    for x, row in enumerate(rows[:-1]):
        t = [ref.a[k - 1][x, j], ref.delta[k][x, i]]
        assert all(map(shown_as, _table_numbers(row, "example"), [*t, np.prod(t)]))
    assert rows[-1]["example"] == "mean" and rows[-1]["product"] != ""
    assert shown_as(to_float(rows[-1]["product"]), ref.grad_W[k][i, j])
    assert len(rows) == m + 1


def test_table_cells_carry_their_sign():
    _net, fwd, bwd, _ = random_case(1, [2, 2, 1], ["tanh", "linear"], "squared_error")
    rows = cards.terms_table(core.explain_weight_gradient(fwd, bwd, 2, 0, 0))
    for row in rows[:-1]:
        assert all(v[0] in "+−" or v == "0" for name, v in row.items() if name != "example")


def test_quantity_text_names_the_cell():
    net, fwd, bwd, _ = random_case(4, [3, 4, 2], ["relu", "sigmoid"], "binary_cross_entropy")
    assert cards.quantity_text(core.explain_delta(net, fwd, bwd, 2, 1, 2)) == "δ₁⁽²⁾ of example 2"
    assert cards.quantity_text(core.explain_delta(net, fwd, bwd, 1, 3, 0)) == "δ₃⁽¹⁾ of example 0"
    assert cards.quantity_text(core.explain_weight_gradient(fwd, bwd, 2, 1, 3)) == "∂E/∂θ₁₃⁽²⁾"
    assert cards.quantity_text(core.explain_weight_gradient(fwd, bwd, 1, 3, 0)) == "∂E/∂θ₃₀⁽¹⁾"
    assert cards.quantity_text(core.explain_bias_gradient(fwd, bwd, 1, 2)) == "∂E/∂b₂⁽¹⁾"


def test_input_gradient_card_is_theta1_transposed_delta1():
    net, _fwd, bwd, ref = random_case(6, [3, 2, 2], ["tanh", "softmax"], "cross_entropy", m=3)
    for e in range(3):
        lines = cards.input_gradient_card(net, bwd, e)
        assert layer_numbers(lines[0]) == [1, 1]
        assert lines[0] == r"\frac{\partial E}{\partial x} = \theta^{(1)\mathsf T} \delta^{(1)}"
        assert_shows(lines[1], [e, ref.W[1].T @ ref.delta[1][e]])


@pytest.mark.parametrize("n", [8, 9, 12])
def test_input_gradient_card_writes_eight_values_then_dots(n):
    net, _fwd, bwd, ref = random_case(3, [n, 2, 1], ["tanh", "linear"], "squared_error", m=2)
    line = cards.input_gradient_card(net, bwd, 1)[1]
    assert_shows(line, [1, (ref.W[1].T @ ref.delta[1][1])[:8]])
    assert line.endswith(r", \dots)" if n > 8 else ")") and line.count(r"\dots") == (n > 8)


def test_output_layer_note_for_each_pair():
    for g, loss in core.valid_pairs():
        sizes = [2, 3] if g == "softmax" else [2, 1]
        net = core.Network.random(sizes, [g], loss)
        note = cards.output_layer_note(net)
        assert "_" not in note
        assert ("a − y" in note) == (
            (g, loss) in {("sigmoid", "binary_cross_entropy"), ("softmax", "cross_entropy")}
        )
        assert ("Jacobian" in note) == (g == "softmax")
        assert ("vanishes" in note) == (g in ("sigmoid", "tanh") and loss != "binary_cross_entropy")


@pytest.mark.parametrize("k", [1, 2, 3, 7, 12])
def test_gradient_equation_names_layers_k_and_k_minus_1(k):
    eq = cards.gradient_equation(k)
    assert rf"\theta_{{ij}}^{{({k})}}" in eq
    assert rf"a_j^{{({k - 1})}} \delta_i^{{({k})}}" in eq
    assert rf"b_i^{{({k})}}}} = \delta_i^{{({k})}}" in eq
    assert "(k" not in eq


def test_table_headers_write_subscripts_as_text_not_underscores():
    p = core.preset("worked-2-2-2")
    fwd = core.forward(p.network, p.X, p.Y)
    bwd = core.backward(p.network, fwd, p.Y)
    rows = cards.terms_table(core.explain_delta(p.network, fwd, bwd, 2, 0, 0))
    assert list(rows[0]) == ["i", "∂E/∂a₀⁽²⁾", "g′(z₀⁽²⁾)", "product"]
    rows = cards.terms_table(core.explain_delta(p.network, fwd, bwd, 2, 1, 0))
    assert list(rows[0]) == ["i", "∂E/∂a₁⁽²⁾", "g′(z₁⁽²⁾)", "product"]  # the neuron's own index

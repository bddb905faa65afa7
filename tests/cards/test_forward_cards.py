"""Forward cards against the forward pass worked out by hand: each θᵢⱼ·aⱼ, b, z, a = g(z)."""

import re

import numpy as np
from card_numbers import (
    assert_negatives_parenthesized,
    assert_shows,
    layer_numbers,
    numbers_in,
    random_case,
    shown_as,
)
from hypothesis import given, settings
from strategies import cases

import cards
import core

G_TEX = {
    "sigmoid": r"\sigma",
    "tanh": r"\tanh",
    "relu": r"\mathrm{ReLU}",
    "leaky_relu": r"\mathrm{leakyReLU}",
    "linear": r"\mathrm{id}",
}


@settings(max_examples=25, deadline=None)
@given(case=cases())
def test_forward_card_terms_bias_z_and_a(case):
    net, fwd, _, ref = case
    e = ref.m - 1  # not example 0, so an example mix-up shows
    for k in range(1, net.L + 1):
        for i in range(net.sizes[k]):
            lines = cards.forward_card(net, fwd, k, i, e)
            header, sums, last = lines[0], lines[1:-1], lines[-1]
            assert layer_numbers(header) == [k, k, k - 1, k]
            assert header.startswith(f"z_{{{i}}}") and rf"\theta_{{{i}j}}" in header
            assert f"b_{{{i}}}" in header
            terms = [[ref.W[k][i, j], ref.a[k - 1][e, j]] for j in range(net.sizes[k - 1])]
            assert_shows(" ".join(sums), [*terms, ref.b[k][i], ref.z[k][e, i]])
            for line in lines:
                assert_negatives_parenthesized(line)
            g = net.activations[k]
            assert last.startswith(f"a_{{{i}}}^{{({k})}} =")
            if g == "softmax":
                assert_shows(last, [ref.a[k][e, i]])
            else:
                assert last.count(G_TEX[g]) == 2
                assert_shows(last, [ref.z[k][e, i], ref.a[k][e, i]])


def test_a_wide_layer_shows_six_terms_then_the_count():
    net, fwd, _, ref = random_case(3, [9, 2], ["tanh"], "squared_error", m=2)
    lines = cards.forward_card(net, fwd, 1, 1, 0)
    body = " ".join(lines[1:-1])
    assert r"\text{9 terms}" in body
    terms = [[ref.W[1][1, j], ref.a[0][0, j]] for j in range(6)]
    assert_shows(body, [*terms, ref.b[1][1], ref.z[1][0, 1]])


def test_negative_weights_inputs_and_bias_are_written_in_parentheses():
    """z = θ₀·a₀ + θ₁·a₁ + θ₂·a₂ + b with a negative in each place: (−0.5)·2 + 0.25·(−4) + … ."""
    net, _, _, _ = random_case(1, [3, 1], ["linear"], "squared_error", m=1)
    net = net.replace(weights=[np.array([[-0.5, 0.25, -2.0]])], biases=[np.array([-0.125])])
    X = np.array([[2.0, -4.0, -1.5]])
    fwd = core.forward(net, X, np.zeros((1, 1)))
    z = -0.5 * 2.0 + 0.25 * -4.0 + -2.0 * -1.5 + -0.125  # = 0.875
    assert cards.forward_card(net, fwd, 1, 0)[1:] == [
        r"= (-0.5)\cdot2 + 0.25\cdot(-4) + (-2)\cdot(-1.5)",
        rf"\quad + (-0.125) = {z}",
        rf"a_{{0}}^{{(1)}} = \mathrm{{id}}(z_{{0}}^{{(1)}}) = \mathrm{{id}}({z}) = {z}",
    ]


@settings(max_examples=15, deadline=None)
@given(case=cases())
def test_output_card_names_the_loss_and_the_batch_mean(case):
    net, fwd, _, ref = case
    text = cards.output_card(net, fwd)
    label = net.loss.replace("_", " ").replace("cross entropy", "cross-entropy")
    assert text.startswith(f"Loss: **{label}**, E(x, y) =")
    assert f"m = {ref.m}:" in text
    (value,) = re.findall(r"\*\*([^*]+)\*\*$", text)
    assert len(numbers_in(value)) == 1 and shown_as(numbers_in(value)[0], ref.E)

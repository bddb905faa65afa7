"""Second opinions that pin details mutation testing found unchecked: TeX for nan/inf, the
error messages of the worked example, its "more neurons" note and the signed total of a table."""

import numpy as np
import pytest

import cards
import core
from cards.numbers import tex_num
from cards.worked_example import worked_example_markdown


def test_non_finite_numbers_are_plain_text_in_tex():
    assert tex_num(float("nan")) == r"\text{nan}"
    assert tex_num(float("inf")) == r"\text{inf}"


XOR = core.preset("xor")


def test_a_non_integer_example_index_is_refused_with_the_allowed_range():
    m = len(XOR.X)
    with pytest.raises(core.CoreError) as err:
        worked_example_markdown(XOR.network, XOR.X, XOR.Y, example=1.5)
    assert f"an example index 0..{m - 1}" in str(err.value)
    assert "got 1.5" in str(err.value)


def test_an_unknown_step_is_refused_and_named():
    with pytest.raises(core.CoreError) as err:
        worked_example_markdown(XOR.network, XOR.X, XOR.Y, steps=("forward", 99))
    assert "k = 1..2" in str(err.value) and "got" in str(err.value) and "99" in str(err.value)


def test_an_output_layer_wider_than_eight_says_how_many_neurons():
    net = core.Network.random([1, 9], ["sigmoid"], "squared_error", seed=0)
    X, Y = np.array([[0.5]]), np.full((1, 9), 0.25)
    text = worked_example_markdown(net, X, Y, steps=("backward", 1))
    assert "None" not in text
    assert "(9 neurons; the first 8 are written out.)" in text


def test_the_total_of_a_terms_table_carries_its_sign():
    fwd = core.forward(XOR.network, XOR.X, XOR.Y)
    bwd = core.backward(XOR.network, fwd, XOR.Y)
    signs = set()
    for i in range(3):
        for j in range(2):
            expl = core.explain_weight_gradient(fwd, bwd, 1, i, j)
            # the mean over examples of aⱼ⁽⁰⁾ δᵢ⁽¹⁾, from the inputs and the traced δ
            total = np.mean(XOR.X[:, j] * np.asarray(bwd.delta[1])[:, i])
            shown = cards.terms_table(expl)[-1]["product"]
            assert shown[0] == ("+" if total > 0 else "−"), (shown, total)
            signs.add(shown[0])
    assert "+" in signs

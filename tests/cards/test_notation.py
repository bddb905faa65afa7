"""The notation registry: one entry for every activation, loss and valid (activation, loss) pair."""

import pytest

import core
from core import notation

# The pairs whose δ⁽ᴸ⁾ collapses to a − y (docs/NOTATION.md), stated here independently.
A_MINUS_Y = {("sigmoid", "binary_cross_entropy"), ("softmax", "cross_entropy")}


def test_registry_has_every_valid_pair_and_nothing_else():
    assert set(core.output_forms()) == set(core.valid_pairs())
    assert len(core.valid_pairs()) == 14


def test_every_activation_and_loss_has_its_notation():
    assert set(core.ACTIVATION_LABELS) == set(core.ACTIVATION_TEX) == set(core.ACTIVATIONS)
    assert set(core.LOSS_LABELS) == set(core.LOSSES)
    assert core.LOSS_LABELS["squared_error"] == "squared error"
    assert core.ACTIVATION_TEX["sigmoid"] == r"\sigma"
    assert all(
        "_" not in label for label in [*core.ACTIVATION_LABELS.values(), *core.LOSS_LABELS.values()]
    )


@pytest.mark.parametrize("pair", core.valid_pairs())
def test_output_form_of_each_pair(pair):
    g, loss = pair
    form = core.output_form(g, loss)
    assert (form.activation, form.loss) == pair
    assert form.elementwise == (g != "softmax")
    assert form.simplifies_to_a_minus_y == (pair in A_MINUS_Y)
    assert form.vanishes_when_saturated == (g in ("sigmoid", "tanh") and pair not in A_MINUS_Y)
    if g == "softmax":
        assert (
            "J" in form.equation_tex
            and r"\sum_p" in form.product_tex
            and r"\odot" not in form.equation_tex
        )
    else:
        assert r"\odot g'(z^{(L)})" in form.equation_tex
    if pair in A_MINUS_Y:
        assert form.product_tex.replace(" ", "").endswith("-y_j") or form.product_tex.endswith(
            "a_q - y_q"
        )
        assert form.summary == "a − y"
    if loss == "squared_error":
        assert "2(a_" in form.product_tex  # the factor 2 of ∂E/∂a = 2(a − y)
    assert form.note and "_" not in form.note.replace("\\_", "")


def test_leaky_slope_in_the_notation_is_the_one_core_uses():
    slope = f"{core.activations.LEAKY_SLOPE:g}"
    assert slope in notation.ACTIVATION_NOTATION["leaky_relu"].g_prime_tex
    assert slope in core.ACTIVATIONS["leaky_relu"].g_prime_formula


def test_the_numerics_use_the_pairs_the_registry_names():
    from core.losses import FUSED

    assert set(FUSED) == A_MINUS_Y


@pytest.mark.parametrize(
    "g, loss, field",
    [
        ("relu", "cross_entropy", "loss"),
        ("sigmoid", "cross_entropy", "loss"),
        ("tanh", "binary_cross_entropy", "loss"),
        ("softmax", "binary_cross_entropy", "loss"),
        ("nope", "squared_error", "activation"),
        ("sigmoid", "nope", "loss"),
    ],
)
def test_an_invalid_pair_is_a_core_error(g, loss, field):
    with pytest.raises(core.CoreError) as info:
        core.output_form(g, loss)
    assert info.value.field == field

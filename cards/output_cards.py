"""Output-layer lab cards: δ⁽ᴸ⁾ derived step by step for one (activation, loss) pair.

The formulas come from the notation registry (`core.output_form`, `core.notation`), which has
an entry for every valid pair; this module only writes the numbers of a `core.OutputStep` in.
"""

from __future__ import annotations

import numpy as np

import core
from core.notation import ACTIVATION_NOTATION, LOSS_NOTATION

from .numbers import bmatrix, tex_num

DE_DA = r"\frac{\partial E}{\partial a_j} = "


def _vec(v) -> str:
    return r"\left(" + r",\ ".join(tex_num(x) for x in np.atleast_1d(v)) + r"\right)"


def output_derivation(step: core.OutputStep) -> list[tuple[str, str]]:
    """(caption, LaTeX) rows: ∂E/∂a, then g′ or the Jacobian, then δ⁽ᴸ⁾, with the numbers."""
    form = core.output_form(step.activation, step.loss)
    g_prime = ACTIVATION_NOTATION[step.activation].g_prime_tex
    rows = [
        (
            "1 · the error's gradient",
            DE_DA + LOSS_NOTATION[step.loss].grad_tex + rf"\qquad = {_vec(step.dE_da)}",
        )
    ]
    delta = rf"\qquad \delta = {_vec(step.delta)}"
    if form.elementwise:
        rows += [
            ("2 · the activation's derivative", rf"g'(z) = {g_prime}\qquad = {_vec(step.g_prime)}"),
            ("3 · the product (equation 1, ⊙)", form.product_tex + delta),
        ]
    else:
        rows += [
            (
                "2 · the softmax Jacobian (not elementwise)",
                rf"{g_prime}\qquad J = {bmatrix(step.jacobian)}",
            ),
            ("3 · Jᵀ ∇ₐE (equation 1 for softmax)", form.product_tex + delta),
        ]
    if form.simplifies_to_a_minus_y:
        rows.append(("4 · the simplified form", rf"\delta = a - y = {_vec(step.a - step.y)}"))
    return rows

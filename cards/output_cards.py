"""Output-layer lab cards: δ⁽ᴸ⁾ derived step by step for one (activation, loss) pair."""

from __future__ import annotations

import numpy as np

import core

from .numbers import tex_num

G_PRIME_TEX = {
    "sigmoid": r"g'(z) = \sigma(z)\,(1-\sigma(z)) = a(1-a)",
    "tanh": r"g'(z) = 1-\tanh^2(z) = 1-a^2",
    "relu": r"g'(z) = [z > 0]",
    "leaky_relu": r"g'(z) = 1 \text{ if } z>0 \text{ else } 0.01",
    "linear": r"g'(z) = 1",
    "softmax": r"J_{pq} = \frac{\partial a_p}{\partial z_q} = a_p(\delta_{pq} - a_q)",
}
DE_DA_TEX = {
    "squared_error": r"\frac{\partial E}{\partial a_j} = 2(a_j - y_j)",
    "half_squared_error": r"\frac{\partial E}{\partial a_j} = a_j - y_j",
    "binary_cross_entropy": r"\frac{\partial E}{\partial a_j} = \frac{a_j - y_j}{a_j(1-a_j)}",
    "cross_entropy": r"\frac{\partial E}{\partial a_j} = -\frac{y_j}{a_j}",
}
PRODUCT_TEX = {
    ("sigmoid", "squared_error"): r"\delta_j = 2(a_j-y_j)\,a_j(1-a_j)",
    ("sigmoid", "half_squared_error"): r"\delta_j = (a_j-y_j)\,a_j(1-a_j)",
    ("sigmoid", "binary_cross_entropy"): (
        r"\delta_j = \frac{a_j-y_j}{a_j(1-a_j)}\,a_j(1-a_j) = a_j - y_j"
    ),
    ("tanh", "squared_error"): r"\delta_j = 2(a_j-y_j)(1-a_j^2)",
    ("tanh", "half_squared_error"): r"\delta_j = (a_j-y_j)(1-a_j^2)",
    ("linear", "squared_error"): r"\delta_j = 2(a_j-y_j)",
    ("linear", "half_squared_error"): r"\delta_j = a_j-y_j",
    ("softmax", "squared_error"): r"\delta_q = \sum_p J_{pq}\, 2(a_p-y_p)",
    ("softmax", "half_squared_error"): r"\delta_q = \sum_p J_{pq}\,(a_p-y_p)",
    ("softmax", "cross_entropy"): (
        r"\delta_q = \sum_p a_p(\delta_{pq}-a_q)\left(-\frac{y_p}{a_p}\right)"
        r" = -y_q + a_q\sum_p y_p = a_q - y_q"
    ),
}


def _vec(v) -> str:
    return r"\left(" + r",\ ".join(tex_num(x) for x in np.atleast_1d(v)) + r"\right)"


def output_derivation(step: core.OutputStep) -> list[tuple[str, str]]:
    """(caption, LaTeX) rows: ∂E/∂a, then g′ or the Jacobian, then δ⁽ᴸ⁾, with the numbers."""
    act, loss = step.activation, step.loss
    rows = [
        ("1 · the error's gradient", DE_DA_TEX[loss] + rf"\qquad = {_vec(step.dE_da)}"),
    ]
    if step.g_prime is not None:
        rows.append(
            (
                "2 · the activation's derivative",
                G_PRIME_TEX[act] + rf"\qquad = {_vec(step.g_prime)}",
            )
        )
        rows.append(
            (
                "3 · the product (equation 1, ⊙)",
                PRODUCT_TEX[(act, loss)] + rf"\qquad \delta = {_vec(step.delta)}",
            )
        )
    else:
        J = step.jacobian
        body = r" \\ ".join(" & ".join(tex_num(x, 3) for x in row) for row in J)
        rows.append(
            (
                "2 · the softmax Jacobian (not elementwise)",
                G_PRIME_TEX[act] + r"\qquad J = \begin{bmatrix}" + body + r"\end{bmatrix}",
            )
        )
        rows.append(
            (
                "3 · Jᵀ ∇ₐE (equation 1 for softmax)",
                PRODUCT_TEX[(act, loss)] + rf"\qquad \delta = {_vec(step.delta)}",
            )
        )
    if step.simplified:
        rows.append(("4 · the simplified form", rf"\delta = a - y = {_vec(step.a - step.y)}"))
    return rows

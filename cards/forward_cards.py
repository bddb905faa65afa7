"""Forward-pass cards: zᵢ⁽ᵏ⁾ = Σⱼ θᵢⱼ⁽ᵏ⁾ aⱼ⁽ᵏ⁻¹⁾ + bᵢ⁽ᵏ⁾ and aᵢ⁽ᵏ⁾ = g(zᵢ⁽ᵏ⁾) with numbers."""

from __future__ import annotations

import core

from . import names as user_names
from .numbers import ERROR_DIGITS, fmt, index_sub, sum_lines, tex_num

MAX_TERMS = 6  # wider sums show their first terms, then "+ …" and the total


def forward_card(net: core.Network, fwd: core.ForwardTrace, k: int, i: int, example: int = 0):
    """LaTeX lines for neuron i of layer k (k ≥ 1) and one example: the sum for zᵢ⁽ᵏ⁾ written
    out a few terms per line (so it fits its column), then aᵢ⁽ᵏ⁾ = g(zᵢ⁽ᵏ⁾)."""
    theta, b = net.weights[k][i], net.biases[k][i]
    a_prev = fwd.a[k - 1][example]
    z, a = fwd.z[k][example, i], fwd.a[k][example, i]
    n = len(a_prev)
    pieces = [
        rf"{tex_num(theta[j], paren_negative=True)}\cdot{tex_num(a_prev[j], paren_negative=True)}"
        for j in range(min(n, MAX_TERMS))
    ]
    if n > MAX_TERMS:
        pieces.append(rf"\dots\ (\text{{{n} terms}})")
    pieces.append(tex_num(b, paren_negative=True))
    lines = [
        rf"z_{{{i}}}^{{({k})}} = \sum_{{j}} \theta_{{{i}j}}^{{({k})}} a_j^{{({k - 1})}} "
        rf"+ b_{{{i}}}^{{({k})}}",
        *sum_lines(pieces, tail=rf" = {tex_num(z)}"),
    ]
    g = net.activations[k]
    if g == "softmax":
        lines.append(
            rf"a_{{{i}}}^{{({k})}} = \frac{{e^{{z_{{{i}}}}}}}{{\sum_p e^{{z_p}}}} = {tex_num(a)}"
        )
    else:
        g_tex = core.ACTIVATION_TEX[g]
        lines.append(
            rf"a_{{{i}}}^{{({k})}} = {g_tex}(z_{{{i}}}^{{({k})}}) = {g_tex}"
            rf"({tex_num(z)}) = {tex_num(a)}"
        )
    return lines


def output_card(net: core.Network, fwd: core.ForwardTrace, names=None) -> str:
    """E = (1/m) Σᵢ E(xᵢ, yᵢ) with the loss formula and the value (markdown); `names` (the
    user's DataNames or None) adds what each target yⱼ is: "y₀ (fail), y₁ (pass)"."""
    formula = core.get_loss(net.loss).formula.replace("E =", "E(x, y) =")
    card = (
        f"Loss: **{core.LOSS_LABELS[net.loss]}**, {formula}. "
        f"Over the batch of m = {fwd.m}: E = (1/m) Σᵢ E(xᵢ, yᵢ) = **{fmt(fwd.loss, ERROR_DIGITS)}**"
    )
    targets = [
        f"y{index_sub(j)} ({user_names.markdown(name)})"
        for j in range(net.sizes[-1])
        if (name := user_names.output_name(names, j)) is not None
    ]
    return card + (f". Targets: {', '.join(targets)}" if targets else "")

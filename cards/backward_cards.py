"""Backward-pass cards: equations (1), (2), (3) with the numbers of one cell.

`delta_card` writes the chain-rule sum of docs/NOTATION.md term by term: for k < L the sum over the
connections β that leave neuron i, θ_βᵢ⁽ᵏ⁺¹⁾ · g′(zᵢ⁽ᵏ⁾) · δ_β⁽ᵏ⁺¹⁾, adding up to δᵢ⁽ᵏ⁾.
"""

from __future__ import annotations

import re

import core
from core.notation import EQ2_TEX, EQ3_TEX

from . import names as user_names
from .numbers import bmatrix, fmt, index_sub, layer_sup, sum_lines, tex_num

MAX_TERMS = 8
MAX_MATRIX = 6  # larger matrices are written by shape only


def equation_for_step(net: core.Network, k: int) -> tuple[str, str]:
    """(label, LaTeX) of the equation that computes δ⁽ᵏ⁾, with the layer numbers written in."""
    if k == net.L:
        eq = core.output_form(net.activations[k], net.loss).equation_tex
        return "(1) output layer", eq.replace("(L)", f"({k})")
    return "(2) hidden layer", EQ2_TEX.replace("k+1", str(k + 1)).replace("(k)", f"({k})")


def gradient_equation(k: int) -> str:
    """Equation (3) in LaTeX with the layer numbers k and k − 1 written in."""
    return EQ3_TEX.replace("(k)", f"({k})").replace("(k-1)", f"({k - 1})")


def _numbers(values) -> list[str]:
    return _with_dots([tex_num(v, paren_negative=True) for v in values[:MAX_TERMS]], len(values))


def _with_dots(pieces: list[str], n: int) -> list[str]:
    """The first MAX_TERMS pieces, then "…" naming how many terms the sum has."""
    return pieces if n <= MAX_TERMS else [*pieces, rf"\dots\ (\text{{{n} terms}})"]


def delta_card(expl: core.Explanation, names=None) -> list[str]:
    """LaTeX lines for δᵢ⁽ᵏ⁾ of one example, from `core.explain_delta`. At the output layer
    (equation 1), `names` (the user's DataNames or None) adds a line naming the targets y the
    card uses: y_i, or every y_p under softmax's sum over p."""
    k, i = expl.k, expl.i
    lhs = rf"\delta_{{{i}}}^{{({k})}}"
    products = [t.value for t in expl.terms]
    if expl.equation == 2:
        general = (
            rf"{lhs} = \sum_{{\beta}} \theta_{{\beta {i}}}^{{({k + 1})}}\, g'(z_{{{i}}}^{{({k})}})"
            rf"\, \delta_\beta^{{({k + 1})}}"
        )
        factors = [
            rf"{tex_num(t.factors[0], paren_negative=True)}\cdot{tex_num(t.factors[1])}"
            rf"\cdot{tex_num(t.factors[2], paren_negative=True)}"
            for t in expl.terms[:MAX_TERMS]
        ]
        return [
            general,
            *sum_lines(_with_dots(factors, len(expl.terms))),
            *sum_lines(_numbers(products), tail=rf" = {tex_num(expl.value)}"),
        ]
    if expl.index_name == "p":  # softmax output: a row of the Jacobian
        lines = [
            rf"{lhs} = \sum_p \frac{{\partial a_p^{{({k})}}}}{{\partial z_{{{i}}}^{{({k})}}}}"
            rf"\frac{{\partial E}}{{\partial a_p^{{({k})}}}}",
            *sum_lines(_numbers(products), tail=rf" = {tex_num(expl.value)}"),
        ]
    else:
        (t,) = expl.terms
        lines = [
            rf"{lhs} = \frac{{\partial E}}{{\partial a_{{{i}}}^{{({k})}}}}\,"
            rf" g'(z_{{{i}}}^{{({k})}})"
            rf" = {tex_num(t.factors[0], paren_negative=True)} \cdot {tex_num(t.factors[1])}"
            rf" = {tex_num(expl.value)}",
        ]
    if expl.simplified:
        lines.append(
            rf"= a_{{{i}}}^{{({k})}} - y_{{{i}}} = {tex_num(expl.simplified_value)}"
            r"\quad\text{(the simplified form)}"
        )
    used = [t.index for t in expl.terms] if expl.index_name == "p" else [i]
    named = user_names.targets_tex(names, used)
    return lines if named is None else [*lines, named]


def gradient_card(expl: core.Explanation, m: int) -> list[str]:
    """LaTeX for ∂E/∂θᵢⱼ⁽ᵏ⁾ or ∂E/∂bᵢ⁽ᵏ⁾: equation (3), averaged over the m examples."""
    k, i, j = expl.k, expl.i, expl.j
    if j is None:
        lhs = rf"\frac{{\partial E}}{{\partial b_{{{i}}}^{{({k})}}}}"
        general = rf"{lhs} = \frac{{1}}{{m}} \sum_{{e}} \delta_{{{i},e}}^{{({k})}}"
    else:
        lhs = rf"\frac{{\partial E}}{{\partial \theta_{{{i}{j}}}^{{({k})}}}}"
        general = (
            rf"{lhs} = \frac{{1}}{{m}} \sum_{{e}} a_{{{j},e}}^{{({k - 1})}}\,"
            rf" \delta_{{{i},e}}^{{({k})}}"
        )
    if j is None:
        pieces = [tex_num(t.factors[1], paren_negative=True) for t in expl.terms[:MAX_TERMS]]
    else:
        pieces = [
            tex_num(t.factors[0], paren_negative=True)
            + r"\cdot"
            + tex_num(t.factors[1], paren_negative=True)
            for t in expl.terms[:MAX_TERMS]
        ]
    pieces = _with_dots(pieces, len(expl.terms))
    if m == 1:
        return [general, *sum_lines(pieces, tail=rf" = {tex_num(expl.value)}")]
    # the sum over the m examples first, then the average
    total = expl.total * len(expl.terms)
    factor = r"\delta" if j is None else r"a\,\delta"
    sums = sum_lines(pieces, tail=rf" = {tex_num(total)}")
    sums[0] = rf"\textstyle\sum_e {factor} " + sums[0]
    mean = rf"{lhs} = \tfrac{{1}}{{{m}}} \cdot {tex_num(total, paren_negative=True)}"
    return [general, *sums, rf"{mean} = {tex_num(expl.value)}"]


_SUBSCRIPT = str.maketrans("0123456789iβj", "₀₁₂₃₄₅₆₇₈₉ᵢᵦⱼ")


def _plain(name: str) -> str:
    """'θ_βi^(3)' → 'θᵦᵢ⁽³⁾' for table headers (a header is plain text, not LaTeX). A subscript
    with a letter Unicode has no subscript for (J_softmax) keeps its underscore."""

    def subscript(m: re.Match) -> str:
        text = m.group(1)
        plain = text.translate(_SUBSCRIPT)
        return plain if all(c != d or not c.isalnum() for c, d in zip(text, plain)) else m[0]

    name = re.sub(r"\^\((\d+)\)", lambda m: layer_sup(int(m.group(1))), name)
    return re.sub(r"_([0-9A-Za-zβ]+)", subscript, name)


def terms_table(expl: core.Explanation) -> list[dict]:
    """One row per term (its index, factors and product), then the total."""
    names = [_plain(n) for n in expl.factor_names]
    rows = []
    for t in expl.terms:
        row = {expl.index_name: str(t.index)}
        row.update({name: fmt(f, sign=True) for name, f in zip(names, t.factors)})
        row["product"] = fmt(t.value, sign=True)
        rows.append(row)
    total = {expl.index_name: "mean" if expl.combine == "mean" else "sum"}
    total.update({name: "" for name in names})
    total["product"] = fmt(expl.total, sign=True)
    rows.append(total)
    return rows


def matrix_view(mf: core.MatrixForm) -> list[str]:
    """Equation (2) for a whole layer with shapes, and the numbers when the layer is small."""
    k = mf.k
    n_k, n_next = mf.theta_T.shape
    shapes = (
        rf"\underbrace{{\delta^{{({k})}}}}_{{{n_k}\times 1}} = "
        rf"\Big(\underbrace{{\theta^{{({k + 1})\mathsf T}}}}_{{{n_k}\times {n_next}}}"
        rf"\underbrace{{\delta^{{({k + 1})}}}}_{{{n_next}\times 1}}\Big) \odot "
        rf"\underbrace{{g'(z^{{({k})}})}}_{{{n_k}\times 1}}"
    )
    if max(n_k, n_next) > MAX_MATRIX:
        return [shapes]
    numbers = (
        rf"{bmatrix(mf.delta[:, None])} = \Big({bmatrix(mf.theta_T)}"
        rf"{bmatrix(mf.delta_next[:, None])}\Big) \odot {bmatrix(mf.g_prime[:, None])}"
        rf" = {bmatrix(mf.back_sum[:, None])} \odot {bmatrix(mf.g_prime[:, None])}"
    )
    return [shapes, numbers]


def input_gradient_card(net: core.Network, bwd: core.BackwardTrace, example: int = 0) -> list[str]:
    """∂E/∂x = θ⁽¹⁾ᵀ δ⁽¹⁾ for one example: the same backward pass, one step further."""
    g = bwd.grad_input[example]
    values = ", ".join(tex_num(v) for v in g[:MAX_TERMS]) + (
        r", \dots" if len(g) > MAX_TERMS else ""
    )
    return [
        r"\frac{\partial E}{\partial x} = \theta^{(1)\mathsf T} \delta^{(1)}",
        rf"\frac{{\partial E}}{{\partial x}}\Big|_{{\text{{example }} {example}}} = ({values})",
    ]


def output_layer_note(net: core.Network) -> str:
    """Markdown: why δ⁽ᴸ⁾ looks the way it does for this output activation and loss."""
    return core.output_form(net.activations[net.L], net.loss).note


def quantity_text(expl: core.Explanation) -> str:
    """Plain-text name of the explained number: δ₁⁽²⁾ (example 0), ∂E/∂θ₁₀⁽²⁾, ∂E/∂b₁⁽²⁾."""
    k, i = expl.k, expl.i
    if expl.equation in (1, 2):
        return f"δ{index_sub(i)}{layer_sup(k)} of example {expl.example}"
    if expl.j is None:
        return f"∂E/∂b{index_sub(i)}{layer_sup(k)}"
    return f"∂E/∂θ{index_sub(i, expl.j)}{layer_sup(k)}"

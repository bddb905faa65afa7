"""A worked example, written out for slides and notes: one example's forward pass, its error E,
δ⁽ᴸ⁾, every δ⁽ᵏ⁾, every ∂E/∂θ⁽ᵏ⁾ and one gradient-descent step, with the numbers substituted,
as Markdown (KaTeX math) or a standalone LaTeX document; and the matrices of one step as CSV.

Pure string building: the numbers come from core's traces and explanations, written by
cards.numbers; symbols and formulas come from core.notation. The prose is ASCII with inline
$…$ math, so the same blocks render as Markdown and compile with pdflatex.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import numpy as np

import core
from core.notation import ACTIVATION_NOTATION, LOSS_NOTATION
from core.validate import check_index

from .numbers import ERROR_DIGITS, bmatrix, sum_lines, tex_num

MAX_SHOWN = 8  # neurons per layer, terms per sum, entries per matrix written out
PER_LINE = 3  # terms per line of a long sum, so a line fits a slide

Row = tuple[str, str]  # (left side, right side "= …" / "\quad + …" / "\leftarrow …")


@dataclass(frozen=True, eq=False)
class _Pass:
    """The forward and backward pass of one example (a batch of one) and the step after it."""

    net: core.Network
    example: int
    eta: float
    fwd: core.ForwardTrace
    bwd: core.BackwardTrace
    new_net: core.Network
    new_loss: float


def _pass(net, X, Y, example, eta) -> _Pass:
    X, Y = np.atleast_2d(np.asarray(X, float)), np.atleast_2d(np.asarray(Y, float))
    m = len(X)
    if isinstance(example, bool) or not isinstance(example, (int, np.integer)):
        raise core.CoreError("example", f"an example index 0..{m - 1}", example)
    if not 0 <= example < m:
        raise core.CoreError("example", f"an example index 0..{m - 1}", example)
    x, y = X[example : example + 1], Y[example : example + 1]
    fwd = core.forward(net, x, y)
    bwd = core.backward(net, fwd, fwd.Y)
    new_net = core.sgd_step(net, bwd, eta)  # validates η
    return _Pass(net, int(example), float(eta), fwd, bwd, new_net, core.forward(new_net, x, y).loss)


def _steps(net: core.Network, steps) -> tuple[str, int | None]:
    if isinstance(steps, str) and steps == "all":
        return "all", None
    if isinstance(steps, (tuple, list)) and len(steps) == 2 and steps[0] in ("forward", "backward"):
        k = steps[1]
        if not isinstance(k, bool) and isinstance(k, (int, np.integer)) and 1 <= k <= net.L:
            return steps[0], int(k)
    raise core.CoreError(
        "steps", f'"all", ("forward", k) or ("backward", k), k = 1..{net.L}', steps
    )


# ---- small TeX pieces --------------------------------------------------------------------------


def _n(x: float) -> str:
    return tex_num(x, paren_negative=True)


def _dots(pieces: list[str], n: int, what: str = "terms") -> list[str]:
    return pieces if n <= MAX_SHOWN else [*pieces, rf"\dots\ (\text{{{n} {what}}})"]


def _vec(v) -> str:
    v = np.asarray(v, float)
    tail = rf"\ \dots\ (\text{{{len(v)} values}})" if len(v) > MAX_SHOWN else ""
    return bmatrix(v[:MAX_SHOWN]) + tail


def _sum_rows(label: str, pieces: list[str], tail: str = "") -> list[Row]:
    lines = sum_lines(pieces, per_line=PER_LINE, tail=tail)
    return [(label, lines[0]), *[("", line) for line in lines[1:]]]


def _more(n: int, what: str) -> list[tuple]:
    return (
        [("p", f"... ({n} {what}; the first {MAX_SHOWN} are written out.)")]
        if n > MAX_SHOWN
        else []
    )


# ---- the sections, as blocks: ("h1".."h3", text), ("p", prose), ("math", rows) ----------------


def _intro(p: _Pass) -> list[tuple]:
    net = p.net
    layers = ", ".join(
        f"layer {k} {ACTIVATION_NOTATION[g].label}" for k, g in net.activations.items()
    )
    return [
        ("h1", "Backpropagation, worked through one example"),
        (
            "p",
            f"Network {'-'.join(map(str, net.sizes))} ({layers}); "
            f"loss: {LOSS_NOTATION[net.loss].label}, ${LOSS_NOTATION[net.loss].formula_tex}$.",
        ),
        (
            "p",
            f"The numbers are those of example {p.example} alone: a batch of one ($m = 1$), so "
            "$E$ is this example's own error and no gradient is averaged over a batch. "
            f"Learning rate $\\eta = {tex_num(p.eta)}$.",
        ),
        ("math", [("a^{(0)} = x", "= " + _vec(p.fwd.X[0])), ("y", "= " + _vec(p.fwd.Y[0]))]),
    ]


def _forward_layer(p: _Pass, k: int) -> list[tuple]:
    net, fwd = p.net, p.fwd
    g = net.activations[k]
    n, n_prev = net.sizes[k], net.sizes[k - 1]
    rows: list[Row] = []
    for i in range(min(n, MAX_SHOWN)):
        theta, a_prev = net.weights[k][i], fwd.a[k - 1][0]
        pieces = [rf"{_n(theta[j])}\cdot{_n(a_prev[j])}" for j in range(min(n_prev, MAX_SHOWN))]
        pieces = [*_dots(pieces, n_prev), _n(net.biases[k][i])]
        rows += _sum_rows(f"z_{{{i}}}^{{({k})}}", pieces, tail=f" = {tex_num(fwd.z[k][0, i])}")
        a = tex_num(fwd.a[k][0, i])
        if g == "softmax":
            rhs = rf"= \frac{{e^{{z_{{{i}}}^{{({k})}}}}}}{{\sum_p e^{{z_p^{{({k})}}}}}} = {a}"
        else:
            rhs = f"= {core.ACTIVATION_TEX[g]}({tex_num(fwd.z[k][0, i])}) = {a}"
        rows.append((f"a_{{{i}}}^{{({k})}}", rhs))
    general = (
        rf"z_i^{{({k})}} = \sum_j \theta_{{ij}}^{{({k})}} a_j^{{({k - 1})}} + b_i^{{({k})}},"
        rf" \qquad a_i^{{({k})}} = {core.ACTIVATION_TEX[g]}(z_i^{{({k})}})"
    )
    return [
        ("h3", f"Layer {k} ({ACTIVATION_NOTATION[g].label})"),
        (
            "p",
            f"Each neuron of layer {k} adds up its weighted inputs and its bias, then applies "
            f"the {ACTIVATION_NOTATION[g].label}.",
        ),
        ("math", [(general, "")]),
        ("math", rows),
        *_more(n, "neurons"),
    ]


def _error(p: _Pass) -> list[tuple]:
    L, notation = p.net.L, LOSS_NOTATION[p.net.loss]
    prefix, body = notation.formula_tex.removeprefix("E = ").split(r"\sum_j ")
    a, y = p.fwd.a[L][0], p.fwd.Y[0]
    terms = [
        body.replace("y_j", _n(y[j])).replace("a_j", _n(a[j]))
        for j in range(min(len(a), MAX_SHOWN))
    ]
    terms = _dots(terms, len(a))
    if prefix:  # \Big( and \Big) may sit on different lines; \left( \right) may not
        terms[0] = prefix + r"\Big(" + terms[0]
        terms[-1] += r"\Big)"  # the same term when there is one output
    return [
        ("h2", "The error"),
        ("p", f"The output $a^{{({L})}}$ is compared with the target $y$:"),
        ("math", [(notation.formula_tex, "")]),
        ("math", _sum_rows("E", terms, tail=f" = {tex_num(p.fwd.loss, ERROR_DIGITS)}")),
    ]


def _output_delta(p: _Pass) -> list[tuple]:
    net, L = p.net, p.net.L
    g, form = net.activations[L], core.output_form(net.activations[L], net.loss)
    step = core.output_step(g, net.loss, p.fwd.z[L][0], p.fwd.Y[0])
    pieces: list[Row] = [
        (r"\frac{\partial E}{\partial a_j}", "= " + LOSS_NOTATION[net.loss].grad_tex)
    ]
    pieces.append((rf"\frac{{\partial E}}{{\partial a^{{({L})}}}}", "= " + _vec(step.dE_da)))
    if form.elementwise:
        pieces += [("g'(z)", "= " + ACTIVATION_NOTATION[g].g_prime_tex)]
        pieces += [(f"g'(z^{{({L})}})", "= " + _vec(step.g_prime))]
    else:
        left, right = ACTIVATION_NOTATION[g].g_prime_tex.split(" = ", 1)  # J_pq = …
        pieces += [(left, "= " + right)]
        if net.sizes[L] <= MAX_SHOWN:
            pieces += [("J", "= " + bmatrix(step.jacobian))]
    if form.simplifies_to_a_minus_y:
        why = (
            f"The factors cancel: $\\delta^{{({L})}} = a^{{({L})}} - y$. This short form is the "
            "result of the derivation above, not a rule to copy."
        )
    elif not form.elementwise:
        why = (
            "Softmax is not applied neuron by neuron: every output depends on every $z_q$, so "
            "each $\\delta_q$ is a sum over all outputs $p$ (the Jacobian $J$ transposed)."
        )
    elif form.vanishes_when_saturated:
        why = (
            f"The factor $g'(z^{{({L})}})$ stays in $\\delta^{{({L})}}$: it is close to 0 where "
            "the output saturates, so learning can stall even when the answer is badly wrong."
        )
    else:
        why = "Neuron by neuron, $\\delta_j$ is the error's slope times the activation's slope."
    rows: list[Row] = []
    for i in range(min(net.sizes[L], MAX_SHOWN)):
        expl = core.explain_delta(net, p.fwd, p.bwd, L, i, 0)
        lhs, value = f"\\delta_{{{i}}}^{{({L})}}", tex_num(expl.value)
        if form.elementwise:
            (t,) = expl.terms
            rows.append(
                (
                    lhs,
                    rf"= \frac{{\partial E}}{{\partial a_{{{i}}}^{{({L})}}}}\,"
                    rf"g'(z_{{{i}}}^{{({L})}}) = {_n(t.factors[0])}\cdot{_n(t.factors[1])}"
                    f" = {value}",
                )
            )
        else:
            products = [
                rf"{_n(t.factors[0])}\cdot{_n(t.factors[1])}" for t in expl.terms[:MAX_SHOWN]
            ]
            rows.append(
                (lhs, rf"= \sum_p J_{{p{i}}}\,\frac{{\partial E}}{{\partial a_p^{{({L})}}}}")
            )
            rows += _sum_rows("", _dots(products, len(expl.terms)), tail=f" = {value}")
        if expl.simplified:
            a, y = p.fwd.a[L][0, i], p.fwd.Y[0, i]
            rows.append(
                (
                    "",
                    f"= a_{{{i}}}^{{({L})}} - y_{{{i}}} = {_n(a)} - {_n(y)}"
                    f" = {tex_num(expl.simplified_value)}",
                )
            )
    return [
        ("h3", f"Layer {L}, the output: equation (1)"),
        ("math", [(form.equation_tex.replace("(L)", f"({L})"), "")]),
        ("p", f"With {LOSS_NOTATION[net.loss].label} and a {ACTIVATION_NOTATION[g].label} output:"),
        ("math", pieces),
        ("math", [(form.product_tex, "")]),
        ("p", why),
        ("math", rows),
        *_more(net.sizes[L], "neurons"),
    ]


def _hidden_delta(p: _Pass, k: int) -> list[tuple]:
    net = p.net
    rows: list[Row] = []
    for i in range(min(net.sizes[k], MAX_SHOWN)):
        expl = core.explain_delta(net, p.fwd, p.bwd, k, i, 0)
        shown = expl.terms[:MAX_SHOWN]
        factors = [r"\cdot".join(_n(f) for f in t.factors) for t in shown]
        rows += _sum_rows(f"\\delta_{{{i}}}^{{({k})}}", _dots(factors, len(expl.terms)))
        products = _dots([_n(t.value) for t in shown], len(expl.terms))
        rows += _sum_rows("", products, tail=f" = {tex_num(expl.value)}")
    g_prime = ACTIVATION_NOTATION[net.activations[k]].g_prime_tex
    general = (
        rf"\delta_i^{{({k})}} = \sum_\beta \theta_{{\beta i}}^{{({k + 1})}}\, g'(z_i^{{({k})}})\,"
        rf"\delta_\beta^{{({k + 1})}}, \qquad g'(z) = {g_prime}"
    )
    return [
        ("h3", f"Layer {k}: equation (2)"),
        (
            "p",
            f"Each neuron $i$ of layer {k} reaches $E$ through the {net.sizes[k + 1]} "
            "connections $\\beta$ that leave it. The chain rule adds one term per connection; "
            f"the transpose in $\\theta^{{({k + 1})\\mathsf T}}\\delta^{{({k + 1})}}$ is this sum. "
            f"The terms use the old $\\theta^{{({k + 1})}}$: no weight changes before the whole "
            "pass is done.",
        ),
        ("math", [(general, "")]),
        ("math", rows),
        *_more(net.sizes[k], "neurons"),
    ]


def _gradients(p: _Pass, k: int) -> list[tuple]:
    net, a_prev, delta = p.net, p.fwd.a[k - 1][0], p.bwd.delta[k][0]
    pairs = [(i, j) for i in range(net.sizes[k]) for j in range(net.sizes[k - 1])]
    rows: list[Row] = [
        (
            rf"\frac{{\partial E}}{{\partial \theta_{{{i}{j}}}^{{({k})}}}}",
            rf"= a_{{{j}}}^{{({k - 1})}}\,\delta_{{{i}}}^{{({k})}} = {_n(a_prev[j])}"
            rf"\cdot{_n(delta[i])} = {tex_num(p.bwd.grad_weights[k][i, j])}",
        )
        for i, j in pairs[:MAX_SHOWN]
    ]
    rows += [
        (
            rf"\frac{{\partial E}}{{\partial b_{{{i}}}^{{({k})}}}}",
            rf"= \delta_{{{i}}}^{{({k})}} = {tex_num(p.bwd.grad_biases[k][i])}",
        )
        for i in range(min(net.sizes[k], MAX_SHOWN))
    ]
    return [
        (
            "p",
            f"Equation (3) for layer {k}: each weight's slope is the activation it carries times "
            "the $\\delta$ it feeds; a bias carries the constant 1.",
        ),
        ("math", rows),
        *_more(len(pairs), "weights"),
    ]


def _backward_layer(p: _Pass, k: int) -> list[tuple]:
    delta = (
        _output_delta(
            p,
        )
        if k == p.net.L
        else _hidden_delta(p, k)
    )
    return [*delta, *_gradients(p, k)]


def _update(p: _Pass) -> list[tuple]:
    blocks: list[tuple] = [
        ("h2", "One gradient-descent step"),
        ("p", "Every weight and bias moves against its slope, all at once:"),
        (
            "math",
            [
                (
                    r"\theta_{ij}^{(k)} \leftarrow \theta_{ij}^{(k)} - \eta\,"
                    r"\frac{\partial E}{\partial \theta_{ij}^{(k)}}, \qquad b_i^{(k)} \leftarrow "
                    r"b_i^{(k)} - \eta\,\frac{\partial E}{\partial b_i^{(k)}}",
                    "",
                )
            ],
        ),
    ]
    eta = tex_num(p.eta)
    for k in range(1, p.net.L + 1):
        old, new, grad = p.net.weights[k], p.new_net.weights[k], p.bwd.grad_weights[k]
        pairs = [(i, j) for i in range(old.shape[0]) for j in range(old.shape[1])]
        rows = [
            (
                f"\\theta_{{{i}{j}}}^{{({k})}}",
                rf"\leftarrow {_n(old[i, j])} - {eta}\cdot{_n(grad[i, j])} = {tex_num(new[i, j])}",
            )
            for i, j in pairs[:MAX_SHOWN]
        ]
        b_old, b_new, b_grad = p.net.biases[k], p.new_net.biases[k], p.bwd.grad_biases[k]
        rows += [
            (
                f"b_{{{i}}}^{{({k})}}",
                rf"\leftarrow {_n(b_old[i])} - {eta}\cdot{_n(b_grad[i])} = {tex_num(b_new[i])}",
            )
            for i in range(min(len(b_old), MAX_SHOWN))
        ]
        blocks += [("h3", f"Layer {k}"), ("math", rows), *_more(len(pairs), "weights")]
    before, after = tex_num(p.fwd.loss, ERROR_DIGITS), tex_num(p.new_loss, ERROR_DIGITS)
    return [
        *blocks,
        ("p", "Run forward again with the new weights: the error of this example is now"),
        ("math", [(r"E_{\text{before}}", f"= {before}"), (r"E_{\text{after}}", f"= {after}")]),
    ]


def _blocks(net, X, Y, example, eta, steps) -> list[tuple]:
    kind, k = _steps(net, steps)
    p = _pass(net, X, Y, example, eta)
    L = net.L
    blocks = _intro(p)
    if kind in ("all", "forward"):
        blocks += [("h2", "The forward pass")]
        for layer in range(1, L + 1) if kind == "all" else [k]:
            blocks += _forward_layer(p, layer)
    if kind == "all" or k == L:
        blocks += _error(p)
    if kind in ("all", "backward"):
        blocks += [("h2", "The backward pass")]
        for layer in range(L, 0, -1) if kind == "all" else [k]:
            blocks += _backward_layer(p, layer)
    if kind == "all":
        blocks += _update(p)
    return blocks


# ---- rendering ---------------------------------------------------------------------------------


def _aligned(rows: list[Row]) -> bool:
    """Rows with numbers are aligned at their "=" (even a single row, so a reader can find each
    line by its left side); a lone general formula is written as it is."""
    return len(rows) > 1 or bool(rows[0][1])


def _rows(rows: list[Row], newline: str) -> str:
    if not _aligned(rows):
        return rows[0][0]
    return newline.join(f"{left} &{right}" for left, right in rows)


def worked_example_markdown(net, X, Y, *, example=0, eta=0.5, steps="all") -> str:
    """Markdown with $$…$$ display math (KaTeX): the worked example of one example of (X, Y).

    steps: "all", or ("forward", k) / ("backward", k) for one layer's step only.
    """
    out = []
    for kind, *content in _blocks(net, X, Y, example, eta, steps):
        if kind == "math":
            rows = content[0]
            body = _rows(rows, " \\\\\n")
            if _aligned(rows):
                body = f"\\begin{{aligned}}\n{body}\n\\end{{aligned}}"
            out.append(f"$$\n{body}\n$$")
        elif kind == "p":
            out.append(content[0])
        else:
            out.append("#" * int(kind[1]) + " " + content[0])
    return "\n\n".join(out) + "\n"


_SECTION = {"h1": "section*", "h2": "subsection*", "h3": "subsubsection*"}


def worked_example_tex(net, X, Y, *, example=0, eta=0.5, steps="all") -> str:
    """The same worked example as a standalone LaTeX document (article, amsmath) for pdflatex."""
    out = [
        r"\documentclass{article}",
        r"\usepackage{amsmath}",
        r"\allowdisplaybreaks",  # long align* blocks may break across pages
        r"\begin{document}",
    ]
    for kind, *content in _blocks(net, X, Y, example, eta, steps):
        if kind == "math":
            rows = content[0]
            if not _aligned(rows):
                out.append(f"\\[\n{_rows(rows, '')}\n\\]")
            else:
                body = _rows(rows, " \\\\\n")
                out.append(f"\\begin{{align*}}\n{body}\n\\end{{align*}}")
        elif kind == "p":
            out.append(content[0])
        else:
            out.append(f"\\{_SECTION[kind]}{{{content[0]}}}")
    out.append(r"\end{document}")
    return "\n\n".join(out) + "\n"


# ---- CSV ---------------------------------------------------------------------------------------


def _csv(index_name: str, columns: list[str], rows) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([index_name, *columns])
    for r, values in enumerate(np.atleast_2d(rows)):
        writer.writerow([r, *(repr(float(v)) for v in values)])  # repr: float64 round trip
    return buf.getvalue()


def step_matrices_csv(net, fwd, bwd, k: int) -> dict[str, str]:
    """The matrices of step k as CSV texts (header row, then one row per example or neuron i):
    a⁽ᵏ⁻¹⁾, z⁽ᵏ⁾, a⁽ᵏ⁾, δ⁽ᵏ⁾ (m × n, one row per example), θ⁽ᵏ⁾, ∂E/∂θ⁽ᵏ⁾ (n⁽ᵏ⁾ × n⁽ᵏ⁻¹⁾,
    columns j), b⁽ᵏ⁾, ∂E/∂b⁽ᵏ⁾ (one row per neuron i). Keys are file names without ".csv"."""
    k = check_index("k", k, 1, net.L, "a layer")
    prev, cur = range(net.sizes[k - 1]), range(net.sizes[k])
    j_cols = [f"j={j}" for j in prev]
    return {
        f"a{k - 1}": _csv("example", [f"a_{j}^({k - 1})" for j in prev], fwd.a[k - 1]),
        f"z{k}": _csv("example", [f"z_{i}^({k})" for i in cur], fwd.z[k]),
        f"a{k}": _csv("example", [f"a_{i}^({k})" for i in cur], fwd.a[k]),
        f"theta{k}": _csv("i", j_cols, net.weights[k]),
        f"b{k}": _csv("i", [f"b_i^({k})"], np.asarray(net.biases[k])[:, None]),
        f"delta{k}": _csv("example", [f"delta_{i}^({k})" for i in cur], bwd.delta[k]),
        f"dE_dtheta{k}": _csv("i", j_cols, bwd.grad_weights[k]),
        f"dE_db{k}": _csv("i", [f"dE/db_i^({k})"], np.asarray(bwd.grad_biases[k])[:, None]),
    }

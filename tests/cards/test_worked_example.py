"""The worked-example export (Markdown, .tex, CSV) against numbers worked out in the test.

Every line of the document is read back by its label (z₀⁽¹⁾, δ₁⁽²⁾, ∂E/∂θ₀₁⁽²⁾, θ₀₁⁽²⁾ ← …) and
its numbers compared, in order, with the formulas of docs/NOTATION.md computed with plain numpy
on the batch of one (card_numbers.Reference, never core's traces); the published 2-2-2 example
is checked against its published numbers. The LaTeX is checked for what breaks a renderer:
unbalanced braces, an unclosed environment, a macro that KaTeX does not support.
"""

import csv
import io
import re

import numpy as np
import pytest
from card_numbers import (
    Reference,
    assert_negatives_parenthesized,
    g,
    g_prime,
    jacobian,
    layer_numbers,
    numbers_in,
    random_case,
    shown_as,
)
from hypothesis import given, settings
from strategies import cases

import core
from cards.worked_example import step_matrices_csv, worked_example_markdown, worked_example_tex

SHOWN = 8  # the document writes at most 8 neurons, terms or entries per layer
SIMPLE = {("sigmoid", "binary_cross_entropy"), ("softmax", "cross_entropy")}

# Macros KaTeX supports (https://katex.org/docs/supported: Greek letters; \frac \tfrac under
# "Fractions"; \sum under "Big Operators"; \cdot \odot \times under "Binary Operators"; \log \tanh
# under "Math Operators"; \leftarrow under "Arrows"; \left \right \Big under "Delimiter Sizing";
# \quad \qquad \, \ under "Spacing"; \mathrm \mathsf \text under "Font"; \dots \partial \nabla
# under "Symbols" and "Letters"), limited to those this document needs.
KATEX_MACROS = {
    "beta", "delta", "eta", "sigma", "theta", "partial", "nabla",
    "frac", "tfrac", "sum", "cdot", "odot", "times", "log", "tanh", "leftarrow",
    "left", "right", "Big", "quad", "qquad", "mathrm", "mathsf", "text", "dots",
    "begin", "end",
}  # fmt: skip
KATEX_SYMBOL_MACROS = {"\\,", "\\ ", "\\\\"}
KATEX_ENVIRONMENTS = {"aligned", "bmatrix"}
TEX_ENVIRONMENTS = {"document", "align*", "bmatrix"}


# ---- reading the document back -----------------------------------------------------------------


def math_blocks(doc: str) -> list[tuple[str, bool]]:
    """(body, aligned) of every display block, of the Markdown or of the .tex."""
    blocks = []
    for body in re.findall(r"^\$\$\n(.*?)\n\$\$$", doc, re.S | re.M):
        inner = re.fullmatch(r"\\begin\{aligned\}\n(.*)\n\\end\{aligned\}", body, re.S)
        blocks.append((inner.group(1), True) if inner else (body, False))
    for single, multi in re.findall(
        r"^\\\[\n(.*?)\n\\\]$|^\\begin\{align\*\}\n(.*?)\n\\end\{align\*\}$", doc, re.S | re.M
    ):
        blocks.append((multi, True) if multi else (single, False))
    return blocks


def entries(doc: str) -> dict[str, str]:
    """Label (left side) → right side of every aligned row; continuation rows join the row
    above. Each label appears once in the document."""
    out: dict[str, str] = {}
    for body, aligned in math_blocks(doc):
        if not aligned:
            continue
        label = None
        for row in body.split(" \\\\\n"):
            left, amp, right = row.partition(" &")
            assert amp, row
            if left:
                label = left
                assert label not in out, f"{label} written twice"
                out[label] = right
            else:
                out[label] += " " + right
    return out


def assert_numbers(text: str, expected: list[float], digits: int = 4) -> None:
    shown = numbers_in(re.sub(r"\\text\{\d+ [a-z]+\}", " ", text))  # "(10 values)" is a count
    assert len(shown) == len(expected), (text, shown, expected)
    for s, e in zip(shown, expected):
        assert close(s, e, digits), (text, s, e)


def close(shown: float, expected: float, digits: int = 4) -> bool:
    if digits == 4:
        return shown_as(shown, expected)
    unit = 10.0 ** (np.floor(np.log10(abs(expected))) - digits + 1)
    return abs(shown - expected) <= 0.5 * unit * (1 + 1e-6)


# ---- what the document must say, from the formulas ----------------------------------------------


def error_numbers(loss: str, a: np.ndarray, y: np.ndarray) -> list[float]:
    """The numbers of E's line before its value: the loss's terms with y_j and a_j put in."""
    per_j = {
        "squared_error": lambda j: [y[j], a[j]],
        "half_squared_error": lambda j: [y[j], a[j]],
        "binary_cross_entropy": lambda j: [y[j], a[j], 1, y[j], 1, a[j]],
        "cross_entropy": lambda j: [y[j], a[j]],
    }[loss]
    head = [1, 2] if loss == "half_squared_error" else []  # \tfrac{1}{2}
    return head + [x for j in range(min(len(a), SHOWN)) for x in per_j(j)]


def expected_entries(net, X, Y, e: int, eta: float) -> dict[str, list[float]]:
    ref = Reference(net, X[e : e + 1], Y[e : e + 1])  # the batch of one
    L, out = net.L, {}
    out["a^{(0)} = x"] = list(ref.a[0][0, :SHOWN])
    out["y"] = list(Y[e, :SHOWN])
    for k in range(1, L + 1):
        a_prev = ref.a[k - 1][0]
        for i in range(min(net.sizes[k], SHOWN)):
            terms = [
                x for j in range(min(net.sizes[k - 1], SHOWN)) for x in (ref.W[k][i, j], a_prev[j])
            ]
            out[f"z_{{{i}}}^{{({k})}}"] = [*terms, ref.b[k][i], ref.z[k][0, i]]
            a_i = ref.a[k][0, i]
            out[f"a_{{{i}}}^{{({k})}}"] = (
                [a_i] if net.activations[k] == "softmax" else [ref.z[k][0, i], a_i]
            )
    a_L, y = ref.a[L][0], Y[e]
    out["E"] = [*error_numbers(net.loss, a_L, y), ref.E]
    dE = ref.dE_da[0]
    out[rf"\frac{{\partial E}}{{\partial a^{{({L})}}}}"] = list(dE[:SHOWN])
    simple = (net.activations[L], net.loss) in SIMPLE
    for i in range(min(net.sizes[L], SHOWN)):
        if net.activations[L] == "softmax":
            J = jacobian(a_L)
            body = [x for p in range(min(len(a_L), SHOWN)) for x in (J[p, i], dE[p])]
        else:
            body = [dE[i], g_prime(net.activations[L], ref.z[L][0])[i]]
        tail = [a_L[i], y[i], a_L[i] - y[i]] if simple else []
        out[f"\\delta_{{{i}}}^{{({L})}}"] = [*body, ref.delta[L][0, i], *tail]
    if net.activations[L] == "softmax":
        if net.sizes[L] <= SHOWN:
            out["J"] = list(jacobian(a_L).ravel())
    else:
        out[f"g'(z^{{({L})}})"] = list(g_prime(net.activations[L], ref.z[L][0])[:SHOWN])
    for k in range(L - 1, 0, -1):
        gp = g_prime(net.activations[k], ref.z[k][0])
        for i in range(min(net.sizes[k], SHOWN)):
            betas = range(min(net.sizes[k + 1], SHOWN))
            d_next = ref.delta[k + 1][0]
            factors = [x for b in betas for x in (ref.W[k + 1][b, i], gp[i], d_next[b])]
            products = [ref.W[k + 1][b, i] * gp[i] * d_next[b] for b in betas]
            out[f"\\delta_{{{i}}}^{{({k})}}"] = [*factors, *products, ref.delta[k][0, i]]
    new_W, new_b = {}, {}
    for k in range(1, L + 1):
        pairs = [(i, j) for i in range(net.sizes[k]) for j in range(net.sizes[k - 1])]
        new_W[k] = ref.W[k] - eta * ref.grad_W[k]
        new_b[k] = ref.b[k] - eta * ref.grad_b[k]
        for i, j in pairs[:SHOWN]:
            a_j, d_i = ref.a[k - 1][0, j], ref.delta[k][0, i]
            out[rf"\frac{{\partial E}}{{\partial \theta_{{{i}{j}}}^{{({k})}}}}"] = [
                a_j,
                d_i,
                a_j * d_i,
            ]
            out[f"\\theta_{{{i}{j}}}^{{({k})}}"] = [ref.W[k][i, j], eta, a_j * d_i, new_W[k][i, j]]
        for i in range(min(net.sizes[k], SHOWN)):
            d_i = ref.delta[k][0, i]
            out[rf"\frac{{\partial E}}{{\partial b_{{{i}}}^{{({k})}}}}"] = [d_i]
            out[f"b_{{{i}}}^{{({k})}}"] = [ref.b[k][i], eta, d_i, ref.b[k][i] - eta * d_i]
    out[r"E_{\text{before}}"] = [ref.E]
    out[r"E_{\text{after}}"] = [error_after(net, new_W, new_b, X[e : e + 1], Y[e : e + 1])]
    return out


def error_after(net, W, b, x, y) -> float:
    a = x
    for k in range(1, net.L + 1):
        a = g(net.activations[k], a @ W[k].T + b[k])
    from card_numbers import example_error

    return float(example_error(net.loss, a, y).mean())


ERROR_LABELS = {"E", r"E_{\text{before}}", r"E_{\text{after}}"}
GENERIC = {r"\frac{\partial E}{\partial a_j}", "g'(z)", "J_{pq}"}  # formulas, no numbers

# The general formulas of equation (1), from docs/NOTATION.md: ∂E/∂aⱼ of each loss, g′ of each
# activation, and the softmax Jacobian.
DE_DA = {
    "squared_error": r"2(a_j - y_j)",
    "half_squared_error": r"a_j - y_j",
    "binary_cross_entropy": r"\frac{a_j - y_j}{a_j(1-a_j)}",
    "cross_entropy": r"-\frac{y_j}{a_j}",
}
G_PRIME = {
    "sigmoid": r"\sigma(z)\,(1-\sigma(z)) = a(1-a)",
    "tanh": r"1-\tanh^2(z) = 1-a^2",
    "relu": r"1 \text{ if } z>0 \text{ else } 0",
    "leaky_relu": r"1 \text{ if } z>0 \text{ else } 0.01",
    "linear": "1",
}
JACOBIAN = r"\frac{\partial a_p}{\partial z_q} = a_p(\delta_{pq} - a_q)"


def expected_formulas(net) -> dict[str, str]:
    """The right sides of the rows that hold a formula and no numbers."""
    g = net.activations[net.L]
    out = {r"\frac{\partial E}{\partial a_j}": "= " + DE_DA[net.loss]}
    if g == "softmax":
        out["J_{pq}"] = "= " + JACOBIAN
    else:
        out["g'(z)"] = "= " + G_PRIME[g]
    return out


def expected_layers(net) -> dict[str, list[int]]:
    """The layer superscripts each row's right side names, in order (rows not listed name none):
    ∂E/∂θᵢⱼ⁽ᵏ⁾ = aⱼ⁽ᵏ⁻¹⁾ δᵢ⁽ᵏ⁾, ∂E/∂bᵢ⁽ᵏ⁾ = δᵢ⁽ᵏ⁾, δᵢ⁽ᴸ⁾ = ∂E/∂aᵢ⁽ᴸ⁾ g′(zᵢ⁽ᴸ⁾) (softmax: the
    sum over p of J_pi ∂E/∂a_p⁽ᴸ⁾), then aᵢ⁽ᴸ⁾ − yᵢ where it simplifies; aᵢ⁽ᵏ⁾ of a softmax layer
    is e^{zᵢ⁽ᵏ⁾} / Σ_p e^{z_p⁽ᵏ⁾}."""
    L, g, out = net.L, net.activations[net.L], {}
    simple = [L] if (g, net.loss) in SIMPLE else []
    for k in range(1, L + 1):
        for i in range(min(net.sizes[k], SHOWN)):
            out[rf"\frac{{\partial E}}{{\partial b_{{{i}}}^{{({k})}}}}"] = [k]
            if net.activations[k] == "softmax":
                out[f"a_{{{i}}}^{{({k})}}"] = [k, k]
            if k == L:
                out[f"\\delta_{{{i}}}^{{({L})}}"] = ([L] if g == "softmax" else [L, L]) + simple
            for j in range(net.sizes[k - 1]):
                out[rf"\frac{{\partial E}}{{\partial \theta_{{{i}{j}}}^{{({k})}}}}"] = [k - 1, k]
    return out


def assert_rows_say_what_they_are(doc: str, net) -> None:
    """Each row's symbols name the right layers, the formula rows read as the formulas, and a
    negative number inside a sum or a product is in parentheses."""
    shown = entries(doc)
    layers = expected_layers(net)
    for label, right in shown.items():
        if label in GENERIC:
            assert right == expected_formulas(net)[label], (label, right)
            continue
        assert layer_numbers(right) == layers.get(label, []), (label, right)
        assert_negatives_parenthesized(right)


def assert_document_matches(doc: str, expected: dict[str, list[float]]) -> None:
    shown = entries(doc)
    missing = set(expected) - set(shown)
    assert not missing, missing
    assert set(shown) - set(expected) <= GENERIC, set(shown) - set(expected)
    for label, numbers in expected.items():
        assert_numbers(shown[label], numbers)
        if label in ERROR_LABELS:  # E is written with 6 digits, so one small step's change shows
            assert close(numbers_in(shown[label])[-1], numbers[-1], digits=6), shown[label]


# ---- LaTeX well formed ------------------------------------------------------------------------


def assert_braces_balanced(tex: str) -> None:
    depth = 0
    for ch in re.sub(r"\\[{}]", "", tex):  # \{ and \} are characters, not groups
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0, "a } closes nothing"
    assert depth == 0, "a { is never closed"


def assert_environments_closed(tex: str, allowed: set[str]) -> None:
    stack = []
    for kind, name in re.findall(r"\\(begin|end)\{([^}]*)\}", tex):
        assert name in allowed, name
        if kind == "begin":
            stack.append(name)
        else:
            assert stack and stack.pop() == name, f"\\end{{{name}}} closes nothing"
    assert not stack, f"\\begin{{{stack[-1]}}} never ends"


def math_of_markdown(md: str) -> list[str]:
    """Every piece of math the Markdown hands to KaTeX: $$ blocks and inline $…$."""
    blocks = re.findall(r"^\$\$\n(.*?)\n\$\$$", md, re.S | re.M)
    prose = re.sub(r"^\$\$\n.*?\n\$\$$", "", md, flags=re.S | re.M)
    inline = re.findall(r"\$([^$]+)\$", prose)
    assert prose.count("$") == 2 * len(inline), "an unpaired $ in the prose"
    return blocks + inline


def assert_katex_renders(md: str) -> None:
    for math in math_of_markdown(md):
        assert_braces_balanced(math)
        assert_environments_closed(math, KATEX_ENVIRONMENTS)
        unknown = set(re.findall(r"\\([a-zA-Z]+)", math)) - KATEX_MACROS
        assert not unknown, (unknown, math)
        symbols = set(re.findall(r"\\[^a-zA-Z]", math)) - KATEX_SYMBOL_MACROS - {"\\{", "\\}"}
        assert not symbols, (symbols, math)


def assert_tex_document(tex: str) -> None:
    assert tex.startswith("\\documentclass{article}\n")
    assert "\\usepackage{amsmath}" in tex
    assert tex.rstrip().endswith("\\end{document}")
    assert tex.isascii(), "pdflatex without extra packages needs ASCII"
    assert_braces_balanced(tex)
    assert_environments_closed(tex, TEX_ENVIRONMENTS)
    prose = re.sub(
        r"\\begin\{align\*\}.*?\\end\{align\*\}|\\\[.*?\\\]|\$[^$]*\$", "", tex, flags=re.S
    )
    assert not re.search(r"(?<!\\)[&%#_^]", prose), "a TeX special character outside math"


# ---- the published example --------------------------------------------------------------------


def test_the_published_2_2_2_example_with_its_numbers():
    p = core.preset("worked-2-2-2")
    md = worked_example_markdown(p.network, p.X, p.Y, eta=0.5)
    shown = entries(md)
    # A Step by Step Backpropagation Example: net_h1, out_h1, out_o1, E_total, δ_o1, ∂E/∂w5,
    # the updated w5..w8 and w1..w4 (η = 0.5).
    published = {
        "z_{0}^{(1)}": 0.3775,
        "a_{0}^{(1)}": 0.593269992,
        "a_{0}^{(2)}": 0.75136507,
        "a_{1}^{(2)}": 0.772928465,
        "\\delta_{0}^{(2)}": 0.138498562,
        r"\frac{\partial E}{\partial \theta_{00}^{(2)}}": 0.082167041,
        "\\theta_{00}^{(2)}": 0.35891648,
        "\\theta_{01}^{(2)}": 0.408666186,
        "\\theta_{10}^{(2)}": 0.511301270,
        "\\theta_{11}^{(2)}": 0.561370121,
        "\\theta_{00}^{(1)}": 0.149780716,
        "\\theta_{01}^{(1)}": 0.19956143,
        "\\theta_{10}^{(1)}": 0.24975114,
        "\\theta_{11}^{(1)}": 0.29950229,
    }
    for label, value in published.items():
        assert shown_as(numbers_in(shown[label])[-1], value), (label, shown[label])
    assert numbers_in(shown["E"])[-1] == 0.298371  # 6 digits
    assert_document_matches(md, expected_entries(p.network, p.X, p.Y, 0, 0.5))
    assert_rows_say_what_they_are(md, p.network)
    assert "a batch of one" in md and "example 0 alone" in md


def test_headings_walk_the_pass_in_order():
    p = core.preset("worked-2-2-2")
    md = worked_example_markdown(p.network, p.X, p.Y)
    headings = re.findall(r"^#+ .*$", md, re.M)
    assert headings == [
        "# Backpropagation, worked through one example",
        "## The forward pass",
        "### Layer 1 (sigmoid)",
        "### Layer 2 (sigmoid)",
        "## The error",
        "## The backward pass",
        "### Layer 2, the output: equation (1)",
        "### Layer 1: equation (2)",
        "## One gradient-descent step",
        "### Layer 1",
        "### Layer 2",
    ]


# ---- random networks, every valid pair ---------------------------------------------------------


@pytest.mark.parametrize("pair", core.valid_pairs(), ids="-".join)
def test_every_number_matches_for_each_output_pair(pair):
    activation, loss = pair
    net, fwd, _, _ = random_case(7, [3, 4, 3], ["tanh", activation], loss, m=3)
    md = worked_example_markdown(net, fwd.X, fwd.Y, example=2, eta=0.3)
    expected = expected_entries(net, fwd.X, fwd.Y, 2, 0.3)
    assert_document_matches(md, expected)
    assert_rows_say_what_they_are(md, net)
    assert_katex_renders(md)
    tex = worked_example_tex(net, fwd.X, fwd.Y, example=2, eta=0.3)
    assert_tex_document(tex)
    assert entries(tex) == entries(md)  # the same content, row for row


@settings(max_examples=25, deadline=None)
@given(case=cases())
def test_every_number_matches_on_random_networks(case):
    net, fwd, _, ref = case
    e = ref.m - 1  # not example 0, so an example mix-up shows
    md = worked_example_markdown(net, fwd.X, fwd.Y, example=e, eta=0.1)
    assert_document_matches(md, expected_entries(net, fwd.X, fwd.Y, e, 0.1))
    assert_rows_say_what_they_are(md, net)
    assert_katex_renders(md)
    assert f"example {e} alone" in md


def test_wide_layers_write_eight_and_say_how_many():
    net, fwd, _, _ = random_case(
        5, [10, 9, 9, 2], ["relu", "leaky_relu", "sigmoid"], "squared_error"
    )
    md = worked_example_markdown(net, fwd.X, fwd.Y, example=1)
    assert_document_matches(md, expected_entries(net, fwd.X, fwd.Y, 1, 0.5))
    assert_rows_say_what_they_are(md, net)
    assert r"\text{10 terms}" in md and r"\text{9 terms}" in md and r"\text{10 values}" in md
    # every section over 8 says so, in document order: forward layers 1 and 2 (9 neurons each;
    # layer 3 has 2); backward layer 3 (2·9 weights), layer 2 (9 δ, 9·9 weights), layer 1 (9 δ,
    # 9·10 weights); the update of layers 1, 2, 3 (10·9, 9·9, 9·2 weights)
    more = [line for line in md.splitlines() if line.startswith("...")]
    counts = ["9 neurons", "9 neurons", "18 weights", "9 neurons", "81 weights", "9 neurons"]
    counts += ["90 weights", "90 weights", "81 weights", "18 weights"]
    assert more == [f"... ({c}; the first 8 are written out.)" for c in counts]
    assert_katex_renders(md)
    assert_tex_document(worked_example_tex(net, fwd.X, fwd.Y, example=1))
    # a long sum breaks after every 3 terms, so a line fits a slide
    z_lines = [line for line in md.splitlines() if line.startswith("z_{")]
    assert len(z_lines) == 8 + 8 + 2 and all(line.count(" + ") == 2 for line in z_lines)


def test_exactly_eight_are_all_written_without_a_count():
    net, fwd, _, _ = random_case(4, [8, 8, 1], ["sigmoid", "linear"], "half_squared_error")
    md = worked_example_markdown(net, fwd.X, fwd.Y)
    assert_document_matches(md, expected_entries(net, fwd.X, fwd.Y, 0, 0.5))
    assert r"\text{8 " not in md and "(8 neurons" not in md
    assert "... (64 weights; the first 8 are written out.)" in md


WHY = {  # what the text says about δ⁽ᴸ⁾, by the kind of pair (docs/NOTATION.md)
    "simple": "The factors cancel",
    "softmax": "Softmax is not applied neuron by neuron",
    "saturating": "close to 0 where the output saturates",
    "plain": "Neuron by neuron",
}


@pytest.mark.parametrize("pair", core.valid_pairs(), ids="-".join)
def test_the_output_layer_says_why_delta_looks_as_it_does(pair):
    activation, loss = pair
    kind = (
        "simple"
        if pair in SIMPLE
        else "softmax"
        if activation == "softmax"
        else "saturating"
        if activation in ("sigmoid", "tanh")
        else "plain"
    )
    net, fwd, _, _ = random_case(1, [2, 2], [activation], loss, m=1)
    md = worked_example_markdown(net, fwd.X, fwd.Y, steps=("backward", 1))
    assert [name for name, text in WHY.items() if text in md] == [kind]


def test_the_tex_document_has_the_same_sections():
    p = core.preset("worked-2-2-2")
    tex = worked_example_tex(p.network, p.X, p.Y)
    sections = re.findall(r"^\\((?:sub)*section)\*\{(.*)\}$", tex, re.M)
    md = worked_example_markdown(p.network, p.X, p.Y)
    headings = re.findall(r"^(#+) (.*)$", md, re.M)
    assert [(len(level), text) for level, text in headings] == [
        (1 + kind.count("sub"), text) for kind, text in sections
    ]
    assert_tex_document(tex)
    assert_document_matches(tex, expected_entries(p.network, p.X, p.Y, 0, 0.5))
    assert "The numbers are those of example 0 alone: a batch of one ($m = 1$)" in tex


# ---- one step only ------------------------------------------------------------------------------


def labels_by_kind(doc: str) -> dict[str, set[int]]:
    """Which layers k the document writes z, δ, ∂E/∂θ and updates for."""
    shown = entries(doc)
    kinds = {"z": r"z_\{\d+\}\^\{\((\d+)\)\}", "delta": r"\\delta_\{\d+\}\^\{\((\d+)\)\}",
             "grad": r"\\frac\{\\partial E\}\{\\partial \\theta_\{\d+\}\^\{\((\d+)\)\}\}",
             "update": r"\\theta_\{\d+\}\^\{\((\d+)\)\}"}  # fmt: skip
    return {
        kind: {int(m.group(1)) for label in shown if (m := re.fullmatch(pattern, label))}
        for kind, pattern in kinds.items()
    } | {"E": {0} if "E" in shown else set()}


def test_steps_limit_the_document_to_one_layer():
    net, fwd, _, _ = random_case(2, [2, 3, 3, 2], ["tanh", "sigmoid", "softmax"], "cross_entropy")
    X, Y = fwd.X, fwd.Y
    full = labels_by_kind(worked_example_markdown(net, X, Y))
    assert full == {"z": {1, 2, 3}, "delta": {1, 2, 3}, "grad": {1, 2, 3}, "update": {1, 2, 3},
                    "E": {0}}  # fmt: skip
    empty = {"z": set(), "delta": set(), "grad": set(), "update": set(), "E": set()}
    for k in (1, 2, 3):
        E = {0} if k == 3 else set()
        forward = worked_example_markdown(net, X, Y, steps=("forward", k))
        assert labels_by_kind(forward) == empty | {"z": {k}, "E": E}
        backward = worked_example_markdown(net, X, Y, steps=("backward", k))
        assert labels_by_kind(backward) == empty | {"delta": {k}, "grad": {k}, "E": E}
        expected = expected_entries(net, X, Y, 0, 0.5)
        for doc in (forward, backward):
            shown = entries(doc)
            for label in set(shown) - GENERIC:
                assert_numbers(shown[label], expected[label])
            assert_rows_say_what_they_are(doc, net)
            assert_katex_renders(doc)
            assert_tex_document(worked_example_tex(net, X, Y, steps=("backward", k)))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"steps": "some"},
        {"steps": ("forward", 0)},
        {"steps": ("backward", 3)},
        {"steps": ("sideways", 1)},
        {"steps": ("forward", 1.0)},
        {"example": 1},
        {"example": -1},
        {"example": True},
        {"eta": 0},
        {"eta": float("nan")},
    ],
)
def test_bad_arguments_are_refused_by_name(kwargs):
    p = core.preset("worked-2-2-2")
    field = next(iter(kwargs)).replace("eta", "learning_rate")
    with pytest.raises(core.CoreError, match=field):
        worked_example_markdown(p.network, p.X, p.Y, **kwargs)


# ---- CSV ----------------------------------------------------------------------------------------


def read_csv(text: str) -> tuple[list[str], np.ndarray, list[str]]:
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    return header, np.array([[float(v) for v in row[1:]] for row in body]), [r[0] for r in body]


@settings(max_examples=20, deadline=None)
@given(case=cases())
def test_csv_of_each_step_reads_back_to_the_matrices(case):
    net, fwd, bwd, ref = case
    for k in range(1, net.L + 1):
        files = step_matrices_csv(net, fwd, bwd, k)
        n, n_prev, m = net.sizes[k], net.sizes[k - 1], ref.m
        by_example = {f"a{k - 1}": (ref.a[k - 1], "a", k - 1, fwd.a[k - 1]),
                      f"z{k}": (ref.z[k], "z", k, fwd.z[k]), f"a{k}": (ref.a[k], "a", k, fwd.a[k]),
                      f"delta{k}": (ref.delta[k], "delta", k, bwd.delta[k])}  # fmt: skip
        column = lambda v: np.asarray(v)[:, None]  # noqa: E731
        by_neuron = {f"theta{k}": (ref.W[k], net.weights[k]),
                     f"dE_dtheta{k}": (ref.grad_W[k], bwd.grad_weights[k]),
                     f"b{k}": (column(ref.b[k]), column(net.biases[k])),
                     f"dE_db{k}": (column(ref.grad_b[k]), column(bwd.grad_biases[k]))}  # fmt: skip
        assert set(files) == set(by_example) | set(by_neuron)
        for name, (expected, symbol, layer, trace) in by_example.items():
            header, values, index = read_csv(files[name])
            width = n_prev if layer == k - 1 else n
            assert header == ["example", *(f"{symbol}_{i}^({layer})" for i in range(width))]
            assert index == [str(e) for e in range(m)]
            np.testing.assert_allclose(values, expected, rtol=1e-10, atol=1e-12)
            assert np.array_equal(values, trace)  # repr: the float64 round trip is exact
        for name, (expected, trace) in by_neuron.items():
            header, values, index = read_csv(files[name])
            assert index == [str(i) for i in range(n)]
            if expected.shape[1] == 1:
                assert len(header) == 2 and header[0] == "i"
            else:
                assert header == ["i", *(f"j={j}" for j in range(n_prev))]
            np.testing.assert_allclose(values, expected, rtol=1e-10, atol=1e-12)
            assert np.array_equal(values, trace)


def test_csv_header_names_the_bias_columns():
    p = core.preset("worked-2-2-2")
    fwd = core.forward(p.network, p.X, p.Y)
    files = step_matrices_csv(p.network, fwd, core.backward(p.network, fwd, p.Y), 2)
    assert files["b2"].splitlines() == ["i,b_i^(2)", "0,0.6", "1,0.6"]
    assert files["dE_db2"].splitlines()[0] == "i,dE/db_i^(2)"
    assert files["theta2"].splitlines() == ["i,j=0,j=1", "0,0.4,0.45", "1,0.5,0.55"]
    for k in (0, 3):  # the 2-2-2 network has layers 1 and 2
        with pytest.raises(core.CoreError, match="k") as info:
            step_matrices_csv(p.network, fwd, core.backward(p.network, fwd, p.Y), k)
        assert "a layer from 1 to 2" in str(info.value)


def test_the_prose_and_the_general_formulas_name_the_right_layers():
    p = core.preset("worked-2-2-2")
    md = worked_example_markdown(p.network, p.X, p.Y)
    paragraphs = [block for block in md.split("\n\n") if not block.startswith(("#", "$$"))]
    assert paragraphs[0].startswith("Network 2-2-2 (layer 1 sigmoid, layer 2 sigmoid); loss: half")
    for k in (1, 2):
        assert (
            f"Each neuron of layer {k} adds up its weighted inputs and its bias, then applies the "
            "sigmoid." in paragraphs
        )
        assert any(text.startswith(f"Equation (3) for layer {k}: ") for text in paragraphs)
    hidden = next(text for text in paragraphs if text.startswith("Each neuron $i$ of layer 1"))
    assert "the 2 connections $\\beta$" in hidden and "old $\\theta^{(2)}$" in hidden
    assert "The output $a^{(2)}$ is compared with the target $y$:" in paragraphs
    assert "With half squared error and a sigmoid output:" in paragraphs
    assert any("all at once" in text for text in paragraphs)
    assert any(text.startswith("Run forward again with the new weights") for text in paragraphs)
    general = [body for body, aligned in math_blocks(md) if not aligned]
    assert [layer_numbers(body) for body in general] == [
        [1, 1, 0, 1, 1, 1],  # z_i^(1) = Σ θ_ij^(1) a_j^(0) + b_i^(1), a_i^(1) = σ(z_i^(1))
        [2, 2, 1, 2, 2, 2],
        [],  # E = ½ Σ (y_j − a_j)²
        [2, 2],  # δ^(2) = ∇_a E ⊙ g′(z^(2))
        [],  # δ_j = (a_j − y_j) a_j(1 − a_j)
        [1, 2, 1, 2],  # δ_i^(1) = Σ_β θ_βi^(2) g′(z_i^(1)) δ_β^(2)
        [],  # θ_ij^(k) ← θ_ij^(k) − η ∂E/∂θ_ij^(k), b likewise: k is a letter
    ]
    assert general[0].endswith(r"a_i^{(1)} = \sigma(z_i^{(1)})")
    assert general[2] == r"E = \tfrac{1}{2} \sum_j (y_j - a_j)^2"
    assert r"\sum_\beta \theta_{\beta i}^{(2)}" in general[5] and r"a(1-a)" in general[5]
    assert general[6] == (
        r"\theta_{ij}^{(k)} \leftarrow \theta_{ij}^{(k)} - \eta\,\frac{\partial E}{\partial "
        r"\theta_{ij}^{(k)}}, \qquad b_i^{(k)} \leftarrow b_i^{(k)} - \eta\,\frac{\partial E}"
        r"{\partial b_i^{(k)}}"
    )

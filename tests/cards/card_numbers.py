"""Second opinions for the card tests: read the numbers a card shows, and compute the numbers
it should show from the formulas of docs/NOTATION.md with plain numpy (never from core's
traces or explanations).
"""

from __future__ import annotations

import math
import re

import numpy as np

import core

# ---- reading a card ------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.])[-−+]?\d+(?:\.\d+)?(?:e[-−]?\d+)?")
# Indices and layer numbers are not values: a_{0}^{(1)}, \theta_{\beta 1}, z_{i}, \delta_\beta
_INDEX = re.compile(r"[_^]\{[^{}]*\}|[_^]\\?\w+|\\text\{\d+ terms\}")


def to_float(text: str) -> float:
    """'(-0.5)', '−0.5', '+1.2', '1.2\\times10^{-7}', '1.2e−7' → a float."""
    text = text.strip().strip("()").replace("−", "-")
    m = re.fullmatch(r"([-+]?[\d.]+)\\times10\^\{(-?\d+)\}", text)
    if m:
        return float(m.group(1)) * 10.0 ** int(m.group(2))
    return float(text)


def numbers_in(tex: str) -> list[float]:
    """Every number a line shows, in order: no indices, layer numbers or \\text{n terms}."""
    stripped = re.sub(r"\\times10\^\{(-?\d+)\}", r"e\1", tex)  # keep exponents: not indices
    while True:  # nested braces such as ^{(k)\mathsf T} collapse from the inside out
        shorter = _INDEX.sub(" ", stripped)
        if shorter == stripped:
            break
        stripped = shorter
    stripped = re.sub(r"\\[a-zA-Z]+", " ", stripped)  # \cdot, \sigma, \quad …
    return [to_float(t) for t in _NUMBER.findall(stripped)]


def shown_as(shown: float, expected: float) -> bool:
    """True when `shown` is `expected` written to 4 significant digits (half a unit of the
    4th digit, plus a hair for rounding at the boundary)."""
    if expected == 0 or abs(expected) < 1e-12:
        return abs(shown) < 1e-12
    unit = 10.0 ** (math.floor(math.log10(abs(expected))) - 3)
    return abs(shown - expected) <= 0.5 * unit * (1 + 1e-6) + 1e-15


def flat(values) -> list[float]:
    """Numbers, arrays and nested lists of them, in order, as one flat list."""
    if not isinstance(values, (list, tuple, np.ndarray)):
        return [float(values)]
    return [x for v in values for x in flat(v)]


def assert_shows(tex: str, expected) -> None:
    """The line shows exactly these numbers, in this order, each to 4 significant digits."""
    shown = numbers_in(tex)
    expected = flat(expected)
    assert len(shown) == len(expected), (tex, shown, expected)
    bad = [(s, e) for s, e in zip(shown, expected) if not shown_as(s, e)]
    assert not bad, (tex, bad)


_NEGATIVE = r"-\d[\d.]*(?:\\times10\^\{-?\d+\})?"  # as tex_num writes it: -0.5, -1.2\times10^{-7}
_BARE_NEGATIVE = [  # a negative number that touches an operator without its parentheses
    re.compile(rf"\\cdot\s*{_NEGATIVE}"),  # 0.5\cdot-0.3
    re.compile(rf"{_NEGATIVE}\s*\\cdot"),  # -0.5\cdot0.3
    re.compile(rf"(?:^|\s)[+-]\s+{_NEGATIVE}"),  # + -0.3, - -0.3
    re.compile(rf"{_NEGATIVE}\s+[+-](?:\s|$)"),  # = -0.3 + 0.5
]


def assert_negatives_parenthesized(tex: str) -> None:
    """A negative factor or term is written (−x): 0.5·(−0.3) + (−0.1), never 0.5·−0.3 + −0.1.
    A lone result after "=" and the entries of a matrix need no parentheses."""
    for pattern in _BARE_NEGATIVE:
        assert not pattern.search(tex), (pattern.pattern, tex)


def layer_numbers(tex: str) -> list[int]:
    """The layer superscripts ^{(k)} of a line, in order."""
    return [int(k) for k in re.findall(r"\^\{\((\d+)\)", tex)]


# ---- the formulas, by hand -------------------------------------------------------------------

SLOPE = 0.01  # leaky ReLU


def g(name: str, z: np.ndarray) -> np.ndarray:
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.where(z > 0, z, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, z, SLOPE * z)
    if name == "linear":
        return z
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def g_prime(name: str, z: np.ndarray) -> np.ndarray:
    if name == "sigmoid":
        s = 1.0 / (1.0 + np.exp(-z))
        return s * (1 - s)
    if name == "tanh":
        return 1 - np.tanh(z) ** 2
    if name == "relu":
        return (z > 0) * 1.0
    if name == "leaky_relu":
        return np.where(z > 0, 1.0, SLOPE)
    return np.ones_like(z)  # linear


def dE_da(loss: str, a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """∂E(x, y)/∂a of one example's error."""
    return {
        "squared_error": lambda: 2 * (a - y),
        "half_squared_error": lambda: a - y,
        "binary_cross_entropy": lambda: (a - y) / (a * (1 - a)),
        "cross_entropy": lambda: -y / a,
    }[loss]()


def example_error(loss: str, a: np.ndarray, y: np.ndarray) -> np.ndarray:
    return {
        "squared_error": lambda: ((y - a) ** 2).sum(-1),
        "half_squared_error": lambda: 0.5 * ((y - a) ** 2).sum(-1),
        "binary_cross_entropy": lambda: -(y * np.log(a) + (1 - y) * np.log(1 - a)).sum(-1),
        "cross_entropy": lambda: -(y * np.log(a)).sum(-1),
    }[loss]()


def jacobian(a: np.ndarray) -> np.ndarray:
    """J[p, q] = ∂a_p/∂z_q of softmax for one example."""
    n = len(a)
    return np.array([[a[p] * ((p == q) - a[q]) for q in range(n)] for p in range(n)])


class Reference:
    """Forward and backward pass of `net` on (X, Y), written from the formulas.

    a[k], z[k]: m × n⁽ᵏ⁾; delta[k]: m × n⁽ᵏ⁾ per example; grad_W[k], grad_b[k]: the means.
    """

    def __init__(self, net: core.Network, X: np.ndarray, Y: np.ndarray):
        W = {k: np.array(net.weights[k]) for k in range(1, net.L + 1)}
        b = {k: np.array(net.biases[k]) for k in range(1, net.L + 1)}
        acts = {k: net.activations[k] for k in range(1, net.L + 1)}
        L, m = net.L, len(X)
        self.W, self.b, self.acts, self.L, self.m, self.Y = W, b, acts, L, m, Y
        self.a, self.z = {0: np.array(X, float)}, {}
        for k in range(1, L + 1):
            self.z[k] = self.a[k - 1] @ W[k].T + b[k]
            self.a[k] = g(acts[k], self.z[k])
        self.E = example_error(net.loss, self.a[L], Y).mean()
        self.dE_da = dE_da(net.loss, self.a[L], Y)
        if acts[L] == "softmax":
            d_L = np.array([jacobian(a).T @ d for a, d in zip(self.a[L], self.dE_da)])
        else:
            d_L = self.dE_da * g_prime(acts[L], self.z[L])
        self.delta = {L: d_L}
        for k in range(L - 1, 0, -1):
            back = np.array(
                [
                    [
                        sum(
                            W[k + 1][beta, i] * self.delta[k + 1][e, beta]
                            for beta in range(len(W[k + 1]))
                        )
                        for i in range(W[k].shape[0])
                    ]
                    for e in range(m)
                ]
            )
            self.delta[k] = back * g_prime(acts[k], self.z[k])
        self.grad_W = {
            k: sum(np.outer(self.delta[k][e], self.a[k - 1][e]) for e in range(m)) / m
            for k in range(1, L + 1)
        }
        self.grad_b = {k: self.delta[k].sum(axis=0) / m for k in range(1, L + 1)}


def targets(loss: str, a_shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """Targets that suit the loss: probabilities for the cross-entropies."""
    if loss == "cross_entropy":
        y = rng.random(a_shape) + 0.05
        return y / y.sum(axis=1, keepdims=True)
    if loss == "binary_cross_entropy":
        return rng.random(a_shape)
    return rng.normal(size=a_shape)


def random_case(seed: int, sizes, activations, loss: str, m: int = 3):
    """A network with random weights and biases (biases nonzero, so a b shown as 0 fails),
    a batch of m examples, core's traces of it, and the reference."""
    rng = np.random.default_rng(seed)
    net = core.Network.random(list(sizes), list(activations), loss, seed=seed)
    biases = [rng.normal(scale=0.5, size=n) for n in sizes[1:]]
    net = net.replace(biases=biases)
    X = rng.normal(size=(m, sizes[0]))
    Y = targets(loss, (m, sizes[-1]), rng)
    fwd = core.forward(net, X, Y)
    bwd = core.backward(net, fwd, Y)
    return net, fwd, bwd, Reference(net, X, Y)

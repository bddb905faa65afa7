"""A second opinion for the figure tests: the forward and backward pass of docs/NOTATION.md in
plain numpy, written from the formulas (no import of core's maths), on small random networks.

    z⁽ᵏ⁾ = a⁽ᵏ⁻¹⁾ θ⁽ᵏ⁾ᵀ + b⁽ᵏ⁾,  a⁽ᵏ⁾ = g(z⁽ᵏ⁾)                       (batches are rows)
    (1) δ⁽ᴸ⁾ = ∂E/∂a ⊙ g′(z⁽ᴸ⁾)   (softmax: Jᵀ ∂E/∂a)
    (2) δ⁽ᵏ⁾ = δ⁽ᵏ⁺¹⁾ θ⁽ᵏ⁺¹⁾ ⊙ g′(z⁽ᵏ⁾)
    (3) ∂E/∂θ⁽ᵏ⁾ = δ⁽ᵏ⁾ᵀ a⁽ᵏ⁻¹⁾ / m,  ∂E/∂b⁽ᵏ⁾ = mean of δ⁽ᵏ⁾ over the examples
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import core

G = {
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0),
    "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z),
    "linear": lambda z: z,
    "softmax": lambda z: np.exp(z) / np.exp(z).sum(axis=1, keepdims=True),
}
G_PRIME = {
    "sigmoid": lambda z: G["sigmoid"](z) * (1 - G["sigmoid"](z)),
    "tanh": lambda z: 1 - np.tanh(z) ** 2,
    "relu": lambda z: (z > 0) * 1.0,
    "leaky_relu": lambda z: np.where(z > 0, 1.0, 0.01),
    "linear": lambda z: np.ones_like(z),
}
DE_DA = {  # ∂E/∂a of one example's error E(x, y)
    "squared_error": lambda a, y: 2 * (a - y),
    "half_squared_error": lambda a, y: a - y,
    "binary_cross_entropy": lambda a, y: (a - y) / (a * (1 - a)),
    "cross_entropy": lambda a, y: -y / a,
}
E_ONE = {  # E(x, y) of each example (one row each)
    "squared_error": lambda a, y: ((y - a) ** 2).sum(axis=1),
    "half_squared_error": lambda a, y: 0.5 * ((y - a) ** 2).sum(axis=1),
    "binary_cross_entropy": lambda a, y: -(y * np.log(a) + (1 - y) * np.log(1 - a)).sum(axis=1),
    "cross_entropy": lambda a, y: -(y * np.log(a)).sum(axis=1),
}


@dataclass
class Ref:
    """A network built here, core's traces of it (what the figures draw), and the expected
    arrays computed here: theta[k], a[k], z[k], delta[k] (m × n⁽ᵏ⁾), grad_w[k], grad_b[k],
    and E, the mean of the examples' errors."""

    net: core.Network
    X: np.ndarray
    Y: np.ndarray
    fwd: object
    bwd: object
    theta: list
    E: float
    a: list
    z: list
    delta: list
    grad_w: list
    grad_b: list


def make(sizes, hidden, output, loss, m, seed) -> Ref:
    rng = np.random.default_rng(seed)
    L = len(sizes) - 1
    weights = [rng.normal(0, 0.8, size=(sizes[k], sizes[k - 1])) for k in range(1, L + 1)]
    biases = [rng.normal(0, 0.3, size=sizes[k]) for k in range(1, L + 1)]
    acts = [hidden] * (L - 1) + [output]
    X = rng.normal(size=(m, sizes[0]))
    if loss == "cross_entropy":
        Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], m)]
    elif loss == "binary_cross_entropy":
        Y = rng.integers(0, 2, size=(m, sizes[-1])).astype(float)
    else:
        Y = rng.normal(size=(m, sizes[-1]))
    net = core.Network.from_layers(weights, biases, acts, loss)
    fwd = core.forward(net, X, Y)
    bwd = core.backward(net, fwd, Y)

    a, z = [X], [None]
    for k in range(1, L + 1):
        z.append(a[k - 1] @ weights[k - 1].T + biases[k - 1])
        a.append(G[acts[k - 1]](z[k]))
    dE = DE_DA[loss](a[L], Y)
    if output == "softmax":  # δ_q = Σ_p (∂a_p/∂z_q) ∂E/∂a_p with ∂a_p/∂z_q = a_p(1[p=q] − a_q)
        s = a[L]
        d_L = np.array([(np.diag(s_e) - np.outer(s_e, s_e)).T @ g_e for s_e, g_e in zip(s, dE)])
    else:
        d_L = dE * G_PRIME[output](z[L])
    delta = [None] * (L + 1)
    delta[L] = d_L
    for k in range(L - 1, 0, -1):
        delta[k] = (delta[k + 1] @ weights[k]) * G_PRIME[acts[k - 1]](z[k])
    grad_w = [None] + [delta[k].T @ a[k - 1] / m for k in range(1, L + 1)]
    grad_b = [None] + [delta[k].mean(axis=0) for k in range(1, L + 1)]
    theta = [None, *weights]
    E = float(E_ONE[loss](a[L], Y).mean())
    return Ref(net, X, Y, fwd, bwd, theta, E, a, z, delta, grad_w, grad_b)


# Small networks covering every way equation (1) is formed, m > 1 throughout.
CASES = {
    "tanh|sigmoid+squared": ([3, 4, 2], "tanh", "sigmoid", "squared_error", 5),
    "relu|linear+half": ([2, 3, 3, 2], "relu", "linear", "half_squared_error", 4),
    "sigmoid|softmax+ce": ([2, 3, 3], "sigmoid", "softmax", "cross_entropy", 6),
    "leaky|sigmoid+bce": ([4, 2, 3, 1], "leaky_relu", "sigmoid", "binary_cross_entropy", 3),
}


def case(name: str, seed: int = 0) -> Ref:
    return make(*CASES[name], seed=seed)

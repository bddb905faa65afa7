"""The tests' second opinion: a plain implementation of docs/NOTATION.md, no code shared with core.

One example at a time, in the notation's own orientation (z = θ a + b with column vectors,
where core multiplies batch rows by θᵀ). Finite differences of *this* E check core's gradients.
Also: hypothesis strategies for random problems (network, data and targets).
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

HIDDEN = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")
KINKED = ("relu", "leaky_relu")
PAIRS = [
    *((g, loss) for g in (*HIDDEN, "softmax") for loss in ("squared_error", "half_squared_error")),
    ("sigmoid", "binary_cross_entropy"),
    ("softmax", "cross_entropy"),
]


# ---- activations and their derivatives, from their definitions --------------------------------


def log_sigmoid(z):
    """log σ(z) = −log(1 + e⁻ᶻ), stable for any z."""
    return -np.logaddexp(0.0, -z)


def g(name: str, z: np.ndarray) -> np.ndarray:
    if name == "sigmoid":
        return np.exp(log_sigmoid(z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.where(z > 0, z, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, z, 0.01 * z)
    if name == "linear":
        return 1.0 * z
    if name == "softmax":
        e = np.exp(z - np.max(z))
        return e / np.sum(e)
    raise ValueError(name)


def g_prime(name: str, z: np.ndarray) -> np.ndarray:
    """g′(z) by the textbook formulas (elementwise activations only)."""
    if name == "sigmoid":
        s = g("sigmoid", z)
        return s * (1.0 - s)
    if name == "tanh":
        return 1.0 - np.tanh(z) ** 2
    if name == "relu":
        return np.where(z > 0, 1.0, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, 1.0, 0.01)
    if name == "linear":
        return np.ones_like(z)
    raise ValueError(name)


def softmax_jacobian_entry(a: np.ndarray, p: int, q: int) -> float:
    """∂a_p/∂z_q = a_p (δ_pq − a_q)."""
    return a[p] * ((1.0 if p == q else 0.0) - a[q])


# ---- losses of one example ----------------------------------------------------------------------


def example_error(loss: str, z_L: np.ndarray, a_L: np.ndarray, y: np.ndarray) -> float:
    """E(x, y) of one example. BCE (always on a sigmoid output) is written with
    log(1 − σ(z)) = log σ(−z): computing 1 − a near saturation would cancel, and a finite
    difference through that cancellation is noise."""
    if loss == "squared_error":
        return float(np.sum((y - a_L) ** 2))
    if loss == "half_squared_error":
        return float(0.5 * np.sum((y - a_L) ** 2))
    if loss == "binary_cross_entropy":
        return float(-np.sum(y * log_sigmoid(z_L) + (1.0 - y) * log_sigmoid(-z_L)))
    if loss == "cross_entropy":
        return float(-np.sum(y * np.log(a_L)))
    raise ValueError(loss)


def grad_a(loss: str, a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """∂E/∂a of one example by the formulas."""
    if loss == "squared_error":
        return 2.0 * (a - y)
    if loss == "half_squared_error":
        return a - y
    if loss == "binary_cross_entropy":
        return (a - y) / (a * (1.0 - a))
    if loss == "cross_entropy":
        return -y / a
    raise ValueError(loss)


# ---- forward pass and E ------------------------------------------------------------------------


def run(weights, biases, acts, x, start: int = 1, z_start=None):
    """(z, a) lists for one example, index k as in the notation (z[0] unused).

    With `start` > 1 and `z_start` the pass begins from z⁽ˢᵗᵃʳᵗ⁾ instead of from x.
    """
    L = len(weights)
    z: list = [None] * (L + 1)
    a: list = [None] * (L + 1)
    if z_start is None:
        a[0] = np.asarray(x, float)
    else:
        z[start] = np.asarray(z_start, float)
        a[start] = g(acts[start - 1], z[start])
        start += 1
    for k in range(start, L + 1):
        theta, b = np.asarray(weights[k - 1]), np.asarray(biases[k - 1])
        n_out, n_in = theta.shape
        # zᵢ⁽ᵏ⁾ = Σⱼ θᵢⱼ⁽ᵏ⁾ aⱼ⁽ᵏ⁻¹⁾ + bᵢ⁽ᵏ⁾, written as the sum
        z[k] = np.array(
            [sum(theta[i, j] * a[k - 1][j] for j in range(n_in)) + b[i] for i in range(n_out)]
        )
        a[k] = g(acts[k - 1], z[k])
    return z, a


def error(weights, biases, acts, loss, X, Y) -> float:
    """E = (1/m) Σᵢ E(xᵢ, yᵢ)."""
    total = 0.0
    for x, y in zip(X, Y):
        z, a = run(weights, biases, acts, x)
        total += example_error(loss, z[-1], a[-1], np.asarray(y, float))
    return total / len(X)


def central_difference(f, value: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """(f(v + ε) − f(v − ε)) / 2ε for every entry of `value` (changed in place, then restored)."""
    grad = np.zeros(value.shape)
    for idx in np.ndindex(value.shape):
        old = value[idx]
        value[idx] = old + eps
        up = f()
        value[idx] = old - eps
        down = f()
        value[idx] = old
        grad[idx] = (up - down) / (2 * eps)
    return grad


# ---- random problems ---------------------------------------------------------------------------


def matrix(shape, lo: float, hi: float):
    """A float array with every entry drawn on its own (no repeated fill value)."""
    return arrays(
        np.float64, shape, elements=st.floats(lo, hi, allow_subnormal=False), fill=st.nothing()
    )


@st.composite
def targets(draw, loss: str, m: int, n_out: int):
    """Targets a loss accepts: [0, 1] for BCE, probability rows for CE, any reals otherwise."""
    if loss == "binary_cross_entropy":
        return draw(matrix((m, n_out), 0.0, 1.0))
    if loss == "cross_entropy":
        if draw(st.booleans()):
            labels = draw(st.lists(st.integers(0, n_out - 1), min_size=m, max_size=m))
            return np.eye(n_out)[labels]
        return np.array([g("softmax", row) for row in draw(matrix((m, n_out), -3.0, 3.0))])
    return draw(matrix((m, n_out), -1.5, 1.5))


@st.composite
def problems(draw, pair=None, max_hidden_layers: int = 3, max_m: int = 4):
    """(weights, biases, acts, loss, X, Y): 1..3 hidden layers of 1..5 neurons, m = 1..4."""
    g_out, loss = pair if pair is not None else draw(st.sampled_from(PAIRS))
    hidden = draw(st.lists(st.integers(1, 5), min_size=1, max_size=max_hidden_layers))
    sizes = [draw(st.integers(1, 4)), *hidden, draw(st.integers(1, 4))]
    acts = [draw(st.sampled_from(HIDDEN)) for _ in hidden] + [g_out]
    m = draw(st.integers(1, max_m))
    weights = [draw(matrix((sizes[k], sizes[k - 1]), -1.2, 1.2)) for k in range(1, len(sizes))]
    biases = [draw(matrix((sizes[k],), -1.0, 1.0)) for k in range(1, len(sizes))]
    X = draw(matrix((m, sizes[0]), -2.0, 2.0))
    Y = draw(targets(loss, m, sizes[-1]))
    return weights, biases, acts, loss, X, Y


def away_from_kinks(weights, biases, acts, X, margin: float = 1e-4) -> bool:
    """No ReLU / leaky ReLU pre-activation within `margin` of its kink at 0 (reference z)."""
    for x in X:
        z, _ = run(weights, biases, acts, x)
        for k, name in enumerate(acts, start=1):
            if name in KINKED and np.min(np.abs(z[k])) < margin:
                return False
    return True

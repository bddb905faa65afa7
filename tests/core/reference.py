"""An independent, deliberately plain implementation used as the tests' second opinion.

Written from NOTATION.md with loops and scalar math where it is cheap, sharing no code with
`core`: if core and this agree on E, a finite difference of this E checks core's gradients.
"""

from __future__ import annotations

import math

import numpy as np


def g(name: str, z: float) -> float:
    if name == "sigmoid":
        return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
    if name == "tanh":
        return math.tanh(z)
    if name == "relu":
        return max(z, 0.0)
    if name == "leaky_relu":
        return z if z > 0 else 0.01 * z
    if name == "linear":
        return z
    raise ValueError(name)


def layer(name: str, z: np.ndarray) -> np.ndarray:
    if name == "softmax":
        e = np.exp(z - z.max())
        return e / e.sum()
    return np.array([g(name, v) for v in z])


def example_error(loss: str, a: np.ndarray, y: np.ndarray) -> float:
    if loss == "squared_error":
        return float(sum((yj - aj) ** 2 for aj, yj in zip(a, y)))
    if loss == "half_squared_error":
        return float(0.5 * sum((yj - aj) ** 2 for aj, yj in zip(a, y)))
    if loss == "binary_cross_entropy":
        return float(-sum(yj * math.log(aj) + (1 - yj) * math.log(1 - aj) for aj, yj in zip(a, y)))
    if loss == "cross_entropy":
        return float(-sum(yj * math.log(aj) for aj, yj in zip(a, y) if yj > 0))
    raise ValueError(loss)


def run(weights, biases, activations, x):
    """a⁽ᴸ⁾ for one example, layer by layer: z = θ a + b, a = g(z)."""
    a = np.asarray(x, float)
    for theta, b, name in zip(weights, biases, activations):
        z = np.array([sum(theta[i][j] * a[j] for j in range(len(a))) + b[i] for i in range(len(b))])
        a = layer(name, z)
    return a


def error(weights, biases, activations, loss, X, Y) -> float:
    """E = (1/m) Σᵢ E(xᵢ, yᵢ)."""
    return float(
        np.mean(
            [example_error(loss, run(weights, biases, activations, x), y) for x, y in zip(X, Y)]
        )
    )


def central_difference(f, value: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """∂f/∂value by (f(v + ε) − f(v − ε)) / 2ε for every entry (value is changed in place
    and restored)."""
    grad = np.zeros_like(value)
    for idx in np.ndindex(value.shape):
        old = value[idx]
        value[idx] = old + eps
        up = f()
        value[idx] = old - eps
        down = f()
        value[idx] = old
        grad[idx] = (up - down) / (2 * eps)
    return grad

"""Activation functions g and their derivatives g′, each a pair behind one interface.

Every function takes z (m × n) and is stable for large |z|: no overflow, no numpy warnings.
`g_prime(z, a)` receives a = g(z) too, since sigmoid and tanh derivatives are cheapest from a.
Softmax is not applied neuron by neuron: it has a Jacobian instead of an elementwise g′.
How each is written on screen (label, TeX, g′ formula) lives in core.notation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .errors import CoreError
from .notation import ACTIVATION_NOTATION

LEAKY_SLOPE = 0.01


@dataclass(frozen=True)
class Activation:
    name: str
    g: Callable[[np.ndarray], np.ndarray]
    g_prime: Callable[[np.ndarray, np.ndarray], np.ndarray] | None  # None: not elementwise
    output_only: bool = False

    @property
    def label(self) -> str:
        """The plain-text symbol a screen writes in a = g(z), from core.notation."""
        return ACTIVATION_NOTATION[self.name].symbol

    @property
    def g_prime_formula(self) -> str:
        return ACTIVATION_NOTATION[self.name].g_prime

    @property
    def elementwise(self) -> bool:
        return self.g_prime is not None


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = exp(−log(1 + e⁻ᶻ)): logaddexp never overflows, so no warning for any z."""
    return np.exp(-np.logaddexp(0.0, -z))


def softmax(z: np.ndarray) -> np.ndarray:
    # Row reductions over a few columns are much faster on column-major data.
    z = np.asfortranarray(z)
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(z: np.ndarray) -> np.ndarray:
    z = np.asfortranarray(z)
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softplus(z: np.ndarray) -> np.ndarray:
    """log(1 + eᶻ) without overflow."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def softmax_jacobian(a: np.ndarray) -> np.ndarray:
    """J[e, p, q] = ∂a_p/∂z_q for each example e: diag(a) − a aᵀ (m × n × n, symmetric)."""
    return a[:, :, None] * np.eye(a.shape[1])[None] - a[:, :, None] * a[:, None, :]


ACTIVATIONS: dict[str, Activation] = {
    act.name: act
    for act in (
        Activation("sigmoid", sigmoid, lambda z, a: a * (1.0 - a)),
        Activation("tanh", np.tanh, lambda z, a: 1.0 - a * a),
        Activation("relu", lambda z: np.maximum(z, 0.0), lambda z, a: (z > 0).astype(float)),
        Activation(
            "leaky_relu",
            lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
            lambda z, a: np.where(z > 0, 1.0, LEAKY_SLOPE),
        ),
        Activation("linear", lambda z: z.copy(), lambda z, a: np.ones_like(z)),
        Activation("softmax", softmax, None, output_only=True),
    )
}


def get_activation(name: str, field: str = "activation") -> Activation:
    if not isinstance(name, str) or name not in ACTIVATIONS:
        raise CoreError(field, f"one of {sorted(ACTIVATIONS)}", name)
    return ACTIVATIONS[name]

"""Weight initializations by name: θ⁽ᵏ⁾ of shape n⁽ᵏ⁾ × n⁽ᵏ⁻¹⁾ from a seeded generator."""

from __future__ import annotations

import numpy as np

from .errors import CoreError


def _xavier(n_out, n_in, rng):
    limit = np.sqrt(6.0 / (n_in + n_out))  # Glorot & Bengio: keeps variance across tanh/sigmoid
    return rng.uniform(-limit, limit, (n_out, n_in))


def _he(n_out, n_in, rng):
    return rng.normal(0.0, np.sqrt(2.0 / n_in), (n_out, n_in))  # He et al.: for ReLU layers


INITS = {
    "xavier": _xavier,
    "he": _he,
    "uniform": lambda n_out, n_in, rng: rng.uniform(-1.0, 1.0, (n_out, n_in)),
    "normal": lambda n_out, n_in, rng: rng.normal(0.0, 1.0, (n_out, n_in)),
    "small": lambda n_out, n_in, rng: rng.normal(0.0, 0.01, (n_out, n_in)),
    "zeros": lambda n_out, n_in, rng: np.zeros((n_out, n_in)),
}


def init_weights(name: str, n_out: int, n_in: int, rng: np.random.Generator) -> np.ndarray:
    if not isinstance(name, str) or name not in INITS:
        raise CoreError("init", f"one of {sorted(INITS)}", name)
    return INITS[name](n_out, n_in, rng)

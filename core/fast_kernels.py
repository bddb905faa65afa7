"""In-place kernels for the fast training path (core.fast_train).

Each returns a list of operations `(function, args)` that write into preallocated buffers and
give, bit for bit, what core.activations and core.losses give: the same numpy operations in the
same order, only with `out=` buffers (passed positionally). Activations and losses without a
kernel here fall back to the reference functions, copied into the buffer. One exception: tanh
on large batches (FAST_TANH_MIN), within 3.4e-16 of np.tanh instead of equal to it.
"""

from __future__ import annotations

from functools import partial

import numpy as np

from .activations import ACTIVATIONS
from .backward import delta_L
from .losses import FUSED

# numpy scalars: a Python float is converted on every call, and these run thousands of times
ZERO, ONE, TWO = np.float64(0.0), np.float64(1.0), np.float64(2.0)
# From this many values per step on, tanh is computed from one exp: about half np.tanh's time,
# within 3.4e-16 of it (not bit for bit). Below, np.tanh's single call is cheaper and exact.
FAST_TANH_MIN = 1024


def _copy_of(fn):
    """Run a reference function and write its result into `out`."""

    def run(*args):
        *inputs, out = args
        np.copyto(out, fn(*inputs))

    return run


def _times(fn):
    """d ← d ⊙ fn(z, a): the reference g′, for activations without a kernel."""

    def run(z, a, d):
        np.multiply(d, fn(z, a), d)

    return run


def g_ops(name: str, z: np.ndarray, a: np.ndarray) -> list:
    """a = g(z) (m × n). `linear` needs none: its a is the buffer of z itself."""
    if name == "sigmoid":  # exp(−logaddexp(0, −z)), as core.activations.sigmoid
        return [
            (np.negative, (z, a)),
            (np.logaddexp, (ZERO, a, a)),
            (np.negative, (a, a)),
            (np.exp, (a, a)),
        ]
    if name == "tanh" and z.size < FAST_TANH_MIN:
        return [(np.tanh, (z, a))]
    if name == "tanh":  # 1 − 2/(e²ᶻ + 1): e²ᶻ = inf gives 1, e²ᶻ = 0 gives −1, never NaN
        return [
            (np.multiply, (z, TWO, a)),
            (np.exp, (a, a)),
            (np.add, (a, ONE, a)),
            (np.divide, (TWO, a, a)),
            (np.subtract, (ONE, a, a)),
        ]
    if name == "relu":
        return [(partial(np.maximum, out=a), (z, ZERO))]  # its positional out is deprecated
    if name == "linear":
        return [] if a is z else [(np.copyto, (a, z))]
    return [(_copy_of(ACTIVATIONS[name].g), (z, a))]


def g_prime_ops(name: str, z: np.ndarray, a: np.ndarray, d: np.ndarray, t: np.ndarray) -> list:
    """d ← d ⊙ g′(z) with g′ from a where the reference takes it from a; t is scratch."""
    if name == "sigmoid":  # a (1 − a)
        return [(np.subtract, (ONE, a, t)), (np.multiply, (a, t, t)), (np.multiply, (d, t, d))]
    if name == "tanh":  # 1 − a a
        return [(np.multiply, (a, a, t)), (np.subtract, (ONE, t, t)), (np.multiply, (d, t, d))]
    if name == "relu":  # (z > 0) as 1.0 / 0.0
        return [(np.greater, (z, ZERO, t)), (np.multiply, (d, t, d))]
    if name == "linear":  # d ⊙ 1 = d
        return []
    return [(_times(ACTIVATIONS[name].g_prime), (z, a, d))]


def output_delta_ops(activation: str, loss: str, z, a, y, d, t) -> list:
    """Equation (1) into d: δ⁽ᴸ⁾ = a − y for sigmoid + BCE, ∇ₐE ⊙ g′ for the squared errors."""
    if (activation, loss) == ("sigmoid", "binary_cross_entropy"):
        return [(np.subtract, (a, y, d))]
    elementwise = ACTIVATIONS[activation].elementwise
    if (activation, loss) not in FUSED and elementwise and loss == "half_squared_error":
        return [(np.subtract, (a, y, d)), *g_prime_ops(activation, z, a, d, t)]
    if (activation, loss) not in FUSED and elementwise and loss == "squared_error":
        ops = [(np.subtract, (a, y, d)), (np.multiply, (d, TWO, d))]  # 2 (a − y)
        return ops + g_prime_ops(activation, z, a, d, t)
    return [(_copy_of(lambda z_, a_, y_: delta_L(activation, loss, z_, a_, y_)), (z, a, y, d))]

"""The output layer on its own: δ⁽ᴸ⁾ for any valid (activation, loss) pair, step by step.

Used by the output-layer lab to show where "δ⁽ᴸ⁾ = a − y" comes from, and how squared error
with a sigmoid output vanishes when the output saturates on the wrong side.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS, softmax_jacobian
from .backward import delta_L
from .errors import CoreError
from .forward import example_error
from .losses import LOSSES, check_pair, check_targets
from .notation import output_form
from .validate import as_matrix


@dataclass(frozen=True, eq=False, kw_only=True)
class OutputStep:
    """δ⁽ᴸ⁾ of one example through its pieces (all vectors of length n⁽ᴸ⁾).

    g_prime is g′(z) for elementwise activations; for softmax `jacobian` (n × n) holds
    ∂a_p/∂z_q instead and g_prime is None.
    """

    activation: str
    loss: str
    z: np.ndarray
    a: np.ndarray
    y: np.ndarray
    error: float
    dE_da: np.ndarray
    g_prime: np.ndarray | None
    jacobian: np.ndarray | None
    delta: np.ndarray
    simplified: str  # e.g. "a − y" when the pair collapses, else ""


def output_step(activation: str, loss: str, z, y) -> OutputStep:
    """The pieces of equation (1) for output pre-activations z and target y (one example)."""
    check_pair(activation, loss)
    z = as_matrix(np.atleast_2d(np.asarray(z, float)), "z", (1, None))
    y = as_matrix(np.atleast_2d(np.asarray(y, float)), "y", (1, z.shape[1]))
    check_targets(loss, y)
    act = ACTIVATIONS[activation]
    a = act.g(z)
    with np.errstate(all="ignore"):  # a saturated factor may be huge; δ itself is exact
        dE_da = LOSSES[loss].grad_a(a, y)
        g_prime = act.g_prime(z, a) if act.elementwise else None
        jac = None if act.elementwise else softmax_jacobian(a)[0]
        delta = delta_L(activation, loss, z, a, y)
    error = float(example_error(activation, loss, z, a, y)[0])
    simplified = "a − y" if output_form(activation, loss).simplifies_to_a_minus_y else ""
    return OutputStep(
        activation=activation,
        loss=loss,
        z=z[0],
        a=a[0],
        y=y[0],
        error=error,
        dE_da=dE_da[0],
        g_prime=None if g_prime is None else g_prime[0],
        jacobian=jac,
        delta=delta[0],
        simplified=simplified,
    )


def delta_curve(activation: str, loss: str, z_grid, y: float) -> np.ndarray:
    """δ⁽ᴸ⁾ of a single output neuron as z sweeps `z_grid`, for target y.

    Softmax needs two outputs: its curve is for output 0 with logits (z, 0) and target (y, 1 − y).
    """
    check_pair(activation, loss)
    z_grid = np.asarray(z_grid, float)
    if z_grid.ndim != 1 or not np.isfinite(z_grid).all():
        raise CoreError("z_grid", "a 1-D array of finite numbers")
    if activation == "softmax":
        Z = np.c_[z_grid, np.zeros_like(z_grid)]
        Y = np.tile([y, 1.0 - y], (len(z_grid), 1))
    else:
        Z, Y = z_grid[:, None], np.full((len(z_grid), 1), float(y))
    check_targets(loss, Y)
    act = ACTIVATIONS[activation]
    with np.errstate(all="ignore"):
        return delta_L(activation, loss, Z, act.g(Z), Y)[:, 0]

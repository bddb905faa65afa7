"""Error functions E(x, y) of one example, and their gradients ∇ₐE.

`value(a, y)` gives one number per example (shape m); the batch error is their mean.
`grad_a(a, y)` gives ∂E(xᵢ, yᵢ)/∂a⁽ᴸ⁾ per example (m × n⁽ᴸ⁾): the example's own error, not
divided by m. Pairs whose δ⁽ᴸ⁾ collapses to a − y also get a stable form computed from z⁽ᴸ⁾,
so a saturated output gives finite numbers instead of log(0).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .activations import log_softmax, softplus
from .errors import CoreError
from .notation import A_MINUS_Y, LOSS_NOTATION


@dataclass(frozen=True)
class Loss:
    name: str
    value: Callable[[np.ndarray, np.ndarray], np.ndarray]
    grad_a: Callable[[np.ndarray, np.ndarray], np.ndarray]
    output_activations: tuple[str, ...] | None  # None: any output activation is valid
    needs: str = ""  # why other outputs are refused

    @property
    def formula(self) -> str:
        """E(x, y) for one example, in plain text, from core.notation."""
        return LOSS_NOTATION[self.name].formula

    @property
    def grad_formula(self) -> str:
        """∂E/∂aⱼ in plain text, from core.notation."""
        return LOSS_NOTATION[self.name].grad


def clip01(a: np.ndarray) -> np.ndarray:
    # Only for evaluating log a on outputs given as probabilities; the fused forms below
    # are what forward/backward use for the pairs that can saturate.
    tiny = np.finfo(float).tiny
    return np.clip(a, tiny, 1.0 - np.finfo(float).epsneg)


def _bce_value(a, y):
    a = clip01(a)
    return -(y * np.log(a) + (1.0 - y) * np.log1p(-a)).sum(axis=1)


def _bce_grad(a, y):
    a = clip01(a)
    return (a - y) / (a * (1.0 - a))


def _ce_value(a, y):
    return -(y * np.log(clip01(a))).sum(axis=1)


def _ce_grad(a, y):
    return -y / clip01(a)


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss(
            "squared_error",
            lambda a, y: ((y - a) ** 2).sum(axis=1),
            lambda a, y: 2.0 * (a - y),
            None,
        ),
        Loss(
            "half_squared_error",
            lambda a, y: 0.5 * ((y - a) ** 2).sum(axis=1),
            lambda a, y: a - y,
            None,
        ),
        Loss(
            "binary_cross_entropy",
            _bce_value,
            _bce_grad,
            ("sigmoid",),
            "outputs in (0, 1): a sigmoid output layer",
        ),
        Loss(
            "cross_entropy",
            _ce_value,
            _ce_grad,
            ("softmax",),
            "a probability distribution: a softmax output layer",
        ),
    )
}

# The pairs whose δ⁽ᴸ⁾ collapses to a − y (decided in core.notation): forward and backward
# compute them from z in the stable forms below.
FUSED = A_MINUS_Y


def fused_value(activation: str, z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """E per example from z⁽ᴸ⁾ directly (log-sum-exp / softplus): finite for any finite z."""
    ones = np.ones(z.shape[1])  # row sums as a matrix product: faster than sum(axis=1)
    if activation == "sigmoid":
        # −[y log σ(z) + (1 − y) log(1 − σ(z))] = softplus(z) − y z
        return (softplus(z) - y * z) @ ones
    return -(y * log_softmax(z)) @ ones


def fused_delta(activation: str, a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """δ⁽ᴸ⁾ for the fused pairs: a − y (softmax: a Σⱼyⱼ − y, equal to a − y as Σⱼyⱼ = 1)."""
    if activation == "sigmoid":
        return a - y
    return a * (y @ np.ones(y.shape[1]))[:, None] - y


def get_loss(name: str, field: str = "loss") -> Loss:
    if not isinstance(name, str) or name not in LOSSES:
        raise CoreError(field, f"one of {sorted(LOSSES)}", name)
    return LOSSES[name]


def check_pair(output_activation: str, loss_name: str) -> None:
    """Raise CoreError when the loss cannot be used with this output activation."""
    loss = get_loss(loss_name)
    if loss.output_activations is not None and output_activation not in loss.output_activations:
        raise CoreError(
            "loss", f"{loss_name} needs {loss.needs} (the output layer is {output_activation})"
        )


def valid_pairs() -> list[tuple[str, str]]:
    """Every (output activation, loss) pair that `check_pair` accepts."""
    from .activations import ACTIVATIONS

    pairs = []
    for act in ACTIVATIONS:
        for name, loss in LOSSES.items():
            ok = loss.output_activations is None or act in loss.output_activations
            if ok:
                pairs.append((act, name))
    return pairs


def check_targets(loss_name: str, Y: np.ndarray) -> None:
    """Labels must suit the loss: probabilities for the cross-entropies."""
    if loss_name == "binary_cross_entropy" and ((Y < 0) | (Y > 1)).any():
        raise CoreError("Y", "targets between 0 and 1 for binary_cross_entropy")
    if loss_name == "cross_entropy":
        row_sums = Y @ np.ones(Y.shape[1])
        if (Y < 0).any() or np.abs(row_sums - 1.0).max() > 1e-9:
            raise CoreError(
                "Y", "each row a probability distribution (≥ 0, summing to 1) for cross_entropy"
            )

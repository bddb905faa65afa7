"""The forward pass: z⁽ᵏ⁾ = a⁽ᵏ⁻¹⁾ θ⁽ᵏ⁾ᵀ + b⁽ᵏ⁾ (a batch as rows), a⁽ᵏ⁾ = g⁽ᵏ⁾(z⁽ᵏ⁾)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS
from .errors import CoreError
from .layers import ByLayer
from .losses import FUSED, LOSSES, check_targets, fused_value
from .network import Network
from .validate import as_data


@dataclass(frozen=True, eq=False)
class ForwardTrace:
    """a[k] (k = 0..L, m × n⁽ᵏ⁾), z[k] (k = 1..L), and with targets the error E.

    `example_loss` is E(xᵢ, yᵢ) per example (shape m); `loss` is their mean E.
    """

    a: ByLayer[np.ndarray]
    z: ByLayer[np.ndarray]
    Y: np.ndarray | None
    example_loss: np.ndarray | None
    loss: float | None

    @property
    def output(self) -> np.ndarray:
        return self.a[self.a.last]

    @property
    def X(self) -> np.ndarray:
        return self.a[0]

    @property
    def m(self) -> int:
        return self.a[0].shape[0]


def forward(net: Network, X, Y=None) -> ForwardTrace:
    """Run the network on X (m × n⁽⁰⁾; a 1-D x is one example). Y (m × n⁽ᴸ⁾) adds E."""
    X, Y = as_data(X, Y, net.sizes[0], net.sizes[-1])
    # The trace keeps its own copies: a caller changing X or Y later cannot change it.
    X = X.copy()
    if Y is not None:
        Y = Y.copy()
        check_targets(net.loss, Y)
    a, z = [X], []
    # Overflow is detected below and reported as an error, never passed on as inf/nan.
    with np.errstate(all="ignore"):
        for k in range(1, net.L + 1):
            z_k = a[-1] @ net.weights_T[k] + net.biases[k]
            a_k = ACTIVATIONS[net.activations[k]].g(z_k)
            # every g maps finite z to finite a, so checking z is enough
            if not np.isfinite(z_k).all():
                raise CoreError(f"layer {k}", "finite values: z⁽ᵏ⁾ overflowed (weights too large?)")
            z.append(z_k)
            a.append(a_k)
        example_loss = loss = None
        if Y is not None:
            example_loss = output_error(net, z[-1], a[-1], Y)
            loss = float(example_loss.sum() / len(example_loss))
            if not np.isfinite(loss):
                raise CoreError("loss", "a finite error E: the output overflowed the loss")
    return ForwardTrace(ByLayer(0, a), ByLayer(1, z), Y, example_loss, loss)


def output_error(net: Network, z_L: np.ndarray, a_L: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """E(xᵢ, yᵢ) per example for this network's output layer and loss."""
    return example_error(net.activations[net.L], net.loss, z_L, a_L, Y)


def example_error(activation: str, loss: str, z_L, a_L, Y) -> np.ndarray:
    """E(xᵢ, yᵢ) per example; log-losses from z⁽ᴸ⁾ so saturation never gives log(0)."""
    if (activation, loss) in FUSED:
        return fused_value(activation, z_L, Y)
    return LOSSES[loss].value(a_L, Y)

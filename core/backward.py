"""The backward pass: equations (1), (2), (3) of docs/NOTATION.md, batch as rows.

(1) δ⁽ᴸ⁾ = ∇ₐE ⊙ g′(z⁽ᴸ⁾)            (softmax: Jᵀ ∇ₐE; fused pairs: a − y)
(2) δ⁽ᵏ⁾ = (δ⁽ᵏ⁺¹⁾ θ⁽ᵏ⁺¹⁾) ⊙ g′(z⁽ᵏ⁾)  (rows are examples, so θᵀδ becomes δ θ)
(3) ∂E/∂θ⁽ᵏ⁾ = (1/m) Σᵢ δ⁽ᵏ⁾ᵢᵀ a⁽ᵏ⁻¹⁾ᵢ,   ∂E/∂b⁽ᵏ⁾ = (1/m) Σᵢ δ⁽ᵏ⁾ᵢ
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS, softmax_jacobian
from .errors import CoreError
from .forward import ForwardTrace
from .layers import ByLayer
from .losses import FUSED, LOSSES, check_targets, fused_delta
from .network import Network
from .validate import as_targets


@dataclass(frozen=True, eq=False)
class BackwardTrace:
    """delta[k] = δ⁽ᵏ⁾ = ∂E(xᵢ, yᵢ)/∂z⁽ᵏ⁾ per example (m × n⁽ᵏ⁾), k = 1..L.

    grad_weights[k] (n⁽ᵏ⁾ × n⁽ᵏ⁻¹⁾) and grad_biases[k] (n⁽ᵏ⁾) are ∂E/∂θ⁽ᵏ⁾, ∂E/∂b⁽ᵏ⁾ of the
    averaged E; grad_input is ∂E(xᵢ, yᵢ)/∂xᵢ per example (m × n⁽⁰⁾).
    """

    loss: float
    delta: ByLayer[np.ndarray]
    grad_weights: ByLayer[np.ndarray]
    grad_biases: ByLayer[np.ndarray]
    grad_input: np.ndarray


def delta_L(activation: str, loss: str, z_L: np.ndarray, a_L: np.ndarray, Y: np.ndarray):
    """Equation (1) for any output activation and loss: δ⁽ᴸ⁾ per example (m × n⁽ᴸ⁾)."""
    if (activation, loss) in FUSED:
        return fused_delta(activation, a_L, Y)
    grad_a = LOSSES[loss].grad_a(a_L, Y)
    act = ACTIVATIONS[activation]
    if act.elementwise:
        return grad_a * act.g_prime(z_L, a_L)
    # δ_q = Σ_p ∂a_p/∂z_q ∂E/∂a_p  (Jacobian transposed, per example)
    return np.einsum("epq,ep->eq", softmax_jacobian(a_L), grad_a)


def output_delta(net: Network, fwd: ForwardTrace, Y: np.ndarray) -> np.ndarray:
    """Equation (1): δ⁽ᴸ⁾ per example."""
    L = net.L
    return delta_L(net.activations[L], net.loss, fwd.z[L], fwd.a[L], Y)


def backward(net: Network, fwd: ForwardTrace, Y) -> BackwardTrace:
    """Gradients of E for the batch that `fwd` ran on, with targets Y (m × n⁽ᴸ⁾)."""
    if fwd.a.last != net.L or tuple(a.shape[1] for a in fwd.a) != net.sizes:
        raise CoreError("fwd", "the forward trace of this network")
    same_targets = fwd.Y is not None and (
        Y is fwd.Y
        or (isinstance(Y, np.ndarray) and Y.shape == fwd.Y.shape and np.array_equal(Y, fwd.Y))
    )
    if same_targets:  # already validated by forward
        Y = fwd.Y
    else:
        Y = as_targets(Y, fwd.m, net.sizes[-1])
        check_targets(net.loss, Y)
    with np.errstate(all="ignore"):
        d_L = output_delta(net, fwd, Y)
    loss = fwd.loss if same_targets else _loss(net, fwd, Y)
    return backward_from(net, fwd, d_L, loss)


def backward_from(net: Network, fwd: ForwardTrace, d_L: np.ndarray, loss: float = float("nan")):
    """Equations (2) and (3) from a given δ⁽ᴸ⁾ (m × n⁽ᴸ⁾).

    With δ⁽ᴸ⁾ = ∂E/∂z⁽ᴸ⁾ this is the backward pass; with δ⁽ᴸ⁾ = ∂a_c⁽ᴸ⁾/∂z⁽ᴸ⁾ the same
    recursion gives the gradient of output c instead (grad_input = ∂a_c/∂x).
    """
    m = fwd.m
    L = net.L
    # Plain lists indexed by k (position 0 unused) keep the loop cheap for small networks.
    weights = [None, *net.weights]
    a, z = list(fwd.a), [None, *fwd.z]
    with np.errstate(all="ignore"):
        deltas = [None] * (L + 1)
        deltas[L] = d_L
        for k in range(L - 1, 0, -1):
            act = ACTIVATIONS[net.activations[k]]
            deltas[k] = (deltas[k + 1] @ weights[k + 1]) * act.g_prime(z[k], a[k])
        grad_w = [deltas[k].T @ a[k - 1] / m for k in range(1, L + 1)]
        grad_b = [deltas[k].sum(axis=0) / m for k in range(1, L + 1)]
        grad_x = deltas[1] @ weights[1]
        finite = np.isfinite(grad_x).all() and all(np.isfinite(g).all() for g in grad_w)
    if not finite:
        raise CoreError("backward", "finite gradients: a delta overflowed")
    return BackwardTrace(
        loss=loss,
        delta=ByLayer(1, deltas[1:]),
        grad_weights=ByLayer(1, grad_w),
        grad_biases=ByLayer(1, grad_b),
        grad_input=grad_x,
    )


def _loss(net: Network, fwd: ForwardTrace, Y: np.ndarray) -> float:
    from .forward import output_error

    with np.errstate(all="ignore"):
        return float(output_error(net, fwd.z[net.L], fwd.a[net.L], Y).mean())

"""Deliberately broken copies of the backward pass, for the gradient-check lab.

Each bug is a classic mistake of implementations that "cargo-cult" the equations.
They live here, apart from `backward`, which they never touch: `broken_backward(bugs)` returns
a function with backward's signature, for `gradient_check(..., backward_fn=...)`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS
from .backward import BackwardTrace, output_delta
from .errors import CoreError
from .forward import ForwardTrace
from .layers import ByLayer
from .network import Network
from .validate import as_targets


@dataclass(frozen=True)
class Bug:
    name: str
    title: str
    wrong: str  # the broken formula
    right: str  # the correct one
    hidden_when: str  # when the check cannot see it


BUGS = {
    bug.name: bug
    for bug in (
        Bug(
            "drop_g_prime",
            "Drop the g′(z) factor",
            "δ⁽ᵏ⁾ = θ⁽ᵏ⁺¹⁾ᵀ δ⁽ᵏ⁺¹⁾",
            "δ⁽ᵏ⁾ = (θ⁽ᵏ⁺¹⁾ᵀ δ⁽ᵏ⁺¹⁾) ⊙ g′(z⁽ᵏ⁾)",
            "the network has no hidden layer, or its hidden layers are linear",
        ),
        Bug(
            "no_transpose",
            "Forget the transpose",
            "δ⁽ᵏ⁾ = reshape(θ⁽ᵏ⁺¹⁾, n⁽ᵏ⁾ × n⁽ᵏ⁺¹⁾) δ⁽ᵏ⁺¹⁾ ⊙ g′(z⁽ᵏ⁾)",
            "δ⁽ᵏ⁾ = (θ⁽ᵏ⁺¹⁾ᵀ δ⁽ᵏ⁺¹⁾) ⊙ g′(z⁽ᵏ⁾)",
            "the network has no hidden layer, or θ⁽ᵏ⁺¹⁾ happens to be symmetric",
        ),
        Bug(
            "flip_sign",
            "Flip the sign of δ⁽ᴸ⁾",
            "δ⁽ᴸ⁾ = −∇ₐE ⊙ g′(z⁽ᴸ⁾)  (y − a instead of a − y)",
            "δ⁽ᴸ⁾ = ∇ₐE ⊙ g′(z⁽ᴸ⁾)",
            "never: every gradient changes sign",
        ),
        Bug(
            "skip_mean",
            "Skip the 1/m average",
            "∂E/∂θ⁽ᵏ⁾ = Σᵢ δ⁽ᵏ⁾ᵢᵀ a⁽ᵏ⁻¹⁾ᵢ",
            "∂E/∂θ⁽ᵏ⁾ = (1/m) Σᵢ δ⁽ᵏ⁾ᵢᵀ a⁽ᵏ⁻¹⁾ᵢ",
            "the batch has a single example (m = 1)",
        ),
        Bug(
            "g_prime_of_a",
            "Use a instead of z in g′",
            "δ⁽ᵏ⁾ = (θ⁽ᵏ⁺¹⁾ᵀ δ⁽ᵏ⁺¹⁾) ⊙ g′(a⁽ᵏ⁾)",
            "δ⁽ᵏ⁾ = (θ⁽ᵏ⁺¹⁾ᵀ δ⁽ᵏ⁺¹⁾) ⊙ g′(z⁽ᵏ⁾)",
            "every layer is ReLU or linear (g′(a) = g′(z) there), or there is no hidden layer",
        ),
    )
}


def _g_prime(activation: str, z: np.ndarray, a: np.ndarray, of_a: bool) -> np.ndarray:
    act = ACTIVATIONS[activation]
    if not of_a:
        return act.g_prime(z, a)
    # the mistake: evaluate the derivative at a as if it were z
    return act.g_prime(a, act.g(a))


def broken_backward(bugs):
    """A backward function with the named mistakes planted (an empty set: a correct copy)."""
    bugs = frozenset(bugs)
    unknown = bugs - set(BUGS)
    if unknown:
        raise CoreError("bugs", f"names from {sorted(BUGS)}", sorted(unknown))

    def backward_with_bugs(net: Network, fwd: ForwardTrace, Y) -> BackwardTrace:
        Y = as_targets(Y, fwd.m, net.sizes[-1])
        L, m = net.L, fwd.m
        with np.errstate(all="ignore"):
            deltas = [None] * (L + 1)
            deltas[L] = output_delta(net, fwd, Y)
            if "flip_sign" in bugs:
                deltas[L] = -deltas[L]
            for k in range(L - 1, 0, -1):
                theta = net.weights[k + 1]
                back = (
                    theta.reshape(theta.shape[1], theta.shape[0]).T
                    if "no_transpose" in bugs
                    else theta
                )
                back_sum = deltas[k + 1] @ back
                if "drop_g_prime" in bugs:
                    deltas[k] = back_sum
                else:
                    g_p = _g_prime(net.activations[k], fwd.z[k], fwd.a[k], "g_prime_of_a" in bugs)
                    deltas[k] = back_sum * g_p
            scale = 1.0 if "skip_mean" in bugs else 1.0 / m
            grad_w = [deltas[k].T @ fwd.a[k - 1] * scale for k in range(1, L + 1)]
            grad_b = [deltas[k].sum(axis=0) * scale for k in range(1, L + 1)]
            grad_x = deltas[1] @ net.weights[1]
        return BackwardTrace(
            loss=float("nan") if fwd.loss is None else fwd.loss,
            delta=ByLayer(1, deltas[1:]),
            grad_weights=ByLayer(1, grad_w),
            grad_biases=ByLayer(1, grad_b),
            grad_input=grad_x,
        )

    backward_with_bugs.bugs = bugs
    return backward_with_bugs

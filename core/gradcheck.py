"""Gradient checking: backprop's ∂E/∂θ against central finite differences, per parameter.

Shipped in the library (not only in tests) so pages can show it and planted bugs can be
caught: pass another `backward_fn` to check a deliberately broken backward pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .backward import backward
from .errors import CoreError
from .forward import forward, output_error
from .layers import ByLayer
from .network import Network
from .validate import as_data

# Below this size a gradient counts as zero, so 1e-12 vs 3e-12 is not a "100% error".
ABS_FLOOR = 1e-8
# A central difference carries rounding noise of about (machine ε · |E|) / ε: differences below
# NOISE_FACTOR times that are noise, not a wrong gradient (tiny gradients of large networks).
NOISE_FACTOR = 10.0


@dataclass(frozen=True, eq=False)
class GradientCheckReport:
    """Per layer k: analytic and numeric ∂E/∂θ⁽ᵏ⁾, ∂E/∂b⁽ᵏ⁾ and their relative errors."""

    eps: float
    tolerance: float
    analytic_weights: ByLayer[np.ndarray]
    numeric_weights: ByLayer[np.ndarray]
    rel_error_weights: ByLayer[np.ndarray]
    analytic_biases: ByLayer[np.ndarray]
    numeric_biases: ByLayer[np.ndarray]
    rel_error_biases: ByLayer[np.ndarray]

    @property
    def max_rel_error_per_layer(self) -> ByLayer[float]:
        return ByLayer(
            1,
            [
                float(max(w.max(), b.max()))
                for w, b in zip(self.rel_error_weights, self.rel_error_biases)
            ],
        )

    @property
    def max_rel_error(self) -> float:
        return max(self.max_rel_error_per_layer)

    @property
    def passed(self) -> bool:
        return self.max_rel_error <= self.tolerance

    def worst(self) -> tuple[str, int, tuple[int, ...], float, float]:
        """(kind, k, index, analytic, numeric) of the parameter with the largest error."""
        best = None
        for kind, errs, an, nu in (
            ("weight", self.rel_error_weights, self.analytic_weights, self.numeric_weights),
            ("bias", self.rel_error_biases, self.analytic_biases, self.numeric_biases),
        ):
            for k, err in errs.items():
                idx = np.unravel_index(int(np.argmax(err)), err.shape)
                if best is None or err[idx] > best[0]:
                    best = (err[idx], kind, k, tuple(int(x) for x in idx), an[k][idx], nu[k][idx])
        _, kind, k, idx, an, nu = best
        return kind, k, idx, float(an), float(nu)

    def summary(self) -> str:
        kind, k, idx, an, nu = self.worst()
        verdict = "PASS" if self.passed else "FAIL"
        return (
            f"{verdict}: max relative error {self.max_rel_error:.3g} "
            f"(tolerance {self.tolerance:g}); "
            f"worst: {kind} k={k} index {idx}: analytic {an:.9g} vs numeric {nu:.9g}"
        )


def relative_error(analytic: np.ndarray, numeric: np.ndarray, floor: float = ABS_FLOOR):
    """|analytic − numeric| / max(|analytic|, |numeric|, floor)."""
    scale = np.maximum(np.maximum(np.abs(analytic), np.abs(numeric)), floor)
    return np.abs(analytic - numeric) / scale


def noise_floor(loss: float, eps: float, tolerance: float) -> float:
    """The scale below which gradients are compared absolutely: with it, error ≤ tolerance means
    |analytic − numeric| ≤ tolerance · max(|analytic|, |numeric|) OR ≤ the difference's noise."""
    noise = NOISE_FACTOR * np.finfo(float).eps * max(abs(loss), 1.0) / eps
    return max(ABS_FLOOR, noise / tolerance)


def numeric_gradients(net: Network, X, Y, eps: float = 1e-6):
    """Central differences (E(p + ε) − E(p − ε)) / 2ε for every θᵢⱼ⁽ᵏ⁾ and bᵢ⁽ᵏ⁾."""
    X, Y = as_data(X, Y, net.sizes[0], net.sizes[-1])
    grads_w, grads_b = [], []
    for k in range(1, net.L + 1):
        grads_w.append(_numeric_layer(net, X, Y, k, eps, bias=False))
        grads_b.append(_numeric_layer(net, X, Y, k, eps, bias=True))
    return ByLayer(1, grads_w), ByLayer(1, grads_b)


def _numeric_layer(net, X, Y, k, eps, bias):
    # Perturb raw arrays and rerun the layers from k on: cheaper than building Networks.
    param = np.array(net.biases[k] if bias else net.weights[k])
    grad = np.zeros_like(param)
    a_prev = forward(net, X).a[k - 1]
    for idx in np.ndindex(param.shape):
        original = param[idx]
        values = []
        for shift in (eps, -eps):
            param[idx] = original + shift
            values.append(_loss_from(net, a_prev, Y, k, param, bias))
        param[idx] = original
        grad[idx] = (values[0] - values[1]) / (2 * eps)
    return grad


def _loss_from(net, a_prev, Y, k, param, bias):
    from .activations import ACTIVATIONS

    a = a_prev
    with np.errstate(all="ignore"):
        for layer in range(k, net.L + 1):
            theta = param if (layer == k and not bias) else net.weights[layer]
            b = param if (layer == k and bias) else net.biases[layer]
            z = a @ theta.T + b
            a = ACTIVATIONS[net.activations[layer]].g(z)
        return float(output_error(net, z, a, Y).mean())


def gradient_check(
    net: Network,
    X,
    Y,
    eps: float = 1e-6,
    tolerance: float = 1e-4,
    backward_fn: Callable = backward,
) -> GradientCheckReport:
    """Compare `backward_fn` (the real backward by default) with central differences."""
    if not isinstance(eps, (int, float)) or not 1e-12 <= eps <= 1e-1:
        raise CoreError("eps", "a step between 1e-12 and 0.1", eps)
    if not isinstance(tolerance, (int, float)) or not tolerance > 0:
        raise CoreError("tolerance", "a positive number", tolerance)
    X, Y = as_data(X, Y, net.sizes[0], net.sizes[-1])
    fwd = forward(net, X, Y)
    bwd = backward_fn(net, fwd, Y)
    num_w, num_b = numeric_gradients(net, X, Y, eps)
    floor = noise_floor(fwd.loss, eps, tolerance)
    return GradientCheckReport(
        eps=float(eps),
        tolerance=float(tolerance),
        analytic_weights=bwd.grad_weights,
        numeric_weights=num_w,
        rel_error_weights=ByLayer(
            1, [relative_error(a, n, floor) for a, n in zip(bwd.grad_weights, num_w)]
        ),
        analytic_biases=bwd.grad_biases,
        numeric_biases=num_b,
        rel_error_biases=ByLayer(
            1, [relative_error(a, n, floor) for a, n in zip(bwd.grad_biases, num_b)]
        ),
    )

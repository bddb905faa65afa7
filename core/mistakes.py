"""What each classic mistake gives for every number of a trace, to diagnose a wrong prediction.

For the network and data, `tables` holds the true arrays (z, a, δ per example; ∂E/∂θ, ∂E/∂b of
the batch) and, per mistake, the versions of each array that the mistake produces:
- core's planted bugs (planted_bugs.py) over the whole pass, as `broken_backward` computes them;
- the same bugs made at one step only, with the step before it right, as a student who reads
  δ⁽ᵏ⁺¹⁾ off the Backward page makes them (and g′ dropped from δ⁽ᴸ⁾ too), with the gradients
  that such a δ⁽ᵏ⁾ gives;
- slips of the forward pass (no bias, θⱼᵢ for θᵢⱼ, z given for a) and of the batch (one
  example's gradient for the mean; the sum for the mean is the planted skip_mean).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS
from .backward import backward
from .forward import forward
from .losses import FUSED, LOSSES
from .network import Network
from .planted_bugs import BUGS, _g_prime, broken_backward

KINDS = ("z", "a", "delta", "grad_w", "grad_b")
REL_TOL, ABS_TOL = 0.01, 1e-4  # the default tolerance of a prediction

# The slips that are not planted bugs of the backward pass: name → (title, description).
SLIPS = {
    "no_bias": (
        "Forget the bias",
        "zᵢ⁽ᵏ⁾ = Σⱼ θᵢⱼ⁽ᵏ⁾ aⱼ⁽ᵏ⁻¹⁾, where zᵢ⁽ᵏ⁾ = Σⱼ θᵢⱼ⁽ᵏ⁾ aⱼ⁽ᵏ⁻¹⁾ + bᵢ⁽ᵏ⁾",
    ),
    "swapped_indices": (
        "Use θⱼᵢ instead of θᵢⱼ",
        "zᵢ⁽ᵏ⁾ = Σⱼ θⱼᵢ⁽ᵏ⁾ aⱼ⁽ᵏ⁻¹⁾ + bᵢ⁽ᵏ⁾ (a column of θ⁽ᵏ⁾), "
        "where zᵢ⁽ᵏ⁾ = Σⱼ θᵢⱼ⁽ᵏ⁾ aⱼ⁽ᵏ⁻¹⁾ + bᵢ⁽ᵏ⁾",
    ),
    "z_for_a": ("Forget the activation", "aᵢ⁽ᵏ⁾ = zᵢ⁽ᵏ⁾, where aᵢ⁽ᵏ⁾ = g(zᵢ⁽ᵏ⁾)"),
    "one_example": (
        "One example instead of the batch mean",
        "∂E/∂θᵢⱼ⁽ᵏ⁾ = aⱼ⁽ᵏ⁻¹⁾ δᵢ⁽ᵏ⁾ of a single example, where ∂E/∂θᵢⱼ⁽ᵏ⁾ = (1/m) Σₑ aⱼ⁽ᵏ⁻¹⁾ δᵢ⁽ᵏ⁾",
    ),
}
MISTAKES = (*BUGS, *SLIPS)  # the order a diagnosis lists them in


@dataclass(frozen=True)
class Mistake:
    name: str  # a key of planted_bugs.BUGS or SLIPS
    title: str
    description: str  # the wrong formula, and the right one
    value: float  # what this mistake gives for the cell


@dataclass(frozen=True, eq=False)
class Tables:
    true: dict  # (kind, k) → array: z, a, delta (m × n⁽ᵏ⁾), grad_w (n⁽ᵏ⁾ × n⁽ᵏ⁻¹⁾), grad_b
    wrong: dict  # name → {(kind, k): the mistake's versions, stacked on a leading axis}


def tables(net: Network, X, Y) -> Tables:
    fwd = forward(net, X, Y)
    bwd = backward(net, fwd, fwd.Y)
    L, m, a, z = net.L, fwd.m, fwd.a, fwd.z
    true = {}
    for k in range(1, L + 1):
        true.update({("z", k): z[k], ("a", k): a[k], ("delta", k): bwd.delta[k]})
        true.update({("grad_w", k): bwd.grad_weights[k], ("grad_b", k): bwd.grad_biases[k]})
    wrong = {name: {} for name in MISTAKES}

    def add(name, key, version):
        old = wrong[name].get(key)
        wrong[name][key] = version[None] if old is None else np.concatenate([old, version[None]])

    def add_delta(name, k, delta_k):  # δ⁽ᵏ⁾ and the gradients it gives, all else right
        add(name, ("delta", k), delta_k)
        add(name, ("grad_w", k), delta_k.T @ a[k - 1] / m)
        add(name, ("grad_b", k), delta_k.sum(axis=0) / m)

    with np.errstate(all="ignore"):
        for name in BUGS:
            broken = broken_backward({name})(net, fwd, fwd.Y)
            for k in range(1, L + 1):
                add(name, ("delta", k), broken.delta[k])
                add(name, ("grad_w", k), broken.grad_weights[k])
                add(name, ("grad_b", k), broken.grad_biases[k])
        if (net.activations[L], net.loss) not in FUSED:  # δ⁽ᴸ⁾ = ∇ₐE: no g′ (or Jacobian)
            add_delta("drop_g_prime", L, LOSSES[net.loss].grad_a(a[L], fwd.Y))
        for k in range(1, L):
            theta, back = net.weights[k + 1], bwd.delta[k + 1] @ net.weights[k + 1]
            g_p = _g_prime(net.activations[k], z[k], a[k], of_a=False)
            add_delta("drop_g_prime", k, back)
            add_delta("g_prime_of_a", k, back * _g_prime(net.activations[k], z[k], a[k], True))
            unturned = theta.reshape(theta.shape[1], theta.shape[0]).T  # as planted_bugs does
            add_delta("no_transpose", k, bwd.delta[k + 1] @ unturned * g_p)
        for k in range(1, L + 1):
            g, theta = ACTIVATIONS[net.activations[k]].g, net.weights[k]
            versions = [("no_bias", a[k - 1] @ theta.T)]
            if theta.shape[0] == theta.shape[1]:  # θⱼᵢ exists for every i, j only when square
                versions.append(("swapped_indices", a[k - 1] @ theta + net.biases[k]))
            for name, z_wrong in versions:
                add(name, ("z", k), z_wrong)
                add(name, ("a", k), g(z_wrong))
            add("z_for_a", ("a", k), z[k])
            # one version per example e: aⱼ⁽ᵏ⁻¹⁾ δᵢ⁽ᵏ⁾ of e alone
            wrong["one_example"][("grad_w", k)] = bwd.delta[k][:, :, None] * a[k - 1][:, None, :]
            wrong["one_example"][("grad_b", k)] = bwd.delta[k]
    return Tables(true, wrong)


def close(x, target, rel_tol: float, abs_tol: float):
    """|x − target| ≤ max(rel_tol·|target|, abs_tol), elementwise."""
    return np.abs(x - target) <= np.maximum(rel_tol * np.abs(target), abs_tol)


def matches(t: Tables, key, at, answer: float, rel_tol, abs_tol) -> tuple[Mistake, ...]:
    """Every mistake with a version that differs from the true value at `at` by more than the
    tolerance and lies within the tolerance of `answer` (its nearest such version)."""
    true = t.true[key][at]
    found = []
    for name in MISTAKES:
        versions = t.wrong[name].get(key)
        if versions is None:
            continue
        values = versions[(slice(None), *at)]
        values = values[np.isfinite(values) & ~close(values, true, rel_tol, abs_tol)]
        hits = values[close(answer, values, rel_tol, abs_tol)]
        if hits.size:
            if name in BUGS:
                title, text = BUGS[name].title, f"{BUGS[name].wrong}, where {BUGS[name].right}"
            else:
                title, text = SLIPS[name]
            found.append(Mistake(name, title, text, float(hits[np.argmin(abs(hits - answer))])))
    return tuple(found)


def telling(t: Tables, key) -> np.ndarray:
    """True where some mistake changes the value (default tolerance): a cell worth asking."""
    true = t.true[key]
    mask = np.zeros(true.shape, bool)
    for versions in (t.wrong[name].get(key) for name in MISTAKES):
        if versions is not None:
            differs = np.isfinite(versions) & ~close(versions, true, REL_TOL, ABS_TOL)
            mask |= differs.any(axis=0)
    return mask

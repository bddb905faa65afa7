"""The chain-rule terms behind one number of the backward pass, so a screen can show the sum.

Each explanation lists its terms (each a product of named factors) and its value; the terms
reproduce the value (`combine` says whether they are summed or averaged). Indices are from 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS, softmax_jacobian
from .backward import BackwardTrace
from .forward import ForwardTrace
from .losses import LOSSES, clip01
from .network import Network
from .notation import output_form
from .validate import check_index


@dataclass(frozen=True)
class Term:
    index: int  # β (next-layer neuron), p (softmax output) or the example, see `index_name`
    factors: tuple[float, ...]  # in the order of Explanation.factor_names
    value: float  # their product


@dataclass(frozen=True, kw_only=True)
class Explanation:
    quantity: str  # e.g. "δ_2^(1)" or "∂E/∂θ_10^(2)"
    equation: int  # 1, 2 or 3 of docs/NOTATION.md
    k: int
    i: int
    j: int | None
    example: int | None
    index_name: str  # what Term.index counts: "β", "p" or "example"
    factor_names: tuple[str, ...]
    terms: tuple[Term, ...]
    combine: str  # "sum" or "mean"
    value: float  # the number in the trace
    simplified: str = ""  # a closed form the terms collapse to, e.g. "a − y"
    simplified_value: float | None = None

    @property
    def total(self) -> float:
        values = [t.value for t in self.terms]
        return float(np.sum(values) if self.combine == "sum" else np.mean(values))


def _term(index: int, *factors: float) -> Term:
    return Term(index, tuple(float(f) for f in factors), float(np.prod(factors)))


def explain_delta(
    net: Network, fwd: ForwardTrace, bwd: BackwardTrace, k: int, i: int, example: int = 0
) -> Explanation:
    """δᵢ⁽ᵏ⁾ of one example: equation (2) as a sum over β for k < L, equation (1) for k = L."""
    k = check_index("k", k, 1, net.L, "a layer")
    i = check_index("i", i, 0, net.sizes[k] - 1)
    e = check_index("example", example, 0, fwd.m - 1)
    value = float(bwd.delta[k][e, i])
    name = f"δ_{i}^({k})"
    if k < net.L:
        act = ACTIVATIONS[net.activations[k]]
        g_prime = act.g_prime(fwd.z[k][e : e + 1], fwd.a[k][e : e + 1])[0, i]
        theta_next, delta_next = net.weights[k + 1], bwd.delta[k + 1][e]
        terms = tuple(
            _term(beta, theta_next[beta, i], g_prime, delta_next[beta])
            for beta in range(net.sizes[k + 1])
        )
        return Explanation(
            quantity=name,
            equation=2,
            k=k,
            i=i,
            j=None,
            example=e,
            index_name="β",
            factor_names=(f"θ_βi^({k + 1})", f"g′(z_i^({k}))", f"δ_β^({k + 1})"),
            terms=terms,
            combine="sum",
            value=value,
        )
    return _explain_output(net, fwd, i, e, value, name)


def _explain_output(net, fwd, i, e, value, name) -> Explanation:
    L = net.L
    g_L = net.activations[L]
    a, z, y = fwd.a[L][e : e + 1], fwd.z[L][e : e + 1], fwd.Y[e : e + 1]
    simplified, simple_value = "", None
    if output_form(g_L, net.loss).simplifies_to_a_minus_y:
        simplified, simple_value = f"a_{i}^({L}) − y_{i}", float(a[0, i] - y[0, i])
        # The log-loss gradient is taken at a clipped inside (0, 1); take g′ (or the Jacobian)
        # at the same point, so that at saturation the factors still multiply to a − y
        # (a huge ∂E/∂a times a tiny g′) instead of to 0.
        a = clip01(a)
    with np.errstate(all="ignore"):  # a saturated log-loss factor may be huge; value is exact
        grad_a = LOSSES[net.loss].grad_a(a, y)[0]
    act = ACTIVATIONS[g_L]
    if act.elementwise:
        terms = (_term(i, grad_a[i], act.g_prime(z, a)[0, i]),)
        index_name, names = "i", (f"∂E/∂a_{i}^({L})", f"g′(z_{i}^({L}))")
    else:  # softmax: δᵢ = Σ_p (∂a_p/∂zᵢ)(∂E/∂a_p), a row of the Jacobian
        J = softmax_jacobian(a)[0]
        terms = tuple(_term(p, J[p, i], grad_a[p]) for p in range(net.sizes[L]))
        index_name, names = "p", (f"∂a_p/∂z_{i}^({L})", "∂E/∂a_p")
    return Explanation(
        quantity=name,
        equation=1,
        k=L,
        i=i,
        j=None,
        example=e,
        index_name=index_name,
        factor_names=names,
        terms=terms,
        combine="sum",
        value=value,
        simplified=simplified,
        simplified_value=simple_value,
    )


def explain_weight_gradient(fwd: ForwardTrace, bwd: BackwardTrace, k: int, i: int, j: int):
    """∂E/∂θᵢⱼ⁽ᵏ⁾ = mean over examples of aⱼ⁽ᵏ⁻¹⁾ δᵢ⁽ᵏ⁾ (equation 3)."""
    L = len(bwd.delta)
    k = check_index("k", k, 1, L, "a layer")
    i = check_index("i", i, 0, bwd.delta[k].shape[1] - 1)
    j = check_index("j", j, 0, fwd.a[k - 1].shape[1] - 1)
    a_prev, delta = fwd.a[k - 1][:, j], bwd.delta[k][:, i]
    terms = tuple(_term(e, a_prev[e], delta[e]) for e in range(fwd.m))
    return Explanation(
        quantity=f"∂E/∂θ_{i}{j}^({k})",
        equation=3,
        k=k,
        i=i,
        j=j,
        example=None,
        index_name="example",
        factor_names=(f"a_j^({k - 1})", f"δ_i^({k})"),
        terms=terms,
        combine="mean",
        value=float(bwd.grad_weights[k][i, j]),
    )


def explain_bias_gradient(fwd: ForwardTrace, bwd: BackwardTrace, k: int, i: int):
    """∂E/∂bᵢ⁽ᵏ⁾ = mean over examples of δᵢ⁽ᵏ⁾ (equation 3 with a₀ = 1)."""
    L = len(bwd.delta)
    k = check_index("k", k, 1, L, "a layer")
    i = check_index("i", i, 0, bwd.delta[k].shape[1] - 1)
    terms = tuple(_term(e, 1.0, d) for e, d in enumerate(bwd.delta[k][:, i]))
    return Explanation(
        quantity=f"∂E/∂b_{i}^({k})",
        equation=3,
        k=k,
        i=i,
        j=None,
        example=None,
        index_name="example",
        factor_names=("1", f"δ_i^({k})"),
        terms=terms,
        combine="mean",
        value=float(bwd.grad_biases[k][i]),
    )


@dataclass(frozen=True, eq=False)
class MatrixForm:
    """Equation (2) for one example as matrices: δ⁽ᵏ⁾ = (θ⁽ᵏ⁺¹⁾ᵀ δ⁽ᵏ⁺¹⁾) ⊙ g′(z⁽ᵏ⁾).

    theta_T: n⁽ᵏ⁾ × n⁽ᵏ⁺¹⁾; delta_next: n⁽ᵏ⁺¹⁾; back_sum = theta_T @ delta_next (n⁽ᵏ⁾), the
    sums over β; g_prime: n⁽ᵏ⁾; delta: n⁽ᵏ⁾ (from the trace).
    """

    k: int
    theta_T: np.ndarray
    delta_next: np.ndarray
    back_sum: np.ndarray
    g_prime: np.ndarray
    delta: np.ndarray


def matrix_form(net: Network, fwd: ForwardTrace, bwd: BackwardTrace, k: int, example: int = 0):
    """The pieces of equation (2) at layer k < L for one example."""
    k = check_index("k", k, 1, net.L - 1, "a hidden layer")
    e = check_index("example", example, 0, fwd.m - 1)
    act = ACTIVATIONS[net.activations[k]]
    theta_T = net.weights[k + 1].T
    delta_next = bwd.delta[k + 1][e]
    return MatrixForm(
        k=k,
        theta_T=theta_T,
        delta_next=delta_next,
        back_sum=theta_T @ delta_next,
        g_prime=act.g_prime(fwd.z[k][e : e + 1], fwd.a[k][e : e + 1])[0],
        delta=bwd.delta[k][e],
    )

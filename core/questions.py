"""Predict, then reveal: one number of a trace as a question, graded, with the mistake it matches.

A `Cell` names one number: zᵢ⁽ᵏ⁾, aᵢ⁽ᵏ⁾ or δᵢ⁽ᵏ⁾ of one example, or ∂E/∂θᵢⱼ⁽ᵏ⁾, ∂E/∂bᵢ⁽ᵏ⁾ of the
batch (the mean over the m examples, as on the Backward page). Indices count from 0.
What each classic mistake would give for a cell lives in mistakes.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .backward import BackwardTrace
from .errors import CoreError
from .mistakes import ABS_TOL, KINDS, REL_TOL, Mistake, Tables, close, matches, tables, telling
from .network import Network
from .train import _check_rate

PER_EXAMPLE = ("z", "a", "delta")


@dataclass(frozen=True, kw_only=True)
class Cell:
    """One number to predict. `j` only for grad_w; `example` only for z, a and delta."""

    kind: str
    k: int
    i: int
    j: int | None = None
    example: int | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise CoreError("kind", f"one of {list(KINDS)}", self.kind)
        wanted = {
            "k": True,
            "i": True,
            "j": self.kind == "grad_w",
            "example": self.kind in PER_EXAMPLE,
        }
        for field, needed in wanted.items():
            value = getattr(self, field)
            if value is None and needed:
                raise CoreError(field, f"an index for a {self.kind} cell")
            if value is not None and not needed:
                raise CoreError(field, f"no {field} for a {self.kind} cell", value)
            if value is not None and not _whole(value, 1 if field == "k" else 0):
                raise CoreError(field, f"a whole number ≥ {1 if field == 'k' else 0}", value)

    def index(self) -> tuple[int, ...]:
        """Where the cell sits in its array: (example, i), (i, j) or (i,)."""
        if self.kind in PER_EXAMPLE:
            return (int(self.example), int(self.i))
        return (int(self.i), int(self.j)) if self.kind == "grad_w" else (int(self.i),)


@dataclass(frozen=True)
class Grade:
    correct: bool
    value: float  # the true value
    answer: float
    tolerance: str  # "within 1% or 0.0001"
    mistake: tuple[Mistake, ...] | None  # wrong answers only; None when no mistake matches


def _whole(value, lo: int) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, np.integer)) and value >= lo


def _number(value, field: str, lo: float = -np.inf) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise CoreError(field, "a number", value)
    value = float(value)
    if not (np.isfinite(value) and value >= lo):
        raise CoreError(field, "a finite number" + (" ≥ 0" if lo == 0 else ""), value)
    return value


def _locate(t: Tables, net: Network, cell: Cell) -> tuple[int, ...]:
    if not isinstance(cell, Cell):
        raise CoreError("cell", "a Cell", cell)
    if cell.k > net.L:
        raise CoreError("k", f"a layer 1..{net.L}", cell.k)
    shape = t.true[(cell.kind, cell.k)].shape
    names = ("example", "i") if cell.kind in PER_EXAMPLE else ("i", "j")
    for name, size, at in zip(names, shape, cell.index()):
        if at >= size:
            raise CoreError(name, f"an index 0..{size - 1}", at)
    return cell.index()


def cell_value(net: Network, X, Y, cell: Cell) -> float:
    """The true value of the cell (gradients: of the averaged E, the mean over the batch)."""
    t = tables(net, X, Y)
    at = _locate(t, net, cell)
    return float(t.true[(cell.kind, cell.k)][at])


def tolerance_text(rel_tol: float, abs_tol: float) -> str:
    """'within 1% or 0.0001', in exact decimals: a tolerance is a setting, not a result."""

    def plain(x):
        return np.format_float_positional(x, trim="-")

    return f"within {plain(rel_tol * 100)}% or {plain(abs_tol)}"


def grade(net: Network, X, Y, cell: Cell, answer: float, *, rel_tol=REL_TOL, abs_tol=ABS_TOL):
    """Correct when |answer − value| ≤ max(rel_tol·|value|, abs_tol). A wrong answer lists
    every mistake whose value for this cell differs from the true one and lies that close."""
    answer = _number(answer, "answer")
    rel_tol, abs_tol = _number(rel_tol, "rel_tol", 0), _number(abs_tol, "abs_tol", 0)
    t = tables(net, X, Y)
    at = _locate(t, net, cell)
    key = (cell.kind, cell.k)
    value = float(t.true[key][at])
    correct = bool(close(answer, value, rel_tol, abs_tol))
    mistake = None if correct else matches(t, key, at, answer, rel_tol, abs_tol) or None
    return Grade(correct, value, answer, tolerance_text(rel_tol, abs_tol), mistake)


def _cell(key, at) -> Cell:
    kind, k = key
    at = tuple(int(x) for x in at)
    if kind in PER_EXAMPLE:
        return Cell(kind=kind, k=k, i=at[1], example=at[0])
    if kind == "grad_w":
        return Cell(kind=kind, k=k, i=at[0], j=at[1])
    return Cell(kind=kind, k=k, i=at[0])


def quiz(net: Network, X, Y, *, n: int = 5, seed: int) -> tuple[Cell, ...]:
    """n different cells spread over the kinds and layers, the same for the same seed, network
    and data. A cell that no mistake changes is asked only when no other is left; fewer than
    n cells only when the network has fewer."""
    for field, value, lo in (("n", n, 1), ("seed", seed, 0)):
        if not _whole(value, lo):
            raise CoreError(field, f"a whole number ≥ {lo}", value)
    rng = np.random.default_rng(int(seed))
    t = tables(net, X, Y)
    kinds = [str(kind) for kind in rng.permutation(KINDS)]  # ties between kinds: this order
    layers = [int(k) for k in rng.permutation(range(1, net.L + 1))]
    worth = {key: telling(t, key) for key in t.true}
    unused = {key: np.ones(arr.shape, bool) for key, arr in t.true.items()}
    chosen = []
    while len(chosen) < n:
        # the kind asked least, at the layer asked least; a cell no mistake changes comes last
        asked_kinds, asked_layers = [c.kind for c in chosen], [c.k for c in chosen]
        order = [
            (kind, k)
            for kind in sorted(kinds, key=asked_kinds.count)
            for k in sorted(layers, key=asked_layers.count)
        ]
        pools = [(key, worth[key] & unused[key]) for key in order]
        pools += [(key, unused[key]) for key in order]
        key, pool = next(((key, pool) for key, pool in pools if pool.any()), (None, None))
        if key is None:
            break
        at = np.unravel_index(int(rng.choice(np.flatnonzero(pool))), pool.shape)
        unused[key][at] = False
        chosen.append(_cell(key, at))
    return tuple(chosen)


def first_order_change(net: Network, bwd: BackwardTrace, eta: float) -> float:
    """The change of E that one step θ ← θ − η ∂E/∂θ is predicted to make, to first order:
    ΔE ≈ −η ‖∂E/∂θ‖², the squared norm summed over every θ⁽ᵏ⁾ and b⁽ᵏ⁾.

    It is the tangent line of E along the step. The actual change is
    ΔE = −η ‖g‖² + ½ η² gᵀ H g + O(η³), with g the gradient and H the curvature (Hessian) of E.
    For small η the first term dominates and the two agree; as η grows the second-order term,
    which grows like η², takes over: where E curves upwards the step falls short of the
    prediction, and a large enough η overshoots the valley, so E rises although the prediction
    says it falls. Kinks (ReLU) and saturation bend E between the two points as well.
    """
    eta = _check_rate(eta)
    if len(bwd.grad_weights) != net.L or any(
        g.shape != w.shape for g, w in zip(bwd.grad_weights, net.weights)
    ):
        raise CoreError("bwd", "the backward trace of this network")
    norm2 = sum(float(np.sum(g * g)) for g in (*bwd.grad_weights, *bwd.grad_biases))
    return -eta * norm2

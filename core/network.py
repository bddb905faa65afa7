"""`Network`: an immutable feed-forward network θ⁽ᵏ⁾, b⁽ᵏ⁾, g⁽ᵏ⁾ for k = 1..L and a loss."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .activations import get_activation
from .errors import CoreError
from .init import init_weights
from .layers import ByLayer
from .losses import check_pair, get_loss
from .validate import as_matrix, as_vector, check_index, check_sizes, frozen


@dataclass(frozen=True, eq=False)
class Network:
    """θ⁽ᵏ⁾ (`weights[k]`, n⁽ᵏ⁾ × n⁽ᵏ⁻¹⁾), b⁽ᵏ⁾ (`biases[k]`, n⁽ᵏ⁾) and g⁽ᵏ⁾ (`activations[k]`).

    Build with `from_layers` or `random`; every change returns a new Network.
    """

    weights: ByLayer[np.ndarray]
    biases: ByLayer[np.ndarray]
    activations: ByLayer[str]
    loss: str

    @property
    def L(self) -> int:
        return len(self.weights)

    @cached_property
    def sizes(self) -> tuple[int, ...]:
        return (self.weights[1].shape[1],) + tuple(w.shape[0] for w in self.weights)

    @cached_property
    def weights_T(self) -> tuple[np.ndarray | None, ...]:
        """θ⁽ᵏ⁾ᵀ as contiguous arrays, position k (0 unused): batch rows multiply by θᵀ."""
        out = [None]
        for w in self.weights:
            wt = np.ascontiguousarray(w.T)
            wt.setflags(write=False)
            out.append(wt)
        return tuple(out)

    @property
    def n_parameters(self) -> int:
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases))

    @classmethod
    def from_layers(cls, weights, biases, activations, loss: str) -> Network:
        """weights = [θ⁽¹⁾..θ⁽ᴸ⁾], biases = [b⁽¹⁾..b⁽ᴸ⁾], activations = [g⁽¹⁾..g⁽ᴸ⁾] (names)."""
        for field, seq in (("weights", weights), ("biases", biases), ("activations", activations)):
            if isinstance(seq, (str, bytes, dict)) or not hasattr(seq, "__len__"):
                raise CoreError(field, "a list with one entry per layer k = 1..L", seq)
        L = len(weights)
        if L < 1:
            raise CoreError("weights", "at least one layer")
        if len(biases) != L or len(activations) != L:
            raise CoreError(
                "biases/activations",
                f"one entry per layer ({L})",
                f"{len(biases)} biases, {len(activations)} activations",
            )
        thetas = []
        for k in range(1, L + 1):
            prev_n = None if k == 1 else thetas[-1].shape[0]
            thetas.append(as_matrix(weights[k - 1], f"weights[{k}]", (None, prev_n)))
        check_sizes([thetas[0].shape[1]] + [t.shape[0] for t in thetas], "layer sizes")
        bs = [
            as_vector(biases[k - 1], f"biases[{k}]", thetas[k - 1].shape[0])
            for k in range(1, L + 1)
        ]
        names = tuple(activations)
        for k, name in enumerate(names, start=1):
            act = get_activation(name, f"activations[{k}]")
            if act.output_only and k != L:
                raise CoreError(
                    f"activations[{k}]", f"{name} only on the output layer (k = L = {L})", name
                )
        get_loss(loss)
        check_pair(names[-1], loss)
        return cls(
            weights=ByLayer(1, [frozen(t) for t in thetas]),
            biases=ByLayer(1, [frozen(b) for b in bs]),
            activations=ByLayer(1, names),
            loss=loss,
        )

    @classmethod
    def random(cls, sizes, activations, loss: str, init: str = "xavier", seed: int = 0) -> Network:
        """Weights drawn by `init` (biases start at 0), reproducible from `seed`."""
        sizes = check_sizes(sizes)
        if isinstance(activations, str):
            activations = [activations] * (len(sizes) - 1)
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise CoreError("seed", "a whole number ≥ 0", seed)
        rng = np.random.default_rng(int(seed))
        weights = [init_weights(init, sizes[k], sizes[k - 1], rng) for k in range(1, len(sizes))]
        biases = [np.zeros(n) for n in sizes[1:]]
        return cls.from_layers(weights, biases, activations, loss)

    def replace(self, weights=None, biases=None, activations=None, loss=None) -> Network:
        """A new, validated Network with some parts replaced (lists in layer order 1..L)."""
        return Network.from_layers(
            list(self.weights) if weights is None else weights,
            list(self.biases) if biases is None else biases,
            list(self.activations) if activations is None else activations,
            self.loss if loss is None else loss,
        )

    def with_weight(self, k: int, i: int, j: int, value: float) -> Network:
        """θᵢⱼ⁽ᵏ⁾ set to value (indices from 0)."""
        k = check_index("k", k, 1, self.L)
        i = check_index("i", i, 0, self.sizes[k] - 1)
        j = check_index("j", j, 0, self.sizes[k - 1] - 1)
        theta = np.array(self.weights[k])
        theta[i, j] = _number(value)
        weights = list(self.weights)
        weights[k - 1] = theta
        return self.replace(weights=weights)

    def with_bias(self, k: int, i: int, value: float) -> Network:
        k = check_index("k", k, 1, self.L)
        i = check_index("i", i, 0, self.sizes[k] - 1)
        b = np.array(self.biases[k])
        b[i] = _number(value)
        biases = list(self.biases)
        biases[k - 1] = b
        return self.replace(biases=biases)

    def __repr__(self) -> str:
        acts = ", ".join(self.activations)
        return f"Network(sizes={self.sizes}, activations=[{acts}], loss={self.loss!r})"


def _number(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise CoreError("value", "a number", value)
    try:
        return float(value)  # a non-finite value is refused by the validation in `replace`
    except OverflowError as exc:
        raise CoreError("value", "a finite number", value) from exc

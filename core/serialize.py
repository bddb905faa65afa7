"""JSON-safe dictionaries for a network and its data, round-tripping exactly.

Python's json writes floats with repr, which round-trips float64 exactly. `from_dict` treats
its input as hostile: every field is type- and size-checked before any array is built.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .errors import CoreError
from .losses import check_targets
from .network import Network
from .validate import MAX_EXAMPLES, check_sizes

FORMAT = "backprop-visualizer/network"
VERSION = 1


class Saved(NamedTuple):
    network: Network
    X: np.ndarray | None
    Y: np.ndarray | None


def to_dict(net: Network, X=None, Y=None) -> dict:
    """{format, version, sizes, activations, loss, weights, biases[, X, Y]}; lists in k order."""
    d = {
        "format": FORMAT,
        "version": VERSION,
        "sizes": list(net.sizes),
        "activations": list(net.activations),
        "loss": net.loss,
        "weights": [w.tolist() for w in net.weights],
        "biases": [b.tolist() for b in net.biases],
    }
    if X is not None:
        d["X"] = np.asarray(X, float).tolist()
    if Y is not None:
        d["Y"] = np.asarray(Y, float).tolist()
    return d


def _numbers(value, field: str, shape: tuple[int, ...]):
    """Walk nested lists checking type and shape before numpy sees them (no huge allocations)."""
    if len(shape) == 0:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise CoreError(field, "a number", value)
        try:
            finite = math.isfinite(value)
        except OverflowError:  # an int too large for a float
            finite = False
        if not finite:
            raise CoreError(field, "a finite number", value)
        return
    if not isinstance(value, list) or len(value) != shape[0]:
        got = f"length {len(value)}" if isinstance(value, list) else type(value).__name__
        raise CoreError(field, f"a list of length {shape[0]}", got)
    for n, item in enumerate(value):
        _numbers(item, f"{field}[{n}]", shape[1:])


def from_dict(d) -> Saved:
    """(network, X or None, Y or None) from `to_dict`'s output; CoreError on anything else."""
    if not isinstance(d, dict):
        raise CoreError("file", "a JSON object", type(d).__name__)
    if d.get("format") != FORMAT:
        raise CoreError("format", repr(FORMAT), d.get("format"))
    if d.get("version") != VERSION:
        raise CoreError("version", str(VERSION), d.get("version"))
    sizes = check_sizes(d.get("sizes"))
    L = len(sizes) - 1
    for field in ("activations", "weights", "biases"):
        if not isinstance(d.get(field), list) or len(d[field]) != L:
            raise CoreError(field, f"a list with {L} entries (one per layer)", d.get(field))
    for k in range(1, L + 1):
        _numbers(d["weights"][k - 1], f"weights[{k}]", (sizes[k], sizes[k - 1]))
        _numbers(d["biases"][k - 1], f"biases[{k}]", (sizes[k],))
    net = Network.from_layers(d["weights"], d["biases"], d["activations"], d.get("loss"))
    X = Y = None
    if "X" in d:
        m = len(d["X"]) if isinstance(d["X"], list) else -1
        if not 1 <= m <= MAX_EXAMPLES:
            raise CoreError("X", f"a list of 1 to {MAX_EXAMPLES:,} examples", m)
        _numbers(d["X"], "X", (m, sizes[0]))
        X = np.array(d["X"], float)
        if "Y" in d:
            _numbers(d["Y"], "Y", (m, sizes[-1]))
            Y = np.array(d["Y"], float)
            check_targets(net.loss, Y)
    elif "Y" in d:
        raise CoreError("Y", "X alongside Y")
    return Saved(net, X, Y)

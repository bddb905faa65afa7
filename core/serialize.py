"""JSON-safe dictionaries for a network and its data, round-tripping exactly.

Python's json writes floats with repr, which round-trips float64 exactly. `from_dict` treats
its input as hostile: every field is type- and size-checked before any array is built.
The data's column names (a CSV's header) travel too; `check_names` is their one rule, which the
link (ui/link_names.py) applies as well.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

import numpy as np

from .errors import CoreError
from .limits import MAX_INPUTS, MAX_OUTPUTS, check_app_sizes
from .losses import check_targets
from .network import Network
from .validate import MAX_EXAMPLES, check_sizes

FORMAT = "backprop-visualizer/network"
VERSION = 1


MAX_NAME = 40  # characters of one column name
MAX_NAMES_BYTES = 1024  # UTF-8 bytes of all names together
MAX_CLASSES = MAX_OUTPUTS  # one-hot: one output per class


@dataclass(frozen=True)
class Saved:
    """What a file holds. names: {"inputs", "outputs", "classes"} as tuples (classes None for
    regression), or None when the file has no names."""

    network: Network
    X: np.ndarray | None
    Y: np.ndarray | None
    names: dict | None = None

    def __iter__(self):  # `net, X, Y = from_dict(d)`, as before names were saved
        return iter((self.network, self.X, self.Y))


def to_dict(net: Network, X=None, Y=None, names=None) -> dict:
    """{format, version, sizes, activations, loss, weights, biases[, X, Y][, names]}; lists in
    k order. names: anything with .inputs, .outputs, .classes (checked by `check_names`)."""
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
    if names is not None:
        checked = check_names(names.inputs, names.outputs, names.classes, net.sizes)
        d["names"] = {k: None if v is None else list(v) for k, v in checked.items()}
    return d


def check_names(inputs, outputs, classes, sizes) -> dict:
    """{"inputs", "outputs", "classes"} as tuples when they can name the data of a network of
    `sizes`: one name per input and per output, classes None or one per class (two for a single
    0/1 output, else one per output), each name 1..MAX_NAME printable characters, all together
    at most MAX_NAMES_BYTES. CoreError otherwise; its message never repeats a name."""
    n_in, n_out = sizes[0], sizes[-1]
    groups = {"inputs": inputs, "outputs": outputs, "classes": classes}
    limits = {"inputs": MAX_INPUTS, "outputs": MAX_OUTPUTS, "classes": MAX_CLASSES}
    for field, names in groups.items():
        if names is None and field == "classes":
            continue
        if not isinstance(names, (list, tuple)) or len(names) > limits[field]:
            raise CoreError(f"names.{field}", f"a list of at most {limits[field]} names")
    n_classes = 2 if n_out == 1 else n_out
    for field, count, what in (
        ("inputs", n_in, "one per input"),
        ("outputs", n_out, "one per output"),
        ("classes", n_classes, "one per class" if n_out > 1 else "of 0 and of 1"),
    ):
        if groups[field] is not None and len(groups[field]) != count:
            raise CoreError(f"names.{field}", f"{count} name{'s' * (count != 1)} ({what})")
    total = 0
    for field, names in groups.items():
        for n, name in enumerate(names or ()):
            if not _printable(name):
                raise CoreError(
                    f"names.{field}[{n}]", f"1 to {MAX_NAME} characters of printable text"
                )
            total += len(name.encode("utf-8"))
    if total > MAX_NAMES_BYTES:
        raise CoreError("names", f"at most {MAX_NAMES_BYTES} bytes of text in all")
    return {k: None if v is None else tuple(v) for k, v in groups.items()}


def _printable(name) -> bool:
    """Text a page can show as it is: no control, format (bidi), private or unassigned
    characters, no line breaks, not only spaces."""
    return (
        isinstance(name, str)
        and 1 <= len(name) <= MAX_NAME
        and bool(name.strip())
        and all(unicodedata.category(c)[0] != "C" and c not in "\u2028\u2029" for c in name)
    )


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
    """(network, X or None, Y or None) from `to_dict`'s output; CoreError on anything else,
    including a network beyond the app's limits (core/limits.py)."""
    if not isinstance(d, dict):
        raise CoreError("file", "a JSON object", type(d).__name__)
    if d.get("format") != FORMAT:
        raise CoreError("format", repr(FORMAT), d.get("format"))
    if d.get("version") != VERSION:
        raise CoreError("version", str(VERSION), d.get("version"))
    sizes = check_sizes(d.get("sizes"))
    check_app_sizes(sizes)  # a file is opened by the pages, which draw every neuron
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
    names = d.get("names")
    if names is not None:
        if not isinstance(names, dict) or set(names) != {"inputs", "outputs", "classes"}:
            raise CoreError("names", "an object with inputs, outputs and classes")
        names = check_names(names["inputs"], names["outputs"], names["classes"], sizes)
    return Saved(net, X, Y, names)

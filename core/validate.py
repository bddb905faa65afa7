"""Checks shared by every entry point: each failure is a CoreError naming the field."""

from __future__ import annotations

import numpy as np

from .errors import CoreError

# Limits that keep a hostile or mistaken size from exhausting memory.
MAX_LAYERS = 64
MAX_NEURONS = 4096
MAX_PARAMETERS = 2_000_000
MAX_EXAMPLES = 200_000


def as_matrix(value, field: str, shape: tuple[int | None, int | None]) -> np.ndarray:
    """A finite float64 2-D array of the given shape (None: any size ≥ 1)."""
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError) as exc:  # OverflowError: ints ≥ 2¹⁰²⁴
        raise CoreError(field, "a matrix of numbers", type(value).__name__) from exc
    if arr.ndim != 2:
        raise CoreError(field, f"a 2-D matrix of shape {_fmt(shape)}", f"{arr.ndim}-D array")
    for axis, want in enumerate(shape):
        if want is not None and arr.shape[axis] != want:
            raise CoreError(field, f"shape {_fmt(shape)}", f"shape {arr.shape}")
        if arr.shape[axis] < 1:
            raise CoreError(field, "at least one row and one column", f"shape {arr.shape}")
    if not np.isfinite(arr).all():
        raise CoreError(field, "finite numbers (no nan or inf)", "a non-finite value")
    return arr


def as_vector(value, field: str, length: int) -> np.ndarray:
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError) as exc:
        raise CoreError(field, "a vector of numbers", type(value).__name__) from exc
    if arr.shape != (length,):
        raise CoreError(field, f"a vector of length {length}", f"shape {arr.shape}")
    if not np.isfinite(arr).all():
        raise CoreError(field, "finite numbers (no nan or inf)", "a non-finite value")
    return arr


def check_sizes(sizes, field: str = "sizes") -> tuple[int, ...]:
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
        raise CoreError(field, "a list of layer sizes [n⁽⁰⁾, …, n⁽ᴸ⁾]", sizes)
    if not 2 <= len(sizes) <= MAX_LAYERS + 1:
        raise CoreError(field, f"between 2 and {MAX_LAYERS + 1} layer sizes", len(sizes))
    out = []
    for k, n in enumerate(sizes):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
            raise CoreError(f"{field}[{k}]", "a whole number of neurons", n)
        if not 1 <= n <= MAX_NEURONS:
            raise CoreError(f"{field}[{k}]", f"between 1 and {MAX_NEURONS} neurons", n)
        out.append(int(n))
    params = sum(out[k] * out[k - 1] + out[k] for k in range(1, len(out)))
    if params > MAX_PARAMETERS:
        raise CoreError(field, f"at most {MAX_PARAMETERS:,} parameters", f"{params:,}")
    return tuple(out)


def _ready(arr, n_cols: int, m: int | None = None) -> bool:
    """Already a finite float64 matrix of the right shape: skip the copying checks (hot path)."""
    return (
        isinstance(arr, np.ndarray)
        and arr.dtype == np.float64
        and arr.ndim == 2
        and arr.shape[1] == n_cols
        and arr.shape[0] >= 1
        and (m is None or arr.shape[0] == m)
        and bool(np.isfinite(arr).all())
    )


def as_targets(Y, m: int, n_out: int) -> np.ndarray:
    if _ready(Y, n_out, m):
        return Y
    return as_matrix(np.atleast_2d(_array(Y, "Y")), "Y", (m, n_out))


def as_data(X, Y, n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray | None]:
    """X as m × n⁽⁰⁾ (a 1-D x is one example) and Y as m × n⁽ᴸ⁾ or None.

    Arrays that already fit are used as they are (not copied): core never writes to them.
    """
    if not _ready(X, n_in):
        X = as_matrix(np.atleast_2d(_array(X, "X")), "X", (None, n_in))
    if X.shape[0] > MAX_EXAMPLES:
        raise CoreError("X", f"at most {MAX_EXAMPLES:,} examples", X.shape[0])
    if Y is None:
        return X, None
    return X, as_targets(Y, X.shape[0], n_out)


def _array(value, field):
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError) as exc:
        raise CoreError(field, "a matrix of numbers", type(value).__name__) from exc


def _fmt(shape) -> str:
    return " × ".join("m" if s is None else str(s) for s in shape)


def frozen(arr: np.ndarray) -> np.ndarray:
    arr = np.array(arr, dtype=np.float64, copy=True)
    arr.setflags(write=False)
    return arr


def check_index(field: str, value, first: int, last: int, what: str = "an index") -> int:
    """A layer, neuron or example index in first..last, never wrapped like a negative numpy
    index; bools and floats are refused."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise CoreError(field, "a whole number", value)
    if not first <= value <= last:
        raise CoreError(field, f"{what} from {first} to {last}", value)
    return int(value)

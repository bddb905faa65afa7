"""Evaluating a network over data and over the input plane (for training charts)."""

from __future__ import annotations

import numpy as np

from .errors import CoreError
from .forward import forward
from .network import Network

MAX_GRID = 300


def predict(net: Network, X) -> np.ndarray:
    """a⁽ᴸ⁾ for every row of X."""
    return forward(net, X).output


def accuracy(net: Network, X, Y) -> float:
    """Fraction classified right: argmax for several outputs, threshold 0.5 for one."""
    out = predict(net, X)
    Y = np.asarray(Y, float)
    if out.shape[1] == 1:
        return float(((out[:, 0] >= 0.5) == (Y[:, 0] >= 0.5)).mean())
    return float((out.argmax(axis=1) == Y.argmax(axis=1)).mean())


def grid(x_range, y_range, resolution: int = 60) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """xs (r), ys (r) and the r² points of the plane as rows (x varies fastest)."""
    if isinstance(resolution, bool) or not isinstance(resolution, (int, np.integer)):
        raise CoreError("resolution", "a whole number", resolution)
    if not 2 <= resolution <= MAX_GRID:
        raise CoreError("resolution", f"from 2 to {MAX_GRID} points per side", resolution)
    xs = np.linspace(float(x_range[0]), float(x_range[1]), int(resolution))
    ys = np.linspace(float(y_range[0]), float(y_range[1]), int(resolution))
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.c_[gx.ravel(), gy.ravel()]


def predict_grid(net: Network, x_range, y_range, resolution: int = 60):
    """(xs, ys, outputs r × r × n⁽ᴸ⁾) of a network with two inputs over a rectangle."""
    if net.sizes[0] != 2:
        raise CoreError("network", "two inputs to draw over the plane", net.sizes[0])
    xs, ys, points = grid(x_range, y_range, resolution)
    out = predict(net, points)
    return xs, ys, out.reshape(len(ys), len(xs), -1)


def data_range(X: np.ndarray, margin: float = 0.15) -> tuple[tuple[float, float], ...]:
    """A rectangle around the data, per input column, widened by `margin` (at least ±0.5,
    so a single example still gets a readable neighbourhood)."""
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = np.maximum((hi - lo) * margin, 0.5)
    return tuple((float(a - p), float(b + p)) for a, b, p in zip(lo, hi, pad))

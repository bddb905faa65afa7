"""Seeded toy datasets: X (m × 2, or m × 1 for `sine`) and targets Y ready for a loss.

Binary tasks give Y as m × 1 in {0, 1}; `spiral` and `blobs` give one-hot rows (m × classes);
`sine` gives real targets (m × 1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import CoreError
from .validate import MAX_EXAMPLES


@dataclass(frozen=True, eq=False)
class Dataset:
    name: str
    X: np.ndarray
    Y: np.ndarray
    task: str  # "binary", "multiclass" or "regression"

    @property
    def labels(self) -> np.ndarray:
        """The class of each example (regression: Y itself as a vector)."""
        if self.task == "multiclass":
            return self.Y.argmax(axis=1)
        return self.Y[:, 0] if self.task == "regression" else self.Y[:, 0].astype(int)


def _one_hot(labels: np.ndarray, classes: int) -> np.ndarray:
    return np.eye(classes)[labels]


def _xor(n, noise, rng, classes):
    X = rng.uniform(-1, 1, (n, 2))
    y = (X[:, 0] * X[:, 1] < 0).astype(float)  # positive in the 2nd and 4th quadrants
    return X + rng.normal(0, noise, X.shape), y[:, None], "binary"


def _circles(n, noise, rng, classes):
    inner = np.arange(n) % 2 == 0
    radius = np.where(inner, 0.5, 1.0)
    angle = rng.uniform(0, 2 * np.pi, n)
    X = np.c_[radius * np.cos(angle), radius * np.sin(angle)]
    return X + rng.normal(0, noise, X.shape), inner.astype(float)[:, None], "binary"


def _moons(n, noise, rng, classes):
    upper = np.arange(n) % 2 == 0
    t = rng.uniform(0, np.pi, n)
    X = np.where(upper[:, None], np.c_[np.cos(t), np.sin(t)], np.c_[1 - np.cos(t), 0.5 - np.sin(t)])
    X = (X - [0.5, 0.25]) / 1.2
    return X + rng.normal(0, noise, X.shape), upper.astype(float)[:, None], "binary"


def _spiral(n, noise, rng, classes):
    labels = np.arange(n) % classes
    r = rng.uniform(0.05, 1.0, n)
    angle = labels * 2 * np.pi / classes + 1.75 * np.pi * r
    X = np.c_[r * np.cos(angle), r * np.sin(angle)]
    return X + rng.normal(0, noise, X.shape), _one_hot(labels, classes), "multiclass"


def _blobs(n, noise, rng, classes):
    labels = np.arange(n) % classes
    centres = (
        0.6
        * np.c_[
            np.cos(2 * np.pi * np.arange(classes) / classes),
            np.sin(2 * np.pi * np.arange(classes) / classes),
        ]
    )
    X = centres[labels] + rng.normal(0, 0.15 + noise, (n, 2))
    return X, _one_hot(labels, classes), "multiclass"


def _sine(n, noise, rng, classes):
    x = rng.uniform(-np.pi, np.pi, n)
    return x[:, None], (np.sin(x) + rng.normal(0, noise, n))[:, None], "regression"


DATASETS = {
    "xor": _xor,
    "circles": _circles,
    "moons": _moons,
    "spiral": _spiral,
    "blobs": _blobs,
    "sine": _sine,
}


def make_dataset(name: str, n: int = 200, noise: float = 0.1, seed: int = 0, classes: int = 3):
    """`n` examples of dataset `name` with Gaussian `noise`; `classes` for spiral and blobs."""
    if not isinstance(name, str) or name not in DATASETS:
        raise CoreError("dataset", f"one of {sorted(DATASETS)}", name)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= MAX_EXAMPLES:
        raise CoreError("n", f"a whole number of examples from 1 to {MAX_EXAMPLES:,}", n)
    if isinstance(noise, bool) or not isinstance(noise, (int, float)) or not 0 <= noise <= 10:
        raise CoreError("noise", "a number from 0 to 10", noise)
    if (
        isinstance(classes, bool)
        or not isinstance(classes, (int, np.integer))
        or not 2 <= classes <= 10
    ):
        raise CoreError("classes", "a whole number from 2 to 10", classes)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise CoreError("seed", "a whole number ≥ 0", seed)
    rng = np.random.default_rng(int(seed))
    X, Y, task = DATASETS[name](int(n), float(noise), rng, int(classes))
    return Dataset(name, np.asarray(X, float), np.asarray(Y, float), task)


def train_test_split(data: Dataset, test_fraction: float = 0.2, seed: int = 0):
    """Two Datasets; the test part has round(m · test_fraction) examples (at least one left)."""
    if not isinstance(test_fraction, (int, float)) or not 0 <= test_fraction < 1:
        raise CoreError("test_fraction", "a number from 0 to below 1", test_fraction)
    m = data.X.shape[0]
    n_test = min(int(round(m * test_fraction)), m - 1)
    order = np.random.default_rng(seed).permutation(m)
    test, tr = order[:n_test], order[n_test:]
    return (
        Dataset(data.name, data.X[tr], data.Y[tr], data.task),
        Dataset(data.name, data.X[test], data.Y[test], data.task),
    )

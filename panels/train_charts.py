"""The Train page's charts of a run: built here once, so bench/live_training.py builds exactly
what the page draws after each chunk."""

from __future__ import annotations

import numpy as np

import core
import figures
from ui.training import EVAL_EVERY, Run

SAMPLED = ("test E", "train accuracy", "test accuracy")  # loss_curves' names of those series


def history(run: Run) -> list:
    """The error curves and the gradient sizes of `run` (each curve ≤ 1,000 points).

    Test E and the accuracies are measured every EVAL_EVERY-th epoch (`run.sampled`);
    figures.loss_curves numbers a series' points 1, 2, 3 …, so their x is set to the epochs
    they were measured at here, and their names say how often."""
    curves = figures.loss_curves(
        run.loss, run.test_loss or None, run.acc or None, run.test_acc or None
    )
    sampled = np.asarray(run.sampled)
    for trace in curves.data:
        if trace.name in SAMPLED:
            trace.x = sampled[np.asarray(trace.x, int) - 1]
            trace.name = f"{trace.name} (every {EVAL_EVERY} epochs)"
    return [curves, figures.gradient_norms(run.delta_norm, run.grad_norm)]


def model(net: core.Network, train_set: core.Dataset, names=None):
    """The decision boundary (2 inputs, classes), the fitted curve (1 input, 1 output), or None
    when neither applies."""
    X, Y = train_set.X, train_set.Y
    if net.sizes[0] == 2 and train_set.task != "regression":
        (xr, yr) = core.data_range(X)
        xs, ys, out = core.predict_grid(net, xr, yr, 50)
        labels = train_set.labels.astype(int)
        return figures.decision_boundary(xs, ys, out, X, labels, names=names)
    if net.sizes[0] == 1 and net.sizes[-1] == 1:
        (xr,) = core.data_range(X)
        xs, _, _ = core.grid(xr, (0, 0), 200)
        pred = core.predict(net, xs[:, None])[:, 0]
        return figures.regression_fit(X, Y, xs, pred, names=names)
    return None

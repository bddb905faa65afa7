"""The Train page's charts of a run: built here once, so bench/live_training.py builds exactly
what the page draws after each chunk."""

from __future__ import annotations

import numpy as np

import core
import figures
from ui.training import EVAL_EVERY, Run

GRID = 50  # points per side of the decision boundary's grid
PLAYING_GRID = 30  # while playing: a third of the cells, redrawn a few times a second


def history(run: Run) -> list:
    """The error curves and the gradient sizes of `run` (each curve ≤ 1,000 points). Test E
    and the accuracies are drawn at the epochs they were measured at (`run.sampled`).
    The run's figures of the last refresh are reused (`run.drawn`): only their numbers change."""
    curves = figures.loss_curves(
        run.loss,
        run.test_loss or None,
        run.acc or None,
        run.test_acc or None,
        sampled=run.sampled,
        every=EVAL_EVERY,
        into=run.drawn.get("curves"),
    )
    norms = figures.gradient_norms(
        _rows(run, "delta_norm"), _rows(run, "grad_norm"), into=run.drawn.get("norms")
    )
    run.drawn.update(curves=curves, norms=norms)
    return [curves, norms]


def _rows(run: Run, name: str) -> np.ndarray:
    """run.<name> (a list of per-epoch lists) as an epochs × L array, converting only the
    epochs added since the last refresh: converting 50,000 lists again took ~20 ms."""
    rows = getattr(run, name)
    width = len(rows[0]) if rows else 0
    done = run.drawn.get(name)
    if done is None or len(done) > len(rows) or done.shape[1] != width:
        done = np.empty((0, width))
    if len(done) < len(rows):
        done = np.vstack([done, np.asarray(rows[len(done) :], float)])
    run.drawn[name] = done
    return done


def model(
    net: core.Network, train_set: core.Dataset, names=None, grid: int = GRID, run: Run | None = None
):
    """The decision boundary (2 inputs, classes) over a grid × grid plane (PLAYING_GRID while
    playing), the fitted curve (1 input, 1 output), or None when neither applies. With `run`,
    the boundary of its last refresh is reused when only the network has changed since."""
    X, Y = train_set.X, train_set.Y
    if net.sizes[0] == 2 and train_set.task != "regression":
        (xr, yr) = core.data_range(X)
        xs, ys, out = core.predict_grid(net, xr, yr, grid)
        labels = train_set.labels.astype(int)
        before, was = run.drawn.get("model", (None, None)) if run else (None, None)
        key = (X, Y, names, grid, out.shape[2])
        into = before if was is not None and _same(was, key) else None
        fig = figures.decision_boundary(xs, ys, out, X, labels, names=names, into=into)
        if run is not None:
            run.drawn["model"] = (fig, key)
        return fig
    if net.sizes[0] == 1 and net.sizes[-1] == 1:
        (xr,) = core.data_range(X)
        xs, _, _ = core.grid(xr, (0, 0), 200)
        pred = core.predict(net, xs[:, None])[:, 0]
        return figures.regression_fit(X, Y, xs, pred, names=names)
    return None


def _same(before: tuple, now: tuple) -> bool:
    """The same data arrays (the very objects), names, grid and number of outputs."""
    (X0, Y0, *rest0), (X1, Y1, *rest1) = before, now
    return X0 is X1 and Y0 is Y1 and rest0 == rest1

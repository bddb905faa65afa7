"""Helpers the figure tests share (a plain module: tests/ has no __init__.py)."""

import numpy as np


def heatmaps(fig_or_frame) -> list:
    return [t for t in fig_or_frame.data if t.type == "heatmap"]


def click_layers(fig) -> list:
    return [t for t in fig.data if t.type == "scatter" and t.customdata is not None]


def close(shown, exact) -> bool:
    """Equal up to the rounding to 4 significant digits that figures apply."""
    shown = np.asarray(shown, dtype=float)
    exact = np.atleast_2d(np.asarray(exact, dtype=float))
    return shown.shape == exact.shape and np.allclose(shown, exact, rtol=6e-4, atol=1e-300)

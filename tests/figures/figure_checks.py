"""Helpers the figure tests share (a plain module: tests/ has no __init__.py)."""

import numpy as np

from cards.numbers import fmt


def heatmaps(fig_or_frame) -> list:
    return [t for t in fig_or_frame.data if t.type == "heatmap"]


def click_layers(fig) -> list:
    return [t for t in fig.data if t.type == "scatter" and t.customdata is not None]


def close(shown, exact) -> bool:
    """Equal up to the rounding to 4 significant digits that figures apply."""
    shown = np.asarray(shown, dtype=float)
    exact = np.atleast_2d(np.asarray(exact, dtype=float))
    return shown.shape == exact.shape and np.allclose(shown, exact, rtol=6e-4, atol=1e-300)


def shows(text: str, value: float, *, sign: bool = False, digits: int = 4) -> bool:
    """`text` is `value` written as the cards write it: by cards.numbers.fmt (true minus,
    zero as "0", "+" only when `sign`), to `digits` significant digits of the expected value."""
    if value == 0:
        return text == "0"
    read = float(text.replace("−", "-"))
    near = abs(read - value) <= 0.50001 * 10.0 ** (1 - digits) * abs(value)
    return text == fmt(read, digits, sign=sign) and near


def click_layer_of(fig, heat):
    """The click layer drawn over `heat` (same axes, named after it), or None."""
    found = [
        t
        for t in click_layers(fig)
        if t.xaxis == heat.xaxis and t.yaxis == heat.yaxis and t.name == f"{heat.name} (click)"
    ]
    assert len(found) <= 1
    return found[0] if found else None


def check_cells(fig, heat, expected, *, rows=None, click=None, k=None) -> None:
    """Every cell of `heat` is the expected array's cell: its colour value z, its written text,
    its hover, and (click="delta", …) the click layer's point [click, k, row, col] on it."""
    expected = np.atleast_2d(np.asarray(expected, dtype=float))
    n_rows, n_cols = expected.shape
    rows = list(range(n_rows) if rows is None else rows)
    assert list(heat.y) == rows and list(heat.x) == list(range(n_cols))
    assert close(heat.z, expected)
    assert heat.zmin == -heat.zmax and heat.zmid == 0  # diverging: centred at 0
    if heat.text is not None:
        assert all(
            shows(heat.text[r][c], expected[r, c], sign=True)
            for r in range(n_rows)
            for c in range(n_cols)
        )
    layer = click_layer_of(fig, heat)
    if click is None:
        assert layer is None
        assert "%{customdata}" in heat.hovertemplate and f"{heat.name} =" in heat.hovertemplate
        for r in range(n_rows):
            for c in range(n_cols):
                assert shows(heat.customdata[r][c], expected[r, c]), (r, c)
        return
    assert heat.hoverinfo == "skip" and layer is not None
    assert "%{text}" in layer.hovertemplate and f"{heat.name} =" in layer.hovertemplate
    seen = set()
    for x, y, data, text in zip(layer.x, layer.y, layer.customdata, layer.text):
        kind, k_got, row, col = data
        assert (kind, k_got) == (click, k) and (x, y) == (col, row)
        assert shows(text, expected[rows.index(row), col]), (row, col)
        seen.add((row, col))
    assert seen == {(r, c) for r in rows for c in range(n_cols)}
    assert len(layer.customdata) == len(seen)

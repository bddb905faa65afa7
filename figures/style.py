"""What every figure shares: the diverging colour scale, number formats, sizes, notation.

Colours: ColorBrewer RdBu (colour-blind safe), negative red, positive blue, near-white at 0,
always centred at zero with a symmetric range −zmax..+zmax.
"""

from __future__ import annotations

import numpy as np

from cards.names import beside, input_name
from cards.numbers import DIGITS, fmt, fmt_all

# ColorBrewer RdBu, 11 classes, from negative (red) to positive (blue).
DIVERGING = [
    [i / 10, c]
    for i, c in enumerate(
        [
            "rgb(103,0,31)",
            "rgb(178,24,43)",
            "rgb(214,96,77)",
            "rgb(244,165,130)",
            "rgb(253,219,199)",
            "rgb(247,247,247)",
            "rgb(209,229,240)",
            "rgb(146,197,222)",
            "rgb(67,147,195)",
            "rgb(33,102,172)",
            "rgb(5,48,97)",
        ]
    )
]
NEGATIVE = "rgb(178,24,43)"  # one hue for θ < 0 (diagram connections)
POSITIVE = "rgb(33,102,172)"  # the other for θ > 0
NEUTRAL = "rgb(247,247,247)"
EMPHASIS = "rgba(230,159,0,0.22)"  # Okabe–Ito orange, translucent: a highlighted layer's band
OUTLINE = "rgb(40,40,40)"

# Okabe–Ito: distinct categorical colours for outputs j (colour-blind safe).
CATEGORICAL = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]

TEXT_MAX = 12  # cells carry their value as text when rows ≤ TEXT_MAX and columns ≤ TEXT_MAX
MAX_EXAMPLES_SHOWN = 64  # examples × neurons heatmaps show at most this many rows
SIG_DIGITS = DIGITS  # values in figure data are rounded as they are written
ZMAX_FLOOR = 1e-12  # an all-zero matrix still gets a valid, symmetric range
CONTENT_WIDTH = 1100  # the page's content width in px that layouts are planned for
FONT = dict(size=12)


def frame(*, height: int, margin: dict) -> dict:
    """The layout every matrix-like figure shares (white plot, closest hover, the app's font),
    with its own height and margins: fig.update_layout(**frame(height=…, margin=…), …)."""
    return dict(
        height=height,
        autosize=True,  # pragma: no mutate
        font=FONT,  # pragma: no mutate
        margin=margin,
        plot_bgcolor="white",  # pragma: no mutate
        hovermode="closest",  # pragma: no mutate
    )


_SUP = str.maketrans("0123456789-+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")
_SUB = str.maketrans("0123456789-+", "₀₁₂₃₄₅₆₇₈₉₋₊")


def sup(value) -> str:
    """'⁽¹²⁾' for 12: the layer superscript of docs/NOTATION.md."""
    return "⁽" + str(value).translate(_SUP) + "⁾"


def sub(value) -> str:
    return str(value).translate(_SUB)


def round_sig(values, digits: int = SIG_DIGITS) -> np.ndarray:
    """values rounded to `digits` significant digits (keeps figure JSON small)."""
    x = np.asarray(values, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        mag = np.where(x == 0, 0, np.floor(np.log10(np.abs(x))))
    scale = 10.0 ** (digits - 1 - mag)
    return np.round(x * scale) / scale


def signed(value: float, digits: int = DIGITS) -> str:
    """'+0.08317', '−0.02311', '0': a heatmap cell's text, by the one formatter of the app."""
    return fmt(value, digits, sign=True)


def number_text(values, digits: int = DIGITS, sign: bool = False) -> list:
    """Every number of `values` written by `fmt`, as nested lists of the same shape: the text
    a hover or a cell shows, so it reads exactly as the cards write the same number."""
    x = np.asarray(values, dtype=float)
    if x.ndim == 0:
        return fmt(x, digits, sign)
    written = np.array(fmt_all(x, digits, sign), dtype=object)
    return written.reshape(x.shape).tolist()


PLANE_HOVER = "x₀ = %{customdata[0]}, x₁ = %{customdata[1]}<br>"  # over plane_text


def plane_hover(names=None) -> str:
    """PLANE_HOVER, with the user's input names beside x₀ and x₁ when there are any."""
    if names is None:
        return PLANE_HOVER
    x0, x1 = (beside(f"x{sub(j)}", input_name(names, j)) for j in (0, 1))
    return f"{x0} = %{{customdata[0]}}, {x1} = %{{customdata[1]}}<br>"


def plane_text(xs, ys, *grids) -> list:
    """Per cell of a grid over the plane (rows follow ys, columns xs): [x₀, x₁, then each
    grid's value at the cell], all written by `fmt`, for a heatmap's customdata."""
    x_text, y_text = number_text(xs), number_text(ys)
    values = [number_text(g) for g in grids]
    return [
        [[x_text[c], y_text[r], *(v[r][c] for v in values)] for c in range(len(xs))]
        for r in range(len(ys))
    ]


def signed_text(values: np.ndarray) -> list[list[str]]:
    return number_text(np.atleast_2d(values), sign=True)


def symmetric_max(*arrays) -> float:
    """max |value| over the arrays (at least ZMAX_FLOOR): the half-width of a range at 0."""
    biggest = max((float(np.max(np.abs(a))) for a in arrays if np.size(a)), default=0.0)
    return max(biggest, ZMAX_FLOOR) if np.isfinite(biggest) else 1.0


def wants_text(rows: int, cols: int, limit: int = TEXT_MAX) -> bool:
    return rows <= limit and cols <= limit


def shape_label(rows: int, cols: int) -> str:
    return f"({rows} × {cols})"


def example_rows(m: int, cap: int = MAX_EXAMPLES_SHOWN, example: int | None = None) -> range:
    """The examples an examples × neurons heatmap shows: the first `cap`, or a window of
    `cap` rows that contains `example`."""
    if m <= cap:
        return range(m)
    start = 0 if example is None or example < cap else min(example - cap // 2, m - cap)
    return range(start, start + cap)


def rows_note(rows: range, m: int) -> str:
    """'' when every example is shown, else ' — examples 0–63 of 500'."""
    if len(rows) == m:
        return ""
    return f" — examples {rows.start}–{rows.stop - 1} of {m}"


def heatmap_height(rows: int, *, low: int = 220, high: int = 480, per_row: int = 26) -> int:
    """A height in px that shows `rows` rows legibly and never exceeds a laptop screen."""
    return int(np.clip(110 + per_row * rows, low, high))  # pragma: no mutate

"""How a number is written on screen: the one formatter of cards and figures.

4 significant digits everywhere (plain text, LaTeX, heatmap cells and hovers), a true minus
sign, zero as "0", an explicit "+" only where a column mixes signs.
"""

from __future__ import annotations

import math
import re

import numpy as np

DIGITS = 4  # significant digits of every number on screen
ERROR_DIGITS = 6  # the error E gets more, so the change of one small step shows


def fmt(x: float, digits: int = DIGITS, sign: bool = False) -> str:
    """The one way a number is written in plain text, on cards, tables, hovers and cells.

    `digits` significant digits (4 by default), a true minus sign, "+" only when `sign` is
    asked for (tables and heatmap cells that mix signs), zero always "0" (never "+0" or "−0"),
    and a short exponent for very small or large numbers: 0.08217, −0.0226, +1.5, 1.2e−7.
    """
    x = float(x)
    if not math.isfinite(x):
        return {math.inf: "∞", -math.inf: "−∞"}.get(x, "nan")
    if x == 0:
        return "0"
    text = f"{x:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    text = text.replace("-", "−")
    if sign and x > 0:
        text = "+" + text
    return text


_EXPONENT = re.compile(r"e([+-])0*(?=\d)")  # "e-07" → "e-7", "e+10" → "e10", as int() writes it


def fmt_all(values, digits: int = DIGITS, sign: bool = False) -> list[str]:
    """[fmt(v, digits, sign) for v in values] for a 1-D array, 3× faster: each refresh of a
    live run writes ~10,000 hover numbers. The same rules, applied to all the numbers joined
    in one string."""
    x = np.asarray(values, dtype=float).ravel()
    x = np.where(x == 0, 0.0, x)  # −0.0 is written "0" too
    spec = f".{digits}g"
    text = "\n".join([format(v, spec) for v in x.tolist()])
    text = _EXPONENT.sub(lambda m: "e−" if m[1] == "-" else "e", text)
    text = text.replace("-", "−").replace("inf", "∞")
    if sign:
        text = re.sub(r"^(?=[0-9])(?!0$)", "+", text, flags=re.M)
    return text.split("\n") if x.size else []


def tex_num(x: float, digits: int = DIGITS, paren_negative: bool = False) -> str:
    """LaTeX: 1.2\\times10^{-7} instead of 1.2e-07; negatives in parentheses when asked."""
    x = float(x)
    if not math.isfinite(x):
        return r"\text{" + str(x) + "}"
    if x == 0:
        return "0"  # never "-0"
    text = f"{x:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = rf"{mantissa}\times10^{{{int(exponent)}}}"
    if paren_negative and x < 0:
        text = f"({text})"
    return text


def bmatrix(arr, digits: int = DIGITS) -> str:
    """A LaTeX matrix of the numbers (a 1-D array is one row)."""
    arr = np.atleast_2d(arr)
    rows = [" & ".join(tex_num(v, digits) for v in row) for row in arr]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def layer_sup(k: int) -> str:
    """'⁽²⁾': the layer superscript of docs/NOTATION.md, for plain-text labels."""
    return "⁽" + str(k).translate(_SUP) + "⁾"


def index_sub(*indices: int) -> str:
    return "".join(str(i).translate(_SUB) for i in indices)


def sum_lines(pieces: list[str], per_line: int = 3, tail: str = "") -> list[str]:
    """A long sum as several LaTeX lines ("= a + b + c", "+ d + e"), so no card is wider than
    its column; `tail` is appended to the last line."""
    lines = []
    for start in range(0, max(len(pieces), 1), per_line):
        chunk = " + ".join(pieces[start : start + per_line])
        lines.append(("= " if start == 0 else r"\quad + ") + chunk)
    lines[-1] += tail
    return lines

"""What one cell of a user's table is: a number, missing, infinite, a formula, or text.

Shared by the reader (table.py) and the target rules (target.py), so a cell means the same
thing everywhere, and every message names a cell the way a spreadsheet shows it.
"""

from __future__ import annotations

import math
import re

# A plain decimal number: no thousands separators, no underscores, no hex (float() would take
# "1_000" and "nan"; a spreadsheet would not show those as numbers).
_DIGITS = r"[+-]?(?:\d+{p}?\d*|{p}\d+)(?:[eE][+-]?\d+)?"
_NUMBER = {".": re.compile(_DIGITS.format(p=r"\.")), ",": re.compile(_DIGITS.format(p=","))}

# How spreadsheets and pandas write a missing value; compared case-insensitively.
MISSING = frozenset({"", "-", "?", "na", "n/a", "nan", "null", "none"})
INFINITE = frozenset({"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"})
# A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets.
FORMULA_START = ("=", "+", "-", "@")


def is_number(cell: str, decimal: str = ".") -> bool:
    """True for "1.5", "-2", "3e-7", ".5" (or "1,5" with a decimal comma)."""
    return _NUMBER[decimal].fullmatch(cell) is not None


def number(cell: str, decimal: str = ".") -> float | None:
    """The finite float a number cell writes, else None ("1e999" is a number but not finite).

    Exact: Python's float() rounds correctly, so repr(x) read back gives x bit for bit.
    """
    if not is_number(cell, decimal):
        return None
    x = float(cell.replace(",", ".") if decimal == "," else cell)
    return x if math.isfinite(x) else None


def is_missing(cell: str) -> bool:
    return cell.casefold() in MISSING


def is_infinite(cell: str) -> bool:
    return cell.casefold() in INFINITE


def is_formula(cell: str, decimal: str = ".") -> bool:
    """A text cell a spreadsheet would run: "=cmd|' /C calc'!A0", "@SUM(1)", "-x" (not "-1.5").

    Only what follows the first character counts: "=5" is not refused here (it is just text);
    "-inf" is an infinity, caught with its own message.
    """
    if len(cell) < 2 or not cell.startswith(FORMULA_START):
        return False
    return not (is_number(cell, decimal) or is_number(cell[1:], decimal) or is_infinite(cell))


def letter(column: int) -> str:
    """Spreadsheet column letter of a 1-based column: 1 → A, 26 → Z, 27 → AA."""
    text = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def shown(cell: str, limit: int = 20) -> str:
    """A cell as a message quotes it: repr-escaped (control characters visible), shortened."""
    return repr(cell) if len(cell) <= limit else repr(cell[:limit]) + "…"


class TableError(ValueError):
    """A user's table that cannot be used: one sentence naming the row and column if it can.

    `row` is 1-based as a spreadsheet shows it (the header is row 1), `column` is 1-based
    (A = 1); both None when the problem is not one cell.
    """

    def __init__(self, message: str, row: int | None = None, column: int | None = None):
        super().__init__(message)
        self.row = row
        self.column = column

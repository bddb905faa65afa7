"""Read a user's CSV (uploaded or pasted) into a `Table`, or one `TableError` sentence.

pandas splits the text into fields (quotes, delimiters, line ends); this module decides what
the fields mean: which delimiter, which decimal mark, whether the first row is a header, and
which columns hold numbers. Limits are checked before parsing (bytes) and right after (rows,
columns), so a huge or hostile file costs little.

Encodings (my call): UTF-8 with or without a BOM first; UTF-16 when it starts with its BOM
(Excel's "Unicode text"); otherwise cp1252, which is what Excel on Windows writes as "CSV".
Text that still holds NUL or other control characters is refused as not text.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from math import nan

import pandas as pd

from core.limits import MAX_INPUTS, MAX_OUTPUTS

from .cells import (
    TableError,
    is_formula,
    is_missing,
    is_number,
    letter,
    number,
    shown,
)


@dataclass(frozen=True)
class Limits:
    bytes: int = 5 * 1024 * 1024  # "5 MB"
    rows: int = 5000  # data rows, the header not counted
    columns: int = 30  # columns in the file; the user then picks the inputs among them
    inputs: int = MAX_INPUTS  # n⁽⁰⁾ the app can draw
    classes: int = MAX_OUTPUTS  # one output per class


LIMITS = Limits()
DELIMITERS = ("\t", ";", ",")  # preferred in this order when more than one splits evenly
_SNIFF_LINES = 50
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # Unicode Cc but tab, LF, CR


@dataclass(frozen=True, eq=False)
class Table:
    """A parsed table: `cells` is the text of every cell (stripped), `frame` the same table
    with its numeric columns as float64 (a missing cell is NaN); both have the column names
    as strings. `rows[i]` is the spreadsheet row of data row i, `columns[name]` the 1-based
    spreadsheet column (A = 1) of a column; messages name cells by them.
    """

    cells: pd.DataFrame
    frame: pd.DataFrame
    numeric: tuple[str, ...]  # columns whose every cell is a finite number or missing
    rows: tuple[int, ...]
    columns: dict[str, int]
    header: bool
    delimiter: str
    decimal: str  # "." or ","

    def where(self, i: int, name: str) -> str:
        """'Row 4, column B ("mass")' for data row i (0-based) of column `name`."""
        return f"Row {self.rows[i]}, {self.column_text(name)}"

    def column_text(self, name: str) -> str:
        text = f"column {letter(self.columns[name])}"
        return f'{text} ("{name}")' if self.header else text


def read_table(raw: bytes, limits: Limits = LIMITS) -> Table:
    """The table in `raw` (a CSV file's bytes), or TableError naming what is wrong and where."""
    if len(raw) > limits.bytes:
        raise TableError(
            f"The file has {len(raw)} bytes, more than the limit of "
            f"{limits.bytes // (1024 * 1024)} MB."
        )
    text = _decode(raw)
    if not text.strip():
        raise TableError("The file is empty.")
    lines = sum(1 for line in text.splitlines() if line.strip())
    if '"' not in text and lines > limits.rows + 1:  # without quotes a line is a row
        raise TableError(
            f"The file has {lines} lines, more than the {limits.rows} rows allowed (plus a header)."
        )
    delimiter = _sniff(text, limits)
    grid, rows = _records(text, delimiter, limits)
    cells = [[cell.strip() for cell in record] for record in grid]
    decimal = _decimal(cells, delimiter)
    header = _has_header(cells, decimal)
    # A column empty in every row (a trailing delimiter on each line) is not a column.
    keep = [j for j in range(len(cells[0])) if any(record[j] for record in cells)]
    if not keep:
        raise TableError("The file is empty.")
    if header:
        names = [cells[0][j] or f"column {letter(j + 1)}" for j in keep]
        cells, rows = cells[1:], rows[1:]
    else:
        names = [f"column {letter(j + 1)}" for j in keep]
    if not cells:
        raise TableError("The file has a header row but no data rows.")
    if len(cells) > limits.rows:
        raise TableError(
            f"The file has {len(cells)} data rows, more than the limit of {limits.rows}."
        )
    _check_names(names, keep)
    _check_formulas(names, keep, cells, rows, header, decimal)
    return _table(names, keep, cells, rows, header, delimiter, decimal)


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try(raw, "utf-16")
    elif b"\x00" in raw:
        text = None
    else:
        text = _try(raw, "utf-8-sig")
        if text is None:
            text = _try(raw, "cp1252")
    if text is None or _CONTROL.search(text):
        raise TableError("The file is not a text table (it holds binary or control characters).")
    return text.lstrip("\ufeff")


def _try(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _read(text: str, delimiter: str, width: int) -> pd.DataFrame:
    """Every record as `width` fields: text, "" for an empty field, NaN past a short row's end."""
    try:
        return pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            names=range(width),
            dtype=str,
            na_filter=False,  # "" stays "", padding of a short row is NaN: counted apart
            skip_blank_lines=False,  # so a record's index is its spreadsheet row
            skipinitialspace=True,
            engine="python",  # strict about quotes: a malformed line is an error, not dropped
        )
    except (pd.errors.ParserError, csv.Error) as error:
        raise TableError(_parser_message(str(error), width)) from None


def _parser_message(reason: str, width: int) -> str:
    wide = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", reason)
    if wide:
        row, n = int(wide[2]), int(wide[3])
        return f"Row {row} has {n} fields, more than the limit of {width - 1} columns."
    if "unexpected end of data" in reason or "EOF" in reason:
        return 'The file ends inside a quoted field: a quote (") is never closed.'
    if "expected after" in reason:
        return 'A closing quote (") is followed by more text in the same field.'
    first = reason.strip().splitlines()[0] if reason.strip() else "no reason given"
    return f"The file cannot be split into rows and columns ({first})."


def _fields(frame: pd.DataFrame) -> list[list[str]]:
    """The fields of each record; none for a blank line (no field, or only empty ones)."""
    records = []
    for record in frame.to_numpy(dtype=object).tolist():
        fields = [f for f in record if isinstance(f, str)]  # padding of a short row is NaN
        records.append(fields if any(f.strip() for f in fields) else [])
    return records


def _sniff(text: str, limits: Limits) -> str:
    """The delimiter that splits the first lines into the same number (> 1) of fields."""
    sample = "\n".join(text.splitlines()[:_SNIFF_LINES])
    best, best_width = ",", 1
    for delimiter in DELIMITERS:
        try:
            records = _fields(_read(sample, delimiter, limits.columns + 1))
        except TableError:  # quotes that make no sense with this delimiter
            continue
        counts = [len(fields) for fields in records if fields]
        if records and not counts:  # nothing but this delimiter and spaces: an empty table
            return delimiter
        if not counts:  # every line malformed with this delimiter
            continue
        if counts and min(counts) == max(counts) > 1:
            return delimiter
        common = max(set(counts), key=counts.count)
        if common > best_width:  # none splits evenly: the most common width, to say which row
            best, best_width = delimiter, common
    return best


def _records(text: str, delimiter: str, limits: Limits) -> tuple[list[list[str]], list[int]]:
    frame = _read(text, delimiter, limits.columns + 1)
    if frame[limits.columns].notna().any():
        row = int(frame[limits.columns].notna().to_numpy().argmax()) + 1
        raise TableError(f"Row {row} has more than the limit of {limits.columns} columns.", row=row)
    records = _fields(frame)
    counts = [len(fields) for fields in records]
    filled = [n for n in counts if n]
    if not filled:
        raise TableError("The file is empty.")
    expected = max(set(filled), key=lambda n: (filled.count(n), n == filled[0]))
    grid, rows = [], []
    for i, n in enumerate(counts):
        if n == 0:
            continue
        fields = records[i]
        if n > expected and not any(f.strip() for f in fields[expected:]):
            fields = fields[:expected]  # trailing delimiters only
        elif n != expected:
            raise TableError(
                f"Row {i + 1} has {n} field{'s' * (n != 1)}, but the other rows have {expected}.",
                row=i + 1,
            )
        grid.append(fields)
        rows.append(i + 1)
    return grid, rows


def _decimal(cells: list[list[str]], delimiter: str) -> str:
    """A decimal comma when fields are split by ';' or tab and most numbers are written "1,5"."""
    if delimiter == ",":
        return "."
    flat = [cell for record in cells for cell in record]
    comma = sum("," in c and is_number(c, ",") for c in flat)
    point = sum("." in c and is_number(c, ".") for c in flat)
    return "," if comma and comma >= point else "."  # the mark of most numbers; a tie: ","


def _has_header(cells: list[list[str]], decimal: str) -> bool:
    """The first row is a header when it holds no number, or when it holds text above a
    column that is all numbers below it (a header "2019, mass" over numbers)."""
    first, rest = cells[0], cells[1:]
    if not any(is_number(cell, decimal) for cell in first):
        return True
    return bool(rest) and any(
        cell
        and not is_number(cell, decimal)
        and all(is_number(r[j], decimal) or is_missing(r[j]) for r in rest)
        for j, cell in enumerate(first)
    )


def _check_names(names: list[str], keep: list[int]) -> None:
    seen: dict[str, int] = {}
    for name, j in zip(names, keep):
        if name in seen:
            first, second = letter(seen[name] + 1), letter(j + 1)
            raise TableError(
                f'Row 1: columns {first} and {second} are both named "{name}".',
                row=1,
                column=j + 1,
            )
        seen[name] = j


def _check_formulas(names, keep, cells, rows, header, decimal) -> None:
    found = [(1, j, n) for n, j in zip(names, keep) if header and is_formula(n, decimal)]
    for record, row in zip(cells, rows):
        if found:
            break
        found = [(row, j, record[j]) for j in keep if is_formula(record[j], decimal)]
    if found:
        row, j, cell = found[0]
        raise TableError(
            f"Row {row}, column {letter(j + 1)}: {shown(cell)} starts like a spreadsheet "
            "formula, which is refused for safety.",
            row=row,
            column=j + 1,
        )


def _table(names, keep, cells, rows, header, delimiter, decimal) -> Table:
    text = pd.DataFrame([[record[j] for j in keep] for record in cells], columns=names, dtype=str)
    frame = text.copy()
    numeric = []
    for name in names:
        column = text[name]
        missing = column.map(is_missing)
        values = [number(c, decimal) for c in column]
        if all(v is not None or m for v, m in zip(values, missing)) and not missing.all():
            frame[name] = pd.Series([nan if v is None else v for v in values], dtype="float64")
            numeric.append(name)
    return Table(
        cells=text,
        frame=frame,
        numeric=tuple(numeric),
        rows=tuple(rows),
        columns={name: j + 1 for name, j in zip(names, keep)},
        header=header,
        delimiter=delimiter,
        decimal=decimal,
    )


__all__ = ["LIMITS", "Limits", "Table", "TableError", "read_table"]

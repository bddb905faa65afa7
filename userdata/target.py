"""Turn the columns a user picked into X and Y for the network, and back into a CSV.

Target rules (issue 9), and my calls where it is silent:
- a text column with k classes → classes, named by their text, sorted (case-insensitively);
- exactly two different values (text "pass"/"fail", numbers 0/1 or 1/2) → "binary": one output,
  y = 1 for the second class name in sorted order, y = 0 for the first;
- three to ten different values → "multiclass": k one-hot outputs, one per class;
- a numeric column is regression unless it holds only whole numbers, at most ten different ones,
  each seen twice on average (2k ≤ m): grades 1–6 of an exam are then six classes, as a teacher
  predicting a grade expects, while exam scores 0–100 stay numbers. `as_classes` overrides it.
Standardizing keeps the file's values (`X_file`) beside X, so the CSV written back holds
exactly what was read, and reading it again gives the same X and Y bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from .cells import TableError, is_formula, is_infinite, is_missing, is_number, number, shown
from .table import LIMITS, Limits, Table


class Proposal(NamedTuple):
    activation: str  # a name in core.ACTIVATIONS
    loss: str  # a name in core.LOSSES; (activation, loss) is in core.valid_pairs()
    why: str  # one sentence for the page


@dataclass(frozen=True, eq=False)
class UserData:
    """A user's data ready for the network: X is m × n⁽⁰⁾, Y is m × n⁽ᴸ⁾ (float64, read-only).

    `mean` and `std` (n⁽⁰⁾ each) are set when the inputs were standardized,
    X = (X_file − mean) / std; X_file holds the inputs as the file wrote them.
    """

    X: np.ndarray
    Y: np.ndarray
    input_names: tuple[str, ...]
    target_name: str
    task: str  # "binary", "multiclass" or "regression"
    class_names: tuple[str, ...] | None  # None for regression
    mean: np.ndarray | None
    std: np.ndarray | None
    proposal: Proposal
    X_file: np.ndarray


def choose(
    table: Table,
    inputs: list[str],
    target: str,
    *,
    standardize: bool,
    as_classes: bool | None = None,
    limits: Limits = LIMITS,
) -> UserData:
    """X and Y from the chosen columns, or one TableError naming the first bad cell."""
    _check_choice(table, inputs, target, limits)
    _check_cells(table, list(inputs), target)
    X_file = table.frame[list(inputs)].to_numpy(dtype=np.float64, copy=True)
    for j, name in enumerate(inputs):
        if np.all(X_file[:, j] == X_file[0, j]):
            raise TableError(
                f"{_cap(table.column_text(name))} holds the same value "
                f"{shown(table.cells[name].iloc[0])} in every row, so it cannot tell examples "
                "apart.",
                column=table.columns[name],
            )
    task, class_names, Y = _target(table, target, as_classes, limits)
    mean = std = None
    X = X_file
    if standardize:
        mean, std, X = _standardize(table, inputs, X_file)
    return UserData(
        X=_frozen(X),
        Y=_frozen(Y),
        input_names=tuple(inputs),
        target_name=target,
        task=task,
        class_names=class_names,
        mean=None if mean is None else _frozen(mean),
        std=None if std is None else _frozen(std),
        proposal=propose(task, class_names),
        X_file=_frozen(X_file),
    )


def propose(task: str, class_names: tuple[str, ...] | None) -> Proposal:
    """The output activation and loss that fit the task, and why, in one sentence."""
    if task == "binary":
        return Proposal(
            "sigmoid",
            "binary_cross_entropy",
            f'Two classes: one sigmoid output is the probability of "{class_names[1]}", and '
            "binary cross-entropy with it gives δ⁽ᴸ⁾ = a − y.",
        )
    if task == "multiclass":
        return Proposal(
            "softmax",
            "cross_entropy",
            f"{len(class_names)} classes: softmax outputs are class probabilities that sum to 1, "
            "and cross-entropy with it gives δ⁽ᴸ⁾ = a − y.",
        )
    return Proposal(
        "linear",
        "half_squared_error",
        "A number to predict: a linear output can take any value, and half squared error "
        "with it gives δ⁽ᴸ⁾ = a − y.",
    )


def to_csv(data: UserData) -> str:
    """The data as a CSV a class can share: a header, the inputs as the file had them (not
    standardized; repr keeps every bit), the target as one column (class names, or numbers)."""
    names = [*data.input_names]
    texts = [*names, data.target_name, *(data.class_names or ())]
    bad = next((t for t in texts if is_formula(t)), None)
    if bad is not None:
        raise TableError(f"The name {shown(bad)} starts like a spreadsheet formula.")
    if data.task == "regression":
        target = [repr(float(y)) for y in data.Y[:, 0]]
    elif data.task == "binary":
        target = [data.class_names[int(y)] for y in data.Y[:, 0]]
    else:
        target = [data.class_names[int(i)] for i in data.Y.argmax(axis=1)]
    columns = {name: [repr(float(x)) for x in data.X_file[:, j]] for j, name in enumerate(names)}
    columns[data.target_name] = target
    return pd.DataFrame(columns, dtype=str).to_csv(index=False, lineterminator="\n")


def _check_choice(table: Table, inputs: list[str], target: str, limits: Limits) -> None:
    for name in [*inputs, target]:
        if name not in table.columns:
            raise TableError(f'There is no column named "{name}".')
    if not inputs:
        raise TableError("Choose at least one input column.")
    if len(inputs) > limits.inputs:
        raise TableError(
            f"{len(inputs)} inputs are chosen, more than the limit of {limits.inputs}."
        )
    if len(set(inputs)) < len(inputs):
        raise TableError("Each input column can be chosen once only.")
    if target in inputs:
        raise TableError(f'The column "{target}" cannot be both an input and the target.')


def _problem(cell: str, decimal: str, must_be_number: bool) -> str | None:
    if is_missing(cell):
        return "the value is missing"
    if is_infinite(cell) or (is_number(cell, decimal) and number(cell, decimal) is None):
        return f"{shown(cell)} is not a finite number"
    if must_be_number and not is_number(cell, decimal):
        return f"{shown(cell)} is not a number"
    return None


def _check_cells(table: Table, inputs: list[str], target: str) -> None:
    """The first bad cell in reading order (row by row, left to right), as a spreadsheet
    user scans: a missing value, text in an input, an infinite number."""
    first = None
    for name in [*inputs, target]:
        # A text target's cells are class names: only missing and infinite ones are wrong.
        must = name != target or name in table.numeric
        for i, cell in enumerate(table.cells[name]):
            why = _problem(cell, table.decimal, must)
            if why is not None:
                key = (i, table.columns[name])
                if first is None or key < first[0]:
                    first = (key, name, why)
                break
    if first is not None:
        (i, column), name, why = first
        raise TableError(f"{table.where(i, name)}: {why}.", row=table.rows[i], column=column)


def _target(table: Table, target: str, as_classes: bool | None, limits: Limits):
    numeric = target in table.numeric
    if numeric:
        values = table.frame[target].to_numpy(dtype=np.float64)
        distinct = np.unique(values)
        whole = bool(np.all(distinct == np.round(distinct)))
        names = [str(int(v)) if whole else repr(float(v)) for v in distinct]
        labels = np.searchsorted(distinct, values)
    else:
        cells = list(table.cells[target])
        names = sorted(set(cells), key=lambda s: (s.casefold(), s))
        index = {name: k for k, name in enumerate(names)}
        labels = np.array([index[c] for c in cells])
        whole = False
    k, m = len(names), len(labels)
    where = _cap(table.column_text(target))
    if k == 1:
        raise TableError(
            f"{where} holds the same target {shown(table.cells[target].iloc[0])} in every row, "
            "so there is nothing to learn.",
            column=table.columns[target],
        )
    if as_classes is None:
        as_classes = not numeric or k == 2 or (whole and k <= limits.classes and 2 * k <= m)
    if not as_classes:
        if not numeric:
            raise TableError(f"{where} holds text, so it can only be classes, not a number.")
        return "regression", None, values[:, None].copy()
    if k > limits.classes:
        raise TableError(
            f"{where} has {k} different values, more than the limit of {limits.classes} classes.",
            column=table.columns[target],
        )
    if k == 2:
        return "binary", tuple(names), (labels == 1).astype(np.float64)[:, None]
    return "multiclass", tuple(names), np.eye(k)[labels]


def _standardize(table: Table, inputs: list[str], X_file: np.ndarray):
    # Computed on x / s with s a power of two near the column's largest |x|: exact scaling, so
    # the numbers are numpy's own (x − mean) / std whenever that neither overflows nor
    # underflows, and finite for any column that is not constant (inputs near 1e300 or 1e−320).
    with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
        scale = np.ldexp(1.0, np.frexp(np.abs(X_file).max(axis=0))[1] - 1)
        scaled = X_file / scale
        mean, std = scaled.mean(axis=0), scaled.std(axis=0)
        X = (scaled - mean) / std
        mean, std = mean * scale, std * scale
    for j, name in enumerate(inputs):
        if not np.isfinite(X[:, j]).all():  # only for a column constant after scaling
            raise TableError(
                f"{_cap(table.column_text(name))} cannot be standardized: its values are "
                "too close together.",
                column=table.columns[name],
            )
    return mean, std, X


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a, dtype=np.float64)
    a.setflags(write=False)
    return a

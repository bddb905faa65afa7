"""The "Your data" page's table sections: upload a CSV or paste one, pick the inputs and the
target, look at it. Reading and checking is userdata's; this module only shows it.

Widget keys carry a digest of the table's bytes, so a new file starts from its own defaults.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import streamlit as st

import userdata
from cards import fmt
from cards.names import markdown as markdown_text
from figures.data_scatter import data_scatter
from panels.use_data import Candidate
from ui import widgets
from ui.state import DataNames

PREVIEW_ROWS = 10
TARGET_KINDS = {"found from the column": None, "classes": True, "a number": False}


def limits_text() -> str:
    lim = userdata.LIMITS
    return (
        f"Limits: {lim.bytes // (1024 * 1024)} MB, {lim.rows:,} rows, at most {lim.inputs} "
        f"input columns and {lim.classes} classes. Comma, semicolon or tab; a header row or "
        "none; a decimal comma is fine."
    )


def upload_section() -> Candidate | None:
    st.caption(limits_text())
    file = st.file_uploader("A CSV file", type=["csv", "txt", "tsv"], key="ud_file")
    if file is None:
        return None
    return table_section(file.getvalue(), file.name)


def paste_section() -> Candidate | None:
    st.caption(limits_text())
    text = st.text_area(
        "Paste a table (e.g. copied from a spreadsheet)",
        key="ud_paste",
        height=180,
        placeholder="hours;score;result\n2;41,5;fail\n7;78;pass",
    )
    if not text.strip():
        return None
    return table_section(text.encode("utf-8"), "pasted table")


def read(raw: bytes) -> tuple[str, userdata.Table]:
    """(digest, table) of the bytes, read once per session per file; TableError if bad."""
    digest = hashlib.sha256(raw).hexdigest()[:12]
    memo = st.session_state.get("ud_table")
    if memo is not None and memo[0] == digest:
        return memo
    memo = (digest, userdata.read_table(raw))
    st.session_state["ud_table"] = memo
    return memo


def table_section(raw: bytes, name: str) -> Candidate | None:
    """Preview, choice of columns and the result; one st.error and None when it fails."""
    try:
        digest, table = read(raw)
    except userdata.TableError as exc:
        st.error(str(exc), icon=":material/warning:")
        return None
    st.dataframe(table.cells.head(PREVIEW_ROWS), hide_index=True)
    st.caption(f"The first rows of {len(table.cells):,} ({markdown_text(name)}).")
    data = choice(table, digest)
    if data is None:
        return None
    show(data, digest)
    classes = data.class_names
    outputs = classes if data.task == "multiclass" else (data.target_name,)
    return Candidate(
        X=data.X,
        Y=data.Y,
        names=DataNames(data.input_names, tuple(outputs), classes),
        task=data.task,
        proposal=data.proposal,
        note=f"your data: {name}" + (", inputs standardized" if data.mean is not None else ""),
        source=data,
    )


def choice(table: userdata.Table, digest: str) -> userdata.UserData | None:
    columns = list(table.columns)
    c1, c2 = st.columns([3, 2])
    target = c2.selectbox("Target", columns, index=len(columns) - 1, key=f"ud_target_{digest}")
    numeric = [c for c in table.numeric if c != columns[-1]][: userdata.LIMITS.inputs]
    inputs = c1.multiselect("Inputs", columns, default=numeric, key=f"ud_inputs_{digest}")
    c3, c4 = st.columns([3, 2])
    kind = c3.radio("The target is", list(TARGET_KINDS), horizontal=True, key=f"ud_kind_{digest}")
    standardize = c4.toggle(
        "Standardize inputs",
        value=True,
        key=f"ud_std_{digest}",
        help="x ← (x − mean) / standard deviation, column by column: mean 0, variance 1.",
    )
    try:
        return userdata.choose(
            table, inputs, target, standardize=standardize, as_classes=TARGET_KINDS[kind]
        )
    except userdata.TableError as exc:
        st.error(str(exc), icon=":material/warning:")
        return None


TASKS = {"binary": "two classes", "multiclass": "{k} classes", "regression": "a number"}


def show(data: userdata.UserData, digest: str) -> None:
    """What was found (task, classes, statistics) and a scatter of two inputs."""
    k = len(data.class_names or ())
    found = TASKS[data.task].format(k=k)
    if data.class_names:
        found += ": " + ", ".join(map(markdown_text, data.class_names))
    st.markdown(f"**Task found:** {found} (m = {data.X.shape[0]} examples).")
    if data.mean is not None:
        stats = pd.DataFrame(
            {
                "input": data.input_names,
                "mean": [fmt(v) for v in data.mean],
                "standard deviation": [fmt(v) for v in data.std],
            }
        )
        st.caption("The statistics kept with the data (the inputs become (x − mean) / std):")
        st.dataframe(stats, hide_index=True)
    scatter(data, digest)


def scatter(data: userdata.UserData, digest: str) -> None:
    names = list(data.input_names)
    if data.class_names:
        target = data.Y[:, 0] if data.task == "binary" else data.Y.argmax(axis=1)
    else:
        target = data.Y[:, 0]
    if len(names) >= 2:
        ca, cb = st.columns(2)
        a = ca.selectbox("Horizontal axis", names, index=0, key=f"ud_ax_{digest}")
        b = cb.selectbox("Vertical axis", names, index=1, key=f"ud_ay_{digest}")
        x, y = data.X_file[:, names.index(a)], data.X_file[:, names.index(b)]
    else:  # one input: the input against the target
        a, b = names[0], data.target_name
        x, y = data.X_file[:, 0], np.asarray(target, dtype=float)
    fig = data_scatter(
        x, y, target, x_name=a, y_name=b, target_name=data.target_name, classes=data.class_names
    )
    widgets.chart(fig, key=f"ud_scatter_{digest}")

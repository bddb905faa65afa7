"""Downloads for slides and notes, at the end of the Forward and Backward pages: the worked
example (Markdown with KaTeX math, or a LaTeX document) of the whole pass or of the current step,
and the current step's matrices as CSV.

The files are written by cards.worked_example; this module only names them and draws the buttons.
`files` is streamlit-free (tests read the files from it); `downloads` draws them. Every button
gets a callable, so a document is written only when its button is clicked (Streamlit 1.67 runs
the callable on click, on its own thread: the callables read only their arguments, never the
session).

The matrices come as ONE zip (made in memory), not eight buttons: a step has up to eight
matrices (a⁽ᵏ⁻¹⁾, z, a, θ, b, δ, ∂E/∂θ, ∂E/∂b), and eight buttons would bury the page's end; a
spreadsheet opens each CSV of the zip by its name (layer-2-delta.csv).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import streamlit as st

import core
from cards.numbers import fmt
from cards.worked_example import step_matrices_csv, worked_example_markdown, worked_example_tex
from panels.predict import KEY as PREDICT_FIRST

PAGES = ("forward", "backward")
WHOLE, STEP = "the whole pass", "this step only"
NOT_WHILE_PREDICTING = "Downloads show every number: turn off “Predict first” to download."
MIME = {"md": "text/markdown", "tex": "application/x-tex", "zip": "application/zip"}


@dataclass(frozen=True)
class File:
    name: str  # what and which step, e.g. worked-example-backward-step-k2-example-0.md
    mime: str
    data: Callable[[], str | bytes]  # written when called (on the button's click)
    label: str


def _layer(k) -> int | None:
    """k as a layer 1..L number, or None (k = 0 on Forward, "x" on Backward: no layer step)."""
    return k if isinstance(k, (int, np.integer)) and not isinstance(k, bool) and k >= 1 else None


def files(net: core.Network, X, Y, *, page: str, k, example: int, eta: float, whole: bool):
    """The files offered for step k of `page`: the worked example (.md, .tex) of the whole pass
    (`whole`, or when step k is not a layer) or of step k alone, then the matrices of step k
    (a zip of CSVs, when k is a layer). A list of File, nothing written yet."""
    if page not in PAGES:
        raise ValueError(f"page must be one of {PAGES}, not {page!r}")
    layer = _layer(k)
    if layer is None or whole:
        steps, what = "all", "worked-example"
    else:
        steps, what = (page, layer), f"worked-example-{page}-step-k{layer}"
    stem = f"{what}-example-{example}"
    out = [
        File(
            f"{stem}.md",
            MIME["md"],
            lambda: worked_example_markdown(net, X, Y, example=example, eta=eta, steps=steps),
            "Markdown (.md)",
        ),
        File(
            f"{stem}.tex",
            MIME["tex"],
            lambda: worked_example_tex(net, X, Y, example=example, eta=eta, steps=steps),
            "LaTeX (.tex)",
        ),
    ]
    if layer is not None:
        out.append(
            File(
                f"step-k{layer}-matrices.zip",
                MIME["zip"],
                lambda: matrices_zip(net, X, Y, layer),
                f"Matrices of step k = {layer} (CSV, zip)",
            )
        )
    return out


def csv_name(key: str) -> str:
    """step_matrices_csv's key → file name: "delta2" → "layer-2-delta.csv"."""
    name, k = re.fullmatch(r"(.*?)(\d+)", key).groups()
    return f"layer-{k}-{name}.csv"


def matrices_zip(net: core.Network, X, Y, k: int) -> bytes:
    """The CSVs of step k for the whole batch (one row per example, or per neuron i), zipped."""
    X, Y = np.atleast_2d(np.asarray(X, float)), np.atleast_2d(np.asarray(Y, float))
    fwd = core.forward(net, X, Y)
    bwd = core.backward(net, fwd, fwd.Y)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for key, text in step_matrices_csv(net, fwd, bwd, k).items():
            zf.writestr(csv_name(key), text)
    return buf.getvalue()


OPEN = "{page}_dl_open"  # session key: whether a page's downloads are open


def backward_example(m: int) -> int:
    """The example the Backward page is looking at: the one-example view's, else the explain
    panel's (0 when neither is drawn)."""
    from panels.backward import ONE_EXAMPLE  # the view's radio value (panels/backward.py)

    if st.session_state.get("bwd_view") == ONE_EXAMPLE:
        return _in_range(st.session_state.get("bwd_view_example", 0), m)
    return _in_range(st.session_state.get("bwd_example", 0), m)


def _in_range(example, m: int) -> int:
    ok = isinstance(example, (int, np.integer)) and not isinstance(example, bool)
    return int(example) if ok and 0 <= example < m else 0


def downloads(net: core.Network, X, Y, *, page: str, k, example: int, eta: float) -> None:
    """The expander with the download buttons (keys unique per page). k: the page's step (a
    layer 1..L, or 0 / "x" / None where there is no layer step: the whole pass only).

    Its content is drawn only while it is open (opening it reruns the page): three download
    buttons were a sixth of the server's work for each step of a class (make load, profiled)."""
    box = st.expander(
        "Download for slides and notes", key=OPEN.format(page=page), on_change="rerun"
    )
    with box:
        if not box.open:
            return
        if st.session_state.get(PREDICT_FIRST, False):
            # The files write out every number, the one the student is predicting too.
            st.caption(NOT_WHILE_PREDICTING)
            return
        layer, m = _layer(k), np.atleast_2d(np.asarray(X)).shape[0]
        whole = layer is None or (
            st.radio("Worked example of", [WHOLE, STEP], horizontal=True, key=f"{page}_dl_scope")
            == WHOLE
        )
        example = _in_range(example, m)
        what = (
            f"the whole pass and one update with η = {fmt(eta)}"
            if whole
            else f"step k = {layer} of the {page} pass"
        )
        batch = f"; the matrices of step k = {layer}, all {m} examples" if layer else ""
        st.caption(f"Example {example} written out with its numbers: {what}{batch}.")
        offered = files(net, X, Y, page=page, k=k, example=example, eta=eta, whole=whole)
        for col, f, name in zip(st.columns(len(offered)), offered, ("md", "tex", "csv")):
            col.download_button(
                f.label,
                f.data,
                file_name=f.name,
                mime=f.mime,
                key=f"{page}_dl_{name}",
                on_click="ignore",
                icon=":material/download:",
            )

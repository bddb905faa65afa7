"""The user's own column and class names, made safe for each place they are shown.

Names are user text (a CSV header, a class in a target column): plotly reads its strings as
HTML-ish markup, Streamlit's markdown reads * _ ` [ ] < > $ and st.latex reads \\ { } $ & ….
Every figure and card that shows a name goes through this module, so a name is always shown
literally. `names` below is a ui.state.DataNames (inputs, outputs, classes) or None.
"""

from __future__ import annotations

import html as _html

from .numbers import index_sub

# LaTeX text mode: each special character and what writes it literally (KaTeX knows these).
_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
# Markdown: ASCII punctuation a backslash makes literal (CommonMark), including Streamlit's
# $ (math), : (icons, colours) and ~ (strikethrough); & so an entity is not decoded.
_MARKDOWN = set("\\`*_{}[]<>()#+-!|$~:&")


def html(name: str) -> str:
    """A name for a plotly string (title, tick, legend, hover): <, > and & escaped, and % as
    an entity, so a name like "%{x}" is not read as a hover template's field."""
    return _html.escape(str(name), quote=False).replace("%", "&#37;")


def tex(name: str) -> str:
    """A name inside st.latex: \\text{…} with LaTeX's special characters escaped."""
    return r"\text{" + "".join(_TEX.get(c, c) for c in str(name)) + "}"


def markdown(name: str) -> str:
    """A name inside st.markdown: markdown's special characters escaped with a backslash."""
    return "".join("\\" + c if c in _MARKDOWN else c for c in " ".join(str(name).split()))


def short(name: str, limit: int) -> str:
    """The name, cut to `limit` characters with "…" when it is longer (before any escaping)."""
    name = str(name)
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _pick(values, index: int) -> str | None:
    return values[index] if values is not None and 0 <= index < len(values) else None


def input_name(names, j: int) -> str | None:
    """The user's name of input x_j, or None."""
    return None if names is None else _pick(names.inputs, j)


def output_name(names, i: int) -> str | None:
    """The user's name of output a_i⁽ᴸ⁾ (a class of a one-hot target, or the target), or None."""
    return None if names is None else _pick(names.outputs, i)


def class_name(names, c: int) -> str | None:
    """The user's name of class c (binary: c = 0 or 1), or None."""
    return None if names is None else _pick(names.classes, c)


def beside(symbol: str, name: str | None) -> str:
    """'x₀ age': a plotly label with the name after the symbol (just the symbol without one)."""
    return symbol if name is None else f"{symbol} {html(name)}"


def in_parens(symbol: str, name: str | None) -> str:
    """'a₁⁽ᴸ⁾ (pass)': a plotly label with the name in parentheses."""
    return symbol if name is None else f"{symbol} ({html(name)})"


def class_label(c: int, name: str | None) -> str:
    """'class 2: retake' (plotly), or 'class 2' without a name."""
    return f"class {c}" if name is None else f"class {c}: {html(name)}"


def input_labels(names, n: int, stacked: bool = False) -> list[str] | None:
    """Tick labels 'x₀ age', 'x₁ score' for n inputs, or None without names; stacked: the
    name on a second line ('x₀<br>age'), for the columns of a narrow heatmap."""
    if names is None:
        return None
    labels = [beside(f"x{index_sub(j)}", input_name(names, j)) for j in range(n)]
    return [label.replace(" ", "<br>", 1) for label in labels] if stacked else labels


def output_labels(names, n: int, stacked: bool = False) -> list[str] | None:
    """Tick labels '0: fail', '1: pass' for the n neurons of the output layer, or None;
    stacked: the name on a second line ('0<br>fail'), for the columns of a narrow heatmap
    (plotly would tilt long labels into the axis title)."""
    if names is None:
        return None
    sep = "<br>" if stacked else ": "
    return [
        f"{i}" if (o := output_name(names, i)) is None else f"{i}{sep}{html(o)}" for i in range(n)
    ]


def targets_tex(names, indices) -> str | None:
    """LaTeX naming the targets y_j of `indices`: "y_{0}\\!:\\ \\text{fail},\\quad …", or None."""
    named = [
        rf"y_{{{j}}}\!:\ {tex(name)}"
        for j in indices
        if (name := output_name(names, j)) is not None
    ]
    return r",\quad ".join(named) if named else None

"""What one step of the in-browser stepper shows, as plain JSON-able blocks (ui/stepview.py).

A block is a dict with a "kind" the frontend (ui/stepview_frontend/stepview.js) knows:
heading, html, note, tex, figure, choice. Text that may hold user words is escaped here, once:
the frontend puts "html" in the page as it is and renders only <span class="math"> as LaTeX.
"""

from __future__ import annotations

import html as html_lib
import json

import plotly.io as pio

import figures
from ui import presentation


def heading(text: str) -> dict:
    return {"kind": "heading", "html": f"<h4>{html_lib.escape(text)}</h4>"}


def markdown(md: str) -> dict:
    """A paragraph of the app's small markdown (see markdown_html)."""
    return {"kind": "html", "html": f"<p>{markdown_html(md)}</p>"}


def note(md: str) -> dict:
    """A highlighted note, as st.info shows one."""
    return {"kind": "note", "html": f"<p>{markdown_html(md)}</p>"}


def tex(lines) -> dict:
    """Display equations, one per line (LaTeX, as the cards write them)."""
    return {"kind": "tex", "lines": [str(line) for line in lines]}


def figure(fig, *, clickable: bool = False) -> dict:
    """A plotly figure as plotly.js takes it; larger fonts in presentation mode, as
    ui.widgets.chart draws them."""
    shown = figures.for_projector(fig) if presentation.is_on() else fig
    as_json = json.loads(pio.to_json(shown, validate=False, engine="json"))
    # plotly's default template (7 kB a figure) is not sent: the frame applies one that looks
    # like Streamlit's own chart theme, as st.plotly_chart would
    as_json.get("layout", {}).pop("template", None)
    return {"kind": "figure", "figure": as_json, "clickable": clickable}


def choice(label: str, options: list[tuple[str, list[dict]]], value: int) -> dict:
    """A select box whose options each show their own blocks (neuron i's card, say): picking
    one needs no server round trip."""
    return {
        "kind": "choice",
        "label": label,
        "value": int(value),
        "options": [{"label": text, "blocks": blocks} for text, blocks in options],
    }


def markdown_html(md: str) -> str:
    """The markdown the cards write as safe HTML: **bold**, *italic*, $maths$ and backslash
    escapes (how cards.names.markdown escapes user words); everything else is text."""
    out, bold, italic, i = [], False, False, 0
    while i < len(md):
        c = md[i]
        if c == "\\" and i + 1 < len(md):
            out.append(html_lib.escape(md[i + 1]))
            i += 2
        elif md.startswith("**", i):
            out.append("</b>" if bold else "<b>")
            bold, i = not bold, i + 2
        elif c == "*":
            out.append("</i>" if italic else "<i>")
            italic, i = not italic, i + 1
        elif c == "$" and (end := md.find("$", i + 1)) > i:
            out.append(f'<span class="math">{html_lib.escape(md[i + 1 : end])}</span>')
            i = end + 1
        else:
            out.append(html_lib.escape(c))
            i += 1
    if italic:
        out.append("</i>")
    if bold:
        out.append("</b>")
    return "".join(out)

"""The in-browser stepper's blocks (ui/stepview_blocks.py) and its choice of steps to send
(ui/stepview.py): user text reaches the page only escaped, and the steps nearest the current
one are sent first."""

import json

import plotly.graph_objects as go
import pytest

from ui import stepview
from ui import stepview_blocks as blocks


@pytest.mark.parametrize(
    "md, html",
    [
        ("plain", "plain"),
        ("**E** = 0.2984", "<b>E</b> = 0.2984"),
        ("*deep dreaming* works", "<i>deep dreaming</i> works"),
        ("a $\\sigma(z)$ here", 'a <span class="math">\\sigma(z)</span> here'),
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("\\*not bold\\*", "*not bold*"),  # cards.names.markdown escapes user text like this
        ("**unclosed", "<b>unclosed</b>"),
        ("cost \\$5 and $x$", 'cost $5 and <span class="math">x</span>'),
    ],
)
def test_markdown_html(md, html):
    assert blocks.markdown_html(md) == html


def test_hostile_user_text_is_inert():
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    html = blocks.markdown(f"Targets: y₀ ({hostile})")["html"]
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "<h4>&lt;b&gt;</h4>" == blocks.heading("<b>")["html"]
    # maths is escaped as well: KaTeX renders the text content, never HTML
    assert "<script" not in blocks.markdown("$<script>$")["html"]


def test_tex_keeps_lines_as_strings():
    assert blocks.tex(["a", 1.5]) == {"kind": "tex", "lines": ["a", "1.5"]}


def test_figure_is_plain_json_with_the_data():
    fig = go.Figure(go.Heatmap(z=[[1.0, -2.5]], text=[["1", "−2.5"]]))
    block = blocks.figure(fig, clickable=True)
    assert block["kind"] == "figure" and block["clickable"] is True
    json.dumps(block)  # what Streamlit sends must serialise
    trace = block["figure"]["data"][0]
    z = trace["z"]
    if isinstance(z, dict):  # plotly's typed array: base64 of float64
        import base64

        import numpy as np

        z = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).reshape(1, 2).tolist()
    assert z == [[1.0, -2.5]]


def test_choice_holds_every_option():
    block = blocks.choice("Neuron i", [("0", [blocks.tex(["x"])]), ("1", [])], 1)
    assert block["value"] == 1
    assert [o["label"] for o in block["options"]] == ["0", "1"]
    assert block["options"][0]["blocks"] == [{"kind": "tex", "lines": ["x"]}]


@pytest.mark.parametrize(
    "order, at, expected",
    [
        ([0, 1, 2, 3, 4], 2, [2, 3, 1, 4, 0]),
        ([0, 1, 2, 3, 4], 0, [0, 1, 2, 3, 4]),
        ([3, 2, 1, "x"], "x", ["x", 1, 2, 3]),
        ([3, 2, 1, "x"], 2, [2, 1, 3, "x"]),
    ],
)
def test_steps_are_sent_nearest_first(order, at, expected):
    assert stepview._outward(order, at) == expected

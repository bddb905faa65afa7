"""The user's names on the cards (issue 9) and the one helper that makes them safe.

Second opinions: the markdown is rendered by a CommonMark parser (markdown-it) and must read
back as the name; the LaTeX is read by a small text-mode reader written here (a special
character that is not escaped is an error); plotly's text is decoded by html.unescape. The
card lines expected are written out by hand, with the names at their indices.
"""

import html
import re
from html.parser import HTMLParser

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import cards
import core
from cards import names as user_names
from ui.state import DataNames

HOSTILE = ["<b>x</b>", "*x*", "$x$", "\\frac", "{", "}", "a_b^c", "50% & #1 ~", "[x](y)", "`x`"]
CLASSES = ("fail", "pass", "retake")
NAMES = DataNames(("age", "score"), CLASSES, CLASSES)


# --- the helper ------------------------------------------------------------------------------

LATEX_SPECIAL = set("\\{}$&#%_^~")
TEXT_COMMANDS = {"textbackslash": "\\", "textasciicircum": "^", "textasciitilde": "~"}


def read_text(tex: str) -> str:
    r"""What KaTeX shows for \text{…}: a reader of LaTeX text mode, written here. A special
    character that is not escaped, or an unknown command, fails."""
    assert tex.startswith("\\text{") and tex.endswith("}"), tex
    body, out, i = tex[len("\\text{") : -1], [], 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            word = re.match(r"[A-Za-z]+", body[i + 1 :])
            if word:
                assert word.group() in TEXT_COMMANDS, word.group()
                out.append(TEXT_COMMANDS[word.group()])
                i += 1 + len(word.group())
                if body.startswith("{}", i):
                    i += 2
                continue
            out.append(body[i + 1])  # \{ \} \$ \& \# \% \_
            i += 2
            continue
        assert c not in LATEX_SPECIAL, f"unescaped {c!r} in {tex!r}"
        out.append(c)
        i += 1
    return "".join(out)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def rendered(markdown: str) -> tuple[str, list]:
    """(text, tags) of the markdown as a CommonMark renderer makes it."""
    parser = _Text()
    parser.feed(MarkdownIt("commonmark").render(markdown))
    return "".join(parser.text).strip(), parser.tags


@pytest.mark.parametrize("name", HOSTILE)
def test_markdown_name_renders_as_the_name_itself(name):
    text, tags = rendered(f"before {user_names.markdown(name)} after")
    assert text == f"before {name} after"
    assert tags == ["p"]  # no emphasis, code, link or HTML made from the name


@pytest.mark.parametrize("name", HOSTILE)
def test_markdown_name_leaves_no_math_dollar_for_streamlit(name):
    escaped = user_names.markdown(name)
    assert not re.search(r"(?<!\\)\$", escaped)  # Streamlit reads a bare $…$ as math


@pytest.mark.parametrize("name", HOSTILE)
def test_tex_name_reads_back_as_the_name(name):
    assert read_text(user_names.tex(name)) == name


def test_tex_name_by_hand():
    assert user_names.tex("\\frac") == r"\text{\textbackslash{}frac}"
    assert user_names.tex("{") == r"\text{\{}"
    assert user_names.tex("$x$") == r"\text{\$x\$}"
    assert user_names.tex("age") == r"\text{age}"


def test_html_name_by_hand():
    assert user_names.html("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert user_names.html("a & b") == "a &amp; b"
    assert user_names.html("%{x}") == "&#37;{x}"  # never a hover template's field
    assert user_names.html('say "hi"') == 'say "hi"'


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=20))
def test_any_name_survives_each_escape(name):
    assert read_text(user_names.tex(name)) == name
    assert html.unescape(user_names.html(name)) == name
    assert "<" not in user_names.html(name) and "%{" not in user_names.html(name)


def test_labels_follow_the_indices():
    assert user_names.input_labels(NAMES, 2) == ["x₀ age", "x₁ score"]
    assert user_names.input_labels(NAMES, 2, stacked=True) == ["x₀<br>age", "x₁<br>score"]
    assert user_names.output_labels(NAMES, 2, stacked=True) == ["0<br>fail", "1<br>pass"]
    two_words = DataNames(("hours studied", "b"), ("x y",), None)
    assert user_names.input_labels(two_words, 1, stacked=True) == ["x₀<br>hours studied"]
    assert user_names.output_labels(two_words, 1, stacked=True) == ["0<br>x y"]
    assert user_names.output_labels(NAMES, 3) == ["0: fail", "1: pass", "2: retake"]
    assert user_names.input_labels(None, 2) is None
    assert user_names.output_labels(None, 3) is None
    assert user_names.class_label(2, "retake") == "class 2: retake"
    assert user_names.class_label(2, None) == "class 2"
    assert user_names.in_parens("a₁⁽ᴸ⁾", "pass") == "a₁⁽ᴸ⁾ (pass)"
    assert user_names.beside("x₀", None) == "x₀"
    assert user_names.short("abcdef", 4) == "abc…" and user_names.short("abcd", 4) == "abcd"
    binary = DataNames(("a", "b"), ("passed",), ("no", "yes"))
    assert user_names.class_name(binary, 1) == "yes" and user_names.output_name(binary, 0) == (
        "passed"
    )
    assert user_names.class_name(binary, 2) is None and user_names.input_name(binary, 2) is None


# --- the cards ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def softmax_case():
    rng = np.random.default_rng(7)
    net = core.Network.from_layers(
        [rng.normal(size=(3, 2)), rng.normal(size=(3, 3))],
        [rng.normal(size=3), rng.normal(size=3)],
        ["tanh", "softmax"],
        "cross_entropy",
    )
    X, Y = rng.normal(size=(4, 2)), np.eye(3)[[0, 2, 1, 2]]
    fwd = core.forward(net, X, Y)
    return net, fwd, core.backward(net, fwd, Y)


@pytest.fixture(scope="module")
def sigmoid_case():
    rng = np.random.default_rng(8)
    net = core.Network.from_layers(
        [rng.normal(size=(2, 2)), rng.normal(size=(3, 2))],
        [rng.normal(size=2), rng.normal(size=3)],
        ["tanh", "sigmoid"],
        "squared_error",
    )
    X, Y = rng.normal(size=(3, 2)), np.eye(3)[[1, 0, 2]]
    fwd = core.forward(net, X, Y)
    return net, fwd, core.backward(net, fwd, Y)


def test_output_card_names_each_target_in_order(softmax_case):
    net, fwd, _ = softmax_case
    card = cards.output_card(net, fwd, NAMES)
    assert card.endswith(". Targets: y₀ (fail), y₁ (pass), y₂ (retake)")
    assert card.startswith(cards.output_card(net, fwd))
    assert cards.output_card(net, fwd, None) == cards.output_card(net, fwd)
    assert "Targets" not in cards.output_card(net, fwd)


def test_output_card_keeps_hostile_names_literal(softmax_case):
    net, fwd, _ = softmax_case
    hostile = DataNames(("a", "b"), ("*x*", "<b>x</b>", "$x$"), None)
    targets = cards.output_card(net, fwd, hostile).split("Targets: ")[1]
    text, tags = rendered(targets)
    assert text == "y₀ (*x*), y₁ (<b>x</b>), y₂ ($x$)"
    assert tags == ["p"]


def test_softmax_delta_card_names_every_y_p_of_its_sum(softmax_case):
    net, fwd, bwd = softmax_case
    expl = core.explain_delta(net, fwd, bwd, 2, 1, 0)
    lines = cards.delta_card(expl, NAMES)
    assert lines[:-1] == cards.delta_card(expl)
    assert lines[-1] == (
        r"y_{0}\!:\ \text{fail},\quad y_{1}\!:\ \text{pass},\quad y_{2}\!:\ \text{retake}"
    )


def test_elementwise_delta_card_names_only_its_own_y(sigmoid_case):
    net, fwd, bwd = sigmoid_case
    for i, name in enumerate(CLASSES):
        expl = core.explain_delta(net, fwd, bwd, 2, i, 1)
        assert cards.delta_card(expl, NAMES)[-1] == rf"y_{{{i}}}\!:\ \text{{{name}}}"


def test_hidden_delta_card_and_no_names_are_unchanged(sigmoid_case, softmax_case):
    net, fwd, bwd = sigmoid_case
    hidden = core.explain_delta(net, fwd, bwd, 1, 0, 0)
    assert cards.delta_card(hidden, NAMES) == cards.delta_card(hidden)
    net, fwd, bwd = softmax_case
    expl = core.explain_delta(net, fwd, bwd, 2, 2, 3)
    assert cards.delta_card(expl, None) == cards.delta_card(expl)
    assert not any("text{fail}" in line for line in cards.delta_card(expl))


def test_delta_card_with_hostile_names_reads_back(softmax_case):
    net, fwd, bwd = softmax_case
    hostile = DataNames(("a", "b"), ("\\frac", "{", "$x$"), ("\\frac", "{", "$x$"))
    line = cards.delta_card(core.explain_delta(net, fwd, bwd, 2, 0, 0), hostile)[-1]
    shown = re.findall(r"\\text\{(?:[^{}\\]|\\[A-Za-z]+\{\}|\\.)*\}", line)
    assert [read_text(t) for t in shown] == ["\\frac", "{", "$x$"]

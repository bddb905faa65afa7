"""The data's column names in a link (`names`): random names round-trip exactly; hostile ones
(too many, too long, control characters, wrong counts, bad base64, bad UTF-8, a bomb) get one
LinkError whose message repeats none of the link's text, and nothing else is ever raised.

The expected parameter is written here from the format (UTF-8, names joined by 0x1F, groups by
0x1E, an empty third group for classes equal to the outputs, URL-safe base64 without padding),
not by calling the encoder."""

import base64
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core
from ui.link_codec import LinkError, ViewState, decode, encode

XOR = core.preset("xor")  # 2-3-1: two inputs, one output
BASE = encode(XOR.network, XOR.X, XOR.Y, ViewState(page="home"))


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode().rstrip("=")


def names(inputs, outputs, classes=None):
    return SimpleNamespace(inputs=inputs, outputs=outputs, classes=classes)


def opened(param: str):
    return decode({**BASE, "names": param}).names


def test_a_link_without_names_has_none():
    assert "names" not in BASE and decode(BASE).names is None


def test_the_parameter_is_the_names_joined_and_in_base64():
    params = encode(
        XOR.network,
        XOR.X,
        XOR.Y,
        ViewState(),
        names=names(("hours", "score"), ("y",), ("no", "yes")),
    )
    assert params["names"] == b64("hours\x1fscore\x1ey\x1eno\x1fyes")
    assert "=" not in params["names"]


def test_classes_equal_to_the_outputs_are_written_once():
    net = core.Network.random([2, 3], ["softmax"], "cross_entropy", seed=0)
    X, Y = np.zeros((3, 2)), np.eye(3)
    three = ("cat", "dog", "eel")
    params = encode(net, X, Y, ViewState(), names=names(("w", "h"), three, three))
    assert params["names"] == b64("w\x1fh\x1ecat\x1fdog\x1feel\x1e")
    got = decode(params).names
    assert (got.inputs, got.outputs, got.classes) == (("w", "h"), three, three)


def test_a_hand_written_parameter_opens():
    got = opened(b64("Stunden\x1fNote\x1ebestanden"))
    assert got.inputs == ("Stunden", "Note") and got.outputs == ("bestanden",)
    assert got.classes is None
    got = opened(b64("a b\x1fc\x1ed\x1efalse\x1ftrue"))
    assert got.inputs == ("a b", "c") and got.classes == ("false", "true")


def test_markup_and_script_in_names_come_back_as_the_same_text():
    hostile = names(("**x**", "<script>alert(1)</script>"), ("$y$",), ("0", "`1`"))
    params = encode(XOR.network, XOR.X, XOR.Y, ViewState(), names=hostile)
    got = decode(params).names
    assert got.inputs == ("**x**", "<script>alert(1)</script>") and got.classes == ("0", "`1`")
    assert "<" not in params["names"]  # base64 only


NAME = st.text(
    st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")),
    min_size=1,
    max_size=40,
).filter(str.strip)


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_random_names_round_trip(data):
    n_in = data.draw(st.integers(1, 8))
    n_out = data.draw(st.integers(1, 10))
    net = core.Network.random([n_in, n_out], ["linear"], "squared_error", seed=0)
    X, Y = np.zeros((2, n_in)), np.zeros((2, n_out))
    inputs = tuple(data.draw(st.lists(NAME, min_size=n_in, max_size=n_in)))
    outputs = tuple(data.draw(st.lists(NAME, min_size=n_out, max_size=n_out)))
    n_classes = 2 if n_out == 1 else n_out
    classes = data.draw(st.none() | st.lists(NAME, min_size=n_classes, max_size=n_classes))
    classes = None if classes is None else tuple(classes)
    total = sum(len(n.encode()) for n in (*inputs, *outputs, *(classes or ())))
    given_names = names(inputs, outputs, classes)
    if total > 1024:
        with pytest.raises(LinkError, match="1024 bytes"):
            encode(net, X, Y, ViewState(), names=given_names)
        return
    got = decode(encode(net, X, Y, ViewState(), names=given_names)).names
    assert (got.inputs, got.outputs, got.classes) == (inputs, outputs, classes)


HOSTILE = {
    "not base64": "@@@!",
    "padding": b64("x\x1fy\x1ez") + "==",
    "one character too many": "AAAAA",
    "not UTF-8": base64.urlsafe_b64encode(b"\xff\xfe\x1f\x1e").decode().rstrip("="),
    "one group": b64("x\x1fy"),
    "four groups": b64("x\x1fy\x1ez\x1ea\x1fb\x1ec"),
    "three input names": b64("x\x1fy\x1fz\x1eout"),
    "one input name": b64("x\x1eout"),
    "two output names": b64("x\x1fy\x1ea\x1fb"),
    "three classes for a 0/1 output": b64("x\x1fy\x1eout\x1ea\x1fb\x1fc"),
    "one class": b64("x\x1fy\x1eout\x1ea"),
    "nine inputs": b64("\x1f".join("abcdefghi") + "\x1eout"),
    "an empty name": b64("\x1fy\x1eout"),
    "only spaces": b64("  \x1fy\x1eout"),
    "41 characters": b64("x\x1fy\x1e" + "o" * 41),
    "a newline": b64("x\ny\x1fz\x1eout"),
    "a NUL": b64("x\x00\x1fz\x1eout"),
    "an escape sequence": b64("\x1b[2J\x1fz\x1eout"),
    "a bidi override": b64("x\x1f\u202ez\x1eout"),
    "a paragraph separator": b64("x\x1fz\u2029\x1eout"),
    "more than 1 KB": b64("x\x1fy\x1e" + "o" * 1100),
    "a bomb": "A" * 60_000,
    "a huge bomb": "A" * 200_000,
    "<script>": "<script>alert(1)</script>",
}
MESSAGES = {
    "not base64": "the column names are not valid URL-safe base64.",
    "one character too many": "the column names are not valid URL-safe base64.",
    "not UTF-8": "the column names are not valid UTF-8 text.",
    "one group": "the column names must be inputs, outputs and classes.",
    "four groups": "the column names must be inputs, outputs and classes.",
    "three input names": "the column names do not fit (names.inputs: expected 2 names "
    "(one per input)).",
    "one class": "the column names do not fit (names.classes: expected 2 names (of 0 and of 1)).",
    "41 characters": "the column names do not fit (names.outputs[0]: expected 1 to 40 "
    "characters of printable text).",
    "more than 1 KB": "the column names are longer than the 1024 bytes allowed.",
    "a bomb": "the column names are longer than the 1024 bytes allowed.",
    "a huge bomb": "it is longer than 64 KB, more than any link made here.",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_names_get_one_clear_message(name):
    with pytest.raises(LinkError) as info:
        opened(HOSTILE[name])
    message = str(info.value)
    assert message.startswith("Cannot open this link: ")
    assert "\n" not in message and len(message) < 400
    assert not set("<>`\x00\x1b\u202e\u2029") & set(message)
    if name in MESSAGES:
        assert message == "Cannot open this link: " + MESSAGES[name]


def test_names_are_checked_against_the_links_own_network():
    """The same names open with a two-output network and not with XOR's one output."""
    param = b64("x\x1fy\x1ea\x1fb")
    net = core.Network.random([2, 2], ["sigmoid"], "squared_error", seed=0)
    two = encode(net, np.zeros((1, 2)), np.zeros((1, 2)), ViewState())
    assert decode({**two, "names": param}).names.outputs == ("a", "b")
    with pytest.raises(LinkError, match=r"names.outputs: expected 1 name \(one per output\)"):
        opened(param)


def test_names_that_cannot_travel_make_no_link():
    too_long = names(("x", "y"), ("o" * 41,))
    with pytest.raises(LinkError) as info:
        encode(XOR.network, XOR.X, XOR.Y, ViewState(), names=too_long)
    assert str(info.value).startswith("This state cannot be put in a link: the column names")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ABCxyz019_-=+/ \x1f<>é", max_size=80) | st.binary(max_size=60))
def test_random_parameters_raise_only_link_errors(value):
    param = value if isinstance(value, str) else base64.urlsafe_b64encode(value).decode()
    try:
        opened(param)
    except LinkError as exc:
        assert not set("<>") & set(str(exc))

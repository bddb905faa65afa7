"""Hostile links: each is refused with one LinkError whose message is one readable line that
repeats none of the link's text; nothing else is ever raised. Sizes are bounded before any
work (no timing here: a bomb is shown to stay small in memory)."""

import base64
import tracemalloc
import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core
from ui.link_codec import KEYS, Decoded, LinkError, Recipe, ViewState, decode, encode

XOR = core.preset("xor")  # 2-3-1, tanh then sigmoid, binary cross-entropy, m = 4
VIEW = ViewState(
    page="backward",
    step=2,
    cell=("grad_w", 2, 0, 1, None),
    switches={"shared_scale": True, "eta": 0.5, "view": "step", "example": 3},
)
EXACT = encode(XOR.network, XOR.X, XOR.Y, VIEW)  # arch + w + xy
RECIPE = {
    "v": "1",
    "page": "forward",
    "step": "1",
    "arch": "2-3-1.tanh-sigmoid.binary_cross_entropy",
    "init": "xavier.1",
    "data": "xor~100~0.1~0~3",
}
PRESET = {"v": "1", "page": "home", "preset": "worked-2-2-2"}


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def blob(*values) -> str:
    return b64(zlib.compress(np.asarray(values, "<f8").tobytes()))


def bomb(megabytes: int) -> str:
    """`megabytes` MB of zero bytes, zlib-compressed a megabyte at a time."""
    c = zlib.compressobj(9)
    parts = [c.compress(bytes(1 << 20)) for _ in range(megabytes)]
    return b64(b"".join(parts) + c.flush())


def exact(**changes) -> dict:
    return {**EXACT, **changes}


def without(params, *keys) -> dict:
    return {k: v for k, v in params.items() if k not in keys}


W = EXACT["w"]
SCRIPT = "<script>alert(1)</script>"
HOSTILE = {
    # malformed base64, damaged or foreign compressed data
    "w not base64": exact(w="@@@!"),
    "w with padding": exact(w=W + "=="),
    "w one character too many": exact(w="AAAAA"),
    "w not zlib": exact(w=b64(b"hello, world")),
    "w cut short": exact(w=W[:-12]),
    "w with bytes after the stream": exact(w=b64(base64.urlsafe_b64decode(W + "==") + b"xy")),
    "w too few numbers": exact(w=blob(*range(12))),
    "w too many numbers": exact(w=blob(*range(14))),
    "w not whole floats": exact(w=b64(zlib.compress(bytes(13 * 8 + 3)))),
    "xy not whole rows": exact(xy=blob(0, 0, 1, 0)),
    "xy empty": exact(xy=b64(zlib.compress(b""))),
    # non-finite numbers
    "w holds nan": exact(w=blob(*[0.1] * 12, np.nan)),
    "w holds inf": exact(w=blob(-np.inf, *[0.1] * 12)),
    "xy holds nan": exact(xy=blob(0, 0, 1, 0, 1, np.nan)),
    "noise 1e309": {**RECIPE, "data": "xor~100~1e309~0~3"},
    "noise nan": {**RECIPE, "data": "xor~100~nan~0~3"},
    "noise negative": {**RECIPE, "data": "xor~100~-0.1~0~3"},
    "eta 1e309": exact(eta="1e309"),
    "eta inf": exact(eta="inf"),
    "eta 0": exact(eta="0"),
    # versions
    "no version": without(EXACT, "v"),
    "newer version": exact(v="2"),
    "older version": exact(v="0"),
    "version not a number": exact(v="1.0"),
    "version in other digits": exact(v="١"),
    # sizes beyond the app's limits
    "9 inputs": {**RECIPE, "arch": "9-3-1.tanh-sigmoid.binary_cross_entropy"},
    "33 neurons": {**RECIPE, "arch": "2-33-1.tanh-sigmoid.binary_cross_entropy"},
    "4096 neurons": {**RECIPE, "arch": "2-4096-1.tanh-sigmoid.binary_cross_entropy"},
    "11 outputs": {**RECIPE, "arch": "2-3-11.tanh-sigmoid.binary_cross_entropy"},
    "9 hidden layers": {**RECIPE, "arch": f"2-{'3-' * 9}1.{'tanh-' * 9}sigmoid.squared_error"},
    "70 layers": {**RECIPE, "arch": f"2-{'3-' * 69}1.{'tanh-' * 69}sigmoid.squared_error"},
    "a huge size": {**RECIPE, "arch": "2-9999999-1.tanh-sigmoid.binary_cross_entropy"},
    "a size of 0": {**RECIPE, "arch": "2-0-1.tanh-sigmoid.binary_cross_entropy"},
    "2001 examples": {**RECIPE, "data": "xor~2001~0.1~0~3"},
    "2001 rows of xy": exact(xy=blob(*np.zeros(2001 * 3))),
    "seed beyond 10⁶": {**RECIPE, "init": "xavier.1000001"},
    "11 classes": {**RECIPE, "data": "xor~100~0.1~0~11"},
    # names the app does not know
    "unknown page": exact(page="admin"),
    "no page": without(EXACT, "page"),
    "unknown activation": {**RECIPE, "arch": "2-3-1.swish-sigmoid.binary_cross_entropy"},
    "unknown loss": {**RECIPE, "arch": "2-3-1.tanh-sigmoid.hinge"},
    "unknown preset": {**PRESET, "preset": "mnist"},
    "unknown dataset": {**RECIPE, "data": "mnist~100~0.1~0~3"},
    "unknown init": {**RECIPE, "init": "orthogonal.1"},
    "unknown cell kind": exact(cell="theta.1.0._._"),
    "unknown view": exact(view="fast"),
    "upper-case name": {**PRESET, "preset": "XOR"},
    # steps and cells that do not exist
    "step beyond L": exact(page="forward", step="3"),
    "backward step 0": exact(step="0"),
    "step x on forward": exact(page="forward", step="x"),
    "negative step": exact(step="-1"),
    "step on a page without steps": exact(page="train"),
    "step in other digits": exact(step="٢"),
    "cell beyond the layer": exact(cell="grad_w.2.1.0._"),
    "cell with j on a delta": exact(cell="delta.1.0.0._"),
    "cell example beyond m": exact(cell="delta.1.0._.4"),
    "cell with 4 fields": exact(cell="delta.1.0._"),
    "example switch beyond m": exact(example="4"),
    "bool switch 2": exact(shared_scale="2"),
    "bool switch true": exact(shared_scale="true"),
    # networks and data core refuses
    "softmax in a hidden layer": {**RECIPE, "arch": "2-3-1.softmax-sigmoid.binary_cross_entropy"},
    "sigmoid with cross-entropy": {**RECIPE, "arch": "2-3-1.tanh-sigmoid.cross_entropy"},
    "targets outside 0..1": exact(xy=blob(0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 2)),
    "data of another shape": {**PRESET, "arch": "3-2.sigmoid.squared_error", "init": "he.0"},
    # parameters that do not go together
    "init and w": {**EXACT, "init": "xavier.1"},
    "arch alone": without(EXACT, "w"),
    "w without arch": without(EXACT, "arch"),
    "data and xy": {**EXACT, "data": "xor~100~0.1~0~3"},
    "no network at all": without(EXACT, "arch", "w"),
    "arch of 2 fields": {**RECIPE, "arch": "2-3-1.tanh-sigmoid"},
    "init without seed": {**RECIPE, "init": "xavier"},
    "data of 4 fields": {**RECIPE, "data": "xor~100~0.1~0"},
    "activations one short": {**RECIPE, "arch": "2-3-1.sigmoid.binary_cross_entropy"},
    # <script> in every field of every kind of link
    **{f"<script> in {key}": {**base, key: SCRIPT} for base in (EXACT, RECIPE) for key in base},
    "<script> in preset": {**PRESET, "preset": SCRIPT},
    "<script> in a switch": exact(view=SCRIPT),
    # not a link's shape at all
    "too long": exact(w="A" * (64 * 1024)),
    "too many parameters": {**EXACT, **{f"p{n}": "" for n in range(100)}},
    "a number instead of text": exact(step=2),
    "a list of values": exact(page=["forward", "backward"]),
    "None": None,
    "a string": "v=1&page=home",
    "a list": [("v", "1")],
    # compressed bombs
    "100 MB bomb": exact(w=bomb(100)),
    "30 MB bomb in w": exact(w=bomb(30)),
    "30 MB bomb in xy": exact(xy=bomb(30)),
}


def test_the_base_links_open():
    for params in (EXACT, RECIPE, PRESET):
        assert isinstance(decode(params), Decoded)


def test_there_are_many_kinds_of_hostile_links():
    assert len(HOSTILE) >= 15


@pytest.mark.parametrize("name", list(HOSTILE))
def test_each_hostile_link_gets_one_clear_message(name):
    with pytest.raises(LinkError) as info:
        decode(HOSTILE[name])
    message = str(info.value)
    assert message.startswith("Cannot open this link: ")
    assert "\n" not in message and len(message) < 400
    assert not set("<>`") & set(message)  # nothing of the link's text comes back
    assert "Traceback" not in message and "Error" not in message


def test_the_version_messages_say_newer_or_older():
    with pytest.raises(LinkError, match="newer version of the app \\(link format 2"):
        decode(HOSTILE["newer version"])
    with pytest.raises(LinkError, match="older version of the app \\(link format 0"):
        decode(HOSTILE["older version"])
    with pytest.raises(LinkError, match="no format version"):
        decode(HOSTILE["no version"])


def test_messages_name_what_is_wrong():
    expected = {
        "w not base64": "base64",
        "w holds nan": "not a finite number",
        "noise 1e309": "noise",
        "9 inputs": "9 inputs",
        "33 neurons": "33 neurons",
        "2001 examples": "examples",
        "unknown activation": "activation",
        "unknown page": "unknown page",
        "step beyond L": "step",
        "too long": "64 KB",
        "30 MB bomb in w": "more than the 13 numbers",
        "targets outside 0..1": "targets",
    }
    for name, words in expected.items():
        with pytest.raises(LinkError, match=words):
            decode(HOSTILE[name])


def test_a_bomb_is_never_expanded_in_memory():
    """30 MB of zeros fit in a 40 KB link; decoding it must not allocate more than a few MB."""
    params = HOSTILE["30 MB bomb in xy"]
    assert len(params["xy"]) < 64 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(LinkError):
            decode(params)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 2**20


URL_TEXT = st.text(
    alphabet=st.sampled_from("abcxyz019_-.~=%&+<>/ \"'éΘ٣\x00"),
    max_size=60,
)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.one_of(st.sampled_from(KEYS), st.text(max_size=8)),
        st.one_of(URL_TEXT, st.text(max_size=40)),
        max_size=12,
    ),
    st.sampled_from([None, "1", "2", "0"]),
)
def test_random_parameters_raise_only_link_errors(params, version):
    if version is not None:
        params = {**params, "v": version}
    try:
        assert isinstance(decode(params), Decoded)
    except LinkError as exc:
        assert not set("<>") & set(str(exc))


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([EXACT, RECIPE, PRESET]),
    st.data(),
)
def test_damaged_links_raise_only_link_errors(base, data):
    """One field changed: replaced by random text, or one character inserted, dropped or
    swapped (a flipped base64 character breaks zlib's checksum, or the numbers' shape)."""
    key = data.draw(st.sampled_from(sorted(base)))
    value = base[key]
    how = data.draw(st.sampled_from(["replace", "insert", "drop", "swap"]))
    if how == "replace":
        value = data.draw(URL_TEXT)
    else:
        at = data.draw(st.integers(0, len(value)))
        char = data.draw(st.sampled_from("A_-.~0x<9"))
        drop = 1 if how != "insert" else 0
        value = value[:at] + ("" if how == "drop" else char) + value[at + drop :]
    try:
        assert isinstance(decode({**base, key: value}), Decoded)
    except LinkError as exc:
        assert not set("<>") & set(str(exc))


def test_a_decoded_recipe_link_is_the_recipe():
    d = decode(RECIPE)
    net = core.Network.random([2, 3, 1], ["tanh", "sigmoid"], "binary_cross_entropy", seed=1)
    data = core.make_dataset("xor", 100, 0.1, seed=0, classes=3)
    assert all(np.array_equal(d.network.weights[k], net.weights[k]) for k in (1, 2))
    assert np.array_equal(d.X, data.X) and np.array_equal(d.Y, data.Y)
    assert d.view == ViewState(page="forward", step=1)
    assert d.recipe.network.init == "xavier" and d.recipe.data.name == "xor"
    assert decode(PRESET).recipe == Recipe(preset="worked-2-2-2")

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
from ui import link_model
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
    "w not whole floats": exact(w=b64(zlib.compress(bytes(12 * 8 + 3)))),  # under the 13·8 cap
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
    "cell index 10000": exact(cell="delta.1.10000._._"),
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
    "<script> in names": exact(names=SCRIPT),
    "<script> in set": exact(set=SCRIPT),
    "<script> as a setting": {
        **without(EXACT, "step", "cell"),
        "page": "train",
        "set": f"tr_opt~{SCRIPT}",
    },
    # the column names and the page's settings (tests/ui/test_link_names.py, test_link_widgets.py)
    "names not base64": exact(names="@@@!"),
    "names for three inputs": exact(names=b64(b"a\x1fb\x1fc\x1ey")),
    "a names bomb": exact(names="A" * 50_000),
    "set on a page without settings": exact(set="gc_eps~1e-05"),
    "set with an odd count": {**without(RECIPE, "step"), "page": "train", "set": "tr_eta"},
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


# XOR is 2-3-1: n(w) = 3·(2+1) + 1·(3+1) = 13 numbers; m = 4 examples; steps forward 0..2.
N_W, M, MAX_M = 3 * (2 + 1) + 1 * (3 + 1), 4, 2000
NO_BASE64 = "the weights and biases are not valid URL-safe base64."
NOT_NUMBER = "its format version (v) is not a number; it was not made by this app."
NOT_SHORT = "a link is a short list of query parameters."
PAGE = "unknown page; this app knows backward, build, data, forward, gradient_check, home, " + (
    "input_gradient, output_lab, quiz, train."
)
TEXT = "every query parameter must be text."
ONE_OF = "arch needs exactly one of init (a seeded network) or w (exact weights)."
NOT_FINITE = "hold a value that is not a finite number (nan or inf)."
# The whole sentence each hostile link gets (after "Cannot open this link: "), written from the
# link format and the app's limits: every word, name and number a user reads is checked.
MESSAGES = {
    "w not base64": NO_BASE64,
    "w with padding": NO_BASE64,
    "w one character too many": NO_BASE64,
    "w not zlib": "the weights and biases are damaged (not zlib data).",
    "w cut short": "the weights and biases are cut short or have extra bytes.",
    "w with bytes after the stream": "the weights and biases are cut short or have extra bytes.",
    "w too few numbers": f"w holds 12 numbers; this architecture has {N_W}.",
    "w too many numbers": f"the weights and biases hold more than the {N_W} numbers they can.",
    "w not whole floats": "the weights and biases are not a whole number of float64 values.",
    "xy not whole rows": "xy must hold m rows of 2 inputs and 1 targets.",
    "xy empty": "xy must hold m rows of 2 inputs and 1 targets.",
    "w holds nan": f"the weights and biases {NOT_FINITE}",
    "w holds inf": f"the weights and biases {NOT_FINITE}",
    "xy holds nan": f"the data X, Y {NOT_FINITE}",
    "noise 1e309": "the noise must be a number from 0 to 2.",
    "noise nan": "the noise is not a number.",
    "noise negative": "the noise must be a number from 0 to 2.",
    "eta 1e309": "the switch eta must be a number from 0 to 100.",
    "eta inf": "the switch eta is not a number.",
    "eta 0": "the switch eta has a value this app does not use.",
    "no version": "it has no format version (v); it was not made by this app or is cut short.",
    "newer version": "it was made by a newer version of the app (link format 2; this app reads "
    "format 1). Open it there, or ask for a new link.",
    "older version": "it was made by an older version of the app (link format 0) that this app "
    "no longer reads (format 1). Ask for a new link.",
    "version not a number": NOT_NUMBER,
    "version in other digits": NOT_NUMBER,
    "9 inputs": "9 inputs is outside the 1..8 the app allows.",
    "33 neurons": "33 neurons in a hidden layer is outside the 1..32 the app allows.",
    "4096 neurons": "4096 neurons in a hidden layer is outside the 1..32 the app allows.",
    "11 outputs": "11 outputs is outside the 1..10 the app allows.",
    "9 hidden layers": "9 hidden layers is more than the 8 the app allows.",
    "70 layers": "arch must list between 2 and 64 layer sizes.",
    "a huge size": "a layer size must be 1..9999 (it is 9999999).",
    "a size of 0": "a layer size must be 1..9999 (it is 0).",
    "2001 examples": f"the number of examples must be 1..{MAX_M} (it is 2001).",
    "2001 rows of xy": f"the data X, Y hold more than the {MAX_M * (2 + 1):,} numbers they can.",
    "seed beyond 10⁶": "the seed must be 0..1000000 (it is 1000001).",
    "11 classes": "the number of classes must be 2..10 (it is 11).",
    "unknown page": PAGE,
    "no page": PAGE,
    "unknown cell kind": "unknown cell kind; this app knows a, delta, grad_b, grad_w, z.",
    "unknown view": "unknown value of the switch view; this app knows play, step.",
    "step beyond L": "that step does not exist on the forward page (steps: 0, 1, 2).",
    "backward step 0": "that step does not exist on the backward page (steps: 2, 1, x).",
    "step x on forward": "that step does not exist on the forward page (steps: 0, 1, 2).",
    "negative step": "the step is not a whole number.",
    "step on a page without steps": "the train page has no steps.",
    "step in other digits": "the step is not a whole number.",
    "cell beyond the layer": "the cell's neuron must be i = 0..0 in layer 2.",
    "cell with j on a delta": "a delta cell has no j.",
    "cell example beyond m": f"the cell's example must be 0..{M - 1}.",
    "cell with 4 fields": "cell must be written kind.k.i.j.example, with _ for none.",
    "cell index 10000": "a cell index must be 0..9999 (it is 10000).",
    "example switch beyond m": "the switch example has a value this app does not use.",
    "bool switch 2": "the switch shared_scale must be 0 or 1.",
    "bool switch true": "the switch shared_scale must be 0 or 1.",
    "data of another shape": "the data has 2 inputs and 2 targets per example; the network "
    "has 3 inputs and 2 outputs.",
    "init and w": ONE_OF,
    "arch alone": ONE_OF,
    "w without arch": "init and w need arch (the sizes, activations and loss).",
    "data and xy": "it carries both data and xy; a link has one of them.",
    "no network at all": "it names no network: it needs a preset, or arch with init or w.",
    "arch of 2 fields": "arch must be written sizes.activations.loss, e.g. 2-3-1.tanh-sigmoid.…",
    "init without seed": "init must be written name.seed, e.g. xavier.0.",
    "data of 4 fields": "data must be written name~n~noise~seed~classes, e.g. spiral~500~0.05~0~3.",
    "activations one short": "arch has 2 layers but 1 activations.",
    "too long": "it is longer than 64 KB, more than any link made here.",
    "too many parameters": NOT_SHORT,
    "a number instead of text": TEXT,
    "a list of values": TEXT,
    "None": NOT_SHORT,
    "a string": NOT_SHORT,
    "a list": NOT_SHORT,
    "100 MB bomb": "it is longer than 64 KB, more than any link made here.",
    "names not base64": "the column names are not valid URL-safe base64.",
    "names for three inputs": "the column names do not fit (names.inputs: expected 2 names "
    "(one per input)).",
    "a names bomb": "the column names are longer than the 1024 bytes allowed.",
    "set on a page without settings": "this page has no settings a link carries.",
    "set with an odd count": "set must be written key~value~key~value, each key once.",
    "30 MB bomb in w": f"the weights and biases hold more than the {N_W} numbers they can.",
    "30 MB bomb in xy": f"the data X, Y hold more than the {MAX_M * (2 + 1):,} numbers they can.",
}
# Names from core's tables: the sentence, then every name core knows (core owns the list).
UNKNOWN = {
    "unknown activation": ("activation", core.ACTIVATIONS),
    "unknown loss": ("loss", core.LOSSES),
    "unknown preset": ("preset", core.PRESETS),
    "upper-case name": ("preset", core.PRESETS),
    "unknown dataset": ("dataset", core.DATASETS),
    "unknown init": ("initialization", core.INITS),
}
# Refused by core: the part of the link that core refused, then core's own reason.
CORE_REFUSES = {
    "softmax in a hidden layer": ("the network: ", "softmax"),
    "sigmoid with cross-entropy": ("the network: ", "cross_entropy"),
    "targets outside 0..1": ("the targets: ", "between 0 and 1"),
}


@pytest.mark.parametrize("name", list(MESSAGES))
def test_each_message_is_the_exact_sentence(name):
    with pytest.raises(LinkError) as info:
        decode(HOSTILE[name])
    assert str(info.value) == "Cannot open this link: " + MESSAGES[name]


@pytest.mark.parametrize("name", list(UNKNOWN))
def test_an_unknown_name_lists_the_names_the_app_knows(name):
    what, table = UNKNOWN[name]
    with pytest.raises(LinkError) as info:
        decode(HOSTILE[name])
    known = ", ".join(sorted(table))
    assert str(info.value) == f"Cannot open this link: unknown {what}; this app knows {known}."


@pytest.mark.parametrize("name", list(CORE_REFUSES))
def test_what_core_refuses_names_the_part_and_the_reason(name):
    part, reason = CORE_REFUSES[name]
    with pytest.raises(LinkError) as info:
        decode(HOSTILE[name])
    assert str(info.value).startswith("Cannot open this link: " + part)
    assert reason in str(info.value)


def test_every_hostile_link_has_its_message_checked():
    checked = {*MESSAGES, *UNKNOWN, *CORE_REFUSES}
    assert not checked - set(HOSTILE)
    assert {n for n in HOSTILE if not n.startswith("<script>")} <= checked


@pytest.mark.parametrize("m", [0, MAX_M + 1])
def test_data_of_too_many_or_no_examples_says_how_many(m):
    """No link reaches this guard today (every source is capped earlier), so a preset's data is
    replaced in the preset cache: m rows of XOR's 2 inputs and 1 target."""
    fake = core.Preset(
        name="xor",
        title="",
        description="",
        network=XOR.network,
        X=np.zeros((m, 2)),
        Y=np.zeros((m, 1)),
    )
    with pytest.raises(LinkError) as info:
        link_model.read_data({"preset": "xor"}, XOR.network, {"xor": fake})
    assert str(info.value) == f"the data has {m} examples; the app allows 1..{MAX_M}."


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

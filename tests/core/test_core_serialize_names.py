"""The data's column names in a saved JSON file: written when given, read back exactly with the
same bounds as a link (≤ 8 + 10 + 10 names of 1..40 printable characters, ≤ 1 KB, counts that fit
the network); an old file without names loads as before."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core

WORKED = core.preset("worked-2-2-2")  # 2-2-2: two inputs, two outputs
XOR = core.preset("xor")  # 2-3-1: one output


class Names:
    def __init__(self, inputs, outputs, classes=None):
        self.inputs, self.outputs, self.classes = inputs, outputs, classes


def saved_text(net, X, Y, names) -> str:
    return json.dumps(core.to_dict(net, X, Y, names))


def test_names_are_written_as_lists_under_names():
    names = Names(("age", "score"), ("fail", "pass"), ("fail", "pass"))
    d = json.loads(saved_text(WORKED.network, WORKED.X, WORKED.Y, names))
    assert d["names"] == {
        "inputs": ["age", "score"],
        "outputs": ["fail", "pass"],
        "classes": ["fail", "pass"],
    }


def test_regression_names_have_null_classes_and_come_back():
    names = Names(("hours", "sleep"), ("mark", "grade"))
    text = saved_text(WORKED.network, WORKED.X, WORKED.Y, names)
    assert '"classes": null' in text
    back = core.from_dict(json.loads(text))
    assert back.names == {
        "inputs": ("hours", "sleep"),
        "outputs": ("mark", "grade"),
        "classes": None,
    }


def test_an_old_file_without_names_loads_as_before_and_unpacks_in_three():
    d = json.loads(json.dumps(core.to_dict(XOR.network, XOR.X, XOR.Y)))
    assert "names" not in d
    saved = core.from_dict(d)
    assert saved.names is None
    net, X, Y = saved  # callers that unpack three still work
    assert np.array_equal(X, XOR.X) and np.array_equal(Y, XOR.Y) and net.sizes == (2, 3, 1)


PRINTABLE = st.characters(
    blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"),
)
NAME = st.text(PRINTABLE, min_size=1, max_size=40).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_random_names_round_trip_through_json_text(data):
    n_out = data.draw(st.sampled_from([1, 2, 3]))
    net = core.Network.random([2, 3, n_out], ["tanh", "sigmoid"], "squared_error", seed=0)
    inputs = tuple(data.draw(st.lists(NAME, min_size=2, max_size=2)))
    outputs = tuple(data.draw(st.lists(NAME, min_size=n_out, max_size=n_out)))
    n_classes = 2 if n_out == 1 else n_out
    classes = data.draw(st.none() | st.lists(NAME, min_size=n_classes, max_size=n_classes))
    classes = None if classes is None else tuple(classes)
    X, Y = np.zeros((1, 2)), np.zeros((1, n_out))
    back = core.from_dict(json.loads(saved_text(net, X, Y, Names(inputs, outputs, classes))))
    assert back.names == {"inputs": inputs, "outputs": outputs, "classes": classes}


def with_names(names) -> dict:
    d = json.loads(json.dumps(core.to_dict(XOR.network, XOR.X, XOR.Y)))
    return {**d, "names": names}


OK = {"inputs": ["x", "y"], "outputs": ["label"], "classes": ["no", "yes"]}
HOSTILE = {
    "not an object": ["x", "y"],
    "a field missing": {"inputs": ["x", "y"], "outputs": ["label"]},
    "an extra field": {**OK, "script": "<script>"},
    "inputs not a list": {**OK, "inputs": "xy"},
    "three input names for two inputs": {**OK, "inputs": ["a", "b", "c"]},
    "one input name": {**OK, "inputs": ["a"]},
    "two output names for one output": {**OK, "outputs": ["a", "b"]},
    "three classes for one 0/1 output": {**OK, "classes": ["a", "b", "c"]},
    "one class": {**OK, "classes": ["a"]},
    "nine inputs": {**OK, "inputs": [f"x{j}" for j in range(9)]},
    "eleven classes": {**OK, "classes": [f"c{j}" for j in range(11)]},
    "an empty name": {**OK, "inputs": ["", "y"]},
    "only spaces": {**OK, "inputs": ["   ", "y"]},
    "41 characters": {**OK, "outputs": ["a" * 41]},
    "a newline": {**OK, "inputs": ["x\ny", "z"]},
    "a NUL": {**OK, "inputs": ["x\x00", "z"]},
    "an escape": {**OK, "inputs": ["\x1b[31mx", "z"]},
    "a bidi override": {**OK, "classes": ["\u202eon", "off"]},
    "a line separator": {**OK, "classes": ["a\u2028b", "off"]},
    "a number": {**OK, "inputs": [1, "y"]},
    "null name": {**OK, "outputs": [None]},
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_names_that_break_a_rule_are_refused_without_repeating_them(name):
    with pytest.raises(core.CoreError) as info:
        core.from_dict(with_names(HOSTILE[name]))
    message = str(info.value)
    assert message.startswith("names")
    assert "<" not in message and "\x1b" not in message and "\u202e" not in message


def test_the_count_messages_say_how_many_names_the_network_needs():
    with pytest.raises(core.CoreError, match=r"names.inputs: expected 2 names \(one per input\)"):
        core.from_dict(with_names(HOSTILE["three input names for two inputs"]))
    with pytest.raises(core.CoreError, match=r"names.classes: expected 2 names \(of 0 and of 1\)"):
        core.from_dict(with_names(HOSTILE["one class"]))
    with pytest.raises(core.CoreError, match=r"names.inputs\[0\]: expected 1 to 40 char"):
        core.from_dict(with_names(HOSTILE["an empty name"]))


def test_forty_characters_pass_and_one_kilobyte_is_the_total():
    forty = {**OK, "outputs": ["é" * 40]}  # 40 characters, 80 bytes
    assert core.from_dict(with_names(forty)).names["outputs"] == ("é" * 40,)
    # 8 inputs, 10 outputs (softmax), 10 classes of 40 two-byte characters: 28 · 80 > 1024 bytes
    net = core.Network.random([8, 10], ["softmax"], "cross_entropy", seed=0)
    big = {"inputs": ["é" * 40] * 8, "outputs": ["ü" * 40] * 10, "classes": ["ö" * 40] * 10}
    d = {**json.loads(json.dumps(core.to_dict(net))), "names": big}
    with pytest.raises(core.CoreError, match="at most 1024 bytes"):
        core.from_dict(d)
    small = {k: [v[0][:12]] * len(v) for k, v in big.items()}  # 28 · 24 = 672 bytes
    assert core.from_dict({**d, "names": small}).names["classes"] == ("ö" * 12,) * 10
    # exactly 1024 bytes: 8 · 80 + 2 · (9 · 19 + 21) (classes count again); one byte more fails
    outputs = ["a" * 19] * 9 + ["b" * 21]
    edge = {"inputs": ["é" * 40] * 8, "outputs": outputs, "classes": outputs}
    assert core.from_dict({**d, "names": edge}).names["outputs"][-1] == "b" * 21
    over = {**edge, "classes": [*outputs[:-1], "c" * 22]}
    with pytest.raises(core.CoreError, match="at most 1024 bytes"):
        core.from_dict({**d, "names": over})


def test_multiclass_names_need_one_class_per_output():
    net = core.Network.random([2, 3], ["softmax"], "cross_entropy", seed=0)
    d = json.loads(json.dumps(core.to_dict(net)))
    three = ["a", "b", "c"]
    names = {"inputs": ["x", "y"], "outputs": three, "classes": three}
    assert core.from_dict({**d, "names": names}).names["classes"] == ("a", "b", "c")
    with pytest.raises(core.CoreError, match=r"expected 3 names \(one per class\)"):
        core.from_dict({**d, "names": {**names, "classes": ["a", "b"]}})


def test_to_dict_refuses_names_that_do_not_fit_the_network():
    with pytest.raises(core.CoreError, match=r"names\.outputs"):
        core.to_dict(XOR.network, XOR.X, XOR.Y, Names(("x", "y"), ("a", "b")))


def test_names_as_markup_are_kept_literally():
    names = Names(("**x**", "<script>alert(1)</script>"), ("$y$",), ("0", "1"))
    back = core.from_dict(json.loads(saved_text(XOR.network, XOR.X, XOR.Y, names)))
    assert back.names["inputs"] == ("**x**", "<script>alert(1)</script>")

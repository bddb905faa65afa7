"""Every invalid input raises core.CoreError (a ValueError) whose message starts with the field
it is about, and nothing the caller passed in (network, arrays, dicts) changes."""

import copy
import json
import math

import numpy as np
import pytest

import core

GOOD = dict(
    weights=[[[0.1, 0.2]], [[0.3]]],
    biases=[[0.0], [0.0]],
    activations=["tanh", "sigmoid"],
    loss="half_squared_error",
)
HUGE_INT = 10**400  # valid JSON, but no float can hold it


def raises(field, call):
    with pytest.raises(core.CoreError) as info:
        call()
    err = info.value
    assert isinstance(err, ValueError)
    assert err.field == field, str(err)
    assert str(err).startswith(f"{field}: expected"), str(err)
    return err


def snapshot(net):
    return [np.array(a, copy=True) for a in (*net.weights, *net.biases)], (
        tuple(net.activations),
        net.loss,
    )


def assert_unchanged(net, snap):
    arrays, names = snap
    for now, before in zip((*net.weights, *net.biases), arrays):
        assert now.tobytes() == before.tobytes()
        assert not now.flags.writeable
    assert (tuple(net.activations), net.loss) == names


# ---- networks ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes,field",
    [
        (dict(activations=["tanh", "swish"]), "activations[2]"),
        (dict(activations=[5, "sigmoid"]), "activations[1]"),
        (dict(activations="tanh"), "activations"),
        (dict(loss="hinge"), "loss"),
        (dict(loss=None), "loss"),
        (dict(weights=[[[0.1, 0.2]], [[0.3, 0.4]]]), "weights[2]"),  # the chain θ⁽²⁾θ⁽¹⁾ breaks
        (dict(weights=[[[0.1, 0.2], [0.3]], [[0.3]]]), "weights[1]"),  # ragged
        (dict(weights=[[0.1, 0.2], [[0.3]]]), "weights[1]"),  # a vector, not a matrix
        (dict(weights=[np.zeros((1, 0)), [[0.3]]]), "weights[1]"),
        (dict(weights=[[[math.nan, 0.2]], [[0.3]]]), "weights[1]"),
        (dict(weights=[[[0.1, 0.2]], [[math.inf]]]), "weights[2]"),
        (dict(weights=[[["a", 0.2]], [[0.3]]]), "weights[1]"),
        (dict(weights=[[[HUGE_INT, 0.2]], [[0.3]]]), "weights[1]"),
        (dict(weights=[]), "weights"),
        (dict(weights="θ"), "weights"),
        (dict(weights={1: [[0.1, 0.2]]}), "weights"),
        (dict(biases=[[0.0, 1.0], [0.0]]), "biases[1]"),
        (dict(biases=[[0.0], [-math.inf]]), "biases[2]"),
        (dict(biases=[[0.0]]), "biases/activations"),
        (dict(activations=["softmax", "sigmoid"]), "activations[1]"),  # softmax on a hidden layer
        (dict(loss="cross_entropy"), "loss"),  # cross-entropy without softmax
        (dict(activations=["tanh", "tanh"], loss="binary_cross_entropy"), "loss"),  # BCE, no σ
        (dict(activations=["tanh", "softmax"], loss="binary_cross_entropy"), "loss"),
    ],
)
def test_invalid_networks(changes, field):
    raises(field, lambda: core.Network.from_layers(**{**GOOD, **changes}))


@pytest.mark.parametrize(
    "kwargs,field",
    [
        (dict(sizes=[2, 0, 1]), "sizes[1]"),
        (dict(sizes=[2, -3, 1]), "sizes[1]"),
        (dict(sizes=[2, 10**9, 1]), "sizes[1]"),
        (dict(sizes=[2, 4097, 1]), "sizes[1]"),
        (dict(sizes=[2, 4000, 4000, 1]), "sizes"),  # 16 million parameters
        (dict(sizes=[2] * 70), "sizes"),  # too many layers
        (dict(sizes=[2]), "sizes"),
        (dict(sizes=[]), "sizes"),
        (dict(sizes="2-3-1"), "sizes"),
        (dict(sizes=5), "sizes"),
        (dict(sizes=[2, 2.5, 1]), "sizes[1]"),
        (dict(sizes=[2, True, 1]), "sizes[1]"),
        (dict(sizes=[2, "3", 1]), "sizes[1]"),
        (dict(init="glorot"), "init"),
        (dict(seed=-1), "seed"),
        (dict(seed=1.5), "seed"),
        (dict(activations="gelu"), "activations[1]"),
        (dict(activations=["tanh"]), "biases/activations"),
        (dict(loss="hinge"), "loss"),
    ],
)
def test_invalid_random_networks(kwargs, field):
    kwargs = {"sizes": [2, 3, 1], "activations": "tanh", "loss": "half_squared_error", **kwargs}
    raises(field, lambda: core.Network.random(**kwargs))


def test_failed_edits_leave_the_network_alone():
    net = core.Network.from_layers(**GOOD)
    snap = snapshot(net)
    for call, field in [
        (lambda: net.with_weight(1, 0, 0, math.nan), "weights[1]"),
        (lambda: net.with_weight(1, 0, 0, math.inf), "weights[1]"),
        (lambda: net.with_weight(1, 0, 0, "0.5"), "value"),
        (lambda: net.with_weight(1, 0, 0, HUGE_INT), "value"),
        (lambda: net.with_weight(0, 0, 0, 1.0), "k"),
        (lambda: net.with_weight(3, 0, 0, 1.0), "k"),
        (lambda: net.with_weight(1, -1, 0, 1.0), "i"),  # never wrapped like numpy
        (lambda: net.with_weight(1, 0, 2, 1.0), "j"),
        (lambda: net.with_weight(1, 0, 1.0, 1.0), "j"),
        (lambda: net.with_bias(2, 1, 1.0), "i"),
        (lambda: net.with_bias(1, 0, math.nan), "biases[1]"),
        (lambda: net.replace(activations=["softmax", "sigmoid"]), "activations[1]"),
        (lambda: net.replace(loss="cross_entropy"), "loss"),
        (lambda: net.replace(weights=[[[0.1, 0.2]], [[0.3, 0.4]]]), "weights[2]"),
    ]:
        raises(field, call)
        assert_unchanged(net, snap)


# ---- data --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "X,Y,field",
    [
        ([[0.1, 0.2, 0.3]], [[0.0]], "X"),  # a column too many
        ([[0.1]], [[0.0]], "X"),
        ([[0.1, math.nan]], [[0.0]], "X"),
        ([[0.1, math.inf]], [[0.0]], "X"),
        ([[0.1, HUGE_INT]], [[0.0]], "X"),
        ("oops", [[0.0]], "X"),
        ([[]], [[0.0]], "X"),
        ([[0.1, 0.2], [0.3]], [[0.0], [0.0]], "X"),  # ragged
        (np.zeros((1, 1, 2)), [[0.0]], "X"),
        (np.zeros((300_000, 2)), None, "X"),  # more examples than core accepts
        ([[0.1, 0.2]], [[0.0, 1.0]], "Y"),  # Y has a column too many
        ([[0.1, 0.2], [0.3, 0.4]], [[0.0]], "Y"),  # one target for two examples
        ([[0.1, 0.2]], [[math.inf]], "Y"),
        ([[0.1, 0.2]], [[math.nan]], "Y"),
        ([[0.1, 0.2]], [["a"]], "Y"),
    ],
)
def test_invalid_data(X, Y, field):
    net = core.Network.from_layers(**GOOD)
    snap = snapshot(net)
    X_before = copy.deepcopy(X)
    raises(field, lambda: core.forward(net, X, Y))
    assert_unchanged(net, snap)
    if isinstance(X, np.ndarray):
        np.testing.assert_array_equal(X, X_before)


@pytest.mark.parametrize(
    "out,loss,Y",
    [
        ("sigmoid", "binary_cross_entropy", [[1.5]]),
        ("sigmoid", "binary_cross_entropy", [[-0.1]]),
        ("softmax", "cross_entropy", [[0.5, 0.2, 0.1]]),  # sums to 0.8
        ("softmax", "cross_entropy", [[1.5, -0.5, 0.0]]),  # sums to 1, but not ≥ 0
        ("softmax", "cross_entropy", [[1.0, 0.0]]),  # wrong shape
        ("softmax", "cross_entropy", [[1.0], [0.0], [0.0]]),
    ],
)
def test_labels_must_suit_the_loss(out, loss, Y):
    n_out = 1 if out == "sigmoid" else 3
    net = core.Network.random([2, n_out], [out], loss, seed=0)
    X = [[0.1, 0.2]]
    raises("Y", lambda: core.forward(net, X, Y))
    fwd = core.forward(net, X)
    raises("Y", lambda: core.backward(net, fwd, Y))
    raises("Y", lambda: core.train(net, X, Y, epochs=3, learning_rate=0.1))  # not "diverged"


def test_backward_needs_the_trace_of_the_same_network():
    small = core.Network.from_layers(**GOOD)
    other = core.preset("worked-2-2-2")
    fwd = core.forward(other.network, other.X, other.Y)
    raises("fwd", lambda: core.backward(small, fwd, [[0.5]]))


# ---- training ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs,field",
    [
        (dict(learning_rate=0.0), "learning_rate"),
        (dict(learning_rate=-0.1), "learning_rate"),
        (dict(learning_rate=math.nan), "learning_rate"),
        (dict(learning_rate=math.inf), "learning_rate"),
        (dict(learning_rate=1e4), "learning_rate"),
        (dict(learning_rate=True), "learning_rate"),
        (dict(learning_rate="0.1"), "learning_rate"),
        (dict(learning_rate=None), "learning_rate"),
        (dict(epochs=-1), "epochs"),
        (dict(epochs=2.5), "epochs"),
        (dict(epochs=True), "epochs"),
        (dict(epochs="10"), "epochs"),
        (dict(epochs=10**7), "epochs"),
        (dict(batch_size=0), "batch_size"),
        (dict(batch_size=-2), "batch_size"),
        (dict(batch_size=1.5), "batch_size"),
        (dict(batch_size=True), "batch_size"),
        (dict(optimizer="rmsprop"), "optimizer"),
        (dict(optimizer="SGD"), "optimizer"),
        (dict(optimizer=None), "optimizer"),
        (dict(l2=-1.0), "l2"),
        (dict(l2=math.nan), "l2"),
        (dict(X=[[0.0, 0.0, 0.0]] * 4), "X"),
        (dict(Y=[[2.0]] * 4), "Y"),  # BCE labels outside [0, 1]
        (dict(Y=[[0.0]] * 3), "Y"),
    ],
)
def test_invalid_training_arguments(kwargs, field):
    kwargs = dict(kwargs)  # the parameter is shared by reruns (mutmut runs tests twice): no pop
    p = core.preset("xor")
    X, Y = kwargs.pop("X", p.X), kwargs.pop("Y", p.Y)
    X_before, Y_before = np.array(X, copy=True), np.array(Y, copy=True)
    snap = snapshot(p.network)
    args = {"epochs": 2, "learning_rate": 0.1, **kwargs}
    raises(field, lambda: core.train(p.network, X, Y, **args))
    assert_unchanged(p.network, snap)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(Y, Y_before)


@pytest.mark.parametrize("rate", [0.0, -0.1, math.nan, math.inf, 1e4, True, "0.5", None])
def test_invalid_sgd_step_rates(rate):
    p = core.preset("xor")
    bwd = core.backward(p.network, core.forward(p.network, p.X, p.Y), p.Y)
    snap = snapshot(p.network)
    raises("learning_rate", lambda: core.sgd_step(p.network, bwd, rate))
    assert_unchanged(p.network, snap)


def test_an_sgd_step_that_overflows_raises_and_changes_nothing():
    net = core.Network.from_layers([[[1e308]]], [[0.0]], ["linear"], "half_squared_error")
    huge = core.BackwardTrace(
        loss=1.0,
        delta=core.ByLayer(1, [np.array([[-1e308]])]),
        grad_weights=core.ByLayer(1, [np.array([[-1e308]])]),
        grad_biases=core.ByLayer(1, [np.array([0.0])]),
        grad_input=np.array([[0.0]]),
    )
    snap = snapshot(net)
    raises("weights[1]", lambda: core.sgd_step(net, huge, 10.0))  # 1e308 + 10·1e308 = inf
    assert_unchanged(net, snap)


# ---- names and other entry points --------------------------------------------------------------


@pytest.mark.parametrize(
    "call,field",
    [
        (lambda: core.make_dataset("iris"), "dataset"),
        (lambda: core.make_dataset(None), "dataset"),
        (lambda: core.make_dataset("xor", n=0), "n"),
        (lambda: core.make_dataset("xor", n=10**9), "n"),
        (lambda: core.make_dataset("xor", n=True), "n"),
        (lambda: core.make_dataset("xor", n=2.5), "n"),
        (lambda: core.make_dataset("xor", noise=-1), "noise"),
        (lambda: core.make_dataset("xor", noise=math.nan), "noise"),
        (lambda: core.make_dataset("xor", noise="0.1"), "noise"),
        (lambda: core.make_dataset("spiral", classes=1), "classes"),
        (lambda: core.make_dataset("blobs", classes=11), "classes"),
        (lambda: core.make_dataset("xor", seed=-1), "seed"),
        (lambda: core.preset("mnist"), "preset"),
        (lambda: core.preset(None), "preset"),
        (lambda: core.get_activation("gelu"), "activation"),
        (lambda: core.get_activation(["tanh"]), "activation"),
        (lambda: core.get_loss("hinge"), "loss"),
        (lambda: core.check_pair("tanh", "cross_entropy"), "loss"),
        (lambda: core.broken_backward(["typo"]), "bugs"),
        (lambda: core.train_test_split(core.make_dataset("xor", n=10), 1.0), "test_fraction"),
        (lambda: core.train_test_split(core.make_dataset("xor", n=10), -0.1), "test_fraction"),
    ],
)
def test_unknown_names_and_out_of_range_options(call, field):
    raises(field, call)


def test_gradient_check_options():
    p = core.preset("worked-2-2-2")
    for kwargs, field in [
        (dict(eps=0), "eps"),
        (dict(eps=1.0), "eps"),
        (dict(eps="1e-6"), "eps"),
        (dict(tolerance=0), "tolerance"),
        (dict(tolerance=-1e-4), "tolerance"),
    ]:
        raises(field, lambda kwargs=kwargs: core.gradient_check(p.network, p.X, p.Y, **kwargs))


# ---- from_dict on malformed and hostile data ----------------------------------------------------


def saved():
    p = core.preset("xor")
    return json.loads(json.dumps(core.to_dict(p.network, p.X, p.Y)))


def without(key):
    return lambda d: {k: v for k, v in d.items() if k != key}


def setting(key, value):
    return lambda d: {**d, key: value}


def weights_with(value, layer=0, row=0, col=0):
    def mutate(d):
        d["weights"][layer][row][col] = value
        return d

    return mutate


@pytest.mark.parametrize(
    "mutate,field",
    [
        (lambda d: "not a dict", "file"),
        (lambda d: [d], "file"),
        (lambda d: None, "file"),
        (setting("format", "other"), "format"),
        (without("format"), "format"),
        (setting("version", 99), "version"),
        (setting("version", "1"), "version"),
        (without("sizes"), "sizes"),
        (setting("sizes", [2, 10**9, 1]), "sizes[1]"),
        (setting("sizes", [2, 4000, 4000, 1]), "sizes"),
        (setting("sizes", [2] * 1000), "sizes"),
        (setting("sizes", "2-3-1"), "sizes"),
        (setting("sizes", {"0": 2}), "sizes"),
        (setting("sizes", [2, True, 1]), "sizes[1]"),
        (setting("sizes", [2, 3.0, 1]), "sizes[1]"),
        (setting("sizes", [2, "3", 1]), "sizes[1]"),
        (setting("sizes", [2, 3, 1, 1]), "activations"),  # one layer more than the lists
        (setting("sizes", [2, 4, 1]), "weights[1]"),  # disagrees with θ⁽¹⁾'s shape
        (without("activations"), "activations"),
        (setting("activations", ["tanh"]), "activations"),
        (setting("activations", "tanh"), "activations"),
        (setting("activations", ["tanh", "nope"]), "activations[2]"),
        (setting("activations", [1, "sigmoid"]), "activations[1]"),
        (setting("activations", ["softmax", "sigmoid"]), "activations[1]"),
        (without("loss"), "loss"),
        (setting("loss", None), "loss"),
        (setting("loss", ["binary_cross_entropy"]), "loss"),
        (setting("loss", "cross_entropy"), "loss"),  # no softmax output
        (without("weights"), "weights"),
        (setting("weights", "θ"), "weights"),
        (weights_with("0.1"), "weights[1][0][0]"),
        (weights_with(True, col=1), "weights[1][0][1]"),
        (weights_with(None), "weights[1][0][0]"),
        (weights_with([0.1]), "weights[1][0][0]"),
        (weights_with(HUGE_INT), "weights[1][0][0]"),
        (lambda d: {**d, "weights": [[[0.1, 0.2]] * 2, [[0.1] * 3]]}, "weights[1]"),  # 2 rows
        (lambda d: {**d, "weights": [[[0.1]] * 3, [[0.1] * 3]]}, "weights[1][0]"),
        (lambda d: {**d, "weights": [{"a": 1}, [[0.1] * 3]]}, "weights[1]"),
        (without("biases"), "biases"),
        (lambda d: {**d, "biases": [[0.0] * 3, [0.0, 0.0]]}, "biases[2]"),
        (lambda d: {**d, "biases": [[0.0] * 3, 0.0]}, "biases[2]"),
        (lambda d: {**d, "X": [[0.0, 0.0, 0.0]] * 4}, "X[0]"),  # X without the input shape
        (lambda d: {**d, "X": [[0.0]] * 4}, "X[0]"),
        (lambda d: {**d, "X": [[0.0, "1"]] * 4}, "X[0][1]"),
        (lambda d: {**d, "X": [[0.0, False]] * 4}, "X[0][1]"),
        (lambda d: {**d, "X": "data"}, "X"),
        (lambda d: {**d, "X": []}, "X"),
        (lambda d: {**d, "X": [[0.0, 0.0]] * 3}, "Y"),  # 4 targets for 3 examples
        (lambda d: {**d, "Y": [[0.0, 1.0]] * 4}, "Y[0]"),
        (lambda d: {**d, "Y": [[2.0]] * 4}, "Y"),  # not a BCE target
        (without("X"), "Y"),  # Y without X
    ],
)
def test_from_dict_rejects_malformed_and_hostile_data(mutate, field):
    d = mutate(saved())
    before = copy.deepcopy(d)
    raises(field, lambda: core.from_dict(d))
    assert d == before  # the input is not modified


@pytest.mark.parametrize(
    "old,new,field",
    [
        (
            '"biases": [[0.0, 0.0, 0.0], [0.0]]',
            '"biases": [[0.0, 0.0, 0.0], [NaN]]',
            "biases[2][0]",
        ),
        (
            '"biases": [[0.0, 0.0, 0.0], [0.0]]',
            '"biases": [[Infinity, 0, 0], [0.0]]',
            "biases[1][0]",
        ),
        ('"X": [[0.0, 0.0]', '"X": [[1e999, 0.0]', "X[0][0]"),
        ('"Y": [[0.0]', '"Y": [[NaN]', "Y[0][0]"),
    ],
)
def test_from_dict_rejects_non_finite_numbers_in_json_text(old, new, field):
    text = json.dumps(saved())
    assert old in text
    raises(field, lambda: core.from_dict(json.loads(text.replace(old, new))))

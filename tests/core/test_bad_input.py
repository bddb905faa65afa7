"""Every invalid input raises core.CoreError (a ValueError) naming the field; nothing changes."""

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


def build(**changes):
    return core.Network.from_layers(**{**GOOD, **changes})


@pytest.mark.parametrize(
    "changes,field",
    [
        (dict(activations=["tanh", "swish"]), "activations[2]"),
        (dict(loss="hinge"), "loss"),
        (dict(weights=[[[0.1, 0.2]], [[0.3, 0.4]]]), "weights[2]"),
        (dict(biases=[[0.0, 1.0], [0.0]]), "biases[1]"),
        (dict(biases=[[0.0]]), "biases/activations"),
        (dict(weights=[[[math.nan, 0.2]], [[0.3]]]), "weights[1]"),
        (dict(biases=[[math.inf], [0.0]]), "biases[1]"),
        (dict(weights=[[["a", 0.2]], [[0.3]]]), "weights[1]"),
        (dict(activations=["softmax", "sigmoid"]), "activations[1]"),
        (dict(loss="cross_entropy"), "loss"),
        (dict(activations=["tanh", "tanh"], loss="binary_cross_entropy"), "loss"),
        (dict(weights=[]), "weights"),
        (dict(weights="θ"), "weights"),
    ],
)
def test_invalid_networks(changes, field):
    with pytest.raises(core.CoreError) as info:
        build(**changes)
    assert isinstance(info.value, ValueError)
    assert str(info.value).startswith(field), str(info.value)


@pytest.mark.parametrize(
    "kwargs,field",
    [
        (dict(sizes=[2, 0, 1]), "sizes[1]"),
        (dict(sizes=[2, 10**9, 1]), "sizes[1]"),
        (dict(sizes=[2]), "sizes"),
        (dict(sizes=[2, 2.5, 1]), "sizes[1]"),
        (dict(sizes=[2] + [4000] * 3 + [1]), "sizes"),
        (dict(sizes=[2, 3, 1], init="glorot"), "init"),
        (dict(sizes=[2, 3, 1], seed=-1), "seed"),
    ],
)
def test_invalid_random_networks(kwargs, field):
    kwargs = {"activations": "tanh", "loss": "half_squared_error", **kwargs}
    with pytest.raises(core.CoreError) as info:
        core.Network.random(**kwargs)
    assert str(info.value).startswith(field), str(info.value)


def test_invalid_data():
    net = build()
    for X, Y, field in [
        ([[0.1, 0.2, 0.3]], [[0.0]], "X"),
        ([[0.1, math.nan]], [[0.0]], "X"),
        ([[0.1, 0.2]], [[0.0, 1.0]], "Y"),
        ([[0.1, 0.2]], [[math.inf]], "Y"),
        ([[0.1, 0.2], [0.3, 0.4]], [[0.0]], "Y"),
        ("oops", [[0.0]], "X"),
    ]:
        with pytest.raises(core.CoreError) as info:
            core.forward(net, X, Y)
        assert str(info.value).startswith(field), (X, Y, str(info.value))


def test_labels_must_suit_the_loss():
    bce = build(loss="binary_cross_entropy")
    with pytest.raises(core.CoreError, match="between 0 and 1"):
        core.forward(bce, [[0.1, 0.2]], [[1.5]])
    ce = core.Network.random([2, 3], ["softmax"], "cross_entropy")
    with pytest.raises(core.CoreError, match="summing to 1"):
        core.forward(ce, [[0.1, 0.2]], [[0.5, 0.2, 0.1]])
    fwd = core.forward(ce, [[0.1, 0.2]])
    with pytest.raises(core.CoreError, match="Y"):
        core.backward(ce, fwd, [[1.0, 0.0]])


def test_training_arguments():
    p = core.preset("xor")
    for kwargs, field in [
        (dict(learning_rate=0.0), "learning_rate"),
        (dict(learning_rate=math.nan), "learning_rate"),
        (dict(epochs=-1), "epochs"),
        (dict(epochs=2.5), "epochs"),
        (dict(batch_size=0), "batch_size"),
        (dict(optimizer="rmsprop"), "optimizer"),
        (dict(l2=-1.0), "l2"),
    ]:
        args = {"epochs": 1, "learning_rate": 0.1, **kwargs}
        with pytest.raises(core.CoreError) as info:
            core.train(p.network, p.X, p.Y, **args)
        assert str(info.value).startswith(field)
    bwd = core.backward(p.network, core.forward(p.network, p.X, p.Y), p.Y)
    with pytest.raises(core.CoreError, match="learning_rate"):
        core.sgd_step(p.network, bwd, -0.1)


def test_unknown_names():
    for call, field in [
        (lambda: core.make_dataset("iris"), "dataset"),
        (lambda: core.make_dataset("xor", n=0), "n"),
        (lambda: core.make_dataset("xor", noise=-1), "noise"),
        (lambda: core.preset("mnist"), "preset"),
        (lambda: core.get_activation("gelu"), "activation"),
        (lambda: core.broken_backward(["typo"]), "bugs"),
        (lambda: core.gradient_check(build(), [[0, 0]], [[0]], eps=0), "eps"),
    ]:
        with pytest.raises(core.CoreError) as info:
            call()
        assert str(info.value).startswith(field)


def _saved():
    p = core.preset("xor")
    return core.to_dict(p.network, p.X, p.Y)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: "not a dict",
        lambda d: [d],
        lambda d: {**d, "format": "other"},
        lambda d: {**d, "version": 99},
        lambda d: {**d, "sizes": [2, 10**9, 1]},
        lambda d: {**d, "sizes": "2-3-1"},
        lambda d: {**d, "sizes": [2, True, 1]},
        lambda d: {**d, "activations": ["tanh"]},
        lambda d: {**d, "activations": ["tanh", "nope"]},
        lambda d: {**d, "loss": None},
        lambda d: {**d, "weights": [[["0.1", 0.2]] * 3, [[0.1] * 3]]},
        lambda d: {**d, "weights": [[[0.1, 0.2]] * 2, [[0.1] * 3]]},
        lambda d: {**d, "weights": [[[0.1, True]] * 3, [[0.1] * 3]]},
        lambda d: {**d, "biases": [[0.0] * 3, [math.nan]]},
        lambda d: {**d, "X": [[0.0, 0.0]] * 3},
        lambda d: {**d, "X": "data"},
        lambda d: {k: v for k, v in d.items() if k != "weights"},
        lambda d: {k: v for k, v in d.items() if k != "X"},
    ],
)
def test_from_dict_rejects_malformed_and_hostile_data(mutate):
    d = _saved()
    with pytest.raises(core.CoreError):
        core.from_dict(mutate(json.loads(json.dumps(d))))


def test_nothing_changes_on_failure():
    net = build()
    before = [w.copy() for w in net.weights]
    with pytest.raises(core.CoreError):
        net.with_weight(1, 0, 0, math.nan)
    with pytest.raises(core.CoreError):
        net.replace(activations=["softmax", "sigmoid"])
    for w, b in zip(net.weights, before):
        np.testing.assert_array_equal(w, b)

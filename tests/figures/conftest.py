"""Networks and traces the figure tests draw: the worked 2-2-2, 2-3-3-1, 2-8-8-8-1, the largest."""

from dataclasses import dataclass

import numpy as np
import pytest

import core


@dataclass
class Case:
    net: core.Network
    X: np.ndarray
    Y: np.ndarray
    fwd: core.ForwardTrace
    bwd: core.BackwardTrace


def make_case(net, X, Y) -> Case:
    fwd = core.forward(net, X, Y)
    return Case(net, X, Y, fwd, core.backward(net, fwd, Y))


@pytest.fixture(scope="session")
def worked() -> Case:
    p = core.preset("worked-2-2-2")
    return make_case(p.network, p.X, p.Y)


@pytest.fixture(scope="session")
def small() -> Case:
    """2-3-3-1 on 20 XOR points."""
    d = core.make_dataset("xor", n=20, seed=3)
    net = core.Network.random(
        [2, 3, 3, 1], ["tanh", "tanh", "sigmoid"], "binary_cross_entropy", seed=1
    )
    return make_case(net, d.X, d.Y)


@pytest.fixture(scope="session")
def medium() -> Case:
    """2-8-8-8-1 on 200 points (more than the 64 examples a heatmap shows)."""
    d = core.make_dataset("moons", n=200, seed=4)
    net = core.Network.random(
        [2, 8, 8, 8, 1], ["relu"] * 3 + ["sigmoid"], "binary_cross_entropy", "he", seed=2
    )
    return make_case(net, d.X, d.Y)


@pytest.fixture(scope="session")
def largest() -> Case:
    """The largest network the app allows: 8 hidden layers of 32, softmax, 500 examples."""
    d = core.make_dataset("spiral", n=500, classes=3, seed=0)
    net = core.Network.random(
        [2] + [32] * 8 + [3], ["relu"] * 8 + ["softmax"], "cross_entropy", "he", seed=0
    )
    return make_case(net, d.X, d.Y)

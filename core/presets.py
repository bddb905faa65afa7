"""Ready-made networks with their data, by name."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .datasets import make_dataset
from .errors import CoreError
from .network import Network


@dataclass(frozen=True, eq=False)
class Preset:
    name: str
    title: str
    description: str
    network: Network
    X: np.ndarray
    Y: np.ndarray


def _worked():
    # The classic worked example: every number of it is published, so tests can check them.
    net = Network.from_layers(
        weights=[[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
        biases=[[0.35, 0.35], [0.60, 0.60]],
        activations=["sigmoid", "sigmoid"],
        loss="half_squared_error",
    )
    return (
        "Worked example 2-2-2",
        "One example, x = (0.05, 0.10), y = (0.01, 0.99); sigmoid layers, half squared error.",
        net,
        np.array([[0.05, 0.10]]),
        np.array([[0.01, 0.99]]),
    )


def _xor():
    net = Network.random([2, 3, 1], ["tanh", "sigmoid"], "binary_cross_entropy", "xavier", seed=1)
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return (
        "XOR 2-3-1",
        "The four XOR points; tanh hidden layer, sigmoid output, binary cross-entropy.",
        net,
        X,
        np.array([[0.0], [1.0], [1.0], [0.0]]),
    )


def _spiral():
    data = make_dataset("spiral", n=500, noise=0.05, seed=0, classes=3)
    net = Network.random([2, 16, 16, 3], ["relu", "relu", "softmax"], "cross_entropy", "he", seed=0)
    return (
        "Spiral 2-16-16-3",
        "500 points on three spiral arms; ReLU layers, softmax, cross-entropy.",
        net,
        data.X,
        data.Y,
    )


def _sine():
    data = make_dataset("sine", n=100, noise=0.05, seed=0)
    net = Network.random(
        [1, 16, 16, 1], ["tanh", "tanh", "linear"], "half_squared_error", "xavier", seed=0
    )
    return (
        "Sine 1-16-16-1",
        "100 noisy samples of sin x; tanh layers, linear output, half squared error.",
        net,
        data.X,
        data.Y,
    )


PRESETS = {"worked-2-2-2": _worked, "xor": _xor, "spiral": _spiral, "sine": _sine}
# Titles without building the networks (the spiral preset generates 500 points).
PRESET_TITLES = {
    "worked-2-2-2": "Worked example 2-2-2",
    "xor": "XOR 2-3-1",
    "spiral": "Spiral 2-16-16-3",
    "sine": "Sine 1-16-16-1",
}
DEFAULT_PRESET = "worked-2-2-2"


def preset(name: str = DEFAULT_PRESET) -> Preset:
    if not isinstance(name, str) or name not in PRESETS:
        raise CoreError("preset", f"one of {list(PRESETS)}", name)
    title, description, net, X, Y = PRESETS[name]()
    return Preset(name, title, description, net, X, Y)

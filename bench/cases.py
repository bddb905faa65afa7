"""The networks every section measures: each preset, and the largest network the app allows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import core

# The Build page's limits: 8 hidden layers of at most 32 neurons.
LARGEST_SIZES = [2] + [32] * 8 + [3]
LARGEST = "largest 2-32×8-3, m=500"


@dataclass(frozen=True)
class Case:
    name: str
    net: core.Network
    X: np.ndarray
    Y: np.ndarray

    @property
    def is_largest(self) -> bool:
        return self.name == LARGEST


def largest() -> Case:
    net = core.Network.random(LARGEST_SIZES, ["relu"] * 8 + ["softmax"], "cross_entropy", "he")
    data = core.make_dataset("spiral", n=500)
    return Case(LARGEST, net, data.X, data.Y)


def presets() -> list[Case]:
    out = []
    for name in core.PRESETS:
        p = core.preset(name)
        out.append(Case(name, p.network, p.X, p.Y))
    return out


def all_cases() -> list[Case]:
    return [*presets(), largest()]

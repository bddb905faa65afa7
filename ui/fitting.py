"""Data that fits a network: the right number of inputs and targets, and targets its loss
accepts. No maths beyond shapes; core's forward pass decides what a loss accepts."""

from __future__ import annotations

import numpy as np

import core


def fits(net: core.Network, X, Y) -> bool:
    """True when (X, Y) can run through `net`: shapes match and the loss accepts the targets."""
    X, Y = np.atleast_2d(X), np.atleast_2d(Y)
    if X.shape[1] != net.sizes[0] or Y.shape[1] != net.sizes[-1] or X.shape[0] != Y.shape[0]:
        return False
    try:
        core.forward(net, X, Y)
    except core.CoreError:
        return False
    return True


def default_example(net: core.Network) -> tuple[np.ndarray, np.ndarray]:
    """One example the loss accepts: x = 0.5s; y = class 0 (softmax), 1 (sigmoid), else 0.5s."""
    n_in, n_out = net.sizes[0], net.sizes[-1]
    X = np.full((1, n_in), 0.5)
    if net.activations[net.L] == "softmax":
        Y = np.eye(n_out)[:1]
    elif net.loss == "binary_cross_entropy":
        Y = np.ones((1, n_out))
    else:
        Y = np.full((1, n_out), 0.5)
    return X, Y


def describe_mismatch(net: core.Network, data: core.Dataset) -> str | None:
    """Why a dataset does not fit the network (its shape, or targets the loss refuses), in
    words, or None when it fits."""
    n_in, n_out = data.X.shape[1], data.Y.shape[1]
    if (n_in, n_out) == (net.sizes[0], net.sizes[-1]):
        try:
            core.forward(net, data.X, data.Y)
        except core.CoreError as exc:
            return (
                f"The {data.name} targets do not suit the loss {core.LOSS_LABELS[net.loss]}: {exc}"
            )
        return None
    return (
        f"The {data.name} data has {n_in} input(s) and {n_out} target(s) per example, but the "
        f"network has n⁽⁰⁾ = {net.sizes[0]} inputs and n⁽ᴸ⁾ = {net.sizes[-1]} outputs. "
        f"Set them in *Architecture* first (and build), then use this data."
    )

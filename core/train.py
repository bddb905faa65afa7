"""Gradient descent: one step (`sgd_step`) and a training loop (`train`) with three optimizers.

Training reports progress through `callback(epoch, net, history)` (return False to stop) and
never mutates a network. A loss or parameter that turns non-finite stops training with a
message, and the last finite network is returned.

Two paths give the same numbers: `reference_epoch`, the readable loop over core.forward and
core.backward (`train(..., reference=True)`), and core.fast_train, which `train` uses by
default: the same arithmetic in preallocated buffers, about eight times faster on small batches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .backward import BackwardTrace, backward
from .errors import CoreError
from .fast_train import FastLoop
from .forward import forward
from .losses import check_targets
from .network import Network
from .validate import as_data

OPTIMIZERS = ("sgd", "momentum", "adam")
MOMENTUM = 0.9
ADAM_BETA1, ADAM_BETA2, ADAM_EPS = 0.9, 0.999, 1e-8


def _check_rate(learning_rate) -> float:
    if isinstance(learning_rate, bool) or not isinstance(learning_rate, (int, float, np.floating)):
        raise CoreError("learning_rate", "a number", learning_rate)
    if not (np.isfinite(learning_rate) and 0 < learning_rate <= 1e3):
        raise CoreError("learning_rate", "a positive finite number (at most 1000)", learning_rate)
    return float(learning_rate)


def sgd_step(net: Network, bwd: BackwardTrace, learning_rate: float) -> Network:
    """θ⁽ᵏ⁾ ← θ⁽ᵏ⁾ − η ∂E/∂θ⁽ᵏ⁾ and b⁽ᵏ⁾ ← b⁽ᵏ⁾ − η ∂E/∂b⁽ᵏ⁾ for every k."""
    eta = _check_rate(learning_rate)
    with np.errstate(all="ignore"):
        weights = [w - eta * g for w, g in zip(net.weights, bwd.grad_weights)]
        biases = [b - eta * g for b, g in zip(net.biases, bwd.grad_biases)]
    return net.replace(weights=weights, biases=biases)  # validates: non-finite raises


@dataclass
class History:
    """Per epoch: E (mean of the mini-batch errors), and per layer k the RMS per-example
    norm of δ⁽ᵏ⁾ and the norm of ∂E/∂θ⁽ᵏ⁾ (averaged over the epoch's mini-batches)."""

    loss: list[float] = field(default_factory=list)
    delta_norm: list[list[float]] = field(default_factory=list)  # [epoch][k - 1]
    grad_norm: list[list[float]] = field(default_factory=list)  # [epoch][k - 1]
    diverged: bool = False  # E or a parameter turned non-finite; the last finite net is kept
    stopped_early: bool = False  # stopped before `epochs`: target reached or callback said stop
    reached_target: bool = False  # stopped because E ≤ target_loss
    message: str = ""
    state: TrainState | None = None  # pass as `resume=` to continue where this run stopped

    @property
    def epochs(self) -> int:
        return len(self.loss)


@dataclass
class TrainState:
    """What a later `train(..., resume=state)` needs to continue seamlessly: the optimizer's
    running moments, the shuffling generator and the epoch count."""

    optimizer: _Optimizer
    rng: np.random.Generator
    epoch: int


class _Optimizer:
    """Holds the running moments of momentum/Adam; works on flat lists of arrays."""

    def __init__(self, name: str, eta: float, params: list[np.ndarray]):
        if name not in OPTIMIZERS:
            raise CoreError("optimizer", f"one of {list(OPTIMIZERS)}", name)
        self.name, self.eta, self.t = name, eta, 0
        self.v = [np.zeros_like(p) for p in params]
        self.s = [np.zeros_like(p) for p in params]

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> list[np.ndarray]:
        self.t += 1
        out = []
        for n, (p, g) in enumerate(zip(params, grads)):
            if self.name == "sgd":
                out.append(p - self.eta * g)
            elif self.name == "momentum":
                self.v[n] = MOMENTUM * self.v[n] - self.eta * g
                out.append(p + self.v[n])
            else:
                self.v[n] = ADAM_BETA1 * self.v[n] + (1 - ADAM_BETA1) * g
                self.s[n] = ADAM_BETA2 * self.s[n] + (1 - ADAM_BETA2) * g * g
                v_hat = self.v[n] / (1 - ADAM_BETA1**self.t)
                s_hat = self.s[n] / (1 - ADAM_BETA2**self.t)
                out.append(p - self.eta * v_hat / (np.sqrt(s_hat) + ADAM_EPS))
        return out

    def inplace_ops(self, p: np.ndarray, g: np.ndarray, v: np.ndarray, s: np.ndarray) -> list:
        """`step` on flat buffers, in place: the same operations in the same order, as a list
        of (function, args) for core.fast_train. v, s are this optimizer's moments, flat."""
        eta, tmp = np.float64(self.eta), np.empty_like(p)  # a numpy scalar: no conversion per call
        if self.name == "sgd":  # p − η g
            return [(np.multiply, (g, eta, tmp)), (np.subtract, (p, tmp, p))]
        if self.name == "momentum":  # v ← 0.9 v − η g,  p ← p + v
            return [
                (np.multiply, (v, np.float64(MOMENTUM), v)),
                (np.multiply, (g, eta, tmp)),
                (np.subtract, (v, tmp, v)),
                (np.add, (p, v, p)),
            ]
        v_hat, s_hat = np.empty_like(p), np.empty_like(p)

        def adam():
            self.t += 1
            np.multiply(v, ADAM_BETA1, v)
            np.add(v, np.multiply(g, 1 - ADAM_BETA1, tmp), v)
            np.multiply(s, ADAM_BETA2, s)
            np.add(s, np.multiply(np.multiply(g, 1 - ADAM_BETA2, tmp), g, tmp), s)
            np.divide(v, 1 - ADAM_BETA1**self.t, v_hat)
            np.divide(s, 1 - ADAM_BETA2**self.t, s_hat)
            np.add(np.sqrt(s_hat, s_hat), ADAM_EPS, s_hat)
            np.divide(np.multiply(v_hat, eta, v_hat), s_hat, v_hat)  # (η v̂) / (√ŝ + ε)
            np.subtract(p, v_hat, p)

        return [(adam, ())]


class Diverged(Exception):
    """A step's error, gradients or new parameters were not finite (the reference's CoreError),
    with the last network whose error and gradients were finite."""

    def __init__(self, last_good: Network, error: CoreError):
        super().__init__(str(error))
        self.last_good, self.error = last_good, error


def reference_epoch(net: Network, last_good: Network, X, Y, order, batch, l2, opt: _Optimizer):
    """One epoch of the readable loop: core.forward, core.backward, the optimizer, per batch.

    `last_good` is the network of the previous step (whose error and gradients were finite).
    Returns (net, last_good, per-batch E, Σ over the batches of the RMS ‖δ⁽ᵏ⁾‖, Σ of
    ‖∂E/∂θ⁽ᵏ⁾‖), or raises Diverged.
    """
    m, L = X.shape[0], net.L
    order = np.arange(m) if order is None else order
    losses, d_norms, g_norms = [], np.zeros(L), np.zeros(L)
    try:
        for start in range(0, m, batch):
            rows = order[start : start + batch]
            fwd = forward(net, X[rows], Y[rows])
            bwd = backward(net, fwd, Y[rows])
            last_good = net  # its error and gradients are finite
            # Squares of huge finite numbers may overflow: the history then says inf (or NaN
            # for 0·inf) and the next check stops training; no numpy warning on the way.
            with np.errstate(all="ignore"):
                grads_w = [g + l2 * w for g, w in zip(bwd.grad_weights, net.weights)]
                penalty = 0.5 * l2 * sum(float((w * w).sum()) for w in net.weights)
                losses.append(bwd.loss + penalty)
                d_norms += [np.sqrt((d * d).sum() / len(rows)) for d in bwd.delta]
                g_norms += [np.sqrt((g * g).sum()) for g in grads_w]
                params = opt.step(
                    list(net.weights) + list(net.biases), grads_w + list(bwd.grad_biases)
                )
            net = net.replace(weights=params[:L], biases=params[L:])
    except CoreError as exc:
        raise Diverged(last_good, exc) from exc
    return net, last_good, losses, d_norms, g_norms


class _ReferenceLoop:
    """The readable path, kept callable (`train(..., reference=True)`) as the fast path's judge."""

    def __init__(self, net, X, Y, batch, l2, opt):
        self.net = self.last_good = net
        self.X, self.Y, self.batch, self.l2, self.opt = X, Y, batch, l2, opt

    def epoch(self, order):
        self.net, self.last_good, *sums = reference_epoch(
            self.net, self.last_good, self.X, self.Y, order, self.batch, self.l2, self.opt
        )
        return sums

    def network(self) -> Network:
        return self.net


def _settings(net, X, Y, epochs, learning_rate, batch_size, l2):
    """Everything `train` checks, once per call: (X, Y, batch, l2, η)."""
    X, Y = as_data(X, Y, net.sizes[0], net.sizes[-1])
    check_targets(net.loss, Y)  # bad labels are bad input, not a divergence
    if (
        isinstance(epochs, bool)
        or not isinstance(epochs, (int, np.integer))
        or not 0 <= epochs <= 1_000_000
    ):
        raise CoreError("epochs", "a whole number from 0 to 1,000,000", epochs)
    batch = X.shape[0] if batch_size is None else batch_size
    if isinstance(batch, bool) or not isinstance(batch, (int, np.integer)) or batch < 1:
        raise CoreError("batch_size", "a whole number ≥ 1", batch_size)
    if not isinstance(l2, (int, float)) or not (np.isfinite(l2) and l2 >= 0):
        raise CoreError("l2", "a finite number ≥ 0", l2)
    return X, Y, min(int(batch), X.shape[0]), l2, _check_rate(learning_rate)


def train(
    net: Network,
    X,
    Y,
    epochs: int,
    learning_rate: float,
    batch_size: int | None = None,
    optimizer: str = "sgd",
    l2: float = 0.0,
    seed: int = 0,
    callback=None,
    target_loss: float | None = None,
    resume: TrainState | None = None,
    reference: bool = False,
) -> tuple[Network, History]:
    """Train on (X, Y) with mini-batches shuffled by `seed`; E gains (l2/2) Σ θ² if l2 > 0.

    Stops after `epochs`, when E ≤ target_loss, when `callback` returns False, or when E
    diverges (the last finite network is returned and `history.diverged` is set).
    `resume=history.state` continues an earlier run (same optimizer) for live, chunked training.
    `reference=True` runs the readable loop over core.forward/core.backward instead of the
    buffered one (core.fast_train); both give the same numbers.
    """
    X, Y, batch, l2, eta = _settings(net, X, Y, epochs, learning_rate, batch_size, l2)
    m = X.shape[0]
    params = list(net.weights) + list(net.biases)
    if (
        resume is not None
        and resume.optimizer.name == optimizer
        and all(v.shape == p.shape for v, p in zip(resume.optimizer.v, params))
    ):
        opt, rng, first = resume.optimizer, resume.rng, resume.epoch + 1
        opt.eta = eta
    else:
        opt = _Optimizer(optimizer, eta, params)
        rng, first = np.random.default_rng(seed), 1
    if reference or not FastLoop.fits(net.sizes, m):
        loop = _ReferenceLoop(net, X, Y, batch, l2, opt)
    else:
        loop = FastLoop(net, X, Y, batch, l2, opt, replay=reference_epoch)
    history = History()
    for epoch in range(first, first + epochs):
        order = rng.permutation(m) if batch < m else None
        try:
            losses, d_norms, g_norms = loop.epoch(order)
        except Diverged as exc:
            history.diverged = True
            history.message = (
                f"Training diverged in epoch {epoch} ({exc.error}); kept the last network whose "
                "error was finite. Try a smaller learning rate."
            )
            history.state = TrainState(opt, rng, epoch - 1)
            return exc.last_good, history
        n_batches = len(losses)
        history.loss.append(float(np.mean(losses)))
        history.delta_norm.append((d_norms / n_batches).tolist())
        history.grad_norm.append((g_norms / n_batches).tolist())
        if callback is not None and callback(epoch, loop.network(), history) is False:
            history.stopped_early = True
            history.message = f"Stopped by the caller after epoch {epoch}."
            break
        if target_loss is not None and history.loss[-1] <= target_loss:
            history.stopped_early = history.reached_target = True
            history.message = f"Reached the target error {target_loss:g} after epoch {epoch}."
            break
    history.state = TrainState(opt, rng, first - 1 + history.epochs)
    return loop.network(), history

"""One forward + backward pass at m = 500: the app's core.forward + core.backward, the fast
training path's step, a plain-numpy floor written inline here, and PyTorch on the CPU when it
is installed (it is not a requirement). Times are interleaved in rounds and compared as ratios
within the run, since the machine is shared."""

from __future__ import annotations

import importlib
import statistics
import time

import numpy as np

import core
from bench.timing import row, short_error

M = 500
NETS = [  # name, sizes, activations, loss
    ("worked 2-2-2", [2, 2, 2], ["sigmoid", "sigmoid"], "half_squared_error"),
    ("2-8-8-1", [2, 8, 8, 1], ["tanh", "tanh", "sigmoid"], "binary_cross_entropy"),
    ("2-32×8-1", [2] + [32] * 8 + [1], ["tanh"] * 8 + ["sigmoid"], "binary_cross_entropy"),
]
FLOOR_GOAL = 1.5  # fast step ≤ 1.5 × the numpy floor (issue 10 §2)


def _problem(sizes, activations, loss):
    data = core.make_dataset("spiral", n=M, classes=2, seed=0)
    net = core.Network.random(sizes, activations, loss, seed=0)
    return net, data.X, data.Y[:, : sizes[-1]].copy()


def _fast_step(net, X, Y):
    train = importlib.import_module("core.train")  # the module, not the function core.train
    opt = train._Optimizer("sgd", 0.01, list(net.weights) + list(net.biases))
    loop = train.FastLoop(net, X, Y, len(X), 0.0, opt, train.reference_epoch)
    return loop.forward_backward


def _floor_step(net, X, Y):
    """The least plain numpy can do: matmuls, g, g′ and the gradients, nothing kept."""
    W = [np.array(w) for w in net.weights]
    WT = [np.ascontiguousarray(w.T) for w in W]
    b = [np.array(v) for v in net.biases]
    tanh = [g == "tanh" for g in net.activations]
    half_se, m = net.loss == "half_squared_error", len(X)

    def step():
        a = [X]
        for k in range(len(W)):
            z = a[-1] @ WT[k] + b[k]
            a.append(np.tanh(z) if tanh[k] else 1.0 / (1.0 + np.exp(-z)))
        d = a[-1] - Y
        if half_se:
            d *= a[-1] * (1.0 - a[-1])
        grads = []
        for k in range(len(W) - 1, -1, -1):
            grads.append((d.T @ a[k] / m, d.sum(axis=0) / m))
            if k:
                gp = 1.0 - a[k] * a[k] if tanh[k - 1] else a[k] * (1.0 - a[k])
                d = (d @ W[k]) * gp
        return grads

    return step


def _torch_step(net, X, Y):
    import torch  # optional: only when installed

    Xt, Yt = torch.tensor(X), torch.tensor(Y)
    W = [torch.tensor(np.array(w), requires_grad=True) for w in net.weights]
    b = [torch.tensor(np.array(v), requires_grad=True) for v in net.biases]
    tanh = [g == "tanh" for g in net.activations]
    half_se = net.loss == "half_squared_error"

    def step():
        a = Xt
        for k in range(len(W)):
            z = a @ W[k].T + b[k]
            a = torch.tanh(z) if tanh[k] else z if k == len(W) - 1 else torch.sigmoid(z)
        if half_se:
            loss = 0.5 * ((torch.sigmoid(a) - Yt) ** 2).sum(dim=1).mean()
        else:
            loss = torch.nn.functional.binary_cross_entropy_with_logits(a, Yt)
        return torch.autograd.grad(loss, W + b)

    return step


def _interleaved(fns: dict, rounds: int = 15, seconds: float = 0.03) -> dict:
    """Median seconds per call of each function, timed in alternating rounds."""
    numbers = {}
    for name, fn in fns.items():
        fn()  # warm up, and size each round to about `seconds`
        started = time.perf_counter()
        fn()
        numbers[name] = max(1, int(seconds / max(time.perf_counter() - started, 1e-7)))
    samples = {name: [] for name in fns}
    for r in range(rounds):
        for name in list(fns)[:: 1 if r % 2 else -1]:
            fn, n = fns[name], numbers[name]
            started = time.perf_counter()
            for _ in range(n):
                fn()
            samples[name].append((time.perf_counter() - started) / n)
    return {name: statistics.median(s) for name, s in samples.items()}


def step_table() -> list[str]:
    lines = [
        f"forward + backward at m = {M}: app (core.forward + core.backward), fast step, "
        "numpy floor, torch (CPU)"
    ]
    try:
        import torch

        # One thread, as numpy's elementwise work here: on a shared 2-core machine torch's
        # default pool spins against the other processes and measured 30-100x slower.
        torch.set_num_threads(1)
        lines.append("  torch runs with torch.set_num_threads(1)")
        have_torch = True
    except ImportError:
        have_torch = False
        lines.append("  torch not installed")
    for name, sizes, activations, loss in NETS:
        net, X, Y = _problem(sizes, activations, loss)
        fns = {
            "app": lambda net=net, X=X, Y=Y: core.backward(net, core.forward(net, X, Y), Y),
            "fast": _fast_step(net, X, Y),
            "floor": _floor_step(net, X, Y),
        }
        if have_torch:
            try:
                fns["torch"] = _torch_step(net, X, Y)
            except Exception as exc:  # report, never stop the bench
                lines.append(row(f"{name}: torch", "ERROR", short_error(exc)))
        with np.errstate(all="ignore"):
            t = _interleaved(fns)
        fast, floor = t["fast"], t["floor"]
        lines += [
            row(
                f"{name}: app", f"{t['app'] * 1e6:,.0f} µs", f"{t['app'] / fast:.1f}× the fast step"
            ),
            row(
                f"{name}: fast step",
                f"{fast * 1e6:,.0f} µs",
                f"{fast / floor:.2f}× the floor; goal ≤ {FLOOR_GOAL}×",
                fast <= FLOOR_GOAL * floor,
            ),
            row(f"{name}: numpy floor", f"{floor * 1e6:,.0f} µs"),
        ]
        if "torch" in t:
            lines.append(
                row(
                    f"{name}: torch",
                    f"{t['torch'] * 1e6:,.0f} µs",
                    f"fast = {fast / t['torch']:.2f}× torch; goal < 1×",
                    fast < t["torch"],
                )
            )
    return lines

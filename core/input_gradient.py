"""The gradient with respect to the input: the backward pass one step further.

`output_gradient` differentiates one output aᶜ⁽ᴸ⁾ instead of E: the same recursion, started
from δ⁽ᴸ⁾ = ∂aᶜ/∂z⁽ᴸ⁾. `ascend_input` follows it uphill from a starting x ("deep dreaming":
the input is the variable, the weights stay fixed).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS, softmax_jacobian
from .backward import backward, backward_from
from .errors import CoreError
from .forward import forward
from .network import Network
from .validate import as_data, check_index


def _check_neuron(net: Network, neuron) -> int:
    return check_index("neuron", neuron, 0, net.sizes[-1] - 1, "an output neuron")


def output_gradient(net: Network, X, neuron: int) -> np.ndarray:
    """∂aᶜ⁽ᴸ⁾/∂x per example (m × n⁽⁰⁾) for output neuron c = `neuron`."""
    c = _check_neuron(net, neuron)
    fwd = forward(net, X)
    L = net.L
    act = ACTIVATIONS[net.activations[L]]
    a_L, z_L = fwd.a[L], fwd.z[L]
    if act.elementwise:
        d_L = np.zeros_like(a_L)
        d_L[:, c] = act.g_prime(z_L, a_L)[:, c]
    else:
        d_L = softmax_jacobian(a_L)[:, c, :]  # ∂a_c/∂z_q for every q
    return backward_from(net, fwd, d_L).grad_input


def error_gradient(net: Network, X, Y) -> np.ndarray:
    """∂E(xᵢ, yᵢ)/∂xᵢ per example (m × n⁽⁰⁾)."""
    fwd = forward(net, X, Y)
    return backward(net, fwd, fwd.Y).grad_input


@dataclass(frozen=True, eq=False)
class AscentPath:
    x: np.ndarray  # (steps + 1) × n⁽⁰⁾, the input after each step
    value: np.ndarray  # aᶜ⁽ᴸ⁾ at each x
    neuron: int
    rate: float


def ascend_input(net: Network, x0, neuron: int, steps: int = 50, rate: float = 0.1):
    """Gradient ascent on the input: x ← x + η ∂aᶜ/∂x, starting at x0, weights fixed."""
    c = _check_neuron(net, neuron)
    if (
        isinstance(steps, bool)
        or not isinstance(steps, (int, np.integer))
        or not 0 <= steps <= 10_000
    ):
        raise CoreError("steps", "a whole number from 0 to 10,000", steps)
    if not isinstance(rate, (int, float)) or not (np.isfinite(rate) and 0 < rate <= 100):
        raise CoreError("rate", "a positive number up to 100", rate)
    x, _ = as_data(x0, None, net.sizes[0], net.sizes[-1])
    x = x[:1].copy()
    path, values = [x[0].copy()], [forward(net, x).output[0, c]]
    for _ in range(int(steps)):
        x = x + rate * output_gradient(net, x, c)
        path.append(x[0].copy())
        values.append(forward(net, x).output[0, c])
    return AscentPath(np.array(path), np.array(values), c, float(rate))


def gradient_field(net: Network, x_range, y_range, resolution: int = 25, y=None, neuron=None):
    """(xs, ys, r × r × 2) over the input plane: ∂E/∂x for the fixed target `y`, or, with
    `neuron` instead, ∂aᶜ/∂x. The network must have two inputs."""
    from .evaluate import grid

    if net.sizes[0] != 2:
        raise CoreError("network", "two inputs to draw a field over the plane", net.sizes[0])
    if (y is None) == (neuron is None):
        raise CoreError("gradient_field", "either a target y or an output neuron")
    xs, ys, points = grid(x_range, y_range, resolution)
    if neuron is not None:
        grads = output_gradient(net, points, neuron)
    else:
        target = np.asarray(y, float).reshape(1, -1)
        grads = error_gradient(net, points, np.repeat(target, len(points), axis=0))
    return xs, ys, grads.reshape(len(ys), len(xs), 2)

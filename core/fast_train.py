"""The fast training path behind `core.train`: the reference loop's arithmetic in fixed buffers.

The readable loop (core.train.reference_epoch) builds a ForwardTrace, a BackwardTrace and a new
Network per mini-batch and validates each. Here the parameters, activations, deltas, gradients
and optimizer moments live in buffers allocated once per call, and each mini-batch is a fixed
list of numpy operations with `out=` buffers: the same operations in the same order, so the
numbers are the reference's bit for bit (tests/core/test_core_fast_train.py), except tanh on
large batches, taken from one exp (core.fast_kernels.FAST_TANH_MIN: within 3.4e-16).

What the reference checks per step (finite z⁽ᵏ⁾, E, gradients and parameters) is checked once
per epoch on buffers that hold the whole epoch. When a check fails, the epoch is run again by
the reference loop from a snapshot, so divergence is reported exactly as the reference does.
"""

from __future__ import annotations

import numpy as np

from .fast_kernels import g_ops, g_prime_ops, output_delta_ops
from .forward import example_error
from .layers import ByLayer
from .network import Network
from .validate import frozen

HUGE_SUM = 1e200  # a sum of squares above this might have overflowed somewhere: replay
HUGE_PARAM = 1e150  # (l2/2) Σθ² could overflow above this: replay
GRADIENT_ROWS_BYTES = 4_000_000  # the steps' gradients kept for the norms, a group at a time
MAX_EPOCH_BYTES = 200_000_000  # larger epochs (huge m × wide layers) take the reference loop


def _flat(shapes, fill=None):
    """One flat buffer and a view of it per shape (C order)."""
    sizes = [int(np.prod(s)) for s in shapes]
    flat = np.zeros(sum(sizes))
    views, start = [], 0
    for shape, size in zip(shapes, sizes):
        views.append(flat[start : start + size].reshape(shape))
        start += size
    if fill is not None:
        for view, value in zip(views, fill):
            np.copyto(view, value)
    return flat, views


class FastLoop:
    """Epochs of `train` for one call; `epoch(order)` has the reference loop's contract."""

    @staticmethod
    def fits(sizes, m: int) -> bool:
        """Whether the buffers that hold a whole epoch (a, z, δ, scratch, data) stay small."""
        return 8 * m * (4 * sum(sizes[1:]) + 2 * sizes[0] + 2 * sizes[-1]) <= MAX_EPOCH_BYTES

    def __init__(self, net: Network, X, Y, batch: int, l2: float, opt, replay):
        self.activations, self.loss = tuple(net.activations), net.loss
        self.X, self.Y, self.batch, self.l2, self.opt, self.replay = X, Y, batch, l2, opt, replay
        self.last_good = net  # the network of the step before; None: the before_last buffer
        n, L, m = net.sizes, net.L, X.shape[0]
        self.L, self.n_weights = L, sum(n[k] * n[k - 1] for k in range(1, L + 1))
        # θ⁽¹⁾..θ⁽ᴸ⁾ then b⁽¹⁾..b⁽ᴸ⁾: the order of the optimizer's lists
        shapes = [(n[k], n[k - 1]) for k in range(1, L + 1)] + [(n[k],) for k in range(1, L + 1)]
        self.shapes = shapes
        self.params, views = _flat(shapes, [*net.weights, *net.biases])
        self.W, self.b = [None, *views[:L]], [None, *views[L:]]
        self.WT = [None] + [np.empty(w.T.shape) for w in self.W[1:]]  # θᵀ for one-row steps
        self.v, v_views = _flat(shapes, opt.v)
        self.s, s_views = _flat(shapes, opt.s)
        opt.v, opt.s = v_views, s_views  # the optimizer's moments are now these buffers
        self.saved = {name: np.empty_like(getattr(self, name)) for name in ("params", "v", "s")}
        self.before_last = np.empty_like(self.params)
        self.saved["before_last"] = np.empty_like(self.params)
        self._epoch_buffers(n, m)
        self.rows = [min(start + batch, m) - start for start in range(0, m, batch)]
        self.penalty = np.zeros(len(self.rows))
        # a gradient row per step of a group; their squared norms per step and layer k
        group = GRADIENT_ROWS_BYTES // (8 * self.params.size)
        self.G = np.zeros((max(1, min(len(self.rows), group)), self.params.size))
        self.g_sums = np.zeros((len(self.rows), L))
        self.program, self.grad_ops = [], []
        for j, start in enumerate(range(0, m, batch)):
            grad, update = self._step_ops(j, start, start + self.rows[j])
            self.grad_ops.append(grad)
            self.program += grad + update

    def _epoch_buffers(self, n, m):
        """Rows of the whole epoch: the step on rows start..stop writes rows start..stop."""
        L = self.L
        gather = self.batch < m
        self.Xp = np.empty_like(self.X) if gather else self.X
        self.Yp = np.empty_like(self.Y) if gather else self.Y
        # z⁽ᵏ⁾ and ∂E/∂x in one buffer: one finiteness check per epoch covers them all
        self.checked, zs = _flat([(m, n[k]) for k in range(1, L + 1)] + [(m, n[0])])
        self.Z, self.grad_x = [None, *zs[:L]], zs[L]
        self.A = [self.Xp] + [
            self.Z[k] if self.activations[k - 1] == "linear" else np.empty((m, n[k]))
            for k in range(1, L + 1)
        ]
        self.deltas, ds = _flat([(m, n[k]) for k in range(1, L + 1)])
        self.D = [None, *ds]
        self.T = [None] + [np.empty((m, n[k])) for k in range(1, L + 1)]

    def _step_ops(self, j: int, start: int, stop: int):
        """(gradient ops, update ops) of the step on rows start..stop: views made once."""
        L, W, WT, b = self.L, self.W, self.WT, self.b
        a = [A[start:stop] for A in self.A]
        z, d, t = (
            [None] + [B[k][start:stop] for k in range(1, L + 1)] for B in (self.Z, self.D, self.T)
        )
        y = self.Yp[start:stop]
        ops = []
        if stop - start == 1:
            # One row: BLAS sums a θᵀ in another order when θᵀ is a transposed view, so use
            # the contiguous copy the reference uses (Network.weights_T), refreshed here.
            ops += [(np.copyto, (WT[k], W[k].T)) for k in range(1, L + 1)]
        else:
            WT = [None] + [w.T for w in W[1:]]  # views: always the current θ, no copying
        for k in range(1, L + 1):  # z⁽ᵏ⁾ = a⁽ᵏ⁻¹⁾ θ⁽ᵏ⁾ᵀ + b⁽ᵏ⁾, a⁽ᵏ⁾ = g(z⁽ᵏ⁾)
            ops += [(np.dot, (a[k - 1], WT[k], z[k])), (np.add, (z[k], b[k], z[k]))]
            ops += g_ops(self.activations[k - 1], z[k], a[k])
        ops += output_delta_ops(self.activations[-1], self.loss, z[L], a[L], y, d[L], t[L])
        for k in range(L - 1, 0, -1):  # δ⁽ᵏ⁾ = (δ⁽ᵏ⁺¹⁾ θ⁽ᵏ⁺¹⁾) ⊙ g′(z⁽ᵏ⁾)
            ops.append((np.dot, (d[k + 1], W[k + 1], d[k])))
            ops += g_prime_ops(self.activations[k - 1], z[k], a[k], d[k], t[k])
        ops.append((np.dot, (d[1], W[1], self.grad_x[start:stop])))  # checked, as backward
        g = self.G[j % len(self.G)]
        g_views = self._views(g)
        for k in range(1, L + 1):  # ∂E/∂θ⁽ᵏ⁾ = δ⁽ᵏ⁾ᵀ a⁽ᵏ⁻¹⁾ / m,  ∂E/∂b⁽ᵏ⁾ = Σᵢ δ⁽ᵏ⁾ᵢ / m
            ops.append((np.dot, (d[k].T, a[k - 1], g_views[k - 1])))
            ops.append((np.add.reduce, (d[k], 0, None, g_views[L + k - 1])))
        ops.append((np.divide, (g, np.float64(stop - start), g)))
        update = []
        if j == len(self.rows) - 1:  # the reference's last good network, if the next fails
            update.append((np.copyto, (self.before_last, self.params)))
        if self.l2 > 0:
            update += self._l2_ops(j, g)
        update += self.opt.inplace_ops(self.params, g, self.v, self.s)
        if (j + 1) % len(self.G) == 0 or j == len(self.rows) - 1:
            count = j % len(self.G) + 1
            update.append((self._gradient_sums, (j + 1 - count, count)))
        return ops, update

    def _gradient_sums(self, first: int, count: int):
        """Σ (∂E/∂θ⁽ᵏ⁾)² of steps first..first+count−1, summed as numpy sums each array."""
        sq, start = self.G[:count] * self.G[:count], 0
        for k, w in enumerate(self.W[1:]):
            self.g_sums[first : first + count, k] = sq[:, start : start + w.size].sum(axis=1)
            start += w.size

    def _l2_ops(self, j, g):
        """E gains (l2/2) Σθ² and ∂E/∂θ gains l2 θ, from the weights before the step."""
        l2, W, nw = self.l2, self.W[1:], self.n_weights
        weights, scratch = self.params[:nw], np.empty(nw)

        def penalty():
            self.penalty[j] = 0.5 * l2 * sum(float((w * w).sum()) for w in W)

        return [
            (penalty, ()),
            (np.multiply, (weights, np.float64(l2), scratch)),
            (np.add, (g[:nw], scratch, g[:nw])),
        ]

    def epoch(self, order):
        """One epoch on the rows in `order` (None: 0..m−1), as `reference_epoch`: returns
        (per-batch E, Σ of RMS ‖δ⁽ᵏ⁾‖, Σ of ‖∂E/∂θ⁽ᵏ⁾‖) or raises Diverged."""
        for name, buf in self.saved.items():
            np.copyto(buf, getattr(self, name))
        t0, last_good = self.opt.t, self.last_good
        if order is not None:
            np.take(self.X, order, 0, self.Xp)
            np.take(self.Y, order, 0, self.Yp)
        with np.errstate(all="ignore"):
            for fn, args in self.program:
                fn(*args)
            sums = self._sums()
        if self.opt.name != "adam":  # Adam counts its own steps
            self.opt.t += len(self.rows)
        if sums is None:
            return self._replay(order, t0, last_good)
        self.last_good = None
        return sums

    def _per_batch(self, flat: np.ndarray, width: int) -> np.ndarray:
        """Σ over each batch's rows of a buffer holding `width` numbers per row, summed as
        numpy sums each batch's own array (the same pairwise order)."""
        full, r = len(self.rows) - (self.rows[-1] != self.batch), self.batch
        sums = flat[: full * r * width].reshape(full, r * width).sum(axis=1)
        if full < len(self.rows):
            sums = np.append(sums, flat[full * r * width :].sum())
        return sums

    def _sums(self):
        """The epoch's history values, or None when the reference would have stopped."""
        L, rows = self.L, np.array(self.rows)
        if not np.isfinite(self.checked).all():
            return None
        act, ZL, AL = self.activations[-1], self.Z[L], self.A[L]
        example = example_error(act, self.loss, ZL, AL, self.Yp)
        losses = self._per_batch(example, 1) / rows + self.penalty
        sq = self.deltas * self.deltas
        d_sums, start = [], 0
        for k in range(1, L + 1):
            size = self.D[k].size
            d_sums.append(self._per_batch(sq[start : start + size], self.D[k].shape[1]))
            start += size
        d_sums, g_sums = np.array(d_sums).T, self.g_sums  # [batch, k − 1]
        # NaN fails every comparison, so it replays too. Huge sums of squares are a safety net:
        # the checks on E and θ catch every overflow found so far before they do.
        sums_ok = max(d_sums.max(), g_sums.max()) < HUGE_SUM
        if not (np.isfinite(losses).all() and sums_ok and np.abs(self.params).max() < HUGE_PARAM):
            return None
        d_norms = np.cumsum(np.sqrt(d_sums / rows[:, None]), axis=0)[-1]
        g_norms = np.cumsum(np.sqrt(g_sums), axis=0)[-1]  # in order, as the reference adds
        return losses, d_norms, g_norms

    def _replay(self, order, t0, last_good):
        """Run this epoch again with the reference loop from the snapshot taken at its start."""
        for name, buf in self.saved.items():
            np.copyto(getattr(self, name), buf)
        self.opt.t = t0
        net = self.network()
        if last_good is None:
            last_good = self.network(self.before_last)
        net, self.last_good, *sums = self.replay(
            net, last_good, self.X, self.Y, order, self.batch, self.l2, self.opt
        )  # raises Diverged as the reference does
        for view, value in zip([*self.W[1:], *self.b[1:]], [*net.weights, *net.biases]):
            np.copyto(view, value)
        # the reference rebinds the optimizer's moments: take them back into the buffers
        self.opt.v, self.opt.s = self._into(self.v, self.opt.v), self._into(self.s, self.opt.s)
        return sums

    def _into(self, flat, arrays):
        views = self._views(flat)
        for view, value in zip(views, arrays):
            np.copyto(view, value)
        return views

    def _views(self, flat):
        """Per-parameter views of a flat buffer in the optimizer's order."""
        out, start = [], 0
        for shape in self.shapes:
            size = int(np.prod(shape))
            out.append(flat[start : start + size].reshape(shape))
            start += size
        return out

    def network(self, params: np.ndarray | None = None) -> Network:
        """An immutable Network of the current parameters (or of `params`). Not validated
        again: the shapes are the network's own and every epoch checked the values finite."""
        views = [frozen(v) for v in self._views(self.params if params is None else params)]
        return Network(
            weights=ByLayer(1, views[: self.L]),
            biases=ByLayer(1, views[self.L :]),
            activations=ByLayer(1, self.activations),
            loss=self.loss,
        )

    def forward_backward(self):
        """The first step's forward pass, backward pass and gradients, no update (the bench)."""
        with np.errstate(all="ignore"):
            for fn, args in self.grad_ops[0]:
                fn(*args)

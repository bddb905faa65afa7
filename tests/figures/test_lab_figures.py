"""The lab figures show core's numbers: gradient check, output deltas, training, input gradient.

Second opinions where one exists: the sigmoid deltas from their closed forms, the arrows'
direction from the gradient they were drawn from, vanishing gradients read off the figure.
"""

import itertools

import numpy as np
import pytest
from figure_checks import heatmaps

import core
import figures
from figures.style import sup

LAPTOP_HEIGHT = 700  # px: a figure taller than this does not fit a laptop screen with the page


def traces(fig, kind):
    return [t for t in fig.data if t.type == kind]


def points(fig):
    """Scatter traces drawn as markers only (data points, gradient-check points)."""
    return [t for t in traces(fig, "scatter") if t.mode == "markers"]


@pytest.fixture(scope="module")
def report(small):
    return core.gradient_check(small.net, small.X, small.Y)


@pytest.fixture(scope="module")
def spiral():
    p = core.preset("spiral")
    return p.network, p.X, p.Y.argmax(axis=1)


def fake_report(sizes, seed=0, tolerance=1e-4):
    """A GradientCheckReport of any size without finite differences (for layout checks)."""
    rng = np.random.default_rng(seed)
    w = [rng.normal(size=(n, p)) for p, n in itertools.pairwise(sizes)]
    b = [rng.normal(size=n) for n in sizes[1:]]
    err_w = [10.0 ** rng.uniform(-12, 0, size=x.shape) for x in w]
    err_b = [10.0 ** rng.uniform(-12, 0, size=x.shape) for x in b]
    by = lambda xs: core.ByLayer(1, xs)  # noqa: E731
    return core.GradientCheckReport(
        1e-6, tolerance, by(w), by(w), by(err_w), by(b), by(b), by(err_b)
    )


# ---- gradient check ----------------------------------------------------------------------


def test_scatter_points_are_the_numeric_and_analytic_gradients(report, small):
    layers = points(figures.gradcheck_scatter(report))
    assert len(layers) == small.net.L
    for k, trace in zip(range(1, small.net.L + 1), layers):
        numeric = np.r_[report.numeric_weights[k].ravel(), report.numeric_biases[k]]
        analytic = np.r_[report.analytic_weights[k].ravel(), report.analytic_biases[k]]
        np.testing.assert_array_equal(trace.x, numeric)
        np.testing.assert_array_equal(trace.y, analytic)
        assert sup(k) in trace.name
        # the second opinion behind the figure: correct backprop sits on the diagonal
        np.testing.assert_allclose(trace.y, trace.x, rtol=1e-4, atol=1e-7)


def test_scatter_diagonal_spans_every_point(report):
    fig = figures.gradcheck_scatter(report)
    (diagonal,) = [t for t in traces(fig, "scatter") if t.mode == "lines"]
    assert list(diagonal.x) == list(diagonal.y)
    every = np.concatenate([np.r_[t.x, t.y] for t in points(fig)])
    assert diagonal.x[0] <= every.min() and diagonal.x[-1] >= every.max()


def test_heatmap_z_is_log10_of_the_relative_errors(report, small):
    panels = heatmaps(figures.gradcheck_heatmaps(report))
    assert len(panels) == small.net.L
    for k, panel in zip(range(1, small.net.L + 1), panels):
        z = np.asarray(panel.z, float)
        n_k, n_prev = small.net.weights[k].shape
        assert z.shape == (n_k, n_prev + 1)  # columns j = 0..n⁽ᵏ⁻¹⁾−1, then the bias
        expected_w = np.log10(np.maximum(report.rel_error_weights[k], 1e-16))
        expected_b = np.log10(np.maximum(report.rel_error_biases[k], 1e-16))
        np.testing.assert_allclose(z[:, :-1], expected_w)
        np.testing.assert_allclose(z[:, -1], expected_b)
        assert panel.zmin <= np.log10(report.tolerance) <= panel.zmax
        assert panel.zmax >= np.log10(2)  # opposite signs: relative error 2 is not clipped


def test_a_correct_backward_marks_nothing(report):
    assert not points(figures.gradcheck_heatmaps(report))


@pytest.mark.parametrize("bug", sorted(core.BUGS))
def test_planted_bug_marks_the_cells_over_tolerance(bug, small):
    # 2-3-3-1 tanh on 20 examples: every planted bug is visible here (none of its hiding
    # conditions holds), so each must mark at least one cell
    report = core.gradient_check(
        small.net, small.X, small.Y, backward_fn=core.broken_backward([bug])
    )
    assert not report.passed
    fig = figures.gradcheck_heatmaps(report)
    assert points(fig)
    # a shape as well as the orange: the verdict does not rest on hue alone
    assert all(t.marker.symbol == "x-thin" for t in points(fig))
    # the ✕ of each panel are exactly its cells above the tolerance, and those are orange
    for k, (panel, mark) in enumerate(zip(heatmaps(fig), _marks_per_panel(fig)), start=1):
        err = np.c_[report.rel_error_weights[k], report.rel_error_biases[k]]
        over = {(int(j), int(i)) for i, j in np.argwhere(err > report.tolerance)}
        assert mark == over
        assert all(np.asarray(panel.z)[i, j] > np.log10(report.tolerance) for j, i in over)
    n_over = sum(len(m) for m in _marks_per_panel(fig))
    assert f"{n_over} of" in fig.layout.title.text


def _marks_per_panel(fig):
    """{(column, row)} of the ✕ markers on each heatmap's axes."""
    result = []
    for panel in heatmaps(fig):
        result.append(
            {
                (round(x), round(y))
                for t in points(fig)
                if t.xaxis == panel.xaxis
                for x, y in zip(t.x, t.y)
            }
        )
    return result


def test_gradcheck_single_example_and_large_network_fit_the_screen(worked):
    report = core.gradient_check(worked.net, worked.X, worked.Y)  # m = 1
    for fig in (figures.gradcheck_heatmaps(report), figures.gradcheck_scatter(report)):
        assert fig.layout.height <= LAPTOP_HEIGHT
    big = fake_report([2] + [32] * 8 + [3])  # the largest network the app allows
    fig = figures.gradcheck_heatmaps(big)
    assert len(heatmaps(fig)) == 9 and fig.layout.height <= LAPTOP_HEIGHT
    assert len(fig.to_json()) < 2_000_000
    assert figures.gradcheck_scatter(big).layout.height <= LAPTOP_HEIGHT


def test_gradcheck_of_an_all_zero_network():
    net = core.Network.from_layers(
        weights=[np.zeros((2, 2)), np.zeros((1, 2))],
        biases=[np.zeros(2), np.zeros(1)],
        activations=["tanh", "sigmoid"],
        loss="binary_cross_entropy",
    )
    report = core.gradient_check(net, np.zeros((3, 2)), np.zeros((3, 1)))
    figures.gradcheck_heatmaps(report).to_json()
    figures.gradcheck_scatter(report).to_json()


# ---- output-layer lab --------------------------------------------------------------------

CURVES = [
    ("sigmoid", "squared_error"),
    ("sigmoid", "half_squared_error"),
    ("sigmoid", "binary_cross_entropy"),
    ("softmax", "squared_error"),
    ("softmax", "cross_entropy"),
]


@pytest.mark.parametrize("y", [1.0, 0.0])
def test_delta_curves_are_core_delta_curve(y):
    z = np.linspace(-10, 10, 201)
    curves = {f"{g} + {loss}": core.delta_curve(g, loss, z, y) for g, loss in CURVES}
    fig = figures.delta_curves(z, curves, y)
    lines = traces(fig, "scatter")
    assert len(lines) == len(CURVES)
    for trace, (label, delta) in zip(lines, curves.items()):
        assert trace.name.startswith(label)
        np.testing.assert_array_equal(trace.x, z)
        np.testing.assert_array_equal(trace.y, delta)
    # closed forms (an independent formula): σ(z) − y, and (σ − y) σ(1 − σ) for ½ squared error
    a = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(lines[2].y, a - y, atol=1e-12)
    np.testing.assert_allclose(lines[1].y, (a - y) * a * (1 - a), atol=1e-12)
    # softmax + cross-entropy with logits (z, 0) is the same curve: the legend says so
    assert "same curve as sigmoid + binary_cross_entropy" in lines[4].name
    assert len({t.line.color for t in lines}) == len(lines)
    assert fig.layout.xaxis.title.text == "z⁽ᴸ⁾" and "δ⁽ᴸ⁾" in fig.layout.yaxis.title.text
    assert fig.layout.height <= LAPTOP_HEIGHT


def test_delta_curves_edge_cases():
    figures.delta_curves(np.zeros(1), {"flat": np.zeros(1)}, 0.5).to_json()
    figures.delta_curves(np.linspace(-1, 1, 5), {}, 1.0).to_json()


# ---- training ----------------------------------------------------------------------------


def test_loss_curves_log_error_and_accuracy_axis():
    loss, test = [1.0, 0.5, 0.25, 0.1], [1.1, 0.6, 0.3]
    acc, test_acc = [0.4, 0.6, 0.8, 0.9], [0.4, 0.5, 0.7]
    fig = figures.loss_curves(loss, test, acc, test_acc)
    by_name = {t.name: t for t in fig.data}
    np.testing.assert_array_equal(by_name["train E"].y, loss)
    np.testing.assert_array_equal(by_name["train E"].x, [1, 2, 3, 4])
    np.testing.assert_array_equal(by_name["test E"].x, [1, 2, 3])  # shorter: no padding
    np.testing.assert_array_equal(by_name["test accuracy"].y, test_acc)
    assert fig.layout.yaxis.type == "log"
    assert by_name["train accuracy"].yaxis == "y2" and tuple(fig.layout.yaxis2.range) == (0, 1.02)
    assert fig.layout.height <= LAPTOP_HEIGHT
    # regression (no accuracy), a single epoch, and before the first epoch
    assert len(figures.loss_curves([0.3], [0.4]).data) == 2
    figures.loss_curves([]).to_json()
    figures.loss_curves([0.0, 0.0], [], [], []).to_json()


def test_decision_boundary_multiclass_covers_the_grid(spiral):
    net, X, labels = spiral
    xs, ys, out = core.predict_grid(net, *core.data_range(X), 30)
    fig = figures.decision_boundary(xs, ys, out, X, labels)
    (shade,) = heatmaps(fig)
    np.testing.assert_array_equal(shade.x, xs)
    np.testing.assert_array_equal(shade.y, ys)
    np.testing.assert_array_equal(shade.z, out.argmax(axis=2))
    assert tuple(fig.layout.xaxis.range) == (xs[0], xs[-1])
    assert tuple(fig.layout.yaxis.range) == (ys[0], ys[-1])
    groups = points(fig)
    assert [t.name for t in groups] == ["class 0", "class 1", "class 2"]
    for c, trace in enumerate(groups):
        np.testing.assert_array_equal(trace.x, X[labels == c, 0])
        np.testing.assert_array_equal(trace.y, X[labels == c, 1])
    # each class's points share the colour of the region the network gives that class
    colours = [t.marker.color for t in groups]
    for c in range(3):
        where = (c - shade.zmin) / (shade.zmax - shade.zmin)
        assert [col for v, col in shade.colorscale if v <= where][-1] == colours[c]
    assert fig.layout.height <= LAPTOP_HEIGHT


def test_decision_boundary_single_output_draws_the_half_line():
    p = core.preset("xor")
    xs, ys, out = core.predict_grid(p.network, (-0.5, 1.5), (-0.5, 1.5), 20)
    fig = figures.decision_boundary(xs, ys, out, p.X, p.Y[:, 0])
    (shade,) = heatmaps(fig)
    np.testing.assert_array_equal(shade.z, out[:, :, 0])
    assert (shade.zmin, shade.zmax) == (0, 1)
    (line,) = traces(fig, "contour")
    assert line.contours.start == line.contours.end == 0.5
    assert [t.name for t in points(fig)] == ["class 0", "class 1"]


def test_decision_boundary_single_example():
    net = core.Network.random([2, 3, 1], ["tanh", "sigmoid"], "binary_cross_entropy", seed=0)
    X = np.zeros((1, 2))
    xs, ys, out = core.predict_grid(net, *core.data_range(X), 5)
    fig = figures.decision_boundary(xs, ys, out, X, np.array([1]))
    assert [t.name for t in points(fig)] == ["class 1"]
    fig.to_json()


def test_regression_fit_shows_data_and_curve():
    p = core.preset("sine")
    xs = np.linspace(-4, 4, 50)
    pred = core.predict(p.network, xs[:, None])[:, 0]
    data, curve = figures.regression_fit(p.X, p.Y, xs, pred).data
    np.testing.assert_array_equal(data.y, p.Y[:, 0])
    np.testing.assert_array_equal(curve.x, xs)
    np.testing.assert_array_equal(curve.y, pred)


@pytest.fixture(scope="module")
def deep_histories():
    """8 sigmoid hidden layers with small init, and ReLU with He init, a few epochs each."""
    d = core.make_dataset("spiral", n=60, classes=3, seed=0)
    out = {}
    for g, init in (("sigmoid", "small"), ("relu", "he")):
        net = core.Network.random(
            [2] + [16] * 8 + [3], [g] * 8 + ["softmax"], "cross_entropy", init, seed=0
        )
        out[g] = core.train(net, d.X, d.Y, 5, 0.01, optimizer="adam")[1]
    return out


def test_gradient_norms_one_log_trace_per_layer(deep_histories):
    h = deep_histories["relu"]
    fig = figures.gradient_norms(h.delta_norm, h.grad_norm)
    L = 9
    for axis, values in (("x", h.delta_norm), ("x2", h.grad_norm)):
        panel = [t for t in fig.data if t.xaxis == axis]
        assert [t.name for t in panel] == [f"k = {k}" for k in range(1, L + 1)]
        for k, trace in enumerate(panel, start=1):
            np.testing.assert_allclose(trace.y, np.asarray(values)[:, k - 1])
            np.testing.assert_array_equal(trace.x, np.arange(1, h.epochs + 1))
    assert fig.layout.yaxis.type == fig.layout.yaxis2.type == "log"
    assert sum(bool(t.showlegend is not False) for t in fig.data) == L  # one legend entry per k
    assert len({t.line.color for t in fig.data}) == L
    assert fig.layout.height <= LAPTOP_HEIGHT


def test_vanishing_gradients_are_visible(deep_histories):
    """Read off the figure: with sigmoid + small init ‖δ⁽¹⁾‖ is orders of magnitude below
    ‖δ⁽ᴸ⁾‖; with ReLU + He init the layers stay within a few orders of each other."""
    spans = {}
    for g, h in deep_histories.items():
        fig = figures.gradient_norms(h.delta_norm, h.grad_norm)
        panel = [t for t in fig.data if t.xaxis == "x"]
        spans[g] = np.log10(panel[-1].y[-1] / panel[0].y[-1])
    assert spans["sigmoid"] > 6 and abs(spans["relu"]) < 3


def test_gradient_norms_zero_and_empty():
    fig = figures.gradient_norms([[0.0, 1.0], [0.5, 0.0]], [[1.0, 0.0], [0.0, 0.0]])
    first = fig.data[0]
    assert np.isnan(first.y[0]) and first.y[1] == 0.5  # a zero is a gap, not 1e-300
    fig.to_json()
    assert not figures.gradient_norms([], []).data


# ---- input gradient ----------------------------------------------------------------------


def test_gradient_field_shading_and_arrow_directions(spiral):
    net, X, labels = spiral
    xs, ys, grads = core.gradient_field(net, *core.data_range(X, 0.3), 25, neuron=1)
    fig = figures.gradient_field(xs, ys, grads, X, labels, title="∂a₁⁽ᴸ⁾/∂x")
    (shade,) = heatmaps(fig)
    np.testing.assert_allclose(shade.z, np.linalg.norm(grads, axis=2))
    arrows = [t for t in traces(fig, "scatter") if t.mode == "lines"][-1]
    seg = np.array([np.nan if v is None else v for v in arrows.x], float)
    seg = np.c_[seg, [np.nan if v is None else v for v in arrows.y]].reshape(-1, 7, 2)
    shafts = seg[:, 1] - seg[:, 0]
    lengths = np.linalg.norm(shafts, axis=1)
    assert len(seg) > 50 and np.allclose(lengths, lengths[0])  # direction only: one length
    # each arrow points along the gradient at its grid point (its centre)
    centres = (seg[:, 0] + seg[:, 1]) / 2
    for centre, shaft in zip(centres[::7], shafts[::7]):
        i = np.argmin(np.abs(ys - centre[1]))
        j = np.argmin(np.abs(xs - centre[0]))
        g = grads[i, j]
        assert shaft @ g / (np.linalg.norm(shaft) * np.linalg.norm(g)) > 0.999
    assert [t.name for t in points(fig)] == ["class 0", "class 1", "class 2"]
    assert fig.layout.height <= LAPTOP_HEIGHT


def test_gradient_field_all_zero_and_without_data():
    xs = ys = np.linspace(-1, 1, 5)
    fig = figures.gradient_field(xs, ys, np.zeros((5, 5, 2)))
    assert all(not t.x for t in traces(fig, "scatter"))  # no direction to draw
    fig.to_json()


def test_ascent_path_follows_core(spiral):
    net, _, _ = spiral
    path = core.ascend_input(net, [0.1, -0.2], 2, steps=10, rate=0.1)
    xs, ys, out = core.predict_grid(net, (-2, 2), (-2, 2), 20)
    fig = figures.ascent_path(xs, ys, out[:, :, 2], path.x, path.value, 2)
    (shade,) = heatmaps(fig)
    np.testing.assert_array_equal(shade.z, out[:, :, 2])
    line = next(t for t in traces(fig, "scatter") if "lines" in t.mode)
    np.testing.assert_array_equal(line.x, path.x[:, 0])
    np.testing.assert_array_equal(line.y, path.x[:, 1])
    start, end = points(fig)
    assert (start.x[0], start.y[0]) == tuple(path.x[0])
    assert (end.x[0], end.y[0]) == tuple(path.x[-1])
    assert "a₂⁽ᴸ⁾" in fig.layout.title.text and "a_" not in fig.layout.title.text
    # no steps at all: a one-point path
    one = core.ascend_input(net, [0.0, 0.0], 0, steps=0)
    figures.ascent_path(xs, ys, out[:, :, 0], one.x, one.value, 0).to_json()

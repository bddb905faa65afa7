"""Lab figures: the numbers drawn are core's numbers, and the scales mean what they say."""

import numpy as np
import pytest

import core
import figures


@pytest.fixture(scope="module")
def xor_problem():
    net = core.Network.random([2, 3, 2], ["tanh", "sigmoid"], "half_squared_error", seed=3)
    data = core.make_dataset("xor", n=6, seed=2)
    return net, data.X, np.c_[data.Y, 1 - data.Y]


def _scatter_points(fig):
    layers = [t for t in fig.data if t.mode == "markers"]
    return np.concatenate([t.x for t in layers]), np.concatenate([t.y for t in layers]), layers


def test_gradcheck_scatter_plots_every_parameter(xor_problem):
    report = core.gradient_check(*xor_problem)
    fig = figures.gradcheck_scatter(report)
    numeric, analytic, layers = _scatter_points(fig)
    assert len(layers) == 2  # one colour per layer k
    expected_n = np.concatenate(
        [np.r_[report.numeric_weights[k].ravel(), report.numeric_biases[k]] for k in (1, 2)]
    )
    expected_a = np.concatenate(
        [np.r_[report.analytic_weights[k].ravel(), report.analytic_biases[k]] for k in (1, 2)]
    )
    np.testing.assert_allclose(numeric, expected_n)
    np.testing.assert_allclose(analytic, expected_a)
    diagonal = next(t for t in fig.data if t.mode == "lines")
    assert list(diagonal.x) == list(diagonal.y)  # y = x: where agreeing gradients sit


def test_gradcheck_heatmaps_show_log_relative_error_and_mark_failures(xor_problem):
    good = core.gradient_check(*xor_problem)
    bad = core.gradient_check(*xor_problem, backward_fn=core.broken_backward(["flip_sign"]))
    for report in (good, bad):
        fig = figures.gradcheck_heatmaps(report)
        maps = [t for t in fig.data if t.type == "heatmap"]
        assert len(maps) == 2
        for k, hm in zip((1, 2), maps):
            err = np.c_[report.rel_error_weights[k], report.rel_error_biases[k]]
            np.testing.assert_allclose(hm.z, np.log10(np.maximum(err, 1e-16)))
    marks = [t for t in figures.gradcheck_heatmaps(bad).data if t.type == "scatter"]
    n_bad = sum(
        int((np.c_[bad.rel_error_weights[k], bad.rel_error_biases[k]] > bad.tolerance).sum())
        for k in (1, 2)
    )
    assert n_bad > 0 and sum(len(t.x) for t in marks) == n_bad
    assert not [t for t in figures.gradcheck_heatmaps(good).data if t.type == "scatter"]


def test_delta_curves_are_cores_curves():
    z = np.linspace(-8, 8, 41)
    curves = {
        f"{g} + {loss}": core.delta_curve(g, loss, z, 1.0)
        for g, loss in [("sigmoid", "squared_error"), ("sigmoid", "binary_cross_entropy")]
    }
    fig = figures.delta_curves(z, curves, 1.0)
    assert [t.name for t in fig.data] == list(curves)
    for trace, values in zip(fig.data, curves.values()):
        np.testing.assert_allclose(trace.y, values)
        np.testing.assert_allclose(trace.x, z)


def test_gradient_norms_one_log_line_per_layer_and_panel():
    data = core.make_dataset("circles", n=50)
    net = core.Network.random(
        [2, 8, 8, 8, 1], ["sigmoid"] * 4, "binary_cross_entropy", init="small"
    )
    _, history = core.train(net, data.X, data.Y, epochs=5, learning_rate=0.5)
    fig = figures.gradient_norms(history.delta_norm, history.grad_norm)
    assert len(fig.data) == 2 * net.L
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis2.type == "log"
    first_delta = fig.data[0]  # k = 1, left panel
    np.testing.assert_allclose(first_delta.y, [row[0] for row in history.delta_norm])
    assert figures.gradient_norms([], []).data == ()  # before any epoch: an empty chart


def test_loss_curves_with_and_without_test_data():
    fig = figures.loss_curves([1.0, 0.5, 0.25])
    assert len(fig.data) == 1 and list(fig.data[0].y) == [1.0, 0.5, 0.25]
    fig = figures.loss_curves([1.0, 0.5], [1.1, 0.7], [0.5, 0.75], [0.5, 0.5])
    assert len(fig.data) == 4
    assert fig.layout.yaxis.type == "log"


def test_decision_boundary_covers_the_grid_and_shows_each_class():
    p = core.preset("spiral")
    xs, ys, out = core.predict_grid(p.network, (-1, 1), (-1, 1), 20)
    labels = p.Y.argmax(axis=1)
    fig = figures.decision_boundary(xs, ys, out, p.X, labels)
    region = next(t for t in fig.data if t.type == "heatmap")
    np.testing.assert_array_equal(region.z, out.argmax(axis=2))
    points = [t for t in fig.data if t.type == "scatter"]
    assert len(points) == 3 and sum(len(t.x) for t in points) == len(p.X)
    single = figures.decision_boundary(xs, ys, out[:, :, :1], p.X[:5], np.zeros(5, int))
    assert next(t for t in single.data if t.type == "heatmap").zmax == 1


def test_regression_fit_draws_the_data_and_the_curve():
    p = core.preset("sine")
    xs = np.linspace(-3, 3, 50)
    pred = core.predict(p.network, xs[:, None])[:, 0]
    fig = figures.regression_fit(p.X, p.Y, xs, pred)
    np.testing.assert_allclose(fig.data[1].y, pred)
    assert len(fig.data[0].x) == len(p.X)


def test_gradient_field_magnitude_and_ascent_path():
    p = core.preset("xor")
    xs, ys, grads = core.gradient_field(p.network, (0, 1), (0, 1), 10, y=[1.0])
    fig = figures.gradient_field(xs, ys, grads, p.X, p.Y[:, 0].astype(int))
    np.testing.assert_allclose(fig.data[0].z, np.linalg.norm(grads, axis=2))
    path = core.ascend_input(p.network, [0.5, 0.5], 0, steps=10, rate=0.5)
    gx, gy, out = core.predict_grid(p.network, (0, 1), (0, 1), 10)
    fig = figures.ascent_path(gx, gy, out[:, :, 0], path.x, path.value, 0)
    line = next(t for t in fig.data if t.type == "scatter")
    np.testing.assert_allclose(np.c_[line.x, line.y], path.x)
    assert fig.layout.height <= 700  # fits a laptop screen

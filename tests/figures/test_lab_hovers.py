"""What the lab and training figures say on hover, and their class colours.

Every number a hover shows is written by cards.numbers.fmt (the cards' formatter) and is the
number of the point or cell it sits on; expected values are computed here from the inputs.
"""

import numpy as np
import pytest
from figure_checks import heatmaps, shows

import core
import figures
from cards.numbers import fmt

SMALL = 1e-4  # below this size the gradient check divides by a noise floor, not max(|a|, |n|)


def scatter(fig, mode="markers"):
    return [t for t in fig.data if t.type == "scatter" and t.mode == mode]


@pytest.fixture(scope="module")
def report(small):
    """A check that fails (a planted bug), so backprop and the numeric gradient differ."""
    bug = sorted(core.BUGS)[0]
    return core.gradient_check(small.net, small.X, small.Y, backward_fn=core.broken_backward([bug]))


def test_gradcheck_heatmap_hover_names_each_parameter_and_its_error(report):
    fig = figures.gradcheck_heatmaps(report)
    for k, panel in enumerate(heatmaps(fig), start=1):
        a_w, n_w = report.analytic_weights[k], report.numeric_weights[k]
        a_b, n_b = report.analytic_biases[k], report.numeric_biases[k]
        analytic, numeric = np.c_[a_w, a_b], np.c_[n_w, n_b]
        scale = np.maximum(np.abs(analytic), np.abs(numeric))
        rel = np.abs(analytic - numeric) / np.maximum(scale, 1e-8)
        n_i, n_cols = analytic.shape
        sup = "⁽" + "⁰¹²³⁴⁵⁶⁷⁸⁹"[k] + "⁾"
        for i in range(n_i):
            for j in range(n_cols):
                name, text = panel.customdata[i][j]
                assert name == (f"θ{i},{j}{sup}" if j < n_cols - 1 else f"b{i}{sup}")
                # tiny gradients are compared against core's noise floor instead: skip them
                assert scale[i, j] < SMALL or shows(text, rel[i, j])
        assert "%{customdata[0]}" in panel.hovertemplate
        assert "%{customdata[1]}" in panel.hovertemplate
    assert f"tolerance {fmt(report.tolerance)} (" in fig.layout.title.text


def test_gradcheck_scatter_hover(report):
    fig = figures.gradcheck_scatter(report)
    for k, trace in enumerate(scatter(fig), start=1):
        n_i, n_j = report.analytic_weights[k].shape
        sup = "⁽" + "⁰¹²³⁴⁵⁶⁷⁸⁹"[k] + "⁾"
        for p, (name, numeric, analytic, rel) in enumerate(trace.customdata):
            if p < n_i * n_j:
                i, j = divmod(p, n_j)
                assert name == f"θ{i},{j}{sup}"
                exact_a = report.analytic_weights[k][i, j]
                exact_n = report.numeric_weights[k][i, j]
            else:
                i = p - n_i * n_j
                assert name == f"b{i}{sup}"
                exact_a, exact_n = report.analytic_biases[k][i], report.numeric_biases[k][i]
            assert shows(analytic, exact_a, digits=6) and shows(numeric, exact_n, digits=6)
            scale = max(abs(exact_a), abs(exact_n))
            assert scale < SMALL or shows(rel, abs(exact_a - exact_n) / scale)
            assert (trace.x[p], trace.y[p]) == (exact_n, exact_a)  # numeric across, backprop up
    assert not np.allclose(report.analytic_weights[1], report.numeric_weights[1], rtol=1e-5)
    # a shape as well as a colour: ✕ exactly where the relative error is over the tolerance
    layers = scatter(fig)
    marked = 0
    for k, trace in enumerate(layers, start=1):
        a = np.r_[report.analytic_weights[k].ravel(), report.analytic_biases[k]]
        n = np.r_[report.numeric_weights[k].ravel(), report.numeric_biases[k]]
        over = np.abs(a - n) / np.maximum(np.maximum(np.abs(a), np.abs(n)), 1e-300)
        over = over > report.tolerance
        tiny = np.maximum(np.abs(a), np.abs(n)) < SMALL  # core's noise floor decides these
        marks = np.array(trace.marker.symbol) == "x"
        assert np.array_equal(marks[~tiny], over[~tiny])
        marked += marks.sum()
        assert set(np.array(trace.marker.symbol)) <= {"x", "circle"}
    assert marked  # the planted bug shows
    colours = [t.marker.color for t in layers]  # one colour per layer, as the legend keys
    assert all(isinstance(c, str) for c in colours) and len(set(colours)) == len(layers)


def test_delta_curves_hover():
    z = np.linspace(-3, 3, 13)
    sig = 1 / (1 + np.exp(-z))
    fig = figures.delta_curves(z, {"σ + BCE": sig - 1.0}, 1.0)
    (line,) = scatter(fig, "lines")
    for (z_text, d_text), z_v, d_v in zip(line.customdata, z, sig - 1.0):
        assert shows(z_text, z_v) and shows(d_text, d_v)
    assert "y = 1" in fig.layout.title.text


def test_loss_curves_and_gradient_norms_hover():
    loss, acc = [0.9, 0.123456, 1e-7], [0.5, 0.75, 1.0]
    fig = figures.loss_curves(loss, None, acc)
    by_name = {t.name: t for t in fig.data}
    assert all(shows(t, v) for t, v in zip(by_name["train E"].text, loss))
    assert all(shows(t, v) for t, v in zip(by_name["train accuracy"].text, acc))
    assert all("%{text}" in t.hovertemplate for t in fig.data)
    norms = np.array([[0.5, 0.01], [0.25, 0.002]])
    fig = figures.gradient_norms(norms, norms * 3)
    for t in fig.data:
        k = int(t.name.split("= ")[1])
        values = norms[:, k - 1] * (3 if t.xaxis == "x2" else 1)
        assert all(shows(text, v) for text, v in zip(t.text, values))
        assert f"layer k = {k}" in t.hovertemplate


def plane_cells_read(cell, x, y, *values):
    return (
        shows(cell[0], x)
        and shows(cell[1], y)
        and all(shows(text, v) for text, v in zip(cell[2:], values))
    )


def test_decision_boundary_and_fields_hover(spiral_points):
    xs, ys = np.linspace(-2, 2, 7), np.linspace(-1, 1.5, 6)
    X, labels = spiral_points
    rng = np.random.default_rng(0)
    out = rng.uniform(size=(6, 7, 1))
    fig = figures.decision_boundary(xs, ys, out, X, labels)
    (shade,) = heatmaps(fig)
    for r in range(6):
        for c in range(7):
            assert plane_cells_read(shade.customdata[r][c], xs[c], ys[r], out[r, c, 0])
    for t in scatter(fig):
        c = int(t.name.split()[-1])
        mask = labels == c
        for cell, x in zip(t.customdata, X[mask]):
            assert shows(cell[0], x[0]) and shows(cell[1], x[1])
        assert t.hovertemplate.endswith(f"class {c}<extra></extra>")
    grads = rng.normal(size=(6, 7, 2))
    fig = figures.gradient_field(xs, ys, grads, title="∂E/∂x")
    (shade,) = heatmaps(fig)
    for r in range(6):
        for c in range(7):
            g = grads[r, c]
            assert plane_cells_read(shade.customdata[r][c], xs[c], ys[r], *g, np.hypot(*g))
    path = np.array([[0.1, 0.2], [0.3, -0.4]])
    fig = figures.ascent_path(xs, ys, out[:, :, 0], path, np.array([0.25, 0.75]), 1)
    (shade,) = heatmaps(fig)
    assert plane_cells_read(shade.customdata[2][3], xs[3], ys[2], out[2, 3, 0])
    line = scatter(fig, "lines+markers")[0]
    for s, (cell, x, v) in enumerate(zip(line.customdata, path, [0.25, 0.75])):
        assert cell[0] == s and plane_cells_read(cell[1:], *x, v)
    start, end = scatter(fig)
    assert start.name == "start: a₁⁽ᴸ⁾ = 0.25" and end.name == "end: a₁⁽ᴸ⁾ = 0.75"


def test_regression_fit_hover():
    X, Y = np.array([[0.5], [-1.25]]), np.array([[0.1], [-0.2]])
    xs, pred = np.array([-2.0, 0.0, 2.0]), np.array([0.3, -0.03, 3e-9])
    data, curve = figures.regression_fit(X, Y, xs, pred).data
    for cell, x, y in zip(data.customdata, X[:, 0], Y[:, 0]):
        assert shows(cell[0], x) and shows(cell[1], y)
    for cell, x, y in zip(curve.customdata, xs, pred):
        assert shows(cell[0], x) and shows(cell[1], y)


# ---- class colours ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def spiral_points():
    d = core.make_dataset("spiral", n=30, classes=3, seed=0)
    return d.X, d.Y.argmax(axis=1)


def point_colours(fig) -> dict[int, str]:
    return {int(t.name.split()[-1]): t.marker.color for t in scatter(fig) if "class" in t.name}


def test_single_output_boundary_shades_each_class_in_its_points_colour():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.5, 0.2]])
    labels = np.array([0, 1, 1])
    xs = ys = np.linspace(-1, 2, 5)
    fig = figures.decision_boundary(xs, ys, np.full((5, 5, 1), 0.3), X, labels)
    (shade,) = heatmaps(fig)
    scale = [tuple(s) for s in shade.colorscale]
    assert (shade.zmin, shade.zmax) == (0, 1)
    colours = point_colours(fig)
    # a = 0 means class 0, a = 1 class 1: the ends of the scale are the classes' colours
    assert scale[0] == (0, colours[0]) and scale[-1] == (1, colours[1])
    assert colours[0] != colours[1]


def test_ascent_shading_and_field_points_use_the_class_colour(spiral_points):
    X, labels = spiral_points
    xs = ys = np.linspace(-1, 1, 4)
    field = figures.gradient_field(xs, ys, np.ones((4, 4, 2)), X, labels)
    colours = point_colours(field)
    assert len(set(colours.values())) == 3
    for c in range(3):
        fig = figures.ascent_path(xs, ys, np.zeros((4, 4)), np.zeros((1, 2)), np.zeros(1), c)
        (shade,) = heatmaps(fig)
        assert shade.colorscale[-1][1] == colours[c]  # aᶜ⁽ᴸ⁾ high: class c's colour

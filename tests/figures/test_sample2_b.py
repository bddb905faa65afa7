"""Second mutation sample (issue 7): neurons, training charts, gradient-check, input field,
output curves and the shared style helpers. Expected values come from the spec, not the code."""

import itertools
import math

import numpy as np
import pytest

import core
import figures
from figures.neurons import neuron_traces
from figures.style import example_rows, round_sig, symmetric_max

SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def sup(k):
    return "⁽" + "".join(SUP[int(c)] for c in str(k)) + "⁾"


class Net:
    def __init__(self, sizes):
        self.sizes = list(sizes)
        self.L = len(sizes) - 1


# ---- neurons -------------------------------------------------------------------------------


def test_a_layer_of_ten_still_gets_its_values_written():
    """≤ 40 neurons and ≤ 10 per layer: each neuron carries its value, dark text on light."""
    net = Net([10, 3, 2])
    values = {0: np.r_[np.full(9, 0.01), 1.0], 1: [0.5, -0.7, 0.0], 2: [-1.0, 0.2]}
    main = neuron_traces(net, neuron_values=values)[0]
    assert main.mode == "markers+text"
    assert main.text[0] == "+0.01" and main.text[9] == "+1"
    assert main.text[11] == "−0.7" and main.text[12] == "0"
    # vmax = 1: |v| > 0.6 is drawn on a dark fill (white text), the rest on a light one
    colours = list(main.textfont.color)
    assert colours[9] == "white" and colours[11] == "white" and colours[13] == "white"
    assert colours[0] == "black" and colours[10] == "black" and colours[14] == "black"
    assert main.marker.showscale is True


def test_eleven_in_a_layer_writes_no_values():
    main = neuron_traces(Net([11, 2]), neuron_values={0: np.ones(11), 1: [1, 2]})[0]
    assert main.mode == "markers" and not any(main.text)


def test_neurons_without_values_do_not_answer_hovers():
    out = neuron_traces(Net([2, 3, 1]), neuron_values={1: [1.0, 2.0, 3.0]})
    plain = [t for t in out if t.name == "neurons without a value"]
    assert len(plain) == 1 and plain[0].hoverinfo == "skip"
    assert list(plain[0].x) == [0, 0, 2]


# ---- training charts ---------------------------------------------------------------------------


def test_both_accuracies_sit_on_the_accuracy_axis_and_the_title_says_so():
    fig = figures.loss_curves([1.0, 0.5], [1.2, 0.6], [0.5, 0.75], [0.4, 0.7])
    axis = {t.name: t.yaxis for t in fig.data}
    assert axis == {"train E": "y", "test E": "y", "train accuracy": "y2", "test accuracy": "y2"}
    assert fig.layout.title.text == "Error per epoch and accuracy"
    plain = figures.loss_curves([1.0, 0.5], [1.2, 0.6])
    assert plain.layout.title.text == "Error per epoch"


def test_single_output_boundary_hover_gives_the_output_at_the_point():
    xs, ys = np.array([-1.0, 1.0]), np.array([0.0, 2.0, 4.0])
    out = np.array([[[0.1], [0.2]], [[0.3], [0.4]], [[0.5], [0.625]]])
    fig = figures.decision_boundary(xs, ys, out, np.zeros((1, 2)), np.array([1]))
    heat = next(t for t in fig.data if t.type == "heatmap")
    assert heat.customdata[2][1] == ["1", "4", "0.625"]
    assert heat.hovertemplate.endswith("a⁽ᴸ⁾ = %{customdata[2]}<extra></extra>")
    assert "%{customdata[0]}" in heat.hovertemplate and "%{customdata[1]}" in heat.hovertemplate


def test_regression_fit_names_its_axes_and_the_data_hover():
    X, Y = np.array([[0.5], [-1.0]]), np.array([[2.0], [-0.25]])
    fig = figures.regression_fit(X, Y, np.linspace(-1, 1, 3), np.zeros(3))
    assert fig.layout.xaxis.title.text == "x"
    assert fig.layout.yaxis.title.text == "y, a⁽ᴸ⁾"
    data = fig.data[0]
    assert data.customdata[1] == ["−1", "−0.25"]
    assert data.hovertemplate == "x = %{customdata[0]}<br>y = %{customdata[1]}<extra></extra>"


def test_gradient_norms_are_two_panels_side_by_side():
    fig = figures.gradient_norms([[1.0, 0.1], [0.5, 0.05]], [[2.0, 0.2], [1.0, 0.1]])
    assert "xaxis3" not in fig.layout and "yaxis3" not in fig.layout
    assert tuple(fig.layout.yaxis.domain) == (0.0, 1.0) == tuple(fig.layout.yaxis2.domain)
    assert fig.layout.xaxis.domain[1] < fig.layout.xaxis2.domain[0]


# ---- gradient check -----------------------------------------------------------------------------


def fake_report(sizes, seed=0, tolerance=1e-4, analytic_scale=1.0):
    rng = np.random.default_rng(seed)
    w = [rng.normal(size=(n, p)) for p, n in itertools.pairwise(sizes)]
    b = [rng.normal(size=n) for n in sizes[1:]]
    err_w = [10.0 ** rng.uniform(-12, 0, size=x.shape) for x in w]
    err_b = [10.0 ** rng.uniform(-12, 0, size=x.shape) for x in b]
    by = lambda xs: core.ByLayer(1, xs)  # noqa: E731
    aw, ab = [analytic_scale * x for x in w], [analytic_scale * x for x in b]
    return core.GradientCheckReport(
        1e-6, tolerance, by(aw), by(w), by(err_w), by(ab), by(b), by(err_b)
    )


def test_colorbar_ticks_every_second_decade_and_the_tolerance():
    fig = figures.gradcheck_heatmaps(fake_report([2, 3, 1], tolerance=1e-4))
    bar = next(t for t in fig.data if t.type == "heatmap").colorbar
    # −12, −10, …, 0 except those within 0.9 of log₁₀(tol) = −4, then the tolerance itself
    assert list(bar.tickvals) == [-12, -10, -8, -6, -2, 0, -4]
    assert list(bar.ticktext[:6]) == ["−12", "−10", "−8", "−6", "−2", "0"]


def test_panels_are_titled_per_layer_and_the_bias_column_is_b():
    sizes = [3, 2, 2, 2, 2, 2, 1]  # L = 6: two rows of 5, four empty cells
    fig = figures.gradcheck_heatmaps(fake_report(sizes))
    titles = [a.text for a in fig.layout.annotations if a.text.startswith("θ")]
    assert titles == [f"θ{sup(k)} | b{sup(k)}" for k in range(1, 7)]
    # layer 1: θ has 3 columns (j = 0, 1, 2), then b at 3; rows i = 0, 1 and no b
    assert list(fig.layout.xaxis.tickvals) == [0, 1, 2, 3]
    assert list(fig.layout.xaxis.ticktext) == ["0", "1", "2", "b"]
    assert list(fig.layout.yaxis.ticktext) == ["0", "1"]


def test_scatter_diagonal_reaches_the_largest_backprop_value():
    report = fake_report([2, 3, 1], analytic_scale=5.0)  # backprop far beyond numeric
    fig = figures.gradcheck_scatter(report)
    diag = fig.data[-1]
    values = [report.analytic_weights[1], report.analytic_biases[1]]
    values += [report.analytic_weights[2], report.analytic_biases[2]]
    top = max(float(np.max(v)) for v in values)
    bottom = min(float(np.min(v)) for v in values)
    assert diag.x[1] >= top and diag.y[1] >= top
    assert diag.x[0] <= bottom and diag.y[0] <= bottom


# ---- the input field ---------------------------------------------------------------------------


def test_arrow_heads_are_two_barbs_at_equal_angles_either_side_of_the_shaft():
    xs = ys = np.linspace(-1, 1, 3)
    rng = np.random.default_rng(4)
    grads = rng.normal(size=(3, 3, 2))
    fig = figures.gradient_field(xs, ys, grads)
    arrows = fig.data[-1]
    x = np.array([np.nan if v is None else v for v in arrows.x], float).reshape(-1, 7)
    y = np.array([np.nan if v is None else v for v in arrows.y], float).reshape(-1, 7)
    for (tx, px, _, lx, hx, rx, _), (ty, py, _, ly, hy, ry, _) in zip(x, y):
        shaft = np.array([px - tx, py - ty])
        length = np.hypot(*shaft)
        assert (hx, hy) == (px, py)  # the head meets at the tip
        back = -shaft / length
        for bx, by in ((lx, ly), (rx, ry)):
            barb = np.array([bx - px, by - py])
            assert np.hypot(*barb) == pytest.approx(0.35 * length)
            cos = barb @ back / np.hypot(*barb)
            assert cos == pytest.approx(math.cos(0.45))
        # one barb each side of the shaft
        cross = [back[0] * (b[1] - py) - back[1] * (b[0] - px) for b in ((lx, ly), (rx, ry))]
        assert cross[0] * cross[1] < 0


def test_gradient_field_names_its_quantity_in_the_hover_and_the_bar():
    xs = ys = np.linspace(-1, 1, 2)
    grads = np.array([[[3.0, -4.0], [0, 0]], [[0, 0], [1, 1]]])
    fig = figures.gradient_field(xs, ys, grads, title="∂E/∂x over the plane")
    heat = fig.data[0]
    assert heat.colorbar.title.text == "|∂E/∂x|"
    assert "∂E/∂x = (%{customdata[2]}, %{customdata[3]})" in heat.hovertemplate
    assert "|·| = %{customdata[4]}" in heat.hovertemplate
    assert list(heat.customdata[0][0][2:]) == ["3", "−4", "5"]
    untitled = figures.gradient_field(xs, ys, grads, title="")
    assert untitled.data[0].colorbar.title.text == "|gradient|"


def test_ascent_start_and_end_markers_do_not_answer_hovers():
    xs = ys = np.linspace(-1, 1, 3)
    path = np.array([[0.0, 0.0], [0.5, 0.25]])
    fig = figures.ascent_path(xs, ys, np.zeros((3, 3)), path, np.array([0.1, 0.2]), 0)
    ends = [t for t in fig.data if str(t.name).startswith(("start", "end"))]
    assert len(ends) == 2 and all(t.hoverinfo == "skip" for t in ends)


# ---- output curves ---------------------------------------------------------------------------


def test_delta_curve_hover_gives_z_delta_and_the_pairing():
    z = np.array([-1.0, 0.0, 2.0])
    fig = figures.delta_curves(z, {"sigmoid + MSE": np.array([0.5, -0.25, 0.125])}, 1.0)
    (trace,) = [t for t in fig.data if t.type == "scatter"]
    assert trace.customdata[1] == ["0", "−0.25"]
    assert trace.hovertemplate == (
        "z⁽ᴸ⁾ = %{customdata[0]}<br>δ⁽ᴸ⁾ = %{customdata[1]}<extra>sigmoid + MSE</extra>"
    )


# ---- style helpers ---------------------------------------------------------------------------


def test_round_sig_keeps_four_significant_digits():
    got = round_sig([123.456, -0.00123456, 98765.4, 0.0])
    np.testing.assert_allclose(got, [123.5, -0.001235, 98770.0, 0.0], rtol=1e-12)


def test_symmetric_max_skips_empty_arrays_and_floors_at_1e_12():
    assert symmetric_max(np.array([]), np.array([[2.0, -3.0]])) == 3.0
    assert symmetric_max(np.array([])) == 1e-12
    assert symmetric_max(np.zeros(3)) == 1e-12


def test_example_rows_cap_and_window():
    assert example_rows(64) == range(64)
    assert example_rows(65) == range(64)
    assert example_rows(500, example=300) == range(268, 332)

"""Mutation sample 3, seed 2 (issue 7): survivors the classifier judged REAL. Expected values
come from the spec and the formulas, not from the code under test."""

import itertools
import re
from types import SimpleNamespace

import numpy as np

import core
import figures
from figures.diagram_layout import diagram_axes
from figures.heatmap import click_layer
from figures.lab import _error_scale, _ticks
from figures.lab_style import layer_colors
from figures.panels import Panel, panel_figure
from figures.training import _log_ticks

SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def sup(k):
    return "⁽" + "".join(SUP[int(c)] for c in str(k)) + "⁾"


def fake_report(sizes, seed=0, tolerance=1e-4):
    rng = np.random.default_rng(seed)
    w = [rng.normal(size=(n, p)) for p, n in itertools.pairwise(sizes)]
    b = [rng.normal(size=n) for n in sizes[1:]]
    err_w = [10.0 ** rng.uniform(-12, 0, size=x.shape) for x in w]
    err_b = [10.0 ** rng.uniform(-12, 0, size=x.shape) for x in b]
    by = lambda xs: core.ByLayer(1, xs)  # noqa: E731
    return core.GradientCheckReport(
        1e-6, tolerance, by(w), by(w), by(err_w), by(b), by(b), by(err_b)
    )


# ---- gradient check ------------------------------------------------------------------------


def test_gradcheck_axes_frame_the_cells_and_only_the_first_column_says_i():
    fig = figures.gradcheck_heatmaps(fake_report([2, 3, 1]))
    # layer 1: θ is 3 × 2, plus the bias column b at j = 2: cells −0.5 .. 2.5
    assert tuple(fig.layout.xaxis.range) == (-0.5, 2.5)
    assert tuple(fig.layout.xaxis2.range) == (-0.5, 3.5)
    assert fig.layout.yaxis.title.text == "i"
    assert fig.layout.yaxis2.title.text is None


def test_error_scale_keeps_the_blues_below_the_tolerance():
    tol = 1e-4
    cut = (np.log10(tol) + 12) / (np.log10(2.0) + 12)
    scale = _error_scale(tol)
    blues = [pos for pos, _ in scale[:4]]
    np.testing.assert_allclose(blues, [0, cut / 3, 2 * cut / 3, cut])


def test_ticks_are_thinned_to_about_eight():
    t = _ticks(20, "b")  # step ceil(20 / 8) = 3
    assert t["tickvals"] == [0, 3, 6, 9, 12, 15, 18, 20]
    assert t["ticktext"][-1] == "b"


# ---- input field, layer colours, panels, output curves ---------------------------------------


def test_gradient_field_shading_sits_on_the_grid_and_starts_at_zero():
    xs, ys = np.linspace(-2, 2, 5), np.linspace(-1, 1, 4)
    fig = figures.gradient_field(xs, ys, np.ones((4, 5, 2)))
    heat = fig.data[0]
    np.testing.assert_allclose(heat.x, xs)
    assert heat.zmin == 0


def test_one_layer_gets_a_mid_viridis_colour_not_the_dark_end():
    (colour,) = layer_colors(1)
    r, g, b = (float(v) for v in re.findall(r"[\d.]+", colour)[:3])
    # Viridis at 0.4 lies between #31688e (1/3) and #26828e (4/9); 0 would be #440154
    assert 0x26 <= r <= 0x31 and 0x68 <= g <= 0x82 and abs(b - 0x8E) <= 1


def test_one_colorbar_goes_on_the_last_panel():
    panels = [
        Panel(values=np.eye(2) * (n + 1), title=f"P{n}", name=f"p{n}", x_title="j", y_title="i")
        for n in range(3)
    ]
    fig = panel_figure(panels, title="t", one_colorbar=True)
    heats = [t for t in fig.data if t.type == "heatmap"]
    assert [bool(h.showscale) for h in heats] == [False, False, True]


def test_delta_curve_legend_is_the_label_and_the_zero_line_is_at_zero():
    z = np.linspace(-3, 3, 7)
    fig = figures.delta_curves(z, {"σ + BCE": 1 / (1 + np.exp(-z)) - 1.0}, 1.0)
    (curve,) = fig.data
    assert curve.name == "σ + BCE"
    (line,) = [s for s in fig.layout.shapes if s.type == "line"]
    assert line.y0 == 0 and line.y1 == 0


# ---- diagram, per-example gradients, output summary, click layer ----------------------------


def test_diagram_axis_has_one_tick_per_layer(small):
    x_axis, _ = diagram_axes(small.net)
    assert list(x_axis["tickvals"]) == [0, 1, 2, 3]
    assert len(x_axis["ticktext"]) == 4


def test_highlighted_edge_runs_from_layer_k_minus_1(small):
    # 2-3-3-1: layer 1 and 2 neurons at y = −1, 0, 1; θ₀,₁⁽²⁾ joins (1, 0) to (2, −1)
    fig = figures.network_diagram(small.net, highlight_edges=[(2, 0, 1)])
    (halo,) = [t for t in fig.data if t.name == "highlighted"]
    assert halo.mode == "lines"
    assert list(halo.x) == [1, 2, None]
    assert list(halo.y) == [0.0, -1.0, None]


def test_per_example_colour_range_covers_the_mean_panel():
    # example 0 is tiny, examples 1 and 2 large: the mean panel alone sets the range
    a0 = np.array([[0.1, 0.1], [1.0, 2.0], [1.0, 2.0]])
    delta1 = np.array([[0.1], [1.0], [1.0]])
    fwd = SimpleNamespace(m=3, a={0: a0})
    bwd = SimpleNamespace(delta={1: delta1})
    mean_max = (2.0 + 2.0 + 0.01) / 3  # max over (i, j) of mean aⱼ δᵢ
    fig = figures.per_example_gradients(fwd, bwd, 1, max_examples=1)
    heats = [t for t in fig.data if t.type == "heatmap"]
    assert len(heats) == 2
    assert all(h.zmax >= mean_max * (1 - 1e-3) for h in heats)


def test_output_summary_hover_title_and_no_loss(worked):
    L = worked.net.L
    fig = figures.output_summary(worked.fwd)
    hovers = " ".join(t.hovertemplate or "" for t in fig.data)
    assert f"a₀{sup(L)} = " in hovers and f"a₁{sup(L)} = " in hovers
    assert fig.layout.title.x == 0
    no_y = figures.output_summary(core.forward(worked.net, worked.X))
    assert fig.layout.title.text.startswith(no_y.layout.title.text + "  —  E = ")


def test_click_layer_highlights_the_selected_cell_and_says_click():
    t = click_layer(np.array([[0.5, -1.0]]), [0], "delta", 2, "δ⁽²⁾", "i", "example", 30)
    colour = t.selected.marker.color
    assert colour is not None and float(re.findall(r"[\d.]+", colour)[-1]) > 0
    assert t.hovertemplate.endswith("<br><i>click to explain</i><extra></extra>")


# ---- animation ------------------------------------------------------------------------------


def test_animation_opens_with_the_band_on_layer_L_and_jumps_without_delay(small):
    L = small.net.L
    fig = figures.backward_animation(small.net, small.fwd, small.bwd)
    (band,) = fig.layout.shapes
    assert band.x0 == L - 1 - 0.25 and band.x1 == L + 0.25
    step = fig.layout.sliders[0].steps[0]
    assert step.args[1]["frame"]["duration"] == 0


# ---- training charts ------------------------------------------------------------------------


def test_decision_boundary_contour_and_multiclass_title():
    xs, ys = np.linspace(-1, 1, 5), np.linspace(-1, 1, 4)
    out = np.linspace(0, 1, 20).reshape(4, 5, 1)
    fig = figures.decision_boundary(xs, ys, out, np.zeros((1, 2)), np.array([1]))
    (contour,) = [t for t in fig.data if t.type == "contour"]
    np.testing.assert_allclose(np.asarray(contour.z), out[:, :, 0])
    three = np.random.default_rng(0).random((4, 5, 3))
    fig3 = figures.decision_boundary(xs, ys, three, np.zeros((1, 2)), np.array([2]))
    assert fig3.layout.title.text == "Decision boundary (shade: the class the network picks)"


def test_regression_data_are_markers_named_data():
    X, Y = np.array([[0.0], [1.0]]), np.array([[1.0], [2.0]])
    data = figures.regression_fit(X, Y, np.linspace(0, 1, 3), np.zeros(3)).data[0]
    assert data.mode == "markers" and data.name == "data (x, y)"


def test_log_ticks_switch_to_decades_at_a_span_of_two():
    assert _log_ticks(np.array([1.0, 100.0])) == {"dtick": 1, "exponentformat": "power"}
    assert _log_ticks(np.array([1.0, 1e7]))["dtick"] == 2  # ceil(7 / 6)


def test_gradient_norm_panels_get_their_own_ticks_and_the_title():
    delta = [[1.0], [3.0]]  # span < 2: 1-2-5 ticks
    grad = [[1.0], [1e8]]  # span 8: decades every ceil(8 / 6) = 2
    fig = figures.gradient_norms(delta, grad)
    assert fig.layout.yaxis.dtick is None and list(fig.layout.yaxis.tickvals) == [
        1,
        2,
    ]  # 5 > 3 × 1.2
    assert fig.layout.yaxis2.dtick == 2
    assert fig.layout.title.text.startswith("Gradient size per layer, log scale")

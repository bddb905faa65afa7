"""What the training and lab charts say and where they say it: axis titles, titles, hover
wording, the notes and bands that explain a region, and the arrows of the input gradient.

Expected words come from what each chart is for (the docstrings and NOTATION.md), expected
positions from the data given to the chart, never from reading the chart's code back.
"""

import math

import numpy as np
import pytest
from figure_checks import heatmaps, shows

import figures
from cards.numbers import fmt

NO_EPOCHS = "No epochs yet: press Play or Step."


def lines(fig):
    return [t for t in fig.data if t.type == "scatter" and t.mode == "lines"]


# ---- error per epoch ---------------------------------------------------------------------


def test_loss_curves_hover_names_the_epoch_and_the_series():
    fig = figures.loss_curves([0.9, 0.5], [1.0, 0.6], [0.5, 0.75], [0.4, 0.5])
    names = ["train E", "test E", "train accuracy", "test accuracy"]
    assert [t.name for t in fig.data] == names
    for t in fig.data:
        assert t.hovertemplate == f"epoch %{{x}}<br>{t.name} %{{text}}<extra></extra>"
        assert list(t.x) == [1, 2]  # epochs count from 1
    assert fig.layout.xaxis.title.text == "epoch"
    assert fig.layout.yaxis.title.text == "E (log scale)"
    assert fig.layout.yaxis2.title.text == "accuracy"


@pytest.mark.parametrize(
    ("n", "mode"), [(0, "tozero"), (1, "tozero"), (2, "normal"), (5, "normal")]
)
def test_loss_curves_axis_starts_at_zero_only_without_a_range(n, mode):
    """One point (or none) has no range of its own; from two epochs on the axis spans them."""
    fig = figures.loss_curves(list(np.linspace(1, 0.1, n)))
    assert fig.layout.xaxis.rangemode == mode


def test_before_the_first_epoch_the_charts_say_so():
    for fig in (figures.loss_curves([]), figures.gradient_norms([], [])):
        (note,) = fig.layout.annotations[-1:]
        assert note.text == NO_EPOCHS and (note.xref, note.yref) == ("paper", "paper")
        assert note.showarrow is False
    assert not figures.loss_curves([0.5]).layout.annotations


# ---- gradient size per layer ---------------------------------------------------------------


def test_gradient_norms_titles_name_the_layers_ends_and_the_epochs():
    norms = np.array([[0.5, 0.01, 0.2], [0.25, 0.002, 0.1]])  # 2 epochs × L = 3 layers
    fig = figures.gradient_norms(norms, norms * 3)
    title = fig.layout.title.text
    assert "k = 1 next to the input" in title and "k = 3 = output" in title
    assert fig.layout.xaxis.title.text == fig.layout.xaxis2.title.text == "epoch"
    assert fig.layout.legend.title.text == "layer"
    assert [a.text for a in fig.layout.annotations] == [
        "‖δ⁽ᵏ⁾‖ (RMS over the examples)",
        "‖∂E/∂θ⁽ᵏ⁾‖",
    ]
    assert "k = L = output" in figures.gradient_norms([], []).layout.title.text


# ---- the input plane -----------------------------------------------------------------------


def test_plane_has_equal_scales_and_names_its_axes():
    """x₀ and x₁ on one scale: an arrow's angle on the screen is the gradient's angle."""
    xs, ys = np.linspace(-2, 2, 5), np.linspace(-1, 1, 4)
    X, labels = np.array([[0.0, 0.0], [1.0, 0.5]]), np.array([0, 1])
    for fig in (
        figures.decision_boundary(xs, ys, np.full((4, 5, 1), 0.5), X, labels),
        figures.gradient_field(xs, ys, np.ones((4, 5, 2)), X, labels),
        figures.ascent_path(xs, ys, np.zeros((4, 5)), np.zeros((1, 2)), np.zeros(1), 0),
    ):
        assert (fig.layout.yaxis.scaleanchor, fig.layout.yaxis.scaleratio) == ("x", 1)
        assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == ("x₀", "x₁")


def test_multiclass_boundary_hover_names_the_point_and_the_winning_class():
    xs, ys = np.linspace(-2, 2, 5), np.linspace(-1, 1, 4)
    out = np.random.default_rng(0).uniform(size=(4, 5, 3))
    fig = figures.decision_boundary(xs, ys, out, np.zeros((2, 2)), np.array([0, 2]))
    (shade,) = heatmaps(fig)
    template = shade.hovertemplate
    assert template.startswith("x₀ = %{customdata[0]}, x₁ = %{customdata[1]}<br>")
    assert template.endswith("winning class %{z}<extra></extra>")
    for r in range(4):
        for c in range(5):
            cell = shade.customdata[r][c]
            assert shows(cell[0], xs[c]) and shows(cell[1], ys[r])


def arrow_centres(fig) -> set:
    """(x, y) of the middle of every arrow shaft (segments: tail, tip, None, head ×3, None)."""
    (_, arrows) = lines(fig)[-2:]
    x = np.array([np.nan if v is None else v for v in arrows.x], float).reshape(-1, 7)
    y = np.array([np.nan if v is None else v for v in arrows.y], float).reshape(-1, 7)
    return {
        (round((a + b) / 2, 9), round((c + d) / 2, 9)) for a, b, c, d in zip(*x.T[:2], *y.T[:2])
    }


@pytest.mark.parametrize("n", [10, 25])
def test_gradient_field_draws_at_most_14_arrows_a_side_on_grid_points(n):
    """A 25 × 25 grid gets an arrow on every second point (13 a side, at most 14); a grid of 14
    or fewer a side gets one on every point."""
    xs, ys = np.linspace(-1, 1, n), np.linspace(0, 3, n)
    grads = np.ones((n, n, 2))
    step = math.ceil(n / 14)
    expected = {(round(x, 9), round(y, 9)) for x in xs[::step] for y in ys[::step]}
    assert arrow_centres(figures.gradient_field(xs, ys, grads)) == expected


def test_ascent_shade_is_zero_to_one_exactly_when_the_output_is_a_probability():
    xs = ys = np.linspace(-1, 1, 3)
    path, values = np.zeros((1, 2)), np.zeros(1)

    def shade(output):
        (heat,) = heatmaps(figures.ascent_path(xs, ys, output, path, values, 1))
        return heat.zmin, heat.zmax

    assert shade(np.linspace(0.2, 0.7, 9).reshape(3, 3)) == (0, 1)  # sigmoid, softmax
    assert shade(np.linspace(0.0, 1.0, 9).reshape(3, 3)) == (0, 1)
    assert shade(np.linspace(-0.5, 0.5, 9).reshape(3, 3)) == (None, None)  # tanh: own range
    assert shade(np.linspace(0.5, 2.0, 9).reshape(3, 3)) == (None, None)  # relu


def test_ascent_hover_names_the_step_the_input_and_the_output():
    xs = ys = np.linspace(-1, 1, 3)
    path, values = np.array([[0.1, 0.2], [0.3, -0.4]]), np.array([0.25, 0.75])
    fig = figures.ascent_path(xs, ys, np.zeros((3, 3)), path, values, 1)
    (heat,) = heatmaps(fig)
    assert heat.hovertemplate.endswith("<br>a₁⁽ᴸ⁾ = %{customdata[2]}<extra></extra>")
    (walk,) = [t for t in fig.data if t.type == "scatter" and t.mode == "lines+markers"]
    assert walk.hovertemplate == (
        "step %{customdata[0]}<br>x = (%{customdata[1]}, %{customdata[2]})<br>"
        "a₁⁽ᴸ⁾ = %{customdata[3]}<extra></extra>"
    )
    assert walk.name == "x after each step (1)"


# ---- output-layer lab ----------------------------------------------------------------------


@pytest.mark.parametrize("y", [1.0, 0.0])
def test_delta_band_marks_where_the_output_is_wrong(y):
    """a⁽ᴸ⁾ = σ(z) is on the wrong side of ½ from y for z < 0 when y = 1 and z > 0 when y = 0:
    the band covers exactly that side, and its note sits over the band's middle."""
    z = np.linspace(-4, 6, 11)
    fig = figures.delta_curves(z, {"σ + BCE": 1 / (1 + np.exp(-z)) - y}, y)
    (band,) = [s for s in fig.layout.shapes if s.type == "rect"]  # not the line δ = 0
    wrong = (z.min(), 0.0) if y == 1 else (0.0, z.max())
    assert (band.xref, band.x0, band.x1) == ("x", *wrong)
    (note,) = fig.layout.annotations
    assert note.x == (wrong[0] + wrong[1]) / 2 and note.showarrow is False
    assert note.text == f"output wrong: a⁽ᴸ⁾ far from y = {fmt(y)}"

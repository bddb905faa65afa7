"""Where the composite figures put things: panels in one row (or a grid whose empty cells show
no axes), each output's points beside their example, the example ticks, the per-example title.
Cell values are checked in test_cells.py."""

import numpy as np
import pytest
from figure_checks import heatmaps

import core
import figures


def axis_names(fig, letter: str) -> list[str]:
    return sorted(key for key in fig.layout.to_plotly_json() if key.startswith(f"{letter}axis"))


def test_panels_without_a_grid_share_one_row(small):
    fig = figures.forward_layer(small.net, small.fwd, 1)
    heats = heatmaps(fig)
    assert len(heats) == 4 and len(axis_names(fig, "x")) == len(axis_names(fig, "y")) == 4
    domains = {tuple(fig.layout["yaxis" + h.yaxis[1:]].domain) for h in heats}
    assert len(domains) == 1


def test_empty_grid_cells_show_no_axes(small):
    # 5 examples and their mean: 6 panels on a grid of 2 rows × 5, so 4 cells stay empty
    fig = figures.per_example_gradients(small.fwd, small.bwd, 1, max_examples=5)
    used = {h.xaxis[1:] for h in heatmaps(fig)}
    names = axis_names(fig, "x")
    assert len(used) == 6 and len(names) == 10
    for name in names:
        n = name[len("xaxis") :]
        shown = [fig.layout[f"{letter}axis{n}"].visible is not False for letter in "xy"]
        assert shown == ([True, True] if n in used else [False, False])


def test_per_example_title_gives_the_shape_of_one_product(small):
    n = small.net.sizes  # 2-3-3-1: k = 1 is the one layer that is not square
    for k in range(1, small.net.L + 1):
        title = figures.per_example_gradients(small.fwd, small.bwd, k).layout.title.text
        assert f"({n[k]} × {n[k - 1]}) each" in title


@pytest.fixture(scope="module")
def few(small):
    """The 2-3-3-1 network on its first 10 examples: few enough to tick every example."""
    return core.forward(small.net, small.X[:10], small.Y[:10])


def markers(fig) -> list:
    return [t for t in fig.data if t.mode == "markers"]


def test_output_summary_points_sit_on_their_example(few, worked):
    # one output: on the example's tick
    for t in markers(figures.output_summary(few)):
        assert list(t.x) == list(range(10))
    # two outputs: either side of the tick, the same distance away; each target with its output
    fwd = core.forward(worked.net, np.repeat(worked.X, 3, 0), np.repeat(worked.Y, 3, 0))
    by_name = {t.name: t for t in markers(figures.output_summary(fwd))}
    a0, a1 = by_name["output a₀⁽²⁾"], by_name["output a₁⁽²⁾"]
    assert np.allclose(np.add(a0.x, a1.x), 2 * np.arange(3))
    assert all(-0.5 < x - e < 0 for e, x in enumerate(a0.x))
    assert list(by_name["target y₀"].x) == list(a0.x)
    assert list(by_name["target y₁"].x) == list(a1.x)


def test_output_summary_hovers_and_example_ticks(few, small):
    fig = figures.output_summary(few)
    for t in fig.data:  # no trace left to plotly's default hover of bare coordinates
        assert t.hoverinfo == "skip" or t.hovertemplate
    for t in markers(fig):
        assert list(t.customdata) == list(range(10))
        assert t.hovertemplate.startswith("example %{customdata}<br>")
    x_axis = fig.layout.xaxis
    assert (x_axis.title.text, fig.layout.yaxis.title.text) == ("example", "value")
    assert x_axis.tickmode == "array" and list(x_axis.tickvals) == list(range(10))
    assert figures.output_summary(small.fwd).layout.xaxis.tickvals is None  # 20: plotly's ticks


def test_example_axis_spans_the_window_of_rows_shown(medium):
    """Example 150 of 200: the 64 rows drawn are a window around it, and each examples axis
    spans exactly those example numbers, the first at the top (θ's axis: neurons 0..n⁽¹⁾−1)."""
    fig = figures.forward_layer(medium.net, medium.fwd, 1, example=150)
    a_prev, theta, z, a = heatmaps(fig)
    for heat in (a_prev, z, a):
        rows = list(heat.y)
        assert len(rows) == 64 and 150 in rows and rows == list(range(rows[0], rows[0] + 64))
        y_axis = fig.layout["yaxis" + heat.yaxis[1:]]
        assert tuple(y_axis.range) == (rows[-1] + 0.5, rows[0] - 0.5)
    n_1 = medium.net.sizes[1]
    assert tuple(fig.layout["yaxis" + theta.yaxis[1:]].range) == (n_1 - 0.5, -0.5)

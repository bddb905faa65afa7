import numpy as np
import plotly.graph_objects as go
import pytest
from figure_checks import click_layers, close, heatmaps

import figures
from figures.style import DIVERGING, signed


def test_values_range_and_orientation():
    values = np.array([[0.5, -2.0, 0.0], [1.25, 0.083, -0.023]])
    fig = figures.heatmap(values, title="θ⁽²⁾", x_title="j (layer 1)", y_title="i (layer 2)")
    assert isinstance(fig, go.Figure)
    (h,) = heatmaps(fig)
    assert close(h.z, values)
    assert h.zmax == 2.0 and h.zmin == -2.0 and h.zmid == 0
    y_range = fig.layout.yaxis.range
    assert y_range[0] > y_range[1]  # reversed: row 0 at the top
    assert list(h.y) == [0, 1] and list(h.x) == [0, 1, 2]
    assert fig.layout.xaxis.title.text == "j (layer 1)"
    assert fig.layout.width is None and fig.layout.height <= 600


def test_diverging_scale_is_red_white_blue():
    assert DIVERGING[0][1] == "rgb(103,0,31)" and DIVERGING[-1][1] == "rgb(5,48,97)"
    assert DIVERGING[5] == [0.5, "rgb(247,247,247)"]


def test_small_matrices_carry_signed_text():
    values = np.array([[0.083, -0.023], [0.0, 1.5]])
    (h,) = heatmaps(figures.heatmap(values, title="t", x_title="x", y_title="y"))
    assert np.array(h.text).tolist() == [["+0.083", "−0.023"], ["0", "+1.5"]]
    assert h.texttemplate == "%{text}"
    assert h.textfont.color is None  # "auto": black or white by the cell's colour


def test_big_matrices_have_no_text_and_at_most_64_rows():
    values = np.random.default_rng(0).normal(size=(500, 13))
    fig = figures.heatmap(values, title="∂E/∂x", x_title="input j", y_title="example")
    (h,) = heatmaps(fig)
    assert h.text is None and not h.texttemplate
    assert np.asarray(h.z).shape == (64, 13)
    assert close(h.z, values[:64])
    assert "0–63 of 500" in fig.layout.title.text


def test_zmax_argument_and_all_zero():
    (h,) = heatmaps(figures.heatmap(np.ones((2, 2)), title="t", x_title="x", y_title="y", zmax=3))
    assert (h.zmin, h.zmax) == (-3, 3)
    (h,) = heatmaps(figures.heatmap(np.zeros((2, 2)), title="t", x_title="x", y_title="y"))
    assert 0 < h.zmax < 1e-6 and h.zmin == -h.zmax


def test_show_text_override():
    (h,) = heatmaps(
        figures.heatmap(np.ones((2, 2)), title="t", x_title="x", y_title="y", show_text=False)
    )
    assert h.text is None
    (h,) = heatmaps(
        figures.heatmap(np.ones((20, 2)), title="t", x_title="x", y_title="y", show_text=True)
    )
    assert np.array(h.text).shape == (20, 2)


def test_click_layer_has_one_transparent_marker_per_cell():
    values = np.arange(6.0).reshape(2, 3) - 2
    fig = figures.heatmap(
        values, title="δ⁽¹⁾", x_title="neuron i", y_title="example", click_kind="delta", k=1
    )
    (layer,) = click_layers(fig)
    assert layer.mode == "markers" and layer.marker.color == "rgba(0,0,0,0)"
    assert layer.hoverinfo != "skip"  # "skip" would also stop click events
    assert len(layer.customdata) == values.size
    for x, y, data in zip(layer.x, layer.y, layer.customdata):
        assert list(data) == ["delta", 1, y, x]  # the marker sits on the cell centre


@pytest.mark.parametrize("kind", ["delta", "grad_w", "grad_b"])
def test_click_target_round_trip(kind):
    fig = figures.heatmap(
        np.ones((3, 2)), title="t", x_title="x", y_title="y", click_kind=kind, k=4
    )
    (layer,) = click_layers(fig)
    curve = list(fig.data).index(layer)
    for index, data in enumerate(layer.customdata):
        # what Streamlit reports for a clicked point (JSON turns the list into a list)
        point = {
            "curve_number": curve,
            "point_index": index,
            "point_number": index,
            "x": layer.x[index],
            "y": layer.y[index],
            "customdata": list(data),
        }
        assert figures.click_target(point) == (kind, 4, int(layer.y[index]), int(layer.x[index]))


def test_click_target_rejects_other_points():
    assert figures.click_target({"x": 1, "y": 2, "curve_number": 0}) is None
    assert figures.click_target({"customdata": [1, 2, 3]}) is None
    assert figures.click_target({"customdata": ["delta", "a", 0, 0]}) is None
    assert figures.click_target("delta") is None
    assert figures.click_target({"customdata": ["grad_w", 2.0, 1.0, 0.0]}) == ("grad_w", 2, 1, 0)


def test_click_layer_without_k():
    fig = figures.heatmap(np.ones((1, 1)), title="t", x_title="x", y_title="y", click_kind="x")
    (layer,) = click_layers(fig)
    assert figures.click_target({"customdata": list(layer.customdata[0])}) == ("x", -1, 0, 0)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.083, "+0.083"),
        (-0.023, "−0.023"),
        (0, "0"),
        (-1234.5, "−1234"),
        (-12345.6, "−1.235e4"),
        (2e-5, "+2e−5"),
    ],
)
def test_signed(value, text):
    assert signed(value) == text


def test_row_labels_and_click_hover_name_both_axes():
    values = np.array([[0.5, -1.0], [2.0, 0.25], [-3.0, 1.5]])
    fig = figures.heatmap(
        values,
        title="T",
        x_title="j (layer 1)",
        y_title="i (layer 2)",
        y_labels=["p", "q", "r"],
        x_labels=["u", "v"],
        click_kind="grad_w",
        k=2,
    )
    assert list(fig.layout.yaxis.ticktext) == ["p", "q", "r"]
    assert list(fig.layout.yaxis.tickvals) == [0, 1, 2]
    assert list(fig.layout.xaxis.ticktext) == ["u", "v"]
    _, click = fig.data
    assert click.hovertemplate.startswith("i (layer 2): %{y}<br>j (layer 1): %{x}<br>T = ")
    # no text in the cells: texttemplate is "" (not absent) so an animation frame clears it
    fig = figures.heatmap(values, title="T", x_title="x", y_title="y", show_text=False)
    assert fig.data[0].to_plotly_json()["texttemplate"] == ""

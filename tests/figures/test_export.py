"""figures/export.py: the toolbar's image download, and the projector copy of a figure.

The projector copy is checked against the original figure walked here on its own: every font
size (wherever plotly keeps one: layout, titles, axes, annotations, bars' text, sliders, frames)
× 1.5 except the numbers inside cells (textfont, kept: narrow cells would overlap), the height
× 1.5, and everything else equal, so no number of the data moves.
"""

import copy

import plotly.graph_objects as go
import pytest

import figures
from figures.export import for_projector, toolbar_config

SCALE = 1.5  # issue 8: fonts and heights × 1.5 for a projector at 1024×768
CELL_TEXT = "textfont"  # the numbers inside cells keep their size: narrow cells would overlap
PLOTLY_FONT = 12  # plotly's default font size, when a figure sets none


def font_sizes(node, path=()) -> dict[tuple, float]:
    """{path: size} of every font of a figure's dict (any key ending in "font")."""
    found = {}
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict) and "size" in value:
                found[(*path, key)] = value["size"]
            found |= font_sizes(value, (*path, key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found |= font_sizes(item, (*path, i))
    return found


def without_sizes(node):
    """The figure's dict with every font size, the layout's font and its height taken out."""
    node = copy.deepcopy(node)

    def strip(n):
        if isinstance(n, dict):
            for key, value in list(n.items()):
                if key.endswith("font") and isinstance(value, dict):
                    value.pop("size", None)
                    if not value:  # a font that only held a size (set for cell numbers)
                        del n[key]
                        continue
                strip(value)
        elif isinstance(n, list):
            for item in n:
                strip(item)

    strip(node)
    layout = node.get("layout", {})
    layout.pop("height", None)
    if not layout.get("font", True):  # a font the copy added only to hold its size
        del layout["font"]
    return node


def hand_made() -> go.Figure:
    """One of each kind of font a chart of this app sets, some odd sizes (rounding)."""
    fig = go.Figure(
        [
            go.Heatmap(
                z=[[1.0, -2.5], [0.125, 3.0]], text=[["a", "b"], ["c", "d"]], textfont={"size": 9}
            ),
            go.Bar(
                x=[1, 2], y=[0.3, -0.7], insidetextfont={"size": 11}, outsidetextfont={"size": 13}
            ),
            go.Scatter(x=[0, 1], y=[2, 3], hoverlabel={"font": {"size": 15}}),
        ]
    )
    fig.update_layout(
        height=420,
        font={"size": 14},
        title={"text": "T", "font": {"size": 20}},
        xaxis={"tickfont": {"size": 10}, "title": {"text": "x", "font": {"size": 17}}},
        legend={"font": {"size": 11}},
        annotations=[{"text": "note", "font": {"size": 13}, "x": 0, "y": 0}],
        sliders=[{"steps": [{"label": "k=1"}], "font": {"size": 12}}],
    )
    return fig


def check_projector_copy(fig: go.Figure) -> None:
    original = fig.to_dict()
    kept = copy.deepcopy(original)
    big = for_projector(fig)
    assert fig.to_dict() == kept  # the figure on screen is not touched
    before, after = font_sizes(original), font_sizes(big)
    layout_font = ("layout", "font")
    base = original["layout"].get("font", {}).get("size", PLOTLY_FONT)
    heatmaps = [i for i, t in enumerate(original.get("data", [])) if t["type"] == "heatmap"]
    cells = {("data", i, CELL_TEXT) for i in heatmaps}
    assert set(after) == set(before) | {layout_font} | cells
    for path, size in before.items():
        scale = 1 if path in cells else SCALE  # cell numbers keep their size; others grow
        assert abs(after[path] - size * scale) <= 0.5, (path, size, after[path])
    for path in cells - set(before):  # a heatmap's numbers would follow the larger layout font
        assert after[path] == base
    assert abs(after[layout_font] - base * SCALE) <= 0.5
    if "height" in original["layout"]:
        assert big["layout"]["height"] == round(original["layout"]["height"] * SCALE)
    else:
        assert "height" not in big["layout"]  # plotly's own height, not a guess
    assert without_sizes(big) == without_sizes(original)  # data, text, ranges: all equal


def test_every_font_and_the_height_grow_by_half_and_nothing_else_changes():
    fig = hand_made()
    check_projector_copy(fig)
    big = for_projector(fig)
    assert big["layout"]["height"] == 630
    assert big["layout"]["title"]["font"]["size"] == 30
    assert big["data"][0]["textfont"]["size"] == 9  # the cells' numbers
    assert big["data"][1]["insidetextfont"]["size"] in (16, 17)  # 11 × 1.5 = 16.5
    assert big["data"][0]["z"] == [[1.0, -2.5], [0.125, 3.0]]


def test_a_figure_without_a_font_or_a_height_gets_plotlys_default_font_enlarged():
    fig = go.Figure(go.Scatter(x=[0, 1], y=[1, 0]))
    check_projector_copy(fig)
    assert for_projector(fig)["layout"]["font"]["size"] == 18


def test_the_apps_figures(worked, small):
    check_projector_copy(figures.backward_animation(worked.net, worked.fwd, worked.bwd))
    check_projector_copy(figures.backward_layer(small.net, small.fwd, small.bwd, 2))
    check_projector_copy(figures.forward_layer(small.net, small.fwd, 1, example=3))
    check_projector_copy(figures.network_diagram(small.net))


@pytest.mark.parametrize("image_format", ["png", "svg"])
def test_the_camera_button_downloads_the_chosen_format_under_the_charts_name(image_format):
    config = toolbar_config(image_format, filename="bwd_cells_2_4")
    assert config["displaylogo"] is False
    assert config["toImageButtonOptions"] == {
        "format": image_format,
        "filename": "bwd_cells_2_4",
        # PNG twice the drawn size (sharp on a projector); SVG is vector, drawn as it is
        "scale": 2 if image_format == "png" else 1,
    }


@pytest.mark.parametrize("bad", ["jpeg", "webp", "PNG", "", None])
def test_other_formats_are_refused(bad):
    with pytest.raises(ValueError, match="png"):
        toolbar_config(bad, filename="x")

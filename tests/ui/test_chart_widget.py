"""ui.widgets.chart: every chart's toolbar downloads in the session's format (PNG at twice the
size, or SVG) under the chart's key, and presentation mode draws the projector copy.

A tiny script through AppTest; the expected config and sizes are written out here, from issue 8
(PNG ×2, fonts and height ×1.5), not read from figures.export.
"""

import json

import pytest
from streamlit.testing.v1 import AppTest


def script():
    import plotly.graph_objects as go

    from ui import widgets

    fig = go.Figure(
        go.Bar(x=[1, 2], y=[0.25, -0.5], outsidetextfont={"size": 10}),
        layout={"height": 300, "title": {"text": "T", "font": {"size": 20}}},
    )
    widgets.chart(fig, key="the_chart")


def drawn(state: dict) -> tuple[dict, dict]:
    """(config, spec) of the one chart the script draws with `state` in the session."""
    at = AppTest.from_function(script, default_timeout=30)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (chart,) = at.get("plotly_chart")
    return json.loads(chart.proto.config), json.loads(chart.proto.spec)


@pytest.mark.parametrize(
    ("state", "image_format", "scale"),
    [({}, "png", 2), ({"figure_format": "png"}, "png", 2), ({"figure_format": "svg"}, "svg", 1)],
)
def test_the_camera_button_saves_in_the_sessions_format(state, image_format, scale):
    config, _ = drawn(state)
    assert config["toImageButtonOptions"] == {
        "format": image_format,
        "filename": "the_chart",
        "scale": scale,
    }
    assert config["displaylogo"] is False


def test_presentation_mode_draws_the_projector_copy():
    _, normal = drawn({"presentation": False})
    _, big = drawn({"presentation": True, "figure_format": "svg"})
    assert normal["layout"]["height"] == 300 and normal["layout"]["title"]["font"]["size"] == 20
    assert big["layout"]["height"] == 450
    assert big["layout"]["title"]["font"]["size"] == 30
    assert big["data"][0]["outsidetextfont"]["size"] == 15
    assert big["layout"]["font"]["size"] == 18  # plotly's default 12, × 1.5
    assert big["data"][0]["y"] == normal["data"][0]["y"] == [0.25, -0.5]


def test_without_presentation_the_figure_is_drawn_as_built():
    _, spec = drawn({})
    assert spec["layout"]["height"] == 300
    assert "size" not in spec["layout"].get("font", {})
    assert spec["data"][0]["outsidetextfont"]["size"] == 10

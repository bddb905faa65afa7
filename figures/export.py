"""How figures leave the app: the toolbar's image download, and a larger copy for a projector."""

from __future__ import annotations

import copy

import plotly.graph_objects as go

from .style import FONT

FORMATS = ("png", "svg")
PNG_SCALE = 2  # a figure drawn 1,100 px wide downloads 2,200 px wide: sharp on a projector
PROJECTOR_SCALE = 1.5  # presentation mode: fonts and heights × 1.5 (readable at 1024×768)


def toolbar_config(image_format: str, filename: str) -> dict:
    """plotly's config: the camera button downloads `image_format` (png or svg)."""
    if image_format not in FORMATS:
        raise ValueError(f"image format must be one of {FORMATS}, not {image_format!r}")
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": image_format,
            "filename": filename,
            "scale": PNG_SCALE if image_format == "png" else 1,
        },
    }


def for_projector(fig: go.Figure | dict) -> dict:
    """`fig` as a dict (plotly's JSON form, which Streamlit draws as it is) with every font and
    the height PROJECTOR_SCALE times larger. A dict, because rebuilding a go.Figure validates
    every trace again (~50× slower)."""
    original = fig if isinstance(fig, dict) else fig.to_dict()
    big = copy.deepcopy(original)
    _scale_fonts(big)
    layout, was = big.setdefault("layout", {}), original.get("layout", {})
    base = was.get("font", {}).get("size") or FONT["size"]
    layout.setdefault("font", {})["size"] = round(base * PROJECTOR_SCALE)
    for trace, old in zip(big.get("data", []), original.get("data", [])):
        if trace.get("type") == "heatmap":  # cell numbers: as large as narrow cells allow
            size = old.get("textfont", {}).get("size")
            trace.setdefault("textfont", {})["size"] = size or base
    if was.get("height"):
        layout["height"] = round(was["height"] * PROJECTOR_SCALE)
    return big


FONT_KEYS = ("font", "textfont", "tickfont", "insidetextfont", "outsidetextfont")


def _scale_fonts(node) -> None:
    """Every explicit font size (titles, annotations, cell text, ticks) × PROJECTOR_SCALE."""
    if isinstance(node, (list, tuple)):
        for item in node:
            _scale_fonts(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in FONT_KEYS and isinstance(value, dict):
                if isinstance(value.get("size"), (int, float)):
                    value["size"] = round(value["size"] * PROJECTOR_SCALE)
            else:
                _scale_fonts(value)

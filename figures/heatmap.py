"""The generic diverging heatmap, its click layer, and `click_target` to read a click back.

Plotly heatmap clicks do not reach Streamlit, so a clickable heatmap carries a transparent
`go.Scatter` on top: one square marker per cell centre with customdata [kind, k, row, col].
`st.plotly_chart(on_select="rerun", selection_mode="points")` reports that point, and
`click_target(point)` turns it back into (kind, k, row, col).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from .style import (
    CONTENT_WIDTH,
    DIVERGING,
    MAX_EXAMPLES_SHOWN,
    TEXT_MAX,
    frame,
    heatmap_height,
    number_text,
    round_sig,
    signed_text,
    symmetric_max,
    wants_text,
)

NO_LAYER = -1  # the k stored in a click layer's customdata when the caller gives none


def heatmap_traces(
    values,
    *,
    zmax: float,
    name: str,
    x_title: str,
    y_title: str,
    row_ids: Sequence[int] | None = None,
    show_text: bool | None = None,
    click_kind: str | None = None,
    k: int | None = None,
    cell_px: float = 30.0,
    colorbar: dict | None = None,
) -> list:
    """[heatmap] or [heatmap, click layer] of a 2-D array; cell (r, c) at x = c, y = row_ids[r].

    The colour range is −zmax..+zmax centred at 0; z is rounded to 4 significant digits (it
    only picks a colour). Hovers and cell texts are written by `fmt` from the exact values.
    """
    exact = np.atleast_2d(np.asarray(values, dtype=float))
    z = round_sig(exact)
    rows, cols = z.shape
    ys = np.arange(rows) if row_ids is None else np.asarray(list(row_ids))
    xs = np.arange(cols)
    if show_text is None:
        show_text = wants_text(rows, cols, TEXT_MAX)
    heat = go.Heatmap(
        z=z,
        x=xs,
        y=ys,
        zmin=-zmax,
        zmax=zmax,
        zmid=0,
        colorscale=DIVERGING,
        showscale=colorbar is not None,
        colorbar=colorbar,
        name=name,
        xgap=1 if cols <= 40 else 0,  # pragma: no mutate
        ygap=1 if rows <= 40 else 0,  # pragma: no mutate
    )
    if show_text:
        # textfont colour and size default to "auto": black or white by the cell's colour
        heat.update(text=signed_text(exact), texttemplate="%{text}")
    else:
        heat.update(texttemplate="")  # explicit, so an animation frame clears earlier text
    if click_kind:
        heat.update(hoverinfo="skip")  # the click layer on top carries the hover
        return [heat, click_layer(exact, ys, click_kind, k, name, x_title, y_title, cell_px)]
    heat.update(customdata=number_text(exact), hovertemplate=hover_template(name, x_title, y_title))
    return [heat]


def hover_template(name: str, x_title: str, y_title: str, value: str = "%{customdata}") -> str:
    """'example: 3<br>neuron i (layer 2): 1<br>δ⁽²⁾ = −0.01234'; a column without a title
    (the bias column) is not named."""
    where = f"{y_title}: %{{y}}" + (f"<br>{x_title}: %{{x}}" if x_title else "")
    return f"{where}<br>{name} = {value}<extra></extra>"


def click_layer(values, ys, click_kind, k, name, x_title, y_title, cell_px) -> go.Scatter:
    """Transparent square markers on the cell centres with customdata [kind, k, row, col]."""
    rows, cols = values.shape
    rr, cc = np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")
    row_id = np.asarray(ys)[rr.ravel()]
    k_val = NO_LAYER if k is None else int(k)
    custom = [[click_kind, k_val, int(r), int(c)] for r, c in zip(row_id, cc.ravel())]
    return go.Scatter(
        x=cc.ravel(),
        y=row_id,
        mode="markers",
        marker=dict(
            symbol="square", size=float(np.clip(cell_px * 0.92, 6, 60)), color="rgba(0,0,0,0)"
        ),
        selected=dict(marker=dict(color="rgba(0,0,0,0.22)")),
        unselected=dict(marker=dict(opacity=0)),  # pragma: no mutate
        customdata=custom,
        text=number_text(values.ravel()),
        hovertemplate=hover_template(name, x_title, y_title, "%{text}").replace(
            "<extra>", "<br><i>click to explain</i><extra>"
        ),
        name=f"{name} (click)",
        showlegend=False,
    )


def click_target(point: dict) -> tuple[str, int, int, int] | None:
    """(kind, k, row, col) from a Streamlit selection point of a click layer, else None."""
    if not isinstance(point, dict):
        return None
    data = point.get("customdata")
    if not isinstance(data, (list, tuple)) or len(data) != 4 or not isinstance(data[0], str):
        return None
    try:
        k, row, col = (int(v) for v in data[1:])
    except (TypeError, ValueError, OverflowError):  # OverflowError: int(inf)
        return None
    return data[0], k, row, col


def axis_dicts(
    *, rows: int, cols: int, row_ids=None, x_labels=None, y_labels=None, x_title="", y_title=""
) -> tuple[dict, dict]:
    """Matrix-like axes: row 0 at the top, ticks on whole cells, exact ranges (animations)."""
    first = 0 if row_ids is None else int(row_ids[0])
    x_axis = dict(
        title_text=x_title,
        range=[-0.5, cols - 0.5],
        showgrid=False,  # pragma: no mutate
        zeroline=False,  # pragma: no mutate
    )
    y_axis = dict(
        title_text=y_title,
        range=[first + rows - 0.5, first - 0.5],
        showgrid=False,  # pragma: no mutate
        zeroline=False,  # pragma: no mutate
        autorange=False,
    )
    x_axis.update(_ticks(cols, 0, x_labels))
    y_axis.update(_ticks(rows, first, y_labels))
    return x_axis, y_axis


def style_axes(fig, *, row=None, col=None, **kwargs) -> None:
    x_axis, y_axis = axis_dicts(**kwargs)
    fig.update_xaxes(x_axis, row=row, col=col)
    fig.update_yaxes(y_axis, row=row, col=col)


def _ticks(n: int, first: int, labels) -> dict:
    if labels is not None:
        return dict(tickmode="array", tickvals=list(range(first, first + n)), ticktext=list(labels))
    if n <= 16:
        return dict(tickmode="array", tickvals=list(range(first, first + n)), ticktext=None)
    return dict(tickmode="auto", tickvals=None, ticktext=None, tickformat="d")


def heatmap(
    values,
    *,
    title: str,
    x_title: str,
    y_title: str,
    x_labels=None,
    y_labels=None,
    zmax: float | None = None,
    show_text: bool | None = None,
    click_kind: str | None = None,
    k: int | None = None,
    max_rows: int = MAX_EXAMPLES_SHOWN,
) -> go.Figure:
    """One diverging heatmap of a 2-D array, row 0 at the top (like a matrix).

    zmax None: max |values|. More than `max_rows` rows: the first `max_rows` are shown and
    the title says so. `click_kind`: add the click layer (customdata [click_kind, k, row, col]).
    """
    values = np.atleast_2d(np.asarray(values, dtype=float))
    total = values.shape[0]
    if total > max_rows:
        values = values[:max_rows]
        title = f"{title} — rows 0–{max_rows - 1} of {total}"
        y_labels = None if y_labels is None else list(y_labels)[:max_rows]
    rows, cols = values.shape
    zmax = symmetric_max(values) if zmax is None else max(float(zmax), 1e-12)
    height = heatmap_height(rows)
    cell_px = min((height - 110) / rows, (CONTENT_WIDTH - 200) / cols)  # pragma: no mutate
    fig = go.Figure(
        heatmap_traces(
            values,
            zmax=zmax,
            name=title.split("  ")[0],
            x_title=x_title,
            y_title=y_title,
            show_text=show_text,
            click_kind=click_kind,
            k=k,
            cell_px=cell_px,
            colorbar=dict(thickness=12, len=0.9),  # pragma: no mutate
        )
    )
    style_axes(
        fig,
        rows=rows,
        cols=cols,
        x_labels=x_labels,
        y_labels=y_labels,
        x_title=x_title,
        y_title=y_title,
    )
    if x_labels is not None:  # labels of two lines (the user's names): the title goes below
        fig.update_xaxes(automargin=True, title_standoff=4)  # pragma: no mutate
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left"),
        **frame(height=height, margin=dict(l=60, r=20, t=50, b=50)),  # pragma: no mutate
    )
    return fig

"""Heatmaps side by side in one figure, each with its own title, axes and colour bar.

`Panel` describes one heatmap; `panel_figure` lays them out in one row (or a grid) so the
figure fits a ~1100 px wide content area. The composite figures (forward, backward, update,
per-example gradients, the animation) are all built from panels.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .heatmap import axis_dicts, heatmap_traces
from .style import CONTENT_WIDTH, frame, heatmap_height, symmetric_max


@dataclass(kw_only=True)
class Panel:
    """One heatmap: values (rows × cols), shown with colour range −zmax..+zmax.

    Keyword-only: title, name and the two axis titles are all strings, easy to swap.
    """

    values: np.ndarray
    title: str
    name: str
    x_title: str
    y_title: str
    zmax: float | None = None
    row_ids: range | None = None  # what each row is called (e.g. example numbers)
    x_labels: list | None = None  # tick labels of the columns (e.g. the user's input names)
    y_labels: list | None = None  # tick labels of the rows (rows of θ⁽ᴸ⁾: the output names)
    click_kind: str | None = None
    k: int | None = None
    show_text: bool | None = None
    axis_titles: bool = True  # False: hovers still name the row and column, the axes do not

    @property
    def shape(self) -> tuple[int, int]:
        return np.atleast_2d(self.values).shape

    @property
    def range_max(self) -> float:
        return symmetric_max(self.values) if self.zmax is None else max(self.zmax, 1e-12)


def col_widths(panels, minimum: float = 0.12) -> list[float]:
    """Column widths roughly proportional to the number of columns, none too thin."""
    cols = np.array([max(p.shape[1], 1) for p in panels], dtype=float)
    share = np.maximum(cols / cols.sum(), minimum)
    share = np.minimum(share, 0.5)
    return list(share / share.sum())


def panel_height(panels) -> int:
    return heatmap_height(max(p.shape[0] for p in panels)) + 30


def panel_figure(
    panels,
    *,
    title: str,
    height: int | None = None,
    colorbars: bool = True,
    spacing: float = 0.15,  # room for a colour bar and the next panel's axis title
    grid: tuple[int, int] | None = None,
    one_colorbar: bool = False,
) -> go.Figure:
    """Panels in one row (or `grid` = (rows, cols)), each with a colour bar at its right.

    one_colorbar=True: only the last panel shows its bar (for panels with one shared range).
    """
    n_rows, n_cols = grid or (1, len(panels))
    height = height or panel_height(panels) * n_rows  # pragma: no mutate
    fig = make_subplots(
        rows=n_rows,
        cols=n_cols,
        subplot_titles=[p.title for p in panels],
        column_widths=col_widths(panels) if grid is None else None,
        horizontal_spacing=spacing,  # pragma: no mutate
        vertical_spacing=0.16 if n_rows > 1 else 0.0,  # pragma: no mutate
    )
    plot_h = (height - 110) / n_rows  # pragma: no mutate
    for idx, p in enumerate(panels):
        r, c = divmod(idx, n_cols)
        bar = colorbars and (not one_colorbar or idx == len(panels) - 1)
        add_panel(fig, p, row=r + 1, col=c + 1, axis=idx + 1, plot_h=plot_h, colorbar=bar)
    for idx in range(len(panels), n_rows * n_cols):  # empty cells of a grid
        fig.update_xaxes(visible=False, row=idx // n_cols + 1, col=idx % n_cols + 1)
        fig.update_yaxes(visible=False, row=idx // n_cols + 1, col=idx % n_cols + 1)
    fig.update_annotations(font=dict(size=13))  # pragma: no mutate
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left"),
        **frame(height=height, margin=dict(l=55, r=45, t=80, b=50)),  # pragma: no mutate
        showlegend=False,  # pragma: no mutate
    )
    return fig


def room_for_names(fig) -> None:
    """Column ticks with the user's names take two lines: the axis titles move below them."""
    fig.update_xaxes(automargin=True, title_standoff=4)  # pragma: no mutate


def colorbar_beside(fig, axis: int) -> dict:
    """A thin colour bar just right of subplot `axis` (1-based), as tall as the subplot."""
    suffix = "" if axis == 1 else str(axis)
    x_dom = fig.layout[f"xaxis{suffix}"].domain
    y_dom = fig.layout[f"yaxis{suffix}"].domain
    return dict(
        x=x_dom[1] + 0.005,
        xanchor="left",
        thickness=10,  # pragma: no mutate
        len=y_dom[1] - y_dom[0],
        y=(y_dom[0] + y_dom[1]) / 2,
        yanchor="middle",
        tickfont=dict(size=10),  # pragma: no mutate
    )


def panel_traces(fig, p: Panel, *, axis: int, plot_h: float, colorbar: bool) -> list:
    """The traces of panel p for subplot `axis` (not yet added: animations reuse them)."""
    suffix = "" if axis == 1 else str(axis)  # pragma: no mutate
    x_dom = fig.layout[f"xaxis{suffix}"].domain  # pragma: no mutate
    rows, cols = p.shape
    cell_px = min(plot_h / rows, (x_dom[1] - x_dom[0]) * CONTENT_WIDTH / cols)  # pragma: no mutate
    return heatmap_traces(
        p.values,
        zmax=p.range_max,
        name=p.name,
        x_title=p.x_title,
        y_title=p.y_title,
        row_ids=p.row_ids,
        show_text=p.show_text,
        click_kind=p.click_kind,
        k=p.k,
        cell_px=cell_px,
        colorbar=colorbar_beside(fig, axis) if colorbar else None,
    )


def panel_axes(p: Panel) -> tuple[dict, dict]:
    rows, cols = p.shape
    return axis_dicts(
        rows=rows,
        cols=cols,
        row_ids=p.row_ids,
        x_labels=p.x_labels,
        y_labels=p.y_labels,
        x_title=p.x_title if p.axis_titles else "",
        y_title=p.y_title if p.axis_titles else "",
    )


def add_panel(
    fig, p: Panel, *, row: int, col: int, axis: int, plot_h: float, colorbar: bool = True
) -> None:
    for t in panel_traces(fig, p, axis=axis, plot_h=plot_h, colorbar=colorbar):
        fig.add_trace(t, row=row, col=col)
    x_axis, y_axis = panel_axes(p)
    fig.update_xaxes(x_axis, row=row, col=col)
    fig.update_yaxes(y_axis, row=row, col=col)

"""Plotly figures for the Backprop Visualizer, one function per kind of figure.

Each takes core's objects (Network, ForwardTrace, BackwardTrace) and returns a go.Figure.
Imports plotly, numpy and core; never streamlit. Labels follow docs/NOTATION.md.
"""

from .animation import backward_animation
from .backward import backward_layer, backward_panel_names
from .diagram import network_diagram
from .export import FORMATS, for_projector, toolbar_config
from .forward import forward_layer, output_summary
from .gradients import per_example_gradients, update_comparison
from .heatmap import click_target, heatmap
from .hide import hide_panels
from .input_field import ascent_path, gradient_field
from .lab import gradcheck_heatmaps, gradcheck_scatter
from .output_curves import delta_curves
from .plane import decision_boundary, regression_fit
from .sent import Sent, sendable
from .training import gradient_norms, loss_curves

__all__ = [
    "FORMATS",
    "Sent",
    "ascent_path",
    "backward_animation",
    "backward_layer",
    "backward_panel_names",
    "click_target",
    "decision_boundary",
    "delta_curves",
    "for_projector",
    "forward_layer",
    "gradcheck_heatmaps",
    "gradcheck_scatter",
    "gradient_field",
    "gradient_norms",
    "heatmap",
    "hide_panels",
    "loss_curves",
    "network_diagram",
    "output_summary",
    "per_example_gradients",
    "regression_fit",
    "sendable",
    "toolbar_config",
    "update_comparison",
]

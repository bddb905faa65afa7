"""Equation cards: the formulas of docs/NOTATION.md written out with the actual numbers.

Pure string builders (LaTeX for `st.latex`, rows for tables); no streamlit, no plotly.
The numbers come from core's traces and explanations; nothing is recomputed here.
"""

from .backward_cards import (
    delta_card,
    equation_for_step,
    gradient_card,
    gradient_equation,
    input_gradient_card,
    matrix_view,
    output_layer_note,
    quantity_text,
    terms_table,
)
from .forward_cards import forward_card, output_card
from .numbers import ERROR_DIGITS, bmatrix, fmt, tex_num
from .output_cards import output_derivation

__all__ = [
    "ERROR_DIGITS",
    "bmatrix",
    "delta_card",
    "equation_for_step",
    "fmt",
    "forward_card",
    "gradient_card",
    "gradient_equation",
    "input_gradient_card",
    "matrix_view",
    "output_card",
    "output_derivation",
    "output_layer_note",
    "quantity_text",
    "terms_table",
    "tex_num",
]

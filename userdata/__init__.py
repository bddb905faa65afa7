"""A user's own data: read a CSV into a table, pick inputs and a target, write it back.

pandas, numpy and core only (never streamlit or plotly), so the Build page stays thin:
`read_table(raw)` → `Table` (or one `TableError` sentence naming the row and column),
`choose(table, inputs, target, standardize=…)` → `UserData` (X, Y, class names, the proposed
output activation and loss), `to_csv(data)` → the text a class can share.
"""

from .cells import TableError
from .table import LIMITS, Limits, Table, read_table
from .target import Proposal, UserData, choose, propose, to_csv

__all__ = [
    "LIMITS",
    "Limits",
    "Proposal",
    "Table",
    "TableError",
    "UserData",
    "choose",
    "propose",
    "read_table",
    "to_csv",
]

"""What st.plotly_chart sends for a figure, read back for tests (a plain module on sys.path:
tests/conftest.py puts this folder there)."""

import base64
import json

import numpy as np
import plotly.io as pio


def plain(node):
    """`node` with plotly's typed arrays ({dtype, bdata, shape}) as nested lists."""
    if isinstance(node, dict) and "bdata" in node:
        flat = np.frombuffer(base64.b64decode(node["bdata"]), dtype=node["dtype"])
        shape = [int(n) for n in str(node.get("shape", len(flat))).split(",")]
        return flat.reshape(shape).tolist()
    if isinstance(node, dict):
        return {key: plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    return node


def sent(fig) -> dict:
    """The JSON of `fig` (a go.Figure, a figures.Sent or a dict) with its arrays as lists."""
    return plain(json.loads(pio.to_json(fig, validate=False)))

"""AppTest helpers: run the real entry script, then switch to a page, as a browser would."""

import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from ui import state as ui_state

TIMEOUT = 60
ENTRY = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
SHARED_FIELDS = ("network", "X", "Y")


def open_page(page: str | None = None, state: dict | None = None) -> AppTest:
    """Run the app (on `page`), with `state` in the session first. The keys "network", "X" and
    "Y" together become the shared network and data; any other key is set as it is."""
    at = AppTest.from_file(ENTRY, default_timeout=TIMEOUT)
    state = dict(state or {})
    if any(name in state for name in SHARED_FIELDS):
        net, X, Y = (state.pop(name) for name in SHARED_FIELDS)
        share(at, net, X, Y)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def share(at: AppTest, net, X, Y) -> None:
    """Make (net, X, Y) the session's shared network and data, as a page would."""
    at.session_state[ui_state.KEY] = ui_state.Shared(net, X, Y, "test data", version=1)


def network(at: AppTest):
    return at.session_state[ui_state.KEY].network


def data(at: AppTest) -> tuple[np.ndarray, np.ndarray]:
    shared = at.session_state[ui_state.KEY]
    return np.asarray(shared.X), np.asarray(shared.Y)


def charts(at: AppTest) -> list[dict]:
    """The plotly figure specs on the page, parsed from the JSON the browser would get."""
    return [json.loads(node.proto.spec) for node in at.get("plotly_chart")]


def latex_text(at: AppTest) -> str:
    return "\n".join(el.value for el in at.latex)


def no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def number(text: str) -> float:
    """A number as the screen writes it (with a true minus sign)."""
    return float(text.replace("−", "-"))


def metric_number(metric) -> float:
    return number(metric.value)


def vkey(at: AppTest, name: str) -> str:
    """Build-page widget keys carry the network's version, so a new network resets them."""
    return f"{name}_{at.session_state[ui_state.KEY].version}"

"""AppTest helpers: run the real entry script, then switch to a page, as a browser would."""

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

TIMEOUT = 60
ENTRY = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


def open_page(page: str | None = None, state: dict | None = None) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=TIMEOUT)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def charts(at: AppTest) -> list[dict]:
    """The plotly figure specs on the page, parsed from the JSON the browser would get."""
    return [json.loads(node.proto.spec) for node in at.get("plotly_chart")]


def latex_text(at: AppTest) -> str:
    return "\n".join(el.value for el in at.latex)


def no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def vkey(at: AppTest, name: str) -> str:
    """Build-page widget keys carry the network's version, so a new network resets them."""
    return f"{name}_{at.session_state['version']}"

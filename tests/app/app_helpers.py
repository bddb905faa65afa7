"""AppTest helpers: run the real entry script, then switch to a page, as a browser would."""

import base64
import json
from pathlib import Path

import numpy as np
import pytest
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


# --- the in-browser stepper (ui/stepview.py) ------------------------------------------------
# AppTest cannot run the component's JavaScript; it sees the args the browser would get, and a
# test plays the browser by writing the report the frontend sends (step, n, choices, click).

FWD_VIEW, BWD_VIEW = "fwd_view", "bwd_view_steps"


def stepview_args(at: AppTest, view_key: str) -> dict:
    """The args the stepper of `view_key` sends to the browser (steps, order, current…)."""
    for node in at.get("component_instance"):
        if node.proto.id.endswith(f"-{view_key}"):
            return json.loads(node.proto.json_args)
    raise AssertionError(f"no stepper {view_key!r} on the page")


def step_blocks(at: AppTest, view_key: str, step=None) -> dict:
    """{slot: block} of `step` (default: the step the server says is current)."""
    args = stepview_args(at, view_key)
    step = args["current"] if step is None else str(step)
    assert step in args["steps"], f"step {step} not sent (sent: {sorted(args['steps'])})"
    return args["steps"][step]


def _blocks(blocks: dict) -> list[dict]:
    """Every block, with the blocks of each option of a choice (one neuron's card each)."""
    out = []
    for block in blocks.values() if isinstance(blocks, dict) else blocks:
        out.append(block)
        for option in block.get("options", []):
            out += _blocks(option["blocks"])
    return out


def step_latex(at: AppTest, view_key: str, step=None, *, option: int | None = None) -> str:
    """The LaTeX lines of a step; with `option`, only that option of its choice block."""
    blocks = step_blocks(at, view_key, step)
    if option is not None:
        choice = next(b for b in blocks.values() if b["kind"] == "choice")
        blocks = choice["options"][option]["blocks"]
    return "\n".join(line for b in _blocks(blocks) if b["kind"] == "tex" for line in b["lines"])


def step_html(at: AppTest, view_key: str, step=None) -> str:
    """The headings, paragraphs and notes of a step, as the HTML the browser inserts."""
    return "\n".join(b["html"] for b in _blocks(step_blocks(at, view_key, step)) if "html" in b)


def step_charts(at: AppTest, view_key: str, step=None) -> dict[str, dict]:
    """{slot: plotly figure} of a step."""
    return {
        slot: b["figure"]
        for slot, b in step_blocks(at, view_key, step).items()
        if b["kind"] == "figure"
    }


def report_step(
    at: AppTest, view_key: str, step, *, choices=None, click=None, held=None
) -> AppTest:
    """Play the browser: the user stepped to `step` (and picked `choices`, or clicked a cell
    whose customdata is `click`; `held`: the {step: key} the frame holds); the report reruns
    the script."""
    n = at.session_state[f"{view_key}__n"] + 1 if f"{view_key}__n" in at.session_state else 1
    value = {"step": str(step), "n": n, "choices": choices or {}}
    if click is not None:
        value["click"] = list(click)
    if held is not None:
        value["held"] = held
    at.session_state[view_key] = value
    return at.run()


def plotly_array(array) -> np.ndarray:
    """A plotly JSON array as numpy: a (nested) list, or the bytes plotly writes for numpy
    arrays ({"dtype", "bdata", "shape"})."""
    if isinstance(array, dict):
        flat = np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
        shape = array.get("shape")
        return flat.reshape([int(n) for n in str(shape).split(",")]) if shape else flat
    return np.asarray(array)


def heatmaps(figure: dict) -> dict[str, dict]:
    """{trace name: heatmap trace} of a plotly figure."""
    return {t["name"]: t for t in figure["data"] if t.get("type") == "heatmap"}


@pytest.fixture(autouse=True)
def steps_without_time_box(monkeypatch):
    """The stepper stops building steps after ui.stepview.BUILD_SECONDS in one rerun (the rest
    follow on later reruns). A test that reads a step other than the current one must not depend
    on how busy the machine is: no time box here (AppTest runs the script in this process).
    Autouse in every test module that imports it."""
    from ui import stepview

    monkeypatch.setattr(stepview, "BUILD_SECONDS", float("inf"))

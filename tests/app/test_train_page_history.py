"""The Train page with a long run: what a refresh sends is bounded, Pause stops at once, and
the page states its time box and caps."""

import base64

import numpy as np
from app_helpers import charts, open_page

import core
from ui import state as ui_state
from ui import training

XOR = core.preset("xor")
N = 50_000


def values(array) -> np.ndarray:
    """A trace's x or y as the browser gets it: a list, or plotly's typed array (base64)."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return np.asarray(array, float)


def _run(at):
    return at.session_state[training.RUN_KEY]


def test_a_50000_epoch_run_sends_at_most_1000_points_per_curve():
    at = open_page("train", state={"network": XOR.network, "X": XOR.X, "Y": XOR.Y})
    epoch = np.arange(1, N + 1)
    run = training.Run(
        version=at.session_state[ui_state.KEY].version,
        loss=list(1 / np.sqrt(epoch)),
        sampled=list(epoch[9::10]),  # accuracy is measured every 10th epoch
        acc=list(np.minimum(epoch[9::10] / N, 1.0)),
        delta_norm=[[1.0 / e, 2.0 / e] for e in epoch],
        grad_norm=[[3.0 / e, 4.0 / e] for e in epoch],
    )
    at.session_state[training.RUN_KEY] = run
    at.run()
    assert not at.exception
    assert at.metric[0].value == f"{N}"
    lines = [t for spec in charts(at) for t in spec["data"] if t.get("mode") == "lines"]
    assert len(lines) == 2 + 4  # train E and accuracy; ‖δ‖ and ‖∂E/∂θ‖ of two layers
    for trace in lines:
        x = values(trace["x"])
        assert len(x) <= 1000 and len(values(trace["y"])) == len(x)
        assert x[-1] == N
    error = next(t for t in lines if t["name"] == "train E")
    assert values(error["y"])[-1] == 1 / np.sqrt(N) and values(error["x"])[0] == 1
    # the sampled curve says so, and its x axis is in epochs, not in samples
    (accuracy,) = [t for t in lines if t["name"] == "train accuracy (every 10 epochs)"]
    x, y = values(accuracy["x"]), values(accuracy["y"])
    assert x[0] == 10 and (x % 10 == 0).all()
    np.testing.assert_allclose(y, x / N)  # accuracy at epoch e was e / N


def test_pause_stops_the_run_on_the_click():
    at = open_page("train", state={"network": XOR.network, "X": XOR.X, "Y": XOR.Y})
    at.button(key="tr_play").click().run()
    at.run()
    assert _run(at).playing
    epochs = _run(at).epochs
    assert epochs > 0
    at.button(key="tr_pause").click().run()
    assert not _run(at).playing
    assert _run(at).epochs == epochs  # the run of the click trains nothing more
    at.run()
    assert _run(at).epochs == epochs
    assert not at.button(key="tr_play").disabled and at.button(key="tr_pause").disabled


def test_the_page_states_its_time_box_and_caps():
    at = open_page("train", state={"network": XOR.network, "X": XOR.X, "Y": XOR.Y})
    text = " ".join(c.value for c in at.caption)
    assert "0.15 s to 0.5 s" in text  # per refresh
    assert "takes turns" in text and "at most 33 % of the server" in text  # shared server
    assert "50,000 epochs" in text  # per run
    assert "10 minutes" in text  # per session
    assert "every 10 epochs" in text  # what the test curves are

"""Every page's own settings travel with its link, on the real pages: change two settings, take
the link, open it in a fresh session (another browser), and the widgets hold the same values and
the page shows the same numbers. The data's column names travel with the link and the saved JSON.
Hostile settings or names get one message and the session keeps its state."""

import json

import numpy as np
import pytest
from app_helpers import ENTRY, TIMEOUT, metric_number, network, open_page
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest
from test_links import link_of, opened

import core
from ui import link_widgets
from ui import state as ui_state

SETTINGS = link_widgets.table()


def settings_of(page: str) -> dict:
    return {s.key: s for s in SETTINGS[page]}


def frames(at: AppTest) -> list[list]:
    return [df.value.to_numpy().tolist() for df in at.dataframe]


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_gradient_check_step_and_planted_bug_travel():
    at = open_page("gradient_check")
    at.select_slider(key="gc_eps").set_value(1e-5).run()
    at.checkbox(key="gc_bug_flip_sign").check().run()
    params = link_of(at)
    assert params["set"] == "gc_eps~1e-05~gc_bug_flip_sign~1"
    again = opened(params)
    assert again.select_slider(key="gc_eps").value == 1e-5
    assert again.checkbox(key="gc_bug_flip_sign").value is True
    assert again.checkbox(key="gc_bug_skip_mean").value is False
    # flipped δ⁽ᴸ⁾: every gradient has the wrong sign, relative error |g − (−g)| / |g| = 2
    assert len(again.error) == 1 and "FAIL — largest relative error 2 >" in again.error[0].value
    assert texts(again.error) == texts(at.error)
    assert frames(again) == frames(at)
    assert [row[1:] for row in frames(again)[0]] == [["2", "FAIL"], ["2", "FAIL"]]
    assert link_of(again) == params  # the fresh session writes the same link back


def test_output_lab_pair_and_target_travel():
    at = open_page("output_lab")
    at.selectbox(key="lab_pair").set_value("sigmoid + squared error").run()
    at.radio(key="lab_target").set_value(0.0).run()
    params = link_of(at)
    assert params["set"] == "lab_pair~sigmoid-squared_error~lab_target~0.0"
    again = opened(params)
    assert again.selectbox(key="lab_pair").value == "sigmoid + squared error"
    assert again.radio(key="lab_target").value == 0.0
    assert texts(again.latex) == texts(at.latex)  # the δ⁽ᴸ⁾ derivation, the same numbers
    curves = [c.proto.spec for c in again.get("plotly_chart")]
    assert curves == [c.proto.spec for c in at.get("plotly_chart")]
    # squared error keeps g′: δ = 2(a − y)·a(1 − a) at the worked example's output 1
    z = 0.4 * 0.5932699921071872 + 0.45 * 0.596884378259767 + 0.6
    a = 1 / (1 + np.exp(-z))
    delta = 2 * (a - 0.01) * a * (1 - a)
    assert any(f"{delta:.4f}"[:5] in t for t in texts(again.latex)), delta


def test_output_lab_example_travels_on_data_of_several_examples():
    xor = {"v": "1", "page": "output_lab", "preset": "xor"}
    at = opened(xor)
    at.selectbox(key="lab_example").set_value(2).run()
    at.slider(key="lab_span").set_value(4.0).run()
    params = link_of(at)
    assert params["set"] == "lab_span~4.0~lab_example~2"
    again = opened(params)
    assert again.selectbox(key="lab_example").value == 2 and again.slider(key="lab_span").value == 4
    assert "example 2 of the current network" in again.caption[-1].value or any(
        "example 2 of the current network" in c.value for c in again.caption
    )
    assert texts(again.latex) == texts(at.latex)


def error_after_two_epochs(at: AppTest) -> float:
    """Train E of the second epoch: the error after the first update (an epoch reports the E of
    its own forward pass, before its update)."""
    at.button(key="tr_step").click().run()
    at.button(key="tr_step").click().run()
    return metric_number(next(m for m in at.metric if m.label == "Train E"))


def worked_error_after_one_sgd_step(eta: float) -> float:
    """The worked 2-2-2 example (sigmoid, half squared error, m = 1) after θ ← θ − η ∂E/∂θ and
    b ← b − η ∂E/∂b, written out from NOTATION.md."""
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    t1, b1 = np.array([[0.15, 0.2], [0.25, 0.3]]), np.array([0.35, 0.35])
    t2, b2 = np.array([[0.4, 0.45], [0.5, 0.55]]), np.array([0.6, 0.6])
    x, y = np.array([0.05, 0.1]), np.array([0.01, 0.99])
    a1 = sig(t1 @ x + b1)
    a2 = sig(t2 @ a1 + b2)
    d2 = (a2 - y) * a2 * (1 - a2)
    d1 = (t2.T @ d2) * a1 * (1 - a1)
    t1, b1 = t1 - eta * np.outer(d1, x), b1 - eta * d1
    t2, b2 = t2 - eta * np.outer(d2, a1), b2 - eta * d2
    a2 = sig(t2 @ sig(t1 @ x + b1) + b2)
    return float(0.5 * np.sum((y - a2) ** 2))


def test_train_optimizer_and_rate_travel_and_give_the_same_epochs():
    at = open_page("train")
    at.selectbox(key="tr_opt").set_value("sgd").run()
    at.number_input(key="tr_eta").set_value(0.5).run()
    params = link_of(at)
    assert params["set"] == "tr_opt~sgd~tr_eta~0.5"
    again = opened(params)
    assert again.selectbox(key="tr_opt").value == "sgd"
    assert again.number_input(key="tr_eta").value == 0.5
    e = error_after_two_epochs(again)
    assert e == error_after_two_epochs(at)
    assert e == pytest.approx(worked_error_after_one_sgd_step(0.5), abs=1e-6)
    # the settings matter: Adam at η = 0.01 (the defaults) ends elsewhere
    default = opened({k: v for k, v in params.items() if k != "set"})
    assert abs(error_after_two_epochs(default) - e) > 1e-4


def test_input_gradient_ascent_settings_travel():
    at = open_page("input_gradient")
    at.number_input(key="ig_steps").set_value(7).run()
    at.number_input(key="ig_rate").set_value(0.5).run()
    at.radio(key="ig_what").set_value("∂aᶜ/∂x of one output").run()
    params = link_of(at)
    assert params["set"] == "ig_what~output~ig_steps~7~ig_rate~0.5"
    again = opened(params)
    assert again.number_input(key="ig_steps").value == 7
    assert again.number_input(key="ig_rate").value == 0.5
    assert again.radio(key="ig_what").value == "∂aᶜ/∂x of one output"
    went = [c.value for c in again.caption if "went from" in c.value]
    assert went == [c.value for c in at.caption if "went from" in c.value]
    assert went[0].endswith("in 7 steps.")


@pytest.mark.parametrize("page", list(SETTINGS))
def test_the_tables_bounds_and_options_are_the_widgets_own(page):
    """A second reading of each widget, on the page itself: its min, max and options."""
    at = open_page(page)
    seen = set()
    table = settings_of(page)
    for w in [*at.number_input, *at.slider]:
        if w.key in table:
            s, seen = table[w.key], seen | {w.key}
            assert (w.min, w.max) == (s.low, s.high), w.key
            assert w.value == s.default_for(network(at)), w.key
    for w in [*at.selectbox, *at.radio]:
        s = table.get(w.key)
        if s is not None and isinstance(s.kind, dict):
            seen.add(w.key)
            assert [str(v) for v in s.kind.values()] == list(w.options), w.key
    for w in at.select_slider:
        if w.key in table:
            seen.add(w.key)
            assert sorted(table[w.key].kind.values()) == sorted(
                float(o.replace("−", "-")) for o in w.options
            )
    for w in at.checkbox:
        if w.key.startswith("gc_bug_"):
            seen.add(w.key)
            assert w.key in table
    assert len(seen) >= 3, seen


HOSTILE_SETTINGS = {
    "out of bounds": "tr_eta~99.0",
    "unknown key": "tr_secret~1",
    "another page's key": "gc_eps~1e-05",
    "script": "tr_opt~<script>alert(1)</script>",
}


@pytest.mark.parametrize("name", HOSTILE_SETTINGS)
def test_hostile_settings_get_one_message_and_the_session_is_kept(name):
    at = open_page("train")
    at.number_input(key="tr_eta").set_value(0.2).run()
    mine = network(at)
    params = {**link_of(at), "set": HOSTILE_SETTINGS[name]}
    opened(params, at)
    errors = texts(at.error)
    assert len(errors) == 1 and errors[0].startswith("Cannot open this link:"), errors
    assert "<script>" not in errors[0]
    assert network(at) is mine
    assert at.number_input(key="tr_eta").value == 0.2  # the user's own setting kept


# ---------------------------------------------------------------- column names

NAMES = ui_state.DataNames(("hours", "**score**"), ("<b>pass</b>",), ("fail", "pass"))


def with_names(page: str) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=TIMEOUT)
    xor = core.preset("xor")
    at.session_state[ui_state.KEY] = ui_state.Shared(
        xor.network, xor.X, xor.Y, "exam", version=1, names=NAMES
    )
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    return at


def test_names_travel_with_the_link_into_a_fresh_session():
    at = with_names("forward")
    params = link_of(at)
    assert "names" in params
    again = opened(params)
    assert again.session_state[ui_state.KEY].names == NAMES
    caption = again.caption[0].value  # (as markdown: see the report on escaping)
    assert "hours" in caption and "classes fail, pass" in caption


def test_hostile_names_get_one_message_and_keep_the_users_names():
    at = with_names("forward")
    params = {**link_of(at), "names": "QUJD"}  # "ABC": one group, no outputs
    opened(params, at)
    assert len(at.error) == 1 and "column names" in at.error[0].value
    assert at.session_state[ui_state.KEY].names == NAMES


def test_names_travel_with_the_saved_json_and_load_back(monkeypatch):
    caught = {}
    original = DeltaGenerator.download_button

    def spy(self, label, data, *args, **kwargs):  # AppTest does not hand out a download's bytes
        caught[kwargs.get("key")] = data
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", spy)
    with_names("build")
    d = json.loads(caught["download"])
    assert d["names"] == {
        "inputs": ["hours", "**score**"],
        "outputs": ["<b>pass</b>"],
        "classes": ["fail", "pass"],
    }
    fresh = open_page("build")
    assert fresh.session_state[ui_state.KEY].names is None
    fresh.text_area(key="load_text").set_value(json.dumps(d)).run()
    fresh.button(key="load_json").click().run()
    assert fresh.session_state[ui_state.KEY].names == NAMES
    assert fresh.session_state[ui_state.KEY].note == "loaded from JSON"

"""The link is the state, on the real pages: what a page writes into the URL, opened in a fresh
session (another browser, after a restart), shows the same page, step, cell and numbers; a bad
link leaves the session's network alone and says why, once."""

from urllib.parse import parse_qsl, urlencode

import numpy as np
import pytest
from app_helpers import (
    BWD_VIEW,
    ENTRY,
    FWD_VIEW,
    TIMEOUT,
    network,
    open_page,
    report_step,
    share,
    step_blocks,
    step_latex,
    steps_without_time_box,  # noqa: F401 (autouse: every step is built)
    stepview_args,
)
from streamlit.testing.v1 import AppTest

import core
from ui import link
from ui import state as ui_state

WORKED = core.preset("worked-2-2-2")
TITLES = {
    "home": "Backprop Visualizer",
    "build": "Build",
    "forward": "Forward pass",
    "backward": "Backward pass",
    "quiz": "Quiz",
}


def link_of(at: AppTest) -> dict[str, str]:
    return {key: at.query_params[key] for key in at.query_params}


def opened(params: dict[str, str], at: AppTest | None = None) -> AppTest:
    """`params` opened as a URL: in a fresh session, or in `at`'s existing one."""
    at = at or AppTest.from_file(ENTRY, default_timeout=TIMEOUT)
    for key in list(at.query_params):
        del at.query_params[key]
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def same_state(a: AppTest, b: AppTest) -> None:
    """Bit for bit the same network and data in both sessions."""
    sa, sb = a.session_state[ui_state.KEY], b.session_state[ui_state.KEY]
    assert sa.network.sizes == sb.network.sizes
    assert list(sa.network.activations) == list(sb.network.activations)
    assert sa.network.loss == sb.network.loss
    for wa, wb in zip(
        (*sa.network.weights, *sa.network.biases), (*sb.network.weights, *sb.network.biases)
    ):
        assert wa.tobytes() == wb.tobytes()
    assert sa.X.tobytes() == sb.X.tobytes() and sa.Y.tobytes() == sb.Y.tobytes()


def latex(at: AppTest) -> list[str]:
    return [e.value for e in at.latex]


@pytest.mark.parametrize("page", ["forward", "backward", "build", "quiz"])
def test_a_pages_link_opens_the_same_page_and_state_in_a_fresh_session(page):
    at = open_page(page)
    params = link_of(at)
    assert params["page"] == page and params["v"] == "1"
    again = opened(params)
    assert TITLES[page] in titles(again)
    same_state(at, again)


def test_the_forward_step_neuron_and_example_travel_with_the_link():
    at = open_page("forward")
    report_step(at, FWD_VIEW, 1)
    report_step(at, FWD_VIEW, 2, choices={"2": 1})  # k = 2, neuron 1 picked in the browser
    params = link_of(at)
    assert params["step"] == "2" and params["cell"] == "z.2.1._.0"
    again = opened(params)
    assert again.session_state["fwd_k"] == 2 and again.session_state["fwd_i_2"] == 1
    args = stepview_args(again, FWD_VIEW)
    assert args["current"] == "2" and args["choices"]["2"] == 1  # the browser shows neuron 1
    # the card of neuron 1 at k = 2, the same numbers
    assert step_latex(again, FWD_VIEW, 2, option=1) == step_latex(at, FWD_VIEW, 2, option=1)
    assert step_blocks(again, FWD_VIEW, 2) == step_blocks(at, FWD_VIEW, 2)


def test_the_backward_cell_view_and_eta_travel_with_the_link():
    at = open_page("backward")
    report_step(at, BWD_VIEW, 1)
    at.selectbox(key="bwd_kind").set_value("grad_w").run()
    at.selectbox(key="bwd_i").set_value(1).run()
    at.selectbox(key="bwd_j").set_value(1).run()
    at.toggle(key="bwd_shared").set_value(False).run()
    at.number_input(key="bwd_eta").set_value(0.25).run()
    params = link_of(at)
    assert params["step"] == "1" and params["cell"] == "grad_w.1.1.1._"
    assert params["shared_scale"] == "0" and params["eta"] == "0.25"
    again = opened(params)
    for key, value in {"bwd_step": 1, "bwd_kind": "grad_w", "bwd_i": 1, "bwd_j": 1}.items():
        assert again.session_state[key] == value
    assert again.toggle(key="bwd_shared").value is False
    assert again.number_input(key="bwd_eta").value == 0.25
    assert latex(again) == latex(at)
    assert stepview_args(again, BWD_VIEW)["current"] == "1"
    assert step_blocks(again, BWD_VIEW, 1) == step_blocks(at, BWD_VIEW, 1)  # own colour ranges


def test_edited_weights_travel_exactly_and_a_recipe_is_not_trusted_after_an_edit():
    # 0.30000000000000004: only an exact float64 round trip keeps it
    edited = WORKED.network.with_weight(1, 0, 1, 0.1 + 0.2)
    at = open_page("home")
    ui_state_recipe = at.session_state[ui_state.KEY].recipe
    assert ui_state_recipe.preset == "worked-2-2-2"  # the state still claims the preset
    at.session_state[ui_state.KEY] = ui_state.Shared(
        edited, WORKED.X, WORKED.Y, "edited", version=7, recipe=ui_state_recipe
    )
    at.switch_page("app_pages/forward.py").run()
    params = link_of(at)
    assert "w" in params and "arch" in params
    again = opened(params)
    assert network(again).weights[1][0, 1] == 0.1 + 0.2
    same_state(at, again)


def test_the_worked_example_fits_in_200_characters_at_every_step():
    at = open_page("forward")
    lengths = []
    for page, view in (("forward", FWD_VIEW), ("backward", BWD_VIEW)):
        at.switch_page(f"app_pages/{page}.py").run()
        for step in stepview_args(at, view)["order"]:
            report_step(at, view, step)
            assert link_of(at)["step"] == step
            lengths.append(len(urlencode(link_of(at))))
            assert lengths[-1] <= 200, link_of(at)
    assert len(lengths) == 6 and min(lengths) > 40  # a real link each time


def test_a_link_to_another_page_opens_that_page():
    at = open_page("backward")
    params = link_of(at)
    home = AppTest.from_file(ENTRY, default_timeout=TIMEOUT)
    again = opened(params, home)  # opened at "/" (Home), the link says backward
    assert "Backward pass" in titles(again)


HOSTILE = {
    "bad base64": {"v": "1", "page": "home", "arch": "2-2-2.sigmoid-sigmoid.mse", "w": "!!!"},
    "newer version": {"v": "9", "page": "home", "preset": "xor"},
    "script in a field": {"v": "1", "page": "<script>alert(1)</script>", "preset": "xor"},
    "unknown step": {"v": "1", "page": "forward", "step": "99", "preset": "xor"},
    "too many neurons": {
        "v": "1",
        "page": "home",
        "arch": "2-999-1.tanh-sigmoid.mse",
        "init": "xavier.0",
        "data": "xor~10~0~0~2",
    },
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_link_gets_one_message_and_the_network_is_kept(name):
    at = open_page("home")
    mine = core.Network.random([2, 4, 1], ["tanh", "sigmoid"], "binary_cross_entropy", seed=5)
    share(at, mine, np.zeros((1, 2)), np.ones((1, 1)))
    opened(HOSTILE[name], at)
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("Cannot open this link:"), errors
    assert "<script>" not in errors[0]
    assert network(at) is mine  # the user's state was not replaced
    at.run()  # the message is said once per link, the URL now carries the user's state
    assert link_of(at)["arch"].startswith("2-4-1")


def test_a_hostile_link_in_a_fresh_session_shows_the_default_network():
    at = opened(HOSTILE["newer version"])
    assert len(at.error) == 1 and "newer version" in at.error[0].value
    assert network(at).sizes == WORKED.network.sizes


def test_a_state_too_large_for_a_link_offers_the_json_download():
    rng = np.random.default_rng(0)
    big = core.Network.random([2, *[32] * 8, 1], ["tanh"] * 8 + ["sigmoid"], "binary_cross_entropy")
    X, Y = rng.normal(size=(1500, 2)), rng.integers(0, 2, (1500, 1)).astype(float)
    at = open_page("home")
    share(at, big, X, Y)
    at.session_state[link.COPY_OPEN] = True  # what a click on Copy link sends
    at.run()
    assert link_of(at) == {}  # nothing half-written into the URL
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "too large for a link" in warnings and "8,000" in warnings
    assert "Download it as JSON instead" in warnings
    assert any(
        b.label == "Download network and data (JSON)" for b in at.sidebar.get("download_button")
    )


def test_presentation_mode_travels_with_the_link():
    params = {**link_of(open_page("forward")), "presentation": "1"}
    again = opened(params)
    assert again.session_state["presentation"] is True
    assert link_of(again)["presentation"] == "1"


def test_the_url_is_sent_again_when_an_interrupted_run_sent_another(monkeypatch):
    """A burst of clicks: run A sends step=1 and is interrupted by a click the browser sent while
    its URL still said step=0. Run B, on step 0, finds the browser's query already at step 0,
    but A's step=1 is still on its way and would land after it: B must send its URL anyway
    (issue 10 §4, heading k = 0 under a URL with step=1)."""
    from streamlit.runtime.state.query_params import QueryParams

    at = open_page("forward")
    step0 = link_of(at)
    assert step0.get("step", "0") == "0"
    sent: list[str] = []
    original = QueryParams._send_query_param_msg

    def record(self):
        sent.append(urlencode(self._query_params))
        original(self)

    monkeypatch.setattr(QueryParams, "_send_query_param_msg", record)
    at.run()  # nothing changed: the browser's URL is the session's own, nothing is sent
    assert sent == []
    at.session_state[link.SENT] = {**step0, "step": "1"}  # what run A sent
    at.run()
    assert [dict(parse_qsl(q)) for q in sent] == [step0]
    assert link_of(at) == step0


@pytest.mark.parametrize("page", ["forward", "backward", "quiz"])
def test_copy_link_shows_the_url_of_the_screen_only_while_open(page):
    """The popover is drawn only while open (the link changes with every step; a step in the
    browser reruns the stepper alone); opened, it shows this page's URL as the link says it."""
    at = open_page(page)
    assert not [c for c in at.sidebar.get("code")]  # closed: nothing built
    at.session_state[link.COPY_OPEN] = True
    at.run()
    (code,) = at.sidebar.get("code")
    url = code.proto.code_text
    assert dict(parse_qsl(url.split("?", 1)[1])) == link_of(at)
    assert link_of(at)["page"] == page

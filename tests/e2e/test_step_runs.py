"""A step reported by the in-browser stepper reruns only the fragment that follows the step
(ui/step_runs.py): spoken to the server in Streamlit's own protocol (bench/load_client.py), as the
browser does. Each report must come back as a fragment run, with the URL at that step and, on
Backward, the explain panel at layer k; the page's title is not sent again. (The browser tests
in test_fast_clicks.py check that open downloads still follow the step.)"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qsl

import pytest
from e2e_helpers import open_app, steps_frame, wait_drawn, wait_idle, wait_step_in_url
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.load_client import Session

SUP = {1: "⁽¹⁾", 2: "⁽²⁾"}  # the default network, worked-2-2-2, has layers k = 1, 2


class Recording(Session):
    """A session that also keeps the elements and the end of each run."""

    def __init__(self, url: str):
        super().__init__(url)
        self.elements, self.finished = [], []

    def _handle(self, msg: ForwardMsg) -> None:
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self.elements.append(msg.delta.new_element)
        elif msg.WhichOneof("type") == "script_finished":
            self.finished.append(msg.script_finished)
        super()._handle(msg)

    def markdown(self) -> str:
        return " ".join(
            e.markdown.body for e in self.elements if e.WhichOneof("type") == "markdown"
        )


async def report_every_step(url: str, page: str, key: str) -> list[tuple]:
    """Open `page`, report each step of its stepper in turn; per step: (step, how the run
    ended, the URL's step, the kinds of elements sent, their Markdown)."""
    session = Recording(url)
    try:
        await session.open(page)
        assert session.finished[-1] == ForwardMsg.FINISHED_SUCCESSFULLY
        assert any(e.WhichOneof("type") == "heading" for e in session.elements)  # the title
        _, args, fragment = session.components[key]
        assert fragment, "the stepper is not drawn in a fragment"
        seen = []
        for n, step in enumerate(args["order"][1:], start=int(args.get("ack") or 0) + 1):
            session.elements.clear()
            session.finished.clear()
            await session.report(key, {"step": step, "n": n, "choices": {}, "held": {}})
            url_step = dict(parse_qsl(session.query_string)).get("step")
            kinds = {e.WhichOneof("type") for e in session.elements}
            seen.append((step, session.finished, url_step, kinds, session.markdown()))
            assert session.components[key][1]["current"] == step
        assert not session.counts.exceptions and not session.counts.errors
        return seen
    finally:
        await session.close()


def run(coro):
    """asyncio.run in its own thread: Playwright's sync API keeps an event loop in this one."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coro).result()


@pytest.mark.parametrize("page, key", [("forward", "fwd_view"), ("backward", "bwd_view_steps")])
def test_a_step_reruns_only_the_fragment_and_the_url_follows(app_url, page, key):
    seen = run(report_every_step(app_url, page, key))
    assert [step for step, *_ in seen] == (["1", "2"] if page == "forward" else ["1", "x"])
    for step, finished, url_step, kinds, _ in seen:
        assert finished == [ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY], step
        assert url_step == step
        assert "heading" not in kinds  # the title (outside the fragment) was not sent again
        assert "component_instance" in kinds


def test_a_backward_step_moves_the_explain_panel_to_layer_k(app_url):
    (_, _, _, _, text_1), (_, _, _, _, text_x) = run(
        report_every_step(app_url, "backward", "bwd_view_steps")
    )
    assert "Explain a number" in text_1 and SUP[1] in text_1 and SUP[2] not in text_1
    assert "Explain a number" not in text_x  # ∂E/∂x has no explain panel


def test_opening_and_closing_the_downloads_keeps_the_stepper_drawn(page, app_url):
    """Opening the downloads takes the stepper out of its fragment (a step then reruns the
    whole page) and closing them puts it back; the browser draws the frame anew each time, and
    it must get its steps again instead of waiting on "Loading" (found by the fast-clicks test)."""
    open_app(page, app_url + "/forward")
    wait_drawn(page, 0)
    for _ in range(2):
        steps_frame(page).locator('button[data-move="next"]').click()
    wait_step_in_url(page, 2)  # the server has the frame's report, and what it holds
    downloads = page.get_by_text("Download for slides and notes")
    for _ in range(2):  # open, then closed again
        downloads.click()
        wait_idle(page)
        wait_drawn(page, 2)
        steps_frame(page).locator('button[data-move="prev"]').click()
        wait_step_in_url(page, 1)
        wait_drawn(page, 1)
        steps_frame(page).locator('button[data-move="next"]').click()
        wait_step_in_url(page, 2)

"""Fast stepping must never kill the session (issue 10 §4: 20 clicks on Next/Back ~30 ms apart
on a deep net ended in "Cached ForwardMsg MISS", disconnected for good, with a heading for
k = 2 above charts for k = 1).

The stepper now steps in the browser (a component frame): after a burst of clicks, or → held
for a second, the frame's heading, slider and drawn step are the k the clicks lead to (computed
here), and once its report has reached the server the URL's step= and the downloads agree, the
page still connected. With "Predict first" on, the page steps on the server as before: heading,
slider and URL must still agree after a burst (they once did not: the URL said step=1 under
k = 0, a URL sent by an interrupted run that landed after the next run's; ui/link.sync).

The clicks are dispatched inside the page (30 ms apart, no Playwright round trip between
them): Playwright's own clicks wait for each to be acted on and are too slow to reproduce it.
"""

from __future__ import annotations

import re

from e2e_helpers import (
    open_app,
    step_heading,
    steps,
    steps_frame,
    wait_drawn,
    wait_idle,
    wait_step_in_url,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

DEEP = (
    "/forward?v=1&page=forward&step=0"
    "&arch=2-32-32-32-32-32-32-32-32-1.tanh-tanh-tanh-tanh-tanh-tanh-tanh-tanh-sigmoid"
    ".binary_cross_entropy&init=xavier.0&data=xor~200~0.1~0~3"
)
L = 9
GAP_MS = 30
# three bursts of 20 clicks (the failure was a race: it showed up in 2 of 3 single bursts);
# each ends on another k than it started from, so the URL's step= shows the server caught up
BURSTS = (
    ["next"] * 12 + ["prev"] * 8,  # 0 → 9 (clamped) → 1
    ["next", "prev"] * 9 + ["next", "next"],  # 1 → 3
    ["next"] * 5 + ["prev"] * 5 + ["next"] * 10,  # 3 → 8 → 3 → 9 (clamped)
)
MOVE = {"next": +1, "prev": -1}

# the frame's own buttons, clicked in the frame 30 ms apart (a disabled one is skipped, as a
# user's click on it would be)
FRAME_BURST_JS = r"""async ([moves, gap]) => {
  for (const move of moves) {
    const b = document.querySelector(`button[data-move="${move}"]`);
    if (b && !b.disabled) b.click();
    await new Promise(r => setTimeout(r, gap));
  }
}"""

# the server stepper's buttons (Predict first on), found by their label in the main page
PAGE_BURST_JS = r"""async ([labels, gap]) => {
  const button = (label) => [...document.querySelectorAll('button')]
      .find(b => b.innerText.split('\n').map(s => s.trim()).includes(label));
  for (const label of labels) {
    const b = button(label);
    if (b && !b.disabled) b.click();
    await new Promise(r => setTimeout(r, gap));
  }
}"""


def after(k: int, moves: list[str]) -> int:
    """The step the moves lead to from k: Back at 0 and Next at L do nothing."""
    for move in moves:
        k = min(L, max(0, k + MOVE[move]))
    return k


def watch_console(page) -> list[str]:
    """Every console message of the page (Streamlit logs "Cached ForwardMsg MISS" there)."""
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    return messages


def assert_connected(page, console: list[str]) -> None:
    connection = page.locator('[data-testid="stApp"]').get_attribute("data-test-connection-state")
    assert connection in (None, "CONNECTED"), connection
    assert not page.get_by_text("Connection error").count()
    assert not [m for m in console if "ForwardMsg MISS" in m], console
    assert not page.locator('[data-testid="stException"]').count()


def assert_frame_shows(page, k: int) -> None:
    """The frame's drawn step, heading and slider all show k."""
    frame = steps_frame(page)
    frame.wait_for_function("() => document.body.dataset.drawn")  # the last step is drawn
    assert frame.evaluate("() => document.body.dataset.drawn") == str(k)
    expect(step_heading(page)).to_have_text(re.compile(rf"^Step k = {k} of {L}:"))
    expect(steps(page).locator("#slider-label")).to_have_text(f"k = {k}")
    expect(steps(page).locator("#slider")).to_have_value(str(k))  # Forward: index k is k


def assert_server_follows(page, k: int, console: list[str]) -> None:
    """The frame's report reached the server: URL, downloads and the frame itself agree."""
    wait_step_in_url(page, k)
    assert_connected(page, console)
    downloads = page.get_by_text("Download for slides and notes")
    if not page.get_by_role("button", name=re.compile("Markdown")).is_visible():
        downloads.click()
    matrices = page.get_by_role("button", name=re.compile(r"Matrices of step k = \d+"))
    if k >= 1:  # a layer's matrices; k = 0 (the input) has none
        expect(matrices).to_have_text(re.compile(rf"Matrices of step k = {k} "))
    else:
        expect(matrices).to_have_count(0)
    assert_frame_shows(page, k)  # the server's echo did not take the frame back


def test_twenty_fast_clicks_on_next_and_back_keep_the_session(page, app_url):
    console = watch_console(page)
    open_app(page, app_url + DEEP)
    wait_drawn(page, 0)
    k = 0
    for moves in BURSTS:
        expected = after(k, moves)
        assert expected != k
        steps_frame(page).evaluate(FRAME_BURST_JS, [moves, GAP_MS])
        assert_frame_shows(page, expected)
        assert_server_follows(page, expected, console)
        k = expected


def test_holding_the_arrow_key_for_a_second_keeps_the_session(page, app_url):
    console = watch_console(page)
    open_app(page, app_url + DEEP)
    wait_drawn(page, 0)
    page.get_by_role("heading", level=1).click()  # the main page has the focus, not the frame
    k = 0
    for key in ("ArrowRight", "ArrowLeft", "ArrowRight"):
        repeats = 1000 // GAP_MS  # auto-repeat: a keydown every 30 ms for a second
        for _ in range(repeats):
            page.keyboard.down(key)
            page.wait_for_timeout(GAP_MS)  # the pace of the key's auto-repeat, not a wait
        page.keyboard.up(key)
        expected = after(k, ["next" if key == "ArrowRight" else "prev"] * repeats)
        assert_frame_shows(page, expected)
        assert_server_follows(page, expected, console)
        k = expected


# ---------------------------------------------------------------- the server stepper


AGREE_JS = r"""() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return null;
  const heading = [...document.querySelectorAll('h4')]
      .map(h => /Step k = (\d+) of/.exec(h.innerText)).find(Boolean);
  const thumb = document.querySelector('[data-testid="stSliderThumbValue"]');
  const slider = thumb && /k = (\d+)/.exec(thumb.innerText);
  const url = new URLSearchParams(location.search).get('step');
  const ks = [heading && heading[1], slider && slider[1], url];
  return ks.every(k => k !== null && k === ks[0]) ? ks[0] : null;
}"""

SHOWN_JS = r"""() => ({
  heading: [...document.querySelectorAll('h4')].map(h => h.innerText).find(t => /Step k/.test(t)),
  slider: (document.querySelector('[data-testid="stSliderThumbValue"]') || {}).innerText,
  url: location.search,
})"""


def test_fast_clicks_on_the_server_stepper_with_predict_first(page, app_url):
    console = watch_console(page)
    open_app(page, app_url + DEEP + "&predict=1")
    page.get_by_text(f"Step k = 0 of {L}").wait_for()  # the server's stepper, in the page
    assert not page.locator('iframe[title="ui.stepview.stepview"]').count()
    labels = {"next": "Next", "prev": "Back"}
    for moves in BURSTS:
        page.evaluate(PAGE_BURST_JS, [[labels[m] for m in moves], GAP_MS])
        try:  # heading, slider and URL on one k, with no run in progress
            page.wait_for_function(AGREE_JS, timeout=60_000)
            wait_idle(page)
            k = page.wait_for_function(AGREE_JS, timeout=5_000).json_value()
        except PlaywrightTimeoutError as timeout:
            assert_connected(page, console)
            shown = page.evaluate(SHOWN_JS)
            raise AssertionError(f"the stepper disagrees after fast clicks: {shown}") from timeout
        assert 0 <= int(k) <= L
        assert_connected(page, console)

"""Shared pieces of the browser tests: a live Streamlit server, Chromium, waits, screenshots.

The server is started exactly as a user would (`streamlit run streamlit_app.py`) on a free
port. Chromium is Debian's (`chromium` on PATH): Playwright cannot download its own here.
Imported by conftest.py and by the tests (pytest puts this folder on sys.path).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTRY = ROOT / "streamlit_app.py"
SHOTS = ROOT / "tests" / "screenshots"  # git-ignored
SERVER_LOG = SHOTS / "streamlit-server.log"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WAIT_MS = 30_000  # generous: this machine is shared, and the first rerun imports everything
STARTUP_SECONDS = 60
VIEWPORT = {"width": 1366, "height": 900}


# --- environment -------------------------------------------------------------------------


def missing(message: str):
    """Skip locally, but fail in CI: there a skipped browser test would hide a broken app."""
    if os.environ.get("CI"):
        pytest.fail(f"{message} — Missing Chromium fails the run in CI", pytrace=False)
    pytest.skip(message)


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        missing("Debian's chromium is not installed (apt-get install chromium)")
    return path


# --- the server ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    # No proxies: a proxy variable in the environment must not intercept localhost.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False


class Server:
    """`streamlit run streamlit_app.py` in its own process group, output in SERVER_LOG."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"http://localhost:{port}"
        SHOTS.mkdir(parents=True, exist_ok=True)
        self._log = open(SERVER_LOG, "w")  # a file, not a pipe: a full pipe blocks the server
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "streamlit_app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--browser.gatherUsageStats",
                "false",
                # colleagues edit the sources while tests run: no "source changed" banners
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},  # the log is complete when we read it
            start_new_session=True,  # its own group, so teardown reaches any child it starts
        )

    def output(self) -> str:
        self._log.flush()
        return SERVER_LOG.read_text(errors="replace")

    def wait_healthy(self, timeout: float = STARTUP_SECONDS) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            if _healthy(self.url):
                return True
            try:  # between two polls, return at once if the server exits
                self.proc.wait(timeout=0.3)
            except subprocess.TimeoutExpired:
                pass
        return False

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)  # our own group, started above
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        self._log.close()


def start_server(attempts: int = 3) -> Server:
    """A healthy server, or pytest.fail with its output. A port taken between choosing it and
    binding it (another process was quicker) is retried on a new port."""
    for _ in range(attempts):
        server = Server(free_port())
        if server.wait_healthy():
            return server
        server.stop()
        output = server.output()
        if "already in use" not in output:
            break
    pytest.fail(
        f"streamlit did not answer /_stcore/health with 'ok' within {STARTUP_SECONDS} s "
        f"(exit code {server.proc.returncode}); its output:\n{output}",
        pytrace=False,
    )


# --- waiting for Streamlit ------------------------------------------------------------------

# Streamlit reruns the script asynchronously after an interaction. stApp carries the script
# state ("initial", "running", "rerunRequested", "notRunning", …) in data-test-script-state.
# RUN_COUNTER (added to every page before the app loads) counts the runs that finished, so a
# test can wait for "a run that started after my click has finished" instead of guessing how
# long a rerun takes to start.
RUN_COUNTER = """(() => {
  window.__stRunsFinished = 0;
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.target.getAttribute('data-test-script-state') === 'notRunning'
          && r.oldValue !== 'notRunning') window.__stRunsFinished += 1;
    }
  }).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                        attributeFilter: ['data-test-script-state']});
})();"""

# Idle: no script run in progress, connected, no running indicator in the status widget.
_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  const script = app.getAttribute('data-test-script-state');
  if (script !== 'notRunning' && script !== 'compilationError') return false;
  const conn = app.getAttribute('data-test-connection-state');
  if (conn !== null && conn !== 'CONNECTED') return false;
  if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')) return false;
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  return !(status && /Running/i.test(status.innerText));
}"""

# Layout settled: the content height and every plotly chart's size are the same for 8 animation
# frames in a row (plotly draws and relayouts after the script run has finished).
_SETTLED_JS = """async () => {
  const main = document.querySelector('[data-testid="stMain"]') || document.documentElement;
  const sizes = () => main.scrollHeight + ':' + [...document.querySelectorAll('.js-plotly-plot')]
      .map(e => e.offsetWidth + 'x' + e.offsetHeight + (e._fullLayout ? '' : '?')).join(',');
  let last = null, same = 0;
  while (same < 8) {
    await new Promise(requestAnimationFrame);
    const now = sizes();
    if (now === last && !now.includes('?')) same += 1; else { same = 0; last = now; }
  }
  return true;
}"""


def new_session(browser, viewport=VIEWPORT):
    """A new browser context (a new Streamlit session) whose pages count finished runs."""
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(WAIT_MS)
    context.add_init_script(RUN_COUNTER)
    return context


def runs_finished(page) -> int:
    return page.evaluate("() => window.__stRunsFinished || 0")


def wait_idle(page, timeout_ms: int = WAIT_MS) -> None:
    """Wait until no script run is in progress and the layout (plotly included) has settled."""
    page.wait_for_function(_IDLE_JS, timeout=timeout_ms)
    page.wait_for_function(_SETTLED_JS, timeout=timeout_ms)


class rerun:  # lower case: read as a statement, `with rerun(page): button.click()`
    """Wait, on leaving the block, for a script run that finished after the block started, and
    then for the app to be idle: the action inside the block must make Streamlit rerun."""

    def __init__(self, page, timeout_ms: int = WAIT_MS):
        self.page, self.timeout_ms = page, timeout_ms

    def __enter__(self):
        self.before = runs_finished(self.page)
        return self

    def __exit__(self, kind, *_):
        if kind is None:
            try:
                self.page.wait_for_function(
                    "n => (window.__stRunsFinished || 0) > n",
                    arg=self.before,
                    timeout=self.timeout_ms // 2,
                )
            except Exception:
                # Twice in CI on Backward the count missed a run that did happen (the failure
                # screenshots show its outcome): then the app must at least be idle, and the
                # test's next check of what is on screen decides.
                pass
            wait_idle(self.page, self.timeout_ms)
        return False


def until_shown(page, act, shown, attempts: int = 3, timeout_ms: int = 10_000) -> None:
    """Do `act()` until the locator `shown`, the on-screen outcome of the action, is visible;
    then wait until the app is idle. It waits for what the user would see, not for a count of
    script runs (`rerun`), which waits in vain when the action never reached the app: Enter
    pressed in a field redrawn (or not yet re-rendered) since it was typed in commits nothing,
    without an error. The action is then done again, at most `attempts` times, so it must be
    harmless to repeat (typing the same value again changes nothing once it has been taken)."""
    from playwright.sync_api import expect  # imported here: conftest skips without playwright

    for attempt in range(attempts):
        wait_idle(page)
        act()
        last = attempt == attempts - 1
        try:
            expect(shown).to_be_visible(timeout=WAIT_MS if last else timeout_ms)
            break
        except AssertionError:
            if last:
                raise
    wait_idle(page)


def open_app(page, url: str) -> None:
    """Load the app and wait for its first run to finish."""
    page.goto(url, wait_until="domcontentloaded", timeout=WAIT_MS)
    page.locator('[data-testid="stApp"]').wait_for(timeout=WAIT_MS)
    page.wait_for_function("() => (window.__stRunsFinished || 0) > 0", timeout=WAIT_MS)
    wait_idle(page)


def exceptions(page) -> list[str]:
    """The text of every exception box Streamlit shows (an uncaught error in a page)."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


# --- artefacts ------------------------------------------------------------------------------


_CONTENT_HEIGHT_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return Math.ceil(main ? main.scrollHeight : document.documentElement.scrollHeight);
}"""
MAX_SHOT_HEIGHT = 8000


def shot(page, name: str, height: int | None = None) -> Path:
    """Save tests/screenshots/<name>.png, the whole page, and return its path.

    Streamlit scrolls inside its own container (stMain), so Playwright's full_page option
    would only capture the viewport: the viewport is made as tall as the content (or
    `height` pixels) for the picture, then restored.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name.removesuffix('.png')}.png"
    size = page.viewport_size
    target = height
    for _ in range(2):  # plotly relayouts to the new size, which can change the height again
        want = min(target or page.evaluate(_CONTENT_HEIGHT_JS), MAX_SHOT_HEIGHT)
        want = max(want, size["height"])
        if want == page.viewport_size["height"]:
            break
        page.set_viewport_size({"width": size["width"], "height": want})
        page.wait_for_function(_SETTLED_JS)
    page.screenshot(path=str(path))
    if page.viewport_size != size:
        page.set_viewport_size(size)
        page.wait_for_function(_SETTLED_JS)
    return path


def record_timing(name: str, seconds: float) -> None:
    """Append a measured duration to tests/screenshots/e2e-timings.json (read by make bench)."""
    path = SHOTS / "e2e-timings.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data.setdefault(name, []).append(round(seconds, 4))
    path.write_text(json.dumps(data, indent=1))


# --- moving around the app ------------------------------------------------------------------


def go_to(page, title: str, heading: str | None = None) -> None:
    """Open a page from the sidebar; return when its script run has finished. The page's h1 is
    `heading`, else Home's "Backprop Visualizer", else the title's first word ("Forward pass")."""
    page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
    if heading is None:
        heading = "Backprop Visualizer" if title == "Home" else title.split()[0]
    page.get_by_role("heading", level=1).filter(has_text=re.compile(heading, re.I)).wait_for()
    wait_idle(page)  # the title is drawn first: wait for the rest of the run


def click(page, locator) -> None:
    """Click something that makes the app rerun; return when that run has finished."""
    with rerun(page):
        locator.click()


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the selectbox `label` (a Streamlit 1.67 selectbox opens on ArrowDown:
    a click only focuses its search field)."""
    box = page.get_by_role("combobox", name=label)
    if box.input_value() == option:
        return  # already chosen: picking it again starts no run to wait for
    box.click()
    box.press("ArrowDown")
    before = runs_finished(page)
    page.get_by_role("option", name=option, exact=True).click()
    try:
        page.wait_for_function(
            "n => (window.__stRunsFinished || 0) > n", arg=before, timeout=WAIT_MS
        )
    except Exception:
        # The run it started can merge into one already under way (a step the stepper just
        # reported): what counts is the choice on screen once the app is idle.
        wait_idle(page)
        if box.input_value() != option:
            raise
    wait_idle(page)


# --- the in-browser stepper (ui/stepview: a component iframe on Forward and Backward) --------

STEPS_FRAME = 'iframe[title="ui.stepview.stepview"]'
VISIBLE_PAGE = ".page:not(.off)"  # the step on screen; the others are drawn ahead, hidden
MOVES = {"First": "first", "Back": "prev", "Next": "next", "Last": "last"}


def steps(page):
    """The stepper's frame (a FrameLocator: it follows the frame if Streamlit remounts it)."""
    return page.frame_locator(STEPS_FRAME)


def steps_frame(page):
    """The stepper's Frame, to evaluate JavaScript in (the frame is the same origin)."""
    page.locator(STEPS_FRAME).wait_for()
    return page.locator(STEPS_FRAME).element_handle().content_frame()


def step_page(page):
    """The visible step's page in the frame."""
    return steps(page).locator(VISIBLE_PAGE)


def step_heading(page):
    """The visible step's heading (<h4>, "Step k = 1 of 2: …" or "Step k = 1: … — equation …")."""
    return step_page(page).locator("h4")


def step_button(page, label: str):
    """First, Back, Next or Last in the frame."""
    return steps(page).locator(f'button[data-move="{MOVES[label]}"]')


def wait_drawn(page, step) -> None:
    """Wait until the frame shows step `step` (0..L or "x") with all its blocks drawn."""
    steps(page).locator(f'body[data-drawn="{step}"]').wait_for(state="attached")


def drawn(page) -> str:
    """The step the frame shows now ("" while one is being drawn)."""
    return steps_frame(page).evaluate("() => document.body.dataset.drawn || ''")


def step_to(page, move: str, expected_heading: str, step=None) -> None:
    """Click First/Back/Next/Last in the frame and wait for `expected_heading` (a prefix of the
    visible heading) and, if given, for the frame to mark `step` drawn. No server run waited."""
    from playwright.sync_api import expect

    step_button(page, move).click()
    expect(step_heading(page)).to_have_text(re.compile("^" + re.escape(expected_heading)))
    if step is not None:
        wait_drawn(page, step)


def wait_step_in_url(page, step) -> None:
    """Wait until the server has taken the frame's report of `step` (its rerun wrote step= into
    the URL), then until the app is idle: links, downloads and the panels below follow it."""
    page.wait_for_function(
        "s => new URLSearchParams(location.search).get('step') === s", arg=str(step)
    )
    wait_idle(page)


def page_tex(page) -> list[str]:
    """The TeX source of every formula KaTeX shows in the main page (not in the frame)."""
    return [a.text_content() for a in page.locator(".katex-mathml annotation").all()]


def step_tex(page) -> list[str]:
    """The TeX source of every formula on the frame's visible step."""
    return [a.text_content() for a in step_page(page).locator(".katex-mathml annotation").all()]


def all_tex(page) -> list[str]:
    """Every formula on screen: the frame's visible step, then the main page's."""
    has_frame = page.locator(STEPS_FRAME).count() > 0
    return (step_tex(page) if has_frame else []) + page_tex(page)


def draws(page) -> int:
    """How many times the frame has finished drawing a step (it counts in body[data-draws])."""
    return int(steps_frame(page).evaluate("() => Number(document.body.dataset.draws || 0)"))


def wait_redrawn(page, before: int, step) -> None:
    """Wait until the frame has drawn again since it counted `before` draws (new steps sent: a
    new network, example or view) and shows `step`."""
    steps_frame(page).wait_for_function(
        "([n, s]) => Number(document.body.dataset.draws || 0) > n"
        " && document.body.dataset.drawn === s",
        arg=[before, str(step)],
    )

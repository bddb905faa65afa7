"""Click → redraw in headless Chromium (issue 10 §1): a step on Forward and Backward against a
bare one-button Streamlit page, in the same run.

Both are timed inside the page, from just before the click to the first animation frame after
the new state is in the DOM (what the user sees): the bare page's text "n = N" after its rerun;
the stepper's frame showing step k (body[data-drawn="k"], which the frontend sets once the step
is drawn). Each sample waits until the app is idle again (the step reported, the server's
rerun done), so the clicks do not queue. Needs Debian's chromium and Playwright; otherwise the
section says so.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.timing import row

ROOT = Path(__file__).resolve().parents[1]
CLICKS = int(__import__("os").environ.get("BENCH_CLICKS", 20))
GOAL = 1.5  # a step ≤ 1.5 × the bare page's round trip
BARE_PAGE = """import streamlit as st
if "n" not in st.session_state:
    st.session_state.n = 0
if st.button("Next"):
    st.session_state.n += 1
st.write(f"n = {st.session_state.n}")
"""
FRAME = 'iframe[title="ui.stepview.stepview"]'

# In the page: click, then resolve on the first frame after `done()` holds.
TIME_CLICK = """async ([selector, frameSelector, expected, kind]) => {
  const doc = frameSelector ? document.querySelector(frameSelector).contentDocument : document;
  const button = [...doc.querySelectorAll(selector)].find((b) => !b.disabled);
  const done = kind === "frame"
    ? () => doc.body.dataset.drawn === expected
    : () => document.body.innerText.includes(expected);
  const started = performance.now();
  button.click();
  while (!done()) {
    if (performance.now() - started > 20000) throw new Error("no redraw within 20 s");
    await new Promise((r) => setTimeout(r, 0));
  }
  await new Promise((r) => requestAnimationFrame(() => r()));
  return performance.now() - started;
}"""


class _Server:
    def __init__(self, script: Path, cwd: Path):
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://localhost:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
             "--server.port", str(self.port), "--browser.gatherUsageStats", "false"],
            cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with opener.open(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("streamlit did not start")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _wait_idle(page) -> None:
    """Until the app is idle again: the frame reports a step 150 ms after the last click, and
    the rerun that follows is over when no "Stop" button (Streamlit's running status) shows."""
    page.wait_for_timeout(250)
    page.get_by_role("button", name="Stop").wait_for(state="detached", timeout=30_000)
    page.wait_for_timeout(100)


def _bare(browser, url: str) -> list[float]:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(url)
    page.get_by_text("n = 0").wait_for(timeout=60_000)
    page.get_by_role("button", name="Next").click()  # a first, untimed click: the page is live
    page.get_by_text("n = 1").wait_for(timeout=60_000)
    _wait_idle(page)
    samples = []
    for n in range(2, CLICKS + 2):
        samples.append(page.evaluate(TIME_CLICK, [".stButton button", None, f"n = {n}", "text"]))
        _wait_idle(page)
    page.close()
    return samples


def _steps(browser, url: str, last: int, backward: bool) -> list[float]:
    """Next until the last step, then Back to the first, and again: CLICKS timed clicks."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(url)
    frame = page.frame_locator(FRAME)
    order = [*range(last, 0, -1)] if backward else list(range(last + 1))
    frame.locator(f'body[data-drawn="{order[0]}"]').wait_for(timeout=60_000)
    frame.locator('body[data-ready="1"]').wait_for(timeout=60_000)  # every step drawn ahead
    _wait_idle(page)
    samples, at, direction = [], 0, 1
    while len(samples) < CLICKS:
        if not 0 <= at + direction < len(order):
            direction = -direction
        at += direction
        move = '[data-move="next"]' if direction > 0 else '[data-move="prev"]'
        samples.append(page.evaluate(TIME_CLICK, [move, FRAME, str(order[at]), "frame"]))
        _wait_idle(page)
    page.close()
    return samples


def _link(page_name: str, sizes, activations, loss, data: str) -> str:
    """A link to the page with a network and data made from their recipes."""
    from urllib.parse import urlencode

    import core
    from ui import link_codec
    from ui.link_model import DataRecipe, NetworkRecipe, Recipe

    net_recipe = NetworkRecipe(sizes=tuple(sizes), activations=tuple(activations), loss=loss)
    data_recipe = DataRecipe(name=data, n=100, noise=0.1, classes=2)
    net = core.Network.random(sizes, activations, loss, net_recipe.init, net_recipe.seed)
    ds = core.make_dataset(data, n=100, noise=0.1, seed=0, classes=2)
    Y = ds.Y[:, : sizes[-1]]
    params = link_codec.encode(
        net, ds.X, Y, link_codec.ViewState(page=page_name),
        recipe=Recipe(network=net_recipe, data=data_recipe),
    )  # fmt: skip
    return "/" + page_name + "?" + urlencode(params)


def click_latency() -> list[str]:
    title = f"click → redraw in headless Chromium (median of {CLICKS} clicks, same run)"
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [title, "  Playwright not installed (make bench installs the dev requirements)"]
    if chromium is None:
        return [title, "  Debian's chromium is not installed (apt-get install chromium)"]
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE_PAGE)
        bare_server, app_server = (
            _Server(bare_script, Path(tmp)),
            _Server(ROOT / "streamlit_app.py", ROOT),
        )
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=args)
                deep = ([2, 8, 8, 8, 1], ["tanh"] * 3 + ["sigmoid"], "binary_cross_entropy")
                runs = {
                    "bare page: button → text": _bare(browser, bare_server.url),
                    "Forward, worked 2-2-2: Next/Back": _steps(
                        browser, app_server.url + "/forward", 2, backward=False
                    ),
                    "Backward, worked 2-2-2: Next/Back": _steps(
                        browser, app_server.url + "/backward", 2, backward=True
                    ),
                    "Forward, 2-8-8-8-1 m = 100: Next/Back": _steps(
                        browser, app_server.url + _link("forward", *deep, "spiral"), 4, False
                    ),
                    "Backward, 2-8-8-8-1 m = 100: Next/Back": _steps(
                        browser, app_server.url + _link("backward", *deep, "spiral"), 4, True
                    ),
                }
                browser.close()
        finally:
            bare_server.stop()
            app_server.stop()
    bare = statistics.median(runs["bare page: button → text"])
    lines = [title]
    for name, samples in runs.items():
        median = statistics.median(samples)
        if name.startswith("bare"):
            lines.append(row(name, f"{median:,.0f} ms", "the reference round trip"))
        else:
            ratio = median / bare
            lines.append(
                row(name, f"{median:,.0f} ms", f"{ratio:.2f}× bare; goal ≤ {GOAL}×", ratio <= GOAL)
            )
    return lines


if __name__ == "__main__":
    print("\n".join(click_latency()))

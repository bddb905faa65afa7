"""Shared pieces of the browser tests: a live Streamlit server and a headless Chromium page.

The server is started exactly as a user would (`streamlit run streamlit_app.py`) on a free port;
Chromium is Debian's (`chromium` on PATH): Playwright cannot download its own browser here.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WAIT_MS = 30_000


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: browser tests cannot be skipped in CI")
        pytest.skip(message)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server():
    port = free_port()
    SHOTS.mkdir(parents=True, exist_ok=True)
    log = open(SHOTS / f"streamlit-{port}.log", "w")
    proc = subprocess.Popen(
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
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return proc, url, log
        except OSError:
            time.sleep(0.3)
    proc.kill()
    log.close()
    raise RuntimeError("streamlit did not become healthy:\n" + Path(log.name).read_text())


def wait_idle(page, settle: float = 0.4) -> None:
    """Wait until Streamlit has finished its rerun (no 'Running…' status), then settle."""
    time.sleep(0.15)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText"
        ".includes('Running')",
        timeout=WAIT_MS,
    )
    time.sleep(settle)


def shot(page, name: str, height: int = 2200) -> None:
    """Screenshot of the whole page: Streamlit scrolls inside its own container, so the
    viewport is made tall for the picture and restored afterwards."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": height})
    time.sleep(1.0)  # plotly relayouts to the new size
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    page.set_viewport_size(size)
    time.sleep(0.3)


def record_timing(name: str, seconds: float) -> None:
    """Append a measured duration to tests/screenshots/e2e-timings.json (read by make bench)."""
    path = SHOTS / "e2e-timings.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data.setdefault(name, []).append(round(seconds, 4))
    path.write_text(json.dumps(data, indent=1))

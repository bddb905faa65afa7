"""Start Streamlit processes on free local ports, wait until they are healthy, stop them.

Shared by the launcher (`make serve`) and the load test (`make load` without URL).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What a hosted server adds to .streamlit/config.toml: no tracebacks for students (the type
# and message only stay in the server's log), and no file watcher (nobody edits the code there).
HOSTED = ("--client.showErrorDetails", "none", "--server.fileWatcherType", "none")


def free_port() -> int:
    """A port the kernel says is free now (another program could take it before we bind)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_free(host: str, port: int) -> bool:
    """True when nothing listens on host:port now."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def start(port: int, log: Path, extra: tuple[str, ...] = ()) -> subprocess.Popen:
    """One `streamlit run` of the app on 127.0.0.1:port, its output in `log`."""
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "streamlit_app.py",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        *HOSTED,
        *extra,
    ]
    with open(log, "ab") as out:
        return subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def healthy(port: int) -> bool:
    """True when GET /_stcore/health answers 200 ("ok")."""
    try:
        url = f"http://127.0.0.1:{port}/_stcore/health"
        with urllib.request.urlopen(url, timeout=2) as reply:
            return reply.status == 200
    except OSError:
        return False


def wait_healthy(procs: dict[int, subprocess.Popen], limit: float = 90.0) -> None:
    """Poll every port's health until all answer; raise if one exits or `limit` s pass."""
    deadline = time.monotonic() + limit
    waiting = set(procs)
    while waiting:
        for port in sorted(waiting):
            if procs[port].poll() is not None:
                raise RuntimeError(f"streamlit on port {port} exited ({procs[port].returncode})")
            if healthy(port):
                waiting.discard(port)
        if waiting and time.monotonic() > deadline:
            raise RuntimeError(f"no health answer from ports {sorted(waiting)} in {limit:.0f} s")
        time.sleep(0.25)


def stop(procs) -> None:
    """Terminate, then kill what is still running after 10 s."""
    procs = [p for p in procs if p.poll() is None]
    for p in procs:
        p.terminate()
    for p in procs:
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def warm(port: int) -> list[str]:
    """Visit every page once, one after the other, before students arrive. A fresh process
    imports pandas and plotly on its first visits; concurrent first visits race (plotly reads
    sys.modules["pandas"] while another session is still importing it: AttributeError, seen
    under `make load`). Returns the exceptions the visits showed."""
    import asyncio

    from bench.load_client import Session

    async def visits() -> list[str]:
        session = Session(f"http://127.0.0.1:{port}", timeout=120)
        await session.open("")
        for page in session.pages:
            await session.visit(page)
        await session.close()
        return session.counts.exceptions + session.counts.errors

    return asyncio.run(visits())

"""`make serve`: start N Streamlit processes, wait until healthy, then nginx in front of them.

    python -m tools.serve [--processes 2] [--port 8080] [--host 127.0.0.1] [--affinity cookie|ip]

Runs in the foreground; Ctrl-C (or SIGTERM, or any process dying at start) stops everything it
started. nginx runs with `daemon off` and its pid, logs and temp files in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.serve import backends, nginx


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m tools.serve", description=__doc__.split("\n")[0])
    ap.add_argument("--processes", type=int, default=os.cpu_count() or 2, help="one per core")
    ap.add_argument("--port", type=int, default=8080, help="nginx's port")
    ap.add_argument("--host", default="127.0.0.1", help="0.0.0.0 to serve a classroom network")
    ap.add_argument("--affinity", choices=sorted(nginx.BALANCE), default="cookie")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    binary = nginx.find()
    if binary is None:
        print("nginx is not installed: `apt-get install -y nginx` (make serve does it as root)")
        return 1
    if not backends.port_free(args.host, args.port):
        print(f"{args.host}:{args.port} is taken: choose another with SERVE_PORT=… (--port)")
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="bpv-serve-"))
    procs: dict[int, subprocess.Popen] = {}
    front: subprocess.Popen | None = None
    # Ctrl-C and SIGTERM unwind through `finally` (a shell's background job ignores SIGINT
    # unless it is handled explicitly).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        for _ in range(max(args.processes, 1)):
            port = backends.free_port()
            procs[port] = backends.start(port, tmp / f"streamlit-{port}.log")
        print(f"waiting for {len(procs)} Streamlit process(es) on /_stcore/health …", flush=True)
        backends.wait_healthy(procs)
        for port in procs:  # one page at a time: see backends.warm
            for problem in backends.warm(port):
                print(f"warm-up visit on port {port}: {problem}", flush=True)
        nginx.prepare(tmp)
        conf = tmp / "nginx.conf"
        conf.write_text(nginx.render(list(procs), f"{args.host}:{args.port}", tmp, args.affinity))
        test = subprocess.run([binary, "-t", "-p", str(tmp), "-c", str(conf)], capture_output=True)
        if test.returncode != 0:
            print(test.stderr.decode(), file=sys.stderr)
            return 1
        front = subprocess.Popen([binary, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"])
        pids = " ".join(str(p.pid) for p in procs.values())
        print(
            f"serving http://{args.host}:{args.port}/ → Streamlit on ports "
            f"{', '.join(map(str, procs))} (pids {pids}), affinity by {args.affinity}\n"
            f"logs and nginx.conf: {tmp}\n"
            f"load test: make load URL=http://127.0.0.1:{args.port} PIDS='{pids}'\n"
            "Ctrl-C stops everything.",
            flush=True,
        )
        return watch(front, procs)
    except KeyboardInterrupt:
        return 0
    finally:
        backends.stop([p for p in (front, *procs.values()) if p is not None])
        print(f"stopped; logs kept in {tmp}")


def watch(front: subprocess.Popen, procs: dict[int, subprocess.Popen]) -> int:
    """Block until nginx exits; say when a Streamlit process dies (nginx routes around it)."""
    dead: set[int] = set()
    while front.poll() is None:
        for port, proc in procs.items():
            if port not in dead and proc.poll() is not None:
                dead.add(port)
                print(f"Streamlit on port {port} exited ({proc.returncode})", flush=True)
        time.sleep(1)
    return front.returncode


if __name__ == "__main__":
    sys.exit(main())

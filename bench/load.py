"""`make load`: a class of simulated students against a served app on localhost; prints latency
percentiles, errors and the server's memory against the capacity target.

    python -m bench.load [--sessions 60] [--training 20] [--seconds 60] [--url URL] [--pids PIDS]

Without --url it starts its own Streamlit process on a free port (sessions kept 5 s after they
close, server.disconnectedSessionTTL, so their release is seen within the run) and stops it at the
end. With --url (e.g. `make serve`'s nginx) give --pids of the Streamlit processes to see memory.
The students speak Streamlit's websocket protocol (bench/load_client.py says why not browsers).
The class arrives over ~10 s; once every first page has loaded it works for --seconds, and only
that steady state's reruns are counted (the arrival is reported as first page loads).
Bounded: at most --sessions connections to 127.0.0.1; the arrival waits at most a rerun timeout
(60 s) per session, then --seconds plus a rerun timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench import load_students as students
from bench.load_memory import Sampler, total_cpu, total_mb
from bench.load_report import Result, show
from tools.serve import backends

TARGET = (
    "Capacity target: 60 concurrent sessions on one 2-core machine, 20 of them training live; "
    "an idle session's step latency (median, on each page it steps; p90 beside it) ≤ 2× its "
    "latency on the empty server; no exception in any session; memory per session reported, "
    "and released after the sessions end."
)
OWN_TTL = 5  # s a closed session is kept for a reconnect on the server this test starts


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench.load", description=TARGET)
    ap.add_argument("--sessions", type=int, default=60)
    ap.add_argument("--training", type=int, default=20, help="of the sessions, training live")
    ap.add_argument("--seconds", type=float, default=60, help="how long the class works, once in")
    ap.add_argument("--url", default="", help="a served app (default: start one)")
    ap.add_argument("--pids", default="", help="its Streamlit pids, for memory")
    ap.add_argument("--think", type=float, default=1.0, help="mean s between a student's clicks")
    # 60: the p90 of 20 steps is their second slowest, one step's luck
    ap.add_argument("--baseline", type=int, default=60, help="steps per page on the empty server")
    ap.add_argument("--settle", type=float, default=None, help="s to wait before 'after' memory")
    args = ap.parse_args(argv)
    if urlsplit(args.url).hostname not in (None, "127.0.0.1", "localhost"):
        ap.error("--url must be on 127.0.0.1 or localhost")
    args.training = min(args.training, args.sessions)
    return args


async def alone(url: str, presses: int, pids: list[int]):
    """The empty server: one student steps Backward, then another Forward, `presses` steps on
    each page (after one warm-up visit of each), as the class's idle students do. Returns
    {page: seconds of each step} and {page: the server's processor seconds per step}."""
    for page in students.STEPPERS:
        warm = students.Tally()
        await students.stepping(url, page, time.monotonic() + 3, 0.1, warm, seed=0)
    seconds, cpu = {}, {}
    for page in students.STEPPERS:
        tally = students.Tally()
        runner = asyncio.create_task(
            students.stepping(url, page, time.monotonic() + 3600, 0.1, tally, seed=1)
        )
        while not tally.steps and not runner.done():  # the page's first load is not a step
            await asyncio.sleep(0.01)
        first = total_cpu(pids)
        while len(tally.steps) < presses + 1 and not runner.done():
            await asyncio.sleep(0.01)
        cpu[page] = (total_cpu(pids) - first) / max(len(tally.steps) - 1, 1)  # after the first
        runner.cancel()
        await asyncio.gather(runner, return_exceptions=True)
        for session in tally.sessions:
            await session.close()
        seconds[page] = [s for _, s, _ in tally.steps[:presses]]
    return seconds, cpu


async def crowd(args, pids: list[int]) -> Result:
    result = Result(args=args, target=TARGET, pids=pids)
    result.empty, result.cpu_per_step = await alone(args.url, args.baseline, pids)
    result.mem_before = total_mb(pids)
    result.load_before = os.getloadavg()[0]  # the machine's other work moves every figure
    cpu_before = total_cpu(pids)
    sampler = Sampler(pids)
    sampler.start()
    tally, failures = students.Tally(), []
    ramp = min(10.0, args.seconds / 4)  # students arrive over the first seconds, not at once
    start = time.monotonic()
    deadline = [math.inf]  # set once the class has arrived: then it works for args.seconds
    tasks = []
    for n in range(args.sessions):
        if n < args.training:
            job = students.training(args.url, lambda: deadline[0], tally)
        else:
            page = ("backward", "forward")[n % 2]
            job = students.stepping(
                args.url, page, lambda: deadline[0], args.think, tally, seed=100 + n
            )
        tasks.append(asyncio.create_task(students.guarded(job, failures)))
        await asyncio.sleep(ramp / max(args.sessions, 1))
    # The steady state: every student has arrived and their first page has loaded (or
    # failed to); a session's first load waits at most its rerun timeout.
    while len(tally.opened) + len(failures) < args.sessions and not all(t.done() for t in tasks):
        await asyncio.sleep(0.1)
    steady, cpu_steady = time.monotonic(), total_cpu(pids)
    deadline[0] = steady + args.seconds
    result.arrival_seconds, result.arrival_cpu = steady - start, cpu_steady - cpu_before
    await asyncio.gather(*tasks)
    result.cpu = total_cpu(pids) - cpu_steady
    result.class_seconds = time.monotonic() - steady
    result.load_after = os.getloadavg()[0]
    for session in tally.sessions:
        await session.close()
    result.mem_peak = sampler.stop()
    result.collect(tally, failures, steady)
    result.mem_after = await after(args, pids)
    return result


async def after(args, pids: list[int]) -> float:
    """Memory once closed sessions have expired: wait, then one short visit (a session's close
    is what makes Streamlit drop the expired ones), then read."""
    settle = args.settle if args.settle is not None else (OWN_TTL + 2 if args.own else 0)
    await asyncio.sleep(settle)
    probe = students.Tally()
    await students.guarded(students.stepping(args.url, "forward", 0, 0, probe, 0), [])
    for session in probe.sessions:
        await session.close()
    await asyncio.sleep(1)
    return total_mb(pids)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    args.own = not args.url
    pids = [int(p) for p in args.pids.split()]
    proc = None
    if args.own:
        port = backends.free_port()
        log = Path(tempfile.mkdtemp(prefix="bpv-load-")) / "streamlit.log"
        proc = backends.start(port, log, ("--server.disconnectedSessionTTL", str(OWN_TTL)))
        backends.wait_healthy({port: proc})
        args.url, pids = f"http://127.0.0.1:{port}", [proc.pid]
        print(f"started Streamlit on {args.url} (pid {proc.pid}, log {log})", flush=True)
    try:
        print(f"{args.sessions} sessions ({args.training} training) for {args.seconds:g} s …")
        result = asyncio.run(crowd(args, pids))
    finally:
        if proc is not None:
            backends.stop([proc])
    show(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

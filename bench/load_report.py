"""The load test's numbers and how they are printed. Printed, never asserted: the machine's
other work moves them, so `make load` reports them against the target instead of failing."""

from __future__ import annotations

import math
import os
from collections import Counter
from dataclasses import dataclass, field


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list: an observed value."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def ms(values: list[float]) -> str:
    if not values:
        return "no reruns"
    p50, p90, p99 = (percentile(values, q) * 1000 for q in (50, 90, 99))
    return f"p50 {p50:.0f} ms, p90 {p90:.0f} ms, p99 {p99:.0f} ms ({len(values)} reruns)"


@dataclass
class Result:
    args: object
    target: str
    pids: list[int]
    empty: list[float] = field(default_factory=list)  # s per step, alone on the server
    steps: list[float] = field(default_factory=list)  # s per step of idle students, steady state
    training: list[float] = field(default_factory=list)  # s per live-training fragment run
    opens: list[float] = field(default_factory=list)  # s per first page load
    exceptions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: int = 0
    mem_before: float = 0.0
    mem_peak: float = 0.0
    mem_after: float = 0.0
    cpu: float = 0.0  # processor seconds the server processes used in the steady state
    class_seconds: float = 0.0  # how long the steady state lasted (to the last student out)
    arrival_cpu: float = 0.0  # processor seconds the server used while the class arrived
    load_before: float = 0.0  # the machine's 1-minute load average as the class arrived
    load_after: float = 0.0
    cpu_per_step: float = 0.0  # server processor seconds per idle step on the empty server
    arrival_seconds: float = 0.0  # from the first arrival until every first page loaded

    def collect(self, tally, failures: list[str], steady: float) -> None:
        """Keep the reruns that started once every student had arrived."""
        self.steps = [s for t, s in tally.steps if t >= steady]
        self.training = [s for t, s in tally.training if t >= steady]
        self.opens = list(tally.opens)
        self.errors = list(failures)
        for session in tally.sessions:
            self.exceptions += session.counts.exceptions
            self.errors += session.counts.errors
            self.warnings += session.counts.warnings

    def ratio(self, q: float) -> float | None:
        if not self.empty or not self.steps:
            return None
        return percentile(self.steps, q) / percentile(self.empty, q)


def show(r: Result) -> None:
    a = r.args
    print(f"\n{r.target}")
    print(f"server: {a.url}  ({len(r.pids)} Streamlit process(es) measured)")
    print(f"run: {a.sessions} sessions, {a.training} training, {a.seconds:g} s, think {a.think} s")
    print(
        "  (a step is drawn in the browser at once, with no round trip: make bench's click "
        "latency; a step's cost to the server is the one rerun its report asks for, timed here)"
    )
    print(f"  step, empty server      : {ms(r.empty)}")
    if r.pids:
        print(
            f"  server CPU per step, empty server: {r.cpu_per_step * 1000:.0f} ms "
            "(Backward and Forward, the idle students' pages)"
        )
    print(
        f"  the class had arrived (every first page loaded) after {r.arrival_seconds:.0f} s; "
        f"the figures under load are from then on, for {a.seconds:g} s"
    )
    print(f"  step, idle under load   : {ms(r.steps)}")
    for q in (50, 90):
        ratio = r.ratio(q)
        if ratio is not None:
            verdict = "meets" if ratio <= 2 else "misses"
            print(f"  p{q} under load / empty : {ratio:.2f}× ({verdict} the ≤ 2× target)")
    print(f"  live training fragment  : {ms(r.training)}")
    print(f"  first page load         : {ms(r.opens)}")
    print(
        f"  exceptions: {len(r.exceptions)}, other errors: {len(r.errors)}, warnings: {r.warnings}"
    )
    for text, count in Counter(r.exceptions + r.errors).most_common(5):
        print(f"    {count}× {text[:160]}")
    print(
        f"  machine load average (1 min): {r.load_before:.1f} as the class arrived, "
        f"{r.load_after:.1f} as it left, on {os.cpu_count()} cores"
    )
    if not r.pids:
        print("  memory and CPU: not measured (give PIDS='…' of the Streamlit processes)")
        return
    for when, cpu, seconds in (
        ("arriving", r.arrival_cpu, r.arrival_seconds),
        ("steady state", r.cpu, r.class_seconds),
    ):
        if seconds > 0:
            print(
                f"  server CPU, {when}: {cpu:.0f} s in {seconds:.0f} s = {cpu / seconds:.2f} "
                f"cores busy over {len(r.pids)} process(es) (a process runs its scripts on one "
                "core at a time)"
            )
    per = (r.mem_peak - r.mem_before) / max(a.sessions, 1)
    print(
        f"  server RSS: before {r.mem_before:.0f} MB, peak {r.mem_peak:.0f} MB, "
        f"after {r.mem_after:.0f} MB; {per:.1f} MB per session at the peak; "
        f"{r.mem_peak - r.mem_after:.0f} MB released after the sessions ended"
    )
    if r.mem_peak - r.mem_after < 0.5 * (r.mem_peak - r.mem_before):
        print(
            "  (a closed session is kept server.disconnectedSessionTTL s for a reconnect, then "
            "dropped; CPython keeps freed memory for reuse instead of returning it: load make "
            "serve twice with URL=…; a second peak no higher than the first shows the release)"
        )

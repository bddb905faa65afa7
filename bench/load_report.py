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
    empty: dict[str, list[float]] = field(default_factory=dict)  # page: s per step, alone
    steps: dict[str, list[float]] = field(default_factory=dict)  # page: s per idle step, steady
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
    cpu_per_step: dict[str, float] = field(default_factory=dict)  # page: server CPU s per step,
    # alone on the server
    arrival_seconds: float = 0.0  # from the first arrival until every first page loaded

    def collect(self, tally, failures: list[str], steady: float) -> None:
        """Keep the reruns that started once every student had arrived."""
        for t, s, page in tally.steps:
            if t >= steady:
                self.steps.setdefault(page, []).append(s)
        self.training = [s for t, s in tally.training if t >= steady]
        self.opens = list(tally.opens)
        self.errors = list(failures)
        for session in tally.sessions:
            self.exceptions += session.counts.exceptions
            self.errors += session.counts.errors
            self.warnings += session.counts.warnings

    def ratio(self, page: str, q: float) -> float | None:
        """A page's qth percentile step under load over the same on the empty server: each
        session steps one page, and a Backward step costs the server twice a Forward one (a
        median of both pages' steps together would fall between the two)."""
        if not self.empty.get(page) or not self.steps.get(page):
            return None
        return percentile(self.steps[page], q) / percentile(self.empty[page], q)


def show(r: Result) -> None:
    a = r.args
    print(f"\n{r.target}")
    print(f"server: {a.url}  ({len(r.pids)} Streamlit process(es) measured, with their workers)")
    print(f"run: {a.sessions} sessions, {a.training} training, {a.seconds:g} s, think {a.think} s")
    print(
        "  (a step is drawn in the browser at once, with no round trip: make bench's click "
        "latency; a step's cost to the server is the one rerun its report asks for, timed here)"
    )
    pages = sorted(r.empty)
    for page in pages:
        print(f"  {page} step, empty server : {ms(r.empty[page])}")
    if r.pids:
        cpu = ", ".join(f"{page} {r.cpu_per_step[page] * 1000:.1f} ms" for page in pages)
        print(f"  server CPU per step, empty server: {cpu}")
    print(
        f"  the class had arrived (every first page loaded) after {r.arrival_seconds:.0f} s; "
        f"the figures under load are from then on, for {a.seconds:g} s"
    )
    for page in pages:
        print(f"  {page} step, idle under load : {ms(r.steps.get(page, []))}")
    for q in (50, 90):
        ratios = {page: r.ratio(page, q) for page in pages}
        if None not in ratios.values():
            verdict = "meets" if max(ratios.values()) <= 2 else "misses"
            each = ", ".join(f"{page} {ratio:.2f}×" for page, ratio in ratios.items())
            print(f"  p{q} under load / empty : {each} ({verdict} the ≤ 2× target)")
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

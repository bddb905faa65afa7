"""Resident memory of the server processes, sampled while the load runs, and the processor time
they used (a Python process runs its scripts on one core at a time: near 1 core busy means the
process is the bottleneck; far below while latency grows means the machine's other work is).

psutil when it is installed (any OS), else Linux's /proc/<pid>/status (VmRSS) and /proc/<pid>/stat.
The sum over the given processes and their children: one Streamlit process, or every backend
behind `make serve`'s nginx, with each one's training worker (ui/training_worker.py).
"""

from __future__ import annotations

import asyncio
import os

try:
    import psutil

    GONE: tuple = (OSError, ValueError, psutil.Error)
except ImportError:  # not a requirement: /proc is enough on Linux
    psutil = None
    GONE = (OSError, ValueError)


def rss_mb(pid: int) -> float:
    """One process's resident set in MB (10⁶ bytes); 0 when it is gone."""
    try:
        if psutil is not None:
            return psutil.Process(pid).memory_info().rss / 1e6
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024 / 1e6  # the kernel writes kB = KiB
    except GONE:
        pass
    return 0.0


def family(pids: list[int]) -> list[int]:
    """`pids` and their children (a Streamlit process's training worker, once started)."""
    if psutil is not None:
        found = list(pids)
        for pid in pids:
            try:
                found += [child.pid for child in psutil.Process(pid).children(recursive=True)]
            except GONE:
                pass
        return found
    parents, found = set(pids), list(pids)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            except GONE:
                continue
            if ppid in parents:
                found.append(int(entry))
    return found


def total_mb(pids: list[int]) -> float:
    return sum(rss_mb(pid) for pid in family(pids))


def cpu_seconds(pid: int) -> float:
    """User + system processor seconds one process has used so far; 0 when it is gone."""
    try:
        if psutil is not None:
            times = psutil.Process(pid).cpu_times()
            return times.user + times.system
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()  # after "(comm)", which may hold spaces
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    except GONE:
        return 0.0


def total_cpu(pids: list[int]) -> float:
    return sum(cpu_seconds(pid) for pid in family(pids))


class Sampler:
    """The largest total seen while running: `peak` after `stop()`."""

    def __init__(self, pids: list[int], every: float = 0.25):
        self.pids, self.every, self.peak = pids, every, 0.0
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            self.peak = max(self.peak, total_mb(self.pids))
            await asyncio.sleep(self.every)

    def stop(self) -> float:
        if self._task is not None:
            self._task.cancel()
        self.peak = max(self.peak, total_mb(self.pids))
        return self.peak

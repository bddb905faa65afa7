"""Resident memory of the server processes, sampled while the load runs.

psutil when it is installed (any OS), else Linux's /proc/<pid>/status (VmRSS). The sum over the
given processes: one Streamlit process, or every backend behind `make serve`'s nginx.
"""

from __future__ import annotations

import asyncio

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


def total_mb(pids: list[int]) -> float:
    return sum(rss_mb(pid) for pid in pids)


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

"""The process's training worker: live training's chunks are computed in a separate process.

Why: every session's rerun is a thread of one Python process, and threads take turns on the
GIL. A chunk computed in the process held the GIL for most of its 0.15–0.5 s; a step of another
student arriving then waited for it in 5 ms slices (make load: a Forward step's median 2.4×, its
p90 4× inside training turns against outside them), however often the chunk gave way between
epochs. In a worker the chunk runs on another core, or, on a busy machine, at a lower
priority (NICE, and SCHED_IDLE on Linux): the operating system then runs the steps first,
which the GIL cannot do.

One worker per server process, started on the first chunk (spawned: a fresh interpreter that
imports numpy and core, never Streamlit), shared by every session like the training gate (one
chunk at a time: the gate already hands out turns). It gets the network, the data and the
optimizer's state of one chunk, and sends back the chunk (ui/training_chunk.py); the numbers are
the same as in this process. If no worker can be started or it dies, the chunk is computed here
(`compute` says which), so training never stops working.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import types
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ui import training_chunk

NICE = 10  # the worker's priority below the server's (0): the OS runs the steps first


class Worker:
    """A one-process pool, started on first use and started again after a crash."""

    def __init__(self, nice: int = NICE):
        self.nice = nice
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self.failed = False  # a worker could not be started here: compute in this process

    def compute(self, *args, give_way=None, **kwargs) -> tuple[training_chunk.Chunk, bool]:
        """training_chunk.compute(*args, **kwargs) in the worker: (the chunk, True); or in this
        process when there is no worker: (the chunk, False), giving way between epochs with
        `give_way` there (a chunk in the worker has nothing to give way to)."""
        pool = self._get()
        if pool is not None:
            try:
                return pool.submit(training_chunk.compute, *args, **kwargs).result(), True
            except (BrokenProcessPool, OSError, EOFError):
                self._drop(pool)  # the worker died (killed, out of memory): a new one next time
        return training_chunk.compute(*args, give_way=give_way, **kwargs), False

    def _get(self) -> ProcessPoolExecutor | None:
        with self._lock:
            if self._pool is None and not self.failed:
                try:
                    self._pool = _started(self.nice)
                except (OSError, ValueError, NotImplementedError, BrokenProcessPool):
                    self.failed = True  # no processes here (a sandbox): this process computes
            return self._pool

    def _drop(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _started(nice: int) -> ProcessPoolExecutor:
    """A pool whose one process has started, with no main module to run. A spawned process
    runs its parent's __main__ first, and in a script's run Streamlit's __main__ is the script
    (streamlit_app.py: the worker would import Streamlit and run the app). The process starts
    on the first task, so that task is sent while __main__ is a bare module."""
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_lower_priority,
        initargs=(nice,),
    )
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        first = pool.submit(os.getpid)
    finally:
        sys.modules["__main__"] = main
    first.result()  # started (a failure to start raises here)
    return pool


def _lower_priority(nice: int) -> None:
    """In the worker: run below the server's threads (os.nice adds to the current value), and
    on Linux only when no other process wants the core (SCHED_IDLE). Nice alone still let the
    chunk take slices from the server: `make load` counted steps overlapping a training turn
    at a p90 of 35 ms against 13 ms outside turns; with SCHED_IDLE, 22 ms."""
    try:
        os.nice(nice)
    except (OSError, AttributeError):  # not allowed, or not on this OS: same priority
        pass
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (OSError, AttributeError):  # not Linux: the nice value only
        pass


WORKER = Worker()  # the process's worker (a resource of the server, like training_gate.GATE)

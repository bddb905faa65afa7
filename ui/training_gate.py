"""The server process's training gate: at most one training chunk computes at a time in the
process, and after a chunk the gate stays shut for a rest as long as the chunk (DUTY = 1/2),
so live training uses at most about half of the process's time, whoever trains. A trainer alone
(no other session waiting, and the last chunk was its own) does not rest: the rest shares the
processor between trainers, and one trainer's thread already takes turns on the GIL with
everyone's reruns.

Why: every session's rerun runs in a thread of one Python process and takes turns on the GIL.
Twenty students pressing Play would otherwise keep twenty threads busy, and a student who only
presses Next would wait for a twentieth of the processor. With the gate, an idle session's rerun
shares the process with at most one chunk, and only half of the time.

GATE below is the one module global of ui/ that is not per-user state: it is a resource of the
process (its processor), shared by every session on purpose, like a connection pool.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

DUTY = 0.5  # the most of the process's time training chunks take together
POLL_SECONDS = 0.2  # how often a waiting trainer calls `wait` (the page shows a note then)


class Gate:
    """A lock with a rest after each holding. `clock` and `sleep` are injectable for tests."""

    def __init__(self, duty: float = DUTY, clock=time.monotonic, sleep=time.sleep):
        self.duty, self._clock, self._sleep = duty, clock, sleep
        self._lock = threading.Lock()
        self._count = threading.Lock()  # guards `waiting`
        self.open_at = 0.0  # clock time before which the next holder rests
        self.last = None  # who held the gate last
        self.waiting = 0  # trainers waiting for their turn (shown on the page)

    def rest_after(self, held: float) -> float:
        """Seconds the gate stays shut after a chunk of `held` seconds: held × (1 − d) / d."""
        return held * (1 - self.duty) / self.duty

    @contextmanager
    def turn(self, wait=None, who=None):
        """Hold the gate for the block, after the rest left by the one before (none for `who`
        alone: nobody waiting and the last chunk its own). While another trainer holds it,
        `wait()` is called every POLL_SECONDS (the page writes a note there, which also lets
        Streamlit stop this script at once when the user presses Pause)."""
        with self._count:
            self.waiting += 1
        try:
            while not self._lock.acquire(timeout=POLL_SECONDS):
                if wait is not None:
                    wait()
        finally:
            with self._count:
                self.waiting -= 1
        try:
            alone = who is not None and who == self.last and self.waiting == 0
            rest = self.open_at - self._clock()
            if rest > 0 and not alone:
                self._sleep(rest)
            self.last = who
            started = self._clock()
            try:
                yield
            finally:
                ended = self._clock()
                self.open_at = ended + self.rest_after(ended - started)
        finally:
            self._lock.release()


GATE = Gate()  # the process's gate (see the module docstring)

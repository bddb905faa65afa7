"""The server process's training gate: live training runs in the background of the process.

- One trainer's turn at a time, in the order they asked (first come, first served): its chunk
  of training and the drawing of its charts. After a turn the gate stays shut for a rest
  twice as long as the turn (DUTY = 1/3), so live training uses at most about a third of the
  process's time, whoever trains. A trainer alone (no other session waiting, and the last
  turn was its own) does not rest.
- Foreground first: a turn starts, and goes on to its next chart (and its next epoch, when the
  chunk is computed in the process rather than in the training worker, ui/training_worker.py),
  only once no run a user is waiting for (a page's run after a click, FOREGROUND) is under way
  in the process, or after FOREGROUND_WAIT seconds at most, so training cannot be starved
  either.

Why: every session's rerun runs in a thread of one Python process and takes turns on the GIL.
Twenty students pressing Play would otherwise keep twenty threads busy drawing charts and
training, and a student who only steps a page would wait for a twentieth of the processor
(make load measured 3.5× the empty server's step latency before the charts were inside the
turn and the turns gave way to steps).

GATE and FOREGROUND are the module globals of ui/ that are not per-user state: they are
resources of the process (its processor), shared by every session on purpose, like a
connection pool.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from contextlib import contextmanager, nullcontext

DUTY = 1 / 3  # the most of the process's time training turns take together
POLL_SECONDS = 0.2  # how often a waiting trainer calls `wait` (the page shows a note then)
FOREGROUND_WAIT = 0.5  # the longest a turn or an epoch waits for the foreground runs to end


class Foreground:
    """The runs of the process that a user is waiting for, counted while they run."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._cond = threading.Condition()
        self._runs = 0
        self._mine = threading.local()  # this thread's own runs are not waited for

    @contextmanager
    def run(self):
        with self._cond:
            self._runs += 1
        self._mine.depth = getattr(self._mine, "depth", 0) + 1
        try:
            yield
        finally:
            self._mine.depth -= 1
            with self._cond:
                self._runs -= 1
                self._cond.notify_all()

    @contextmanager
    def aside(self):
        """This thread's foreground runs do not count for the block: a run that takes a
        training turn (Play pressed) waits like training, or turns would wait for each other."""
        depth = getattr(self._mine, "depth", 0)
        with self._cond:
            self._runs -= depth
            self._cond.notify_all()
        self._mine.depth = 0
        try:
            yield
        finally:
            self._mine.depth = depth
            with self._cond:
                self._runs += depth

    def others(self) -> int:
        """Foreground runs under way in other threads."""
        return self._runs - getattr(self._mine, "depth", 0)

    def wait_idle(self, most: float = FOREGROUND_WAIT) -> float:
        """Wait until no other thread's foreground run is under way, `most` seconds at most;
        returns the seconds waited."""
        if self.others() <= 0:
            return 0.0  # the usual case, asked once per epoch: no clock, no lock
        started = self._clock()
        with self._cond:
            while self.others() > 0:
                left = started + most - self._clock()
                if left <= 0:
                    break
                self._cond.wait(left)
        return self._clock() - started


class Gate:
    """A first-come-first-served lock with a rest after each turn. `clock` and `sleep` are
    injectable for tests; `foreground` is the runs a turn gives way to (none: no waiting)."""

    def __init__(self, duty: float = DUTY, clock=time.monotonic, sleep=time.sleep, foreground=None):
        self.duty, self._clock, self._sleep = duty, clock, sleep
        self.foreground = foreground
        self._lock = threading.Lock()
        self._queue: deque = deque()  # the trainers waiting (their events), in order
        self._holder: int | None = None  # the thread whose turn it is
        self.open_at = 0.0  # clock time before which the next holder rests
        self.last = None  # who held the gate last
        self.waiting = 0  # trainers waiting for their turn (shown on the page)

    def rest_after(self, held: float) -> float:
        """Seconds the gate stays shut after a turn of `held` seconds: held × (1 − d) / d."""
        return held * (1 - self.duty) / self.duty

    def held_here(self) -> bool:
        return self._holder == threading.get_ident()

    @contextmanager
    def turn(self, wait=None, who=None):
        """Hold the gate for the block, after the rest left by the one before (none for `who`
        alone: nobody waiting and the last turn its own) and once the foreground runs ended.
        While others go first, `wait()` is called every POLL_SECONDS (the page writes a note
        there, which also lets Streamlit stop this script at once when the user presses Pause).
        A turn inside a turn of the same thread is part of it (the chunk inside the page's)."""
        if self.held_here():
            yield
            return
        aside = nullcontext() if self.foreground is None else self.foreground.aside()
        with aside, self._turn(wait, who):
            yield

    @contextmanager
    def _turn(self, wait, who):
        self._enter(wait)
        try:
            alone = who is not None and who == self.last and self.waiting == 0
            rest = self.open_at - self._clock()
            if rest > 0 and not alone:
                self._sleep(rest)
            if self.foreground is not None:
                self.foreground.wait_idle()
            self.last = who
            started = self._clock()
            try:
                yield
            finally:
                ended = self._clock()
                self.open_at = ended + self.rest_after(ended - started)
        finally:
            self._leave()

    def give_way(self) -> float:
        """Inside a turn, between epochs: wait for the foreground runs (seconds waited)."""
        return 0.0 if self.foreground is None else self.foreground.wait_idle()

    def _enter(self, wait) -> None:
        # Each waiter sleeps on its own event and a turn's end wakes the next one only: waking
        # all twenty waiting trainers at each turn's end made them queue for the GIL in front
        # of the students' steps.
        me = threading.Event()
        with self._lock:
            self._queue.append(me)
            self.waiting = len(self._queue) - (self._holder is None)
            self._pass_on()
        try:
            while True:
                if me.wait(POLL_SECONDS):
                    with self._lock:
                        if self._holder is None and self._queue[0] is me:
                            self._queue.popleft()
                            self._holder = threading.get_ident()
                            self.waiting = len(self._queue)
                            return
                        me.clear()  # woken for a turn someone else took: wait again
                with self._lock:
                    self.waiting = len(self._queue)
                if wait is not None:
                    wait()
        except BaseException:  # stopped while waiting (Pause): leave the queue
            with self._lock:
                if me in self._queue:
                    self._queue.remove(me)
                self.waiting = len(self._queue)
                self._pass_on()
            raise

    def _leave(self) -> None:
        with self._lock:
            self._holder = None
            self._pass_on()

    def _pass_on(self) -> None:
        """With the lock held: wake the first waiter when nobody holds the gate."""
        if self._holder is None and self._queue:
            self._queue[0].set()


FOREGROUND = Foreground()  # the process's runs that users wait for (streamlit_app.py counts)
GATE = Gate(foreground=FOREGROUND)  # the process's gate (see the module docstring)

"""Live training for the Train page: this session's run, its data, and one time-boxed chunk.

Training runs in short chunks inside a Streamlit fragment that reruns itself while playing, so
charts refresh a few times a second and the rest of the page stays responsive. The run (`Run`)
and the picked data live in st.session_state, per user; nothing in module globals (the process's
training gate, ui/training_gate.py, is a resource of the server, not user state).

So that one user cannot starve the others on a shared server: a chunk computes for about as long
as the page took to draw the last one, from CHUNK_SECONDS to MAX_CHUNK_SECONDS (at least one
epoch); trainers take turns, one chunk at a time per process with a rest after each turn
(training_gate), the chunk computed in the process's training worker (training_worker); one
run stops at EPOCH_CAP epochs (its history is kept and drawn); and a session trains for at most
SESSION_SECONDS of computation in all.

`advance` is the chunk itself, without st.session_state: the page calls it through `run_chunk`,
and bench/live_training.py calls it directly, so the benchmark measures what the page does.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import streamlit as st

import core
from ui import state
from ui.training_gate import GATE
from ui.training_worker import WORKER

CHUNK_SECONDS = 0.15  # the shortest chunk
MAX_CHUNK_SECONDS = 0.5  # the longest: Pause takes effect within this
EVAL_EVERY = 10  # test E and the accuracies are measured every EVAL_EVERY-th epoch
REFRESH_SECONDS = 0.25
EPOCH_CAP = 50_000  # epochs one run keeps, whatever "Stop after epochs" asks
SESSION_SECONDS = 600.0  # seconds of training computation per session, all runs together
RATE_WINDOW = 8  # played chunks the shown epochs per second are measured over
RUN_KEY = "training_run"
SETS_KEY = "training_sets"
SECONDS_KEY = "training_seconds"  # computation this session has used


@dataclass(frozen=True)
class Settings:
    """What the Train page's inputs ask for."""

    optimizer: str
    learning_rate: float  # η
    batch_size: int
    l2: float
    max_epochs: int
    target_loss: float | None  # stop once E ≤ this (None: never)
    seed: int = 0


@dataclass
class Run:
    """This session's live training run; owned by st.session_state[RUN_KEY], changed only here
    and by the page's Play/Pause buttons. Lists hold one entry per epoch."""

    playing: bool = False
    done: bool = False  # finished: epochs used up, target reached or diverged
    diverged: bool = False
    message: str = ""  # why it finished, in words
    start_net: core.Network | None = None  # the network before the first epoch (Reset)
    version: int | None = None  # state.version() after this run's last change of the network
    resume: core.TrainState | None = None  # optimizer moments and shuffling, between chunks
    epochs_per_chunk: int = 5
    chunk_seconds: float = CHUNK_SECONDS  # what the next played chunk aims at
    chunk_ended: float | None = None  # perf_counter() at the end of the last played chunk
    rate: float | None = None  # epochs per second of computation in the last chunk
    # (wall-clock time, epochs) after each of the last played chunks: the real rate, which
    # includes drawing and sending the charts between chunks
    clock: list[tuple[float, int]] = field(default_factory=list)
    loss: list[float] = field(default_factory=list)  # E on the training set, every epoch
    # measured every EVAL_EVERY-th epoch while playing, and after each Step (three forward
    # passes cost half an epoch): the epoch numbers, then test E and the accuracies there
    sampled: list[int] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    acc: list[float] = field(default_factory=list)
    test_acc: list[float] = field(default_factory=list)
    delta_norm: list[tuple[float, ...]] = field(default_factory=list)  # [epoch][k − 1], as in
    grad_norm: list[tuple[float, ...]] = field(default_factory=list)  # core.History
    # the history's figures of the last refresh, by name: the next refresh changes only their
    # numbers (panels.train_charts), which is ~10× cheaper than building them again
    drawn: dict = field(default_factory=dict, repr=False)

    @property
    def epochs(self) -> int:
        return len(self.loss)

    @property
    def wall_rate(self) -> float | None:
        """Epochs per second as the user sees them, over the last played chunks."""
        if len(self.clock) < 2:
            return None
        (t0, e0), (t1, e1) = self.clock[0], self.clock[-1]
        return (e1 - e0) / (t1 - t0) if t1 > t0 else None


def run() -> Run:
    """This session's run. A run belongs to the network it trained: once the shared network
    changes any other way (Build, Backward, a new preset), a new run starts."""
    current = st.session_state.get(RUN_KEY)
    if current is None or current.version not in (None, state.version()):
        current = st.session_state[RUN_KEY] = Run()
    return current


def task_of(Y: np.ndarray) -> str:
    """Classification when the targets are labels (0/1, or one-hot rows), else regression."""
    labels = np.isin(Y, (0.0, 1.0)).all()
    if labels and Y.shape[1] == 1:
        return "binary"
    if labels and (Y.sum(axis=1) == 1).all():
        return "multiclass"
    return "regression"


def use_sets(
    net: core.Network, train: core.Dataset, test: core.Dataset | None, note: str, recipe=None
):
    """Train `net` on `train` (it becomes the shared data) and test on `test`; `recipe` (a
    DataRecipe) says how `train` was made, for links."""
    state.set_network(net, train.X, train.Y, note=note, recipe=recipe)
    st.session_state[SETS_KEY] = (train, test)


def training_sets() -> tuple[core.Dataset, core.Dataset | None]:
    """The train and test sets: the ones picked with `use_sets` while the training set is
    still the shared data, else the shared data itself with no test set."""
    X, Y = state.data()
    picked = st.session_state.get(SETS_KEY)
    if picked is not None and np.array_equal(picked[0].X, X) and np.array_equal(picked[0].Y, Y):
        return picked
    return core.Dataset("current", X, Y, task_of(Y)), None


def seconds_used() -> float:
    """Seconds of training computation this session has used (SESSION_SECONDS at most)."""
    return st.session_state.get(SECONDS_KEY, 0.0)


def play() -> None:
    r = run()
    r.playing, r.done, r.clock, r.chunk_ended = True, False, [], None


def pause() -> None:
    r = run()
    r.playing, r.clock, r.chunk_ended = False, [], None


def reset() -> None:
    """Back to the network from before training started, and a new run."""
    start = run().start_net
    if start is not None:
        state.set_network(start)
    st.session_state[RUN_KEY] = Run()


def turn(wait=None):
    """This session's turn at the process's training gate (a chunk and the drawing of its
    charts); `wait()` is called while other sessions' turns go first."""
    return GATE.turn(wait, who=_session())


def give_way() -> None:
    """Within this session's turn at the gate (drawing its charts): wait until no run another
    user waits for is under way (at most training_gate.FOREGROUND_WAIT). Outside a turn (the
    page's own rerun, not playing), nothing."""
    if GATE.held_here():
        GATE.give_way()


def run_chunk(settings: Settings, epochs: int | None = None, wait=None) -> None:
    """Train this session's run for about a chunk's time (or exactly `epochs`); `wait()` is
    called while other sessions' chunks hold the gate."""
    r = run()
    if seconds_used() >= SESSION_SECONDS:
        _finish(r, SESSION_MESSAGE)
        return
    train_set, test_set = training_sets()
    net = state.network()
    new, elapsed = advance(r, net, train_set, test_set, settings, epochs, wait)
    st.session_state[SECONDS_KEY] = seconds_used() + elapsed
    if new is not net:
        first = r.start_net is None
        if first:
            r.start_net = net
        state.set_network(new, keep_undo=first)  # one undo entry per run, not one per chunk
        r.version = state.version()
    if not r.done and seconds_used() >= SESSION_SECONDS:
        _finish(r, SESSION_MESSAGE)


def advance(
    r: Run,
    net: core.Network,
    train_set: core.Dataset,
    test_set: core.Dataset | None,
    settings: Settings,
    epochs: int | None = None,
    wait=None,
    gate=GATE,
    who=None,
    worker=WORKER,
) -> tuple[core.Network, float]:
    """One chunk of `r` from `net`: (the network after it, seconds computed). Played chunks
    (`epochs` None) aim at `r.chunk_seconds`; the history, the clock and the end are kept in
    `r`. The computation holds the process's training gate as `who` (default: this session),
    and runs in the process's training worker (ui/training_worker.py) when there is one."""
    most = min(settings.max_epochs, EPOCH_CAP)
    n = min(epochs or r.epochs_per_chunk, max(most - r.epochs, 0))
    if n <= 0:
        _finish(r, _reached(settings.max_epochs))
        return net, 0.0
    asked = time.perf_counter()
    with gate.turn(wait, who=_session() if who is None else who):
        started = time.perf_counter()
        chunk, _ = worker.compute(
            net,
            train_set,
            test_set,
            epochs=n,
            sample_every=EVAL_EVERY if epochs is None else 1,  # Step measures each epoch
            train_args={
                "learning_rate": settings.learning_rate,
                "batch_size": settings.batch_size,
                "optimizer": settings.optimizer,
                "l2": settings.l2,
                "seed": settings.seed,
                "target_loss": settings.target_loss,
            },
            resume=r.resume,
            give_way=gate.give_way,
        )
        ended = time.perf_counter()
    new, history = chunk.net, chunk.history
    elapsed = max(ended - started - chunk.waited, 1e-9)  # with the trip to the worker and back
    r.sampled.extend(chunk.sampled)
    r.test_loss.extend(chunk.test_loss)
    r.test_acc.extend(chunk.test_acc)
    r.acc.extend(chunk.acc)
    r.resume = history.state
    r.loss.extend(history.loss)
    # one tuple per epoch, not a list: the collector stops tracking tuples of numbers
    r.delta_norm.extend(map(tuple, history.delta_norm))
    r.grad_norm.extend(map(tuple, history.grad_norm))
    if epochs is None:
        drawn = asked - (r.chunk_ended or asked)
        _pace(r, history.epochs, elapsed, drawn=drawn, others=gate.waiting)
        r.chunk_ended = ended
        r.clock = [*r.clock, (r.chunk_ended, r.epochs)][-RATE_WINDOW:]
    elif history.epochs:
        r.rate = history.epochs / elapsed
    if history.diverged or history.reached_target:
        _finish(r, history.message, diverged=history.diverged)
    elif r.epochs >= most:
        _finish(r, _reached(settings.max_epochs))
    return new, elapsed


def _pace(r: Run, epochs: int, elapsed: float, drawn: float, others: int = 0) -> None:
    """Aim the next played chunk: as long as the page took to draw and send the last one
    (`drawn`, from that chunk's end until this one asked for the gate), so that training gets
    about half of a lone user's time, within CHUNK_SECONDS..MAX_CHUNK_SECONDS; the shortest
    while `others` trainers wait for the gate, so that every trainer's turn comes soon."""
    if not epochs:
        return
    r.rate = epochs / elapsed
    aim = CHUNK_SECONDS if others else drawn
    r.chunk_seconds = float(np.clip(aim, CHUNK_SECONDS, MAX_CHUNK_SECONDS))
    r.epochs_per_chunk = int(np.clip(r.rate * r.chunk_seconds, 1, 2000))


SESSION_MESSAGE = (
    f"This session has used its {SESSION_SECONDS / 60:g} minutes of training computation "
    "(a cap, so that one user cannot slow the server down for everyone)."
)


def _reached(max_epochs: int) -> str:
    if max_epochs <= EPOCH_CAP:
        return f"Reached {max_epochs} epochs."
    return f"Stopped at {EPOCH_CAP:,} epochs, the most one run keeps; Reset to start again."


def _finish(r: Run, message: str, diverged: bool = False) -> None:
    r.playing = False
    r.clock, r.chunk_ended = [], None
    r.done = True
    r.diverged = diverged
    r.message = message


def _session() -> str | None:
    """This browser session's id (the gate lets a trainer alone go on without a rest)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    return None if ctx is None else ctx.session_id

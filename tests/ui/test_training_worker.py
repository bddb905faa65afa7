"""Live training's chunks in the training worker process (ui/training_worker.py): the same
numbers as computed in the server's own process, bit for bit, for every optimizer and across
chunks (the optimizer's moments and the shuffling go there and back); a worker that dies is
replaced; where no worker can start, the chunk is computed in the process and gives way there."""

from __future__ import annotations

import os
import sys
import types
from dataclasses import replace

import numpy as np
import pytest

import core
from ui import training, training_chunk
from ui.training_gate import Gate
from ui.training_worker import NICE, Worker

SPIRAL = core.make_dataset("spiral", n=120, classes=2, seed=0)
TRAIN_SET, TEST_SET = core.train_test_split(
    core.Dataset("spiral", SPIRAL.X, SPIRAL.Y[:, :1].copy(), "binary"), test_fraction=0.5, seed=0
)
NET = core.Network.random([2, 6, 6, 1], ["tanh", "tanh", "sigmoid"], "binary_cross_entropy")
SETTINGS = training.Settings("sgd", 0.1, 10, 0.0, max_epochs=100, target_loss=None, seed=3)


@pytest.fixture(scope="module")
def worker():
    w = Worker()
    yield w
    w.shutdown()


def in_process() -> Worker:
    w = Worker()
    w.failed = True  # as where no process can be started
    return w


def two_chunks(worker: Worker, optimizer: str) -> training.Run:
    """A played run of two chunks (7 and then 12 epochs) through the page's `advance`."""
    run = training.Run(epochs_per_chunk=7)
    settings = replace(SETTINGS, optimizer=optimizer)
    net, _ = training.advance(run, NET, TRAIN_SET, TEST_SET, settings, gate=Gate(), worker=worker)
    run.epochs_per_chunk = 12
    net, _ = training.advance(run, net, TRAIN_SET, TEST_SET, settings, gate=Gate(), worker=worker)
    run.net = net
    return run


@pytest.mark.parametrize("optimizer", core.OPTIMIZERS)
def test_the_worker_computes_the_same_numbers_bit_for_bit(worker, optimizer):
    there, here = two_chunks(worker, optimizer), two_chunks(in_process(), optimizer)
    assert there.epochs == here.epochs == 19
    for a, b in zip((*there.net.weights, *there.net.biases), (*here.net.weights, *here.net.biases)):
        assert a.tobytes() == b.tobytes()
    for name in ("loss", "delta_norm", "grad_norm", "sampled", "test_loss", "acc", "test_acc"):
        assert getattr(there, name) == getattr(here, name), name
    assert there.sampled == [10]  # every tenth epoch measured, across the chunks' border


def test_a_chunk_runs_in_another_process_at_a_lower_priority(worker):
    chunk, in_worker = worker.compute(
        NET, TRAIN_SET, None, epochs=1, sample_every=1, train_args={"learning_rate": 0.1}
    )
    assert in_worker and chunk.history.epochs == 1
    pool = worker._get()
    pid = pool.submit(os.getpid).result()
    assert pid != os.getpid()
    niceness = pool.submit(os.getpriority, os.PRIO_PROCESS, 0).result()
    assert niceness == min(os.getpriority(os.PRIO_PROCESS, 0) + NICE, 19)
    if hasattr(os, "SCHED_IDLE"):  # Linux: only when no other process wants the core
        assert os.sched_getscheduler(pid) == os.SCHED_IDLE
        assert os.sched_getscheduler(os.getpid()) != os.SCHED_IDLE  # the server is not


def test_a_worker_that_died_is_replaced(worker):
    pool = worker._get()
    pid = pool.submit(os.getpid).result()
    os.kill(pid, 9)  # out of memory, say
    chunk, _ = worker.compute(
        NET, TRAIN_SET, None, epochs=2, sample_every=1, train_args={"learning_rate": 0.1}
    )
    assert chunk.history.epochs == 2  # computed (here, or by the next worker)
    chunk, in_worker = worker.compute(
        NET, TRAIN_SET, None, epochs=2, sample_every=1, train_args={"learning_rate": 0.1}
    )
    assert in_worker and worker._get().submit(os.getpid).result() != pid


def test_without_a_worker_the_chunk_gives_way_here_and_counts_the_waits():
    waits = []

    def give_way():
        waits.append(1)
        return 1.0  # each epoch waited a second for a student's step

    chunk, in_worker = in_process().compute(
        NET,
        TRAIN_SET,
        None,
        epochs=3,
        sample_every=10,
        train_args={"learning_rate": 0.1},
        give_way=give_way,
    )
    assert not in_worker and waits == [1, 1, 1]
    assert chunk.waited == 3.0  # advance takes it off the chunk's time


def test_a_chunk_measures_the_epochs_it_is_asked_to():
    chunk = training_chunk.compute(
        NET, TRAIN_SET, TEST_SET, epochs=5, sample_every=2, train_args={"learning_rate": 0.1}
    )
    assert chunk.sampled == [2, 4]
    nets = {
        e: core.train(NET, TRAIN_SET.X, TRAIN_SET.Y, epochs=e, learning_rate=0.1)[0] for e in (2, 4)
    }
    assert chunk.test_loss == [core.forward(nets[e], TEST_SET.X, TEST_SET.Y).loss for e in (2, 4)]
    assert chunk.acc == [core.accuracy(nets[e], TRAIN_SET.X, TRAIN_SET.Y) for e in (2, 4)]
    assert np.isfinite(chunk.history.loss).all() and len(chunk.history.loss) == 5


def test_the_worker_does_not_run_the_script_that_started_it(tmp_path, monkeypatch):
    """In a run, Streamlit's __main__ is the app script; a spawned process would run it."""
    marker = tmp_path / "ran"
    script = tmp_path / "app_script.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\n")
    fake = types.ModuleType("__main__")
    fake.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake)
    w = Worker()
    try:
        _, in_worker = w.compute(
            NET, TRAIN_SET, None, epochs=1, sample_every=1, train_args={"learning_rate": 0.1}
        )
    finally:
        w.shutdown()
    assert in_worker and not marker.exists()
    assert sys.modules["__main__"] is fake  # given back

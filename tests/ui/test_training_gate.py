"""The process's training gate, its logic only (no timing): one holder at a time, a waiting
trainer is told so and goes on when the holder leaves, the gate is released when a chunk
fails, and the rest after a chunk makes training take `duty` of the time."""

import threading
import time

import pytest

from ui import training_gate
from ui.training_gate import FOREGROUND_WAIT, Foreground, Gate


class FakeClock:
    """A clock that only moves when told; `sleep` moves it and records how long."""

    def __init__(self):
        self.now, self.slept = 100.0, []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def test_a_chunk_waits_for_the_one_holding_the_gate():
    gate = Gate(sleep=lambda s: None)
    holding, waited, order = threading.Event(), threading.Event(), []

    def other():
        with gate.turn(wait=waited.set):
            order.append("other computes")

    with gate.turn():
        holding.set()
        thread = threading.Thread(target=other)
        thread.start()
        assert waited.wait(10)  # the other trainer was told it waits
        assert gate.waiting == 1 and order == []
        order.append("first leaves")
    thread.join(10)
    assert order == ["first leaves", "other computes"] and gate.waiting == 0


def test_the_gate_is_released_when_a_chunk_fails():
    gate = Gate(sleep=lambda s: None)
    with pytest.raises(ZeroDivisionError), gate.turn():
        raise ZeroDivisionError("a chunk failed")
    assert gate.waiting == 0

    def never():
        raise AssertionError("the gate was still held")

    done = []
    thread = threading.Thread(target=lambda: done.append(_take(gate, never)))
    thread.start()
    thread.join(10)
    assert done == [True]  # another thread's turn began at once


@pytest.mark.parametrize(("duty", "held"), [(0.5, 2.0), (0.25, 2.0), (0.8, 0.4)])
def test_after_a_chunk_the_next_one_rests_so_training_takes_duty_of_the_time(duty, held):
    clock = FakeClock()
    gate = Gate(duty=duty, clock=clock, sleep=clock.sleep)
    with gate.turn():
        clock.now += held  # the chunk computes
    with gate.turn():
        pass
    (rest,) = clock.slept
    assert held / (held + rest) == pytest.approx(duty)  # the share of time spent training


def test_no_rest_when_it_has_passed_already():
    clock = FakeClock()
    gate = Gate(duty=0.5, clock=clock, sleep=clock.sleep)
    with gate.turn():
        clock.now += 1.0
    clock.now += 1.5  # the page drew its charts meanwhile, longer than the rest
    with gate.turn():
        pass
    assert clock.slept == []


def test_a_failed_chunk_still_leaves_its_rest():
    clock = FakeClock()
    gate = Gate(duty=0.5, clock=clock, sleep=clock.sleep)
    with pytest.raises(RuntimeError), gate.turn():
        clock.now += 3.0
        raise RuntimeError("diverged")
    with gate.turn():
        pass
    assert clock.slept == [pytest.approx(3.0)]


def test_a_trainer_alone_does_not_rest_but_rests_once_another_trains():
    clock = FakeClock()
    gate = Gate(duty=0.5, clock=clock, sleep=clock.sleep)
    for _ in range(3):  # one student training alone: chunk after chunk, no rest
        with gate.turn(who="a"):
            clock.now += 1.0
    assert clock.slept == []
    with gate.turn(who="b"):  # a second trainer: it rests after a's chunk
        clock.now += 1.0
    assert clock.slept == [1.0]
    with gate.turn(who="a"):  # and a after b's
        pass
    assert clock.slept == [1.0, 1.0]


def test_a_trainer_rests_after_another_ones_turn():
    clock = FakeClock()
    gate = Gate(duty=0.5, clock=clock, sleep=clock.sleep)
    with gate.turn(who="a"):
        clock.now += 1.0
    queued = threading.Event()
    with gate.turn(who="b"):  # b holds the gate while a asks again and c queues behind a
        clock.now += 1.0
        a = threading.Thread(target=lambda: _take(gate, queued.set, who="a"))
        a.start()
        assert queued.wait(10)
        c = threading.Thread(target=lambda: _take(gate, who="c"))
        c.start()
        _until(lambda: gate.waiting == 2)
    a.join(10)
    c.join(10)
    # b rests after a's turn, a after b's; c after a's, which took no time: no rest
    assert clock.slept == [1.0, 1.0]


def test_without_a_name_every_chunk_rests():
    clock = FakeClock()
    gate = Gate(duty=0.5, clock=clock, sleep=clock.sleep)
    for _ in range(2):
        with gate.turn():
            clock.now += 1.0
    assert clock.slept == [1.0]


def _take(gate: Gate, wait=None, who=None) -> bool:
    with gate.turn(wait, who=who):
        return True


def _until(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "never happened"
        time.sleep(0.005)


def test_turns_come_in_the_order_they_were_asked_for():
    gate = Gate(sleep=lambda s: None)
    names, threads = [], []
    with gate.turn():
        for queued, name in enumerate("vwxyz", start=1):  # each queued before the next asks
            thread = threading.Thread(target=lambda n=name: _named(gate, n, names))
            thread.start()
            threads.append(thread)
            _until(lambda q=queued: gate.waiting == q)
    for thread in threads:
        thread.join(10)
    assert names == list("vwxyz")


def _named(gate: Gate, name: str, names: list) -> None:
    with gate.turn():
        names.append(name)


def test_a_trainer_stopped_while_waiting_leaves_the_queue():
    gate = Gate(sleep=lambda s: None)
    names = []

    def stopped():
        raise KeyboardInterrupt("Pause pressed")  # Streamlit stops the script this way

    def paused():
        try:
            with gate.turn(stopped):
                names.append("paused one")
        except KeyboardInterrupt:
            names.append("stopped")

    with gate.turn():
        first = threading.Thread(target=paused)
        first.start()
        _until(lambda: gate.waiting == 1)
        second = threading.Thread(target=lambda: _named(gate, "next", names))
        second.start()
        first.join(10)  # its wait() raised after a poll: it left the queue
        assert names == ["stopped"] and gate.waiting == 1
    second.join(10)
    assert names == ["stopped", "next"] and gate.waiting == 0


def test_a_turn_inside_a_turn_of_the_same_thread_is_part_of_it():
    clock = FakeClock()
    gate = Gate(duty=0.5, clock=clock, sleep=clock.sleep)
    with gate.turn(who="a"):
        clock.now += 1.0
        with gate.turn(who="a"):  # the chunk inside the page's turn: no wait, no rest
            clock.now += 1.0
    assert clock.slept == [] and gate.open_at == clock.now + 2.0  # one turn of 2 s


class Student:
    """Another user's run under way in its own thread, from start() until leave(); it notes
    "step drawn" in `order` as it ends."""

    def __init__(self, foreground: Foreground, order: list | None = None):
        self.inside, self._leave, self._order = threading.Event(), threading.Event(), order
        self._thread = threading.Thread(target=self._run, args=(foreground,))

    def _run(self, foreground):
        with foreground.run():
            self.inside.set()
            self._leave.wait(10)
            if self._order is not None:
                self._order.append("step drawn")

    def start(self) -> "Student":
        self._thread.start()
        assert self.inside.wait(10)
        return self

    def leave(self) -> None:
        self._leave.set()
        self._thread.join(10)


def test_a_turn_waits_for_the_runs_users_wait_for():
    foreground = Foreground()
    gate = Gate(sleep=lambda s: None, foreground=foreground)
    order = []
    student = Student(foreground, order).start()
    trainer = threading.Thread(target=lambda: _named(gate, "chunk", order))
    trainer.start()
    time.sleep(0.05)
    assert order == []  # the turn waits while the student's run is under way
    student.leave()
    trainer.join(10)
    assert order == ["step drawn", "chunk"]


def test_a_run_does_not_wait_for_itself():
    foreground = Foreground()
    gate = Gate(sleep=lambda s: None, foreground=foreground)
    with foreground.run():  # Play pressed: the page's own run takes a turn
        assert foreground.others() == 0
        started = time.monotonic()
        with gate.turn():
            assert gate.give_way() < 0.05
        assert time.monotonic() - started < FOREGROUND_WAIT / 2


def test_training_waits_for_a_busy_foreground_only_so_long():
    foreground = Foreground()
    student = Student(foreground).start()
    assert foreground.others() == 1
    waited = foreground.wait_idle(most=0.05)
    assert 0.05 <= waited < 5  # gave up after `most`: training is never starved
    student.leave()
    assert foreground.others() == 0 and foreground.wait_idle() < 0.05


def test_a_trainer_whose_turn_comes_is_not_told_it_waits(monkeypatch):
    monkeypatch.setattr(training_gate, "POLL_SECONDS", 30.0)  # only a release wakes the waiter
    gate = Gate(sleep=lambda s: None)
    told, took = [], threading.Event()

    def trainer():
        with gate.turn(lambda: told.append("waiting")):
            took.set()

    with gate.turn():
        thread = threading.Thread(target=trainer)
        thread.start()
        _until(lambda: gate.waiting == 1)
    assert took.wait(10)  # woken by the release, well before a poll
    thread.join(10)
    assert told == []


def test_waiting_for_the_foreground_ends_when_its_run_ends():
    foreground = Foreground()
    gate = Gate(sleep=lambda s: None, foreground=foreground)
    waited = []
    student = Student(foreground).start()
    with gate.turn():  # the turn began after waiting at most FOREGROUND_WAIT
        epoch = threading.Thread(target=lambda: waited.append(foreground.wait_idle(most=30)))
        epoch.start()
        student.leave()  # the student's run ends
        epoch.join(10)
    assert waited and waited[0] < 10  # not the 30 s it could have waited


def test_between_epochs_a_turn_gives_way_to_a_run_under_way():
    foreground = Foreground()
    gate = Gate(sleep=lambda s: None, foreground=foreground)
    order = []
    with gate.turn():
        student = Student(foreground, order).start()
        threading.Timer(0.05, student.leave).start()
        gave = gate.give_way()  # the next epoch waits for the student's run
        order.append("next epoch")
    assert order == ["step drawn", "next epoch"] and gave > 0
    assert Gate().give_way() == 0.0  # no foreground to give way to

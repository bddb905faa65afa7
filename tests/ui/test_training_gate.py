"""The process's training gate, its logic only (no timing): one holder at a time, a waiting
trainer is told so and goes on when the holder leaves, the gate is released when a chunk
fails, and the rest after a chunk makes training take `duty` of the time."""

import threading

import pytest

from ui.training_gate import Gate


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
    assert gate._lock.acquire(blocking=False)  # free again
    gate._lock.release()
    assert gate.waiting == 0


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


def test_a_trainer_rests_while_another_waits():
    clock = FakeClock()
    gate = Gate(duty=0.5, clock=clock, sleep=clock.sleep)
    with gate.turn(who="a"):
        clock.now += 1.0
    gate.waiting = 1  # another trainer is queued behind this one
    with gate.turn(who="a"):
        pass
    assert clock.slept == [1.0]


def test_without_a_name_every_chunk_rests():
    clock = FakeClock()
    gate = Gate(duty=0.5, clock=clock, sleep=clock.sleep)
    for _ in range(2):
        with gate.turn():
            clock.now += 1.0
    assert clock.slept == [1.0]

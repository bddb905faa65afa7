"""ui.memory: the process's garbage collection, its logic (a fake clock), and every panel
imported before the first freeze (in a process of its own)."""

import subprocess
import sys
from pathlib import Path

from ui.memory import Collector

ROOT = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_the_first_run_collects_and_freezes_then_at_most_every_few_seconds():
    clock, done = Clock(), []
    c = Collector(
        every=5.0,
        clock=clock,
        collect=lambda: done.append("collect"),
        freeze=lambda: done.append("freeze"),
    )
    assert c.after_run() and done == ["collect", "freeze"]  # every module imported by now
    clock.now += 4.9
    assert not c.after_run() and done == ["collect", "freeze"]  # too soon
    clock.now += 0.1
    assert c.after_run() and done == ["collect", "freeze", "collect"]  # frozen once only
    for _ in range(3):
        clock.now += 1.0
        c.after_run()
    assert done.count("collect") == 2
    clock.now += 2.0
    assert c.after_run() and done.count("collect") == 3


def test_a_cycle_left_by_a_closed_session_is_collected():
    import gc

    class Session:
        pass

    gc.collect()
    c = Collector(every=0.0, freeze=lambda: None)  # not frozen here: the test process's objects
    s = Session()
    s.me = s  # a cycle: reference counting alone never frees it
    s = None
    assert any(type(o) is Session for o in gc.get_objects())
    assert c.after_run()
    assert not any(type(o) is Session for o in gc.get_objects())


SCRIPT = """
import gc, sys
import panels
from ui import memory
assert "panels.train_charts" not in sys.modules
assert memory.import_every(panels) is True
assert "panels.train_charts" in sys.modules and "panels.quiz" in sys.modules  # every panel
assert memory.import_every(panels) is False  # once only
memory.Collector().after_run()  # the first run's end: collect, freeze
assert len(gc.get_objects()) < gc.get_freeze_count() / 10  # a collection walks almost nothing
print("ok")
"""


def test_every_panel_is_imported_before_the_first_freeze():
    # a process of its own: freezing this one would keep the other tests' garbage forever
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"

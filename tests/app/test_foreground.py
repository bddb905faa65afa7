"""Every run of the app is a run a user waits for: live training gives way to it
(ui/training_gate.py). The Train page's own run takes its turn without waiting for itself."""

import threading

from app_helpers import open_page

from ui import training_gate


def test_a_page_run_counts_as_foreground_while_it_runs(monkeypatch):
    seen = []
    real = training_gate.FOREGROUND.run

    def counted():
        seen.append(threading.get_ident())
        return real()

    monkeypatch.setattr(training_gate.FOREGROUND, "run", counted)
    at = open_page("backward")
    runs = len(seen)
    assert runs >= 2  # the first run and the switch to Backward
    at.run()
    assert len(seen) == runs + 1
    assert training_gate.FOREGROUND.others() == 0  # and it ended with the run


def test_a_foreground_run_is_seen_from_another_thread():
    inside, leave = threading.Event(), threading.Event()

    def student():
        with training_gate.FOREGROUND.run():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=student)
    thread.start()
    assert inside.wait(10)
    assert training_gate.FOREGROUND.others() == 1
    leave.set()
    thread.join(10)
    assert training_gate.FOREGROUND.others() == 0

"""Once per server process (ui/process.py): the app's modules imported and set aside from the
garbage collector, so that a full collection walks only what sessions create."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import gc, sys
import panels
from ui import process
before = len(gc.get_objects())
assert "panels.train_charts" not in sys.modules
assert process.settle(panels) is True
assert "panels.train_charts" in sys.modules and "panels.quiz" in sys.modules  # every panel
frozen = gc.get_freeze_count()
assert frozen > before  # what was there, and what the panels brought
assert len(gc.get_objects()) < before / 10  # a full collection walks almost nothing now
assert process.settle(panels) is False and gc.get_freeze_count() == frozen  # once only
print("ok")
"""


def test_settling_imports_every_panel_and_freezes_once():
    # a process of its own: freezing this one would keep the other tests' garbage forever
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"

"""Garbage collection for a server that a class shares.

Streamlit's own collection after every run (runner.postScriptGC) is off in
.streamlit/config.toml: it walked every object of the process (pandas, plotly, the shared steps)
and was 55% of the server's processor time per step of a class. Reference counting frees most
memory at once, but a closed session's objects that refer to each other (cycles) wait for a
full collection, and Python's own thresholds rarely start one in a process this large: a second
class on the same server then peaked higher than the first.

So: once, after the first run (every module imported: `import_every` at the top of the app
imports every page's panels before it ends), the objects alive are frozen (the collector never
scans them again: a full collection went from ~40 ms to ~0.1 ms); after that a full collection
runs at the end of a run at most every EVERY seconds.

The clock below is the one module global of this kind: a resource of the process, not user
state (like ui.training_gate's gate).
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
import threading
import time

EVERY = 5.0  # seconds between full collections, at most


class Collector:
    """`after_run()` at the end of every run; `clock`, `collect` and `freeze` are injectable
    for tests."""

    def __init__(self, every=EVERY, clock=time.monotonic, collect=gc.collect, freeze=gc.freeze):
        self.every, self._clock, self._collect, self._freeze = every, clock, collect, freeze
        self._lock = threading.Lock()
        self.last: float | None = None  # when the last full collection ran (None: never)

    def after_run(self) -> bool:
        """Collect (and, the first time, freeze) when it is time; True when it collected."""
        now = self._clock()
        with self._lock:
            first = self.last is None
            if not first and now - self.last < self.every:
                return False
            self.last = now
        self._collect()
        if first:
            self._freeze()  # the modules and caches every session shares: never scanned again
        return True


COLLECTOR = Collector()
_imported: set[str] = set()  # packages import_every has imported: the process's, not a user's


def import_every(package) -> bool:
    """Import every module of `package` (the app's panels, and with them core, figures, cards
    and ui) the first time only; True then. The first run's freeze then holds every page's
    modules: the libraries' ~120,000 objects, which a full collection otherwise walks (~30 ms
    with the GIL held, in front of every step waiting for it)."""
    if package.__name__ in _imported:
        return False
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    _imported.add(package.__name__)
    return True

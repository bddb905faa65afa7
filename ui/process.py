"""Once per server process, not per user: the app's modules imported, then set aside from
CPython's garbage collector.

A full collection walks every container object the process holds, and the libraries the app
imports (Streamlit, plotly, pandas) leave ~120,000 of them, which never become garbage: one
full collection took ~30 ms with the GIL held, and a busy server (60 sessions, 20 of them
training) ran one about every second, in front of whatever step a student was waiting for
(`make load` counted 1 s of collections in 45 s, overlapping a quarter of the slowest steps).
gc.freeze() moves what exists now out of the collector's reach; what sessions create later is
collected as before.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
import threading

_lock = threading.Lock()
_settled = [False]  # this process's state, not a user's: sessions share one interpreter


def settle(package) -> bool:
    """Import every module of `package` (the app's panels, and with them core, figures, cards
    and ui), then freeze what the process holds, the first time only. True the time it does."""
    if _settled[0]:
        return False
    with _lock:
        if _settled[0]:
            return False
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
        gc.collect()  # today's garbage is collected, not frozen with the rest
        gc.freeze()
        _settled[0] = True
        return True

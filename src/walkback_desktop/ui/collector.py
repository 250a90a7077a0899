"""The garbage collector during start-up's background imports.

A full collection runs in whichever thread happens to allocate when the
threshold is crossed, and holds the GIL throughout: over the objects of Qt,
SQLAlchemy and pyqtgraph that is 50-70 ms here. When it fell inside a helper
thread's import (opening the store, a page's module, the idle chart imports)
the window could not paint for that long, though the GUI thread itself had
nothing to do. Imports make long-lived objects (modules, classes, functions),
so collecting during them finds little: `paused()` turns the collector off
while any helper imports, and after the last one moves everything made so
far out of every later collection (`gc.freeze`) before turning it back on.
Without that, the first collection afterwards walked everything the imports
had made: the same 50-100 ms, only later. What the imports left as garbage
stays (a few MB at most, bench/bench_memory.py); a collection during a
workout walks only what was made since.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pausing = 0


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection while the block runs (nestable, any thread)."""
    global _pausing
    with _lock:
        if _pausing == 0 and gc.isenabled():
            gc.disable()
            _pausing = 1
        elif _pausing:
            _pausing += 1
    try:
        yield
    finally:
        with _lock:
            if _pausing:
                _pausing -= 1
                if _pausing == 0:
                    gc.freeze()
                    gc.enable()

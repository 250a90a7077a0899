"""Start-up's helper threads import with the garbage collector off, and what
they made is frozen before it comes back on: a full collection inside one of
them held the GIL 50-100 ms and froze the window (bench/bench_stall.py)."""

from __future__ import annotations

import gc
import threading

from walkback_desktop.ui import collector


def test_no_collection_while_helpers_import_and_their_objects_are_frozen_after() -> None:
    assert gc.isenabled()
    frozen_before = gc.get_freeze_count()
    inside = threading.Event()
    leave = threading.Event()
    seen: list[bool] = []

    def helper() -> None:
        with collector.paused():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=helper)
    thread.start()
    inside.wait(5)
    with collector.paused():  # a second one overlapping the first
        seen.append(gc.isenabled())
        made = [[] for _ in range(1000)]  # what an import leaves: long-lived objects
    seen.append(gc.isenabled())  # the first is still importing
    leave.set()
    thread.join(5)
    try:
        assert seen == [False, False]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen_before + len(made)
    finally:
        gc.unfreeze()  # leave the test process as it was


def test_a_collector_turned_off_by_someone_else_stays_off() -> None:
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()

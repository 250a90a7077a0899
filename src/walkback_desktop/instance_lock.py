"""One WalkBack window per data folder, and no checkpoint recovery behind its back.

The GUI holds `walkback.lock` in the data folder while it runs (QLockFile
removes stale locks left by a crash). A command-line call made while the GUI
runs must not "recover" the workout the GUI is checkpointing right now.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QLockFile

LOCK_FILENAME = "walkback.lock"


def gui_lock(data_dir: Path) -> QLockFile:
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(data_dir / LOCK_FILENAME))
    lock.setStaleLockTime(0)
    return lock


def gui_running(data_dir: Path) -> bool:
    """True if a live WalkBack window holds this data folder (Qt loads only if a lock exists)."""
    if not (data_dir / LOCK_FILENAME).exists():
        return False
    lock = gui_lock(data_dir)
    if lock.tryLock(0):
        lock.unlock()
        return False
    return True

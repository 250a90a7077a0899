"""Logging to a rotating `walkback.log` (cue timings are logged here).

The rotation is done here rather than with `logging.handlers.RotatingFileHandler`:
importing `logging.handlers` pulls in socket, pickle and queue, about a quarter
of the command line's import time, which every start of the window would pay
before its first paint. The behaviour is the same: at `MAX_BYTES` the file
becomes walkback.log.1 (then .2, .3; the oldest is dropped).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_FILENAME = "walkback.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
_HANDLER_NAME = "walkback-file"


class SizeRotatingFileHandler(logging.FileHandler):
    """A FileHandler that rolls the file over when it would grow past max_bytes."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUP_COUNT):
        super().__init__(path, mode="a", encoding="utf-8", delay=True)
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._would_overflow(record):
                self.rollover()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def _would_overflow(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            self.stream = self._open()
        size = self.stream.seek(0, os.SEEK_END)
        return size > 0 and size + len(self.format(record)) + 1 > self.max_bytes

    def rollover(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        base = self.baseFilename
        for n in range(self.backups - 1, 0, -1):
            older = f"{base}.{n}"
            if os.path.exists(older):
                os.replace(older, f"{base}.{n + 1}")
        if os.path.exists(base):
            os.replace(base, f"{base}.1")


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path | None:
    """Log to log_dir/walkback.log (1 MB x 3). Returns the path, or None if not writable."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
    path = log_dir / LOG_FILENAME
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8"):
            pass  # writable? (the handler itself opens on the first record)
    except OSError:
        return None
    handler = SizeRotatingFileHandler(path)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path

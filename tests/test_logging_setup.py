"""The log rotates at its size limit and keeps three old files."""

from __future__ import annotations

import logging

from walkback_desktop.logging_setup import SizeRotatingFileHandler


def test_log_rotates_and_keeps_three_old_files(tmp_path):
    path = tmp_path / "walkback.log"
    handler = SizeRotatingFileHandler(path, max_bytes=200, backups=3)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("rotation-test")
    log.propagate = False
    log.addHandler(handler)
    try:
        for n in range(40):
            log.warning("line %02d %s", n, "x" * 40)
    finally:
        log.removeHandler(handler)
        handler.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["walkback.log", "walkback.log.1", "walkback.log.2", "walkback.log.3"]
    assert all(p.stat().st_size <= 200 for p in tmp_path.iterdir())
    assert "line 39" in path.read_text(encoding="utf-8")
    assert "line 38" in (tmp_path / "walkback.log.1").read_text(encoding="utf-8") or "line 38" in (
        path.read_text(encoding="utf-8")
    )

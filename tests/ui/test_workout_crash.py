"""`walkback start ID`, then kill -9 part-way: the next command saves the workout
as an incomplete session with its active seconds (to within the ~4 s between
checkpoints). A real process with real time; it polls, it never sleeps blindly.
"""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROUTINE_ID = "first-steps-12"
WALKED_S = 12.0
TIMEOUT_S = 60.0
POLL_S = 0.1


def _walkback(data_dir: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "walkback_desktop", *args, "--data-dir", str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def _checkpoint_seconds(db: Path) -> float | None:
    if not db.exists():
        return None
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            row = conn.execute("SELECT active_seconds FROM checkpoints").fetchone()
    except sqlite3.OperationalError:  # not migrated yet, or busy
        return None
    return None if row is None else float(row[0])


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_9_mid_workout_is_exported_as_incomplete(tmp_path):
    data_dir = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for key, value in (("safety_acknowledged", "true"), ("get_ready_s", "0")):
        assert _walkback(data_dir, "settings", "set", key, value, env=env).returncode == 0
    errors = (tmp_path / "stderr.txt").open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "walkback_desktop",
            "start",
            ROUTINE_ID,
            "--data-dir",
            str(data_dir),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=errors,
    )
    seen = None
    try:
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline and proc.poll() is None:
            seen = _checkpoint_seconds(data_dir / "walkback.db")
            if seen is not None and seen >= WALKED_S:
                break
            time.sleep(POLL_S)  # polling interval, not a wait for an outcome
        if proc.poll() is not None:
            errors.close()
            log = data_dir / "walkback.log"
            tail = log.read_text(encoding="utf-8")[-3000:] if log.exists() else ""
            stderr = (tmp_path / "stderr.txt").read_text(encoding="utf-8", errors="replace")
            raise AssertionError(
                f"the app exited (code {proc.returncode}) before the workout got going:\n"
                f"{stderr[-2000:]}\n--- log ---\n{tail}"
            )
        assert seen is not None and seen >= WALKED_S, f"no checkpoint of {WALKED_S} s in time"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=TIMEOUT_S)
        errors.close()

    out = tmp_path / "history.csv"
    result = _walkback(data_dir, "history", "export", str(out), env=env)
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8") as exported:
        [row] = list(csv.DictReader(exported))
    assert row["routine"] == ROUTINE_ID
    assert row["completed"] == "false"
    active = float(row["active_seconds"])
    # Walked when killed: at least what we saw; at most one checkpoint (~4 s) more.
    assert seen <= active <= seen + 5.0

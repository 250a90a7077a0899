"""Test set-up: offscreen Qt and a temporary home for every test.

QT_QPA_PLATFORM must be set before Qt loads, or a machine without a display
aborts the whole run.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false;qt.speech.*=false")

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "slow", deadline=None, max_examples=5000, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _temporary_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test touches the real home: point HOME, XDG dirs and the data dir at tmp."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("WALKBACK_DATA_DIR", str(home / "walkback-data"))
    return home


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def store(data_dir: Path):
    from walkback_desktop.storage.store import open_store

    opened = open_store(data_dir)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _no_modal_questions_at_teardown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A question box would block forever offscreen. pytest-qt closes each test's
    windows before fixtures are torn down, so a window closed with a workout
    running asks "stop and save?": answer yes. Tests that check questions
    patch `confirm.ask` themselves, which takes precedence."""
    from walkback_desktop.ui import confirm

    asked: list[str] = []

    def answer_yes(parent, title, text, yes, no="Cancel") -> bool:
        asked.append(title)
        return True

    monkeypatch.setattr(confirm, "ask", answer_yes)
    return asked

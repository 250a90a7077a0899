"""Test set-up: offscreen Qt and a temporary home for every test.

QT_QPA_PLATFORM must be set before Qt loads, or a machine without a display
aborts the whole run.
"""

from __future__ import annotations

import faulthandler
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


# pytest-timeout (pyproject.toml) cannot stop a hang inside Qt that holds the
# GIL; faulthandler's watchdog can: it prints every thread's stack (naming the
# test) and ends the run, so CI fails in minutes instead of at its limit.
HARD_TIMEOUT_S = 300
_stderr_fd: int | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _stderr_fd
    _stderr_fd = os.dup(2)  # the real stderr, before pytest captures it per test


@pytest.fixture(autouse=True)
def _hard_timeout():
    if _stderr_fd is not None:
        faulthandler.dump_traceback_later(HARD_TIMEOUT_S, exit=True, file=_stderr_fd)
    yield
    faulthandler.cancel_dump_traceback_later()


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


class Questions:
    """Stands in for `confirm.ask`: records each question's title, gives `answer`."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, parent, title: str, text: str, yes: str, no: str = "Cancel") -> bool:
        self.asked.append(title)
        return self.answer


@pytest.fixture(autouse=True)
def _no_unexpected_questions(monkeypatch: pytest.MonkeyPatch):
    """A question box would block forever offscreen, so no test may meet one it
    did not ask for: it is answered "no" and the test fails when torn down
    (after pytest-qt has closed the test's windows, so a window that asks
    "stop and save?" as it closes counts too). A test that expects questions
    takes the `answer_yes` fixture or patches `confirm.ask` itself."""
    from walkback_desktop.ui import confirm

    unexpected = Questions(answer=False)
    monkeypatch.setattr(confirm, "ask", unexpected)
    yield
    assert not unexpected.asked, f"unexpected question(s): {unexpected.asked}"


@pytest.fixture
def answer_yes(_no_unexpected_questions, monkeypatch: pytest.MonkeyPatch) -> Questions:
    """Answer "yes" to every question (e.g. "stop and save?" when a test's window
    closes mid-workout); `.asked` lists their titles."""
    from walkback_desktop.ui import confirm

    questions = Questions(answer=True)
    monkeypatch.setattr(confirm, "ask", questions)
    return questions

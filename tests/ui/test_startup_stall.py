"""The window keeps answering while slow system services get ready: the sound
device is looked for on a helper thread, and a slow screensaver service does
not hold the start of a workout. (How long the GUI thread stalls is measured
by bench/bench_stall.py, never timed here.)"""

from __future__ import annotations

import threading

import pytest

from walkback_desktop.app import build_main_window
from walkback_desktop.audio.base import RecordingCuePlayer
from walkback_desktop.audio.cue_sounds import CueSounds
from walkback_desktop.core.clock import FakeClock
from walkback_desktop.ui import workout_controller


class SlowScreenSaver:
    """A screensaver service that answers only when `answer` is set."""

    may_block = True

    def __init__(self) -> None:
        self.answer = threading.Event()
        self.calls: list[str] = []
        self.threads: list[threading.Thread] = []

    def acquire(self, reason: str = "") -> bool:
        self.answer.wait(10)
        self.threads.append(threading.current_thread())
        self.calls.append("acquire")
        return True

    def release(self) -> None:
        self.threads.append(threading.current_thread())
        self.calls.append("release")


def test_a_slow_screensaver_service_does_not_hold_the_workout_start(qtbot, data_dir, monkeypatch):
    slow = SlowScreenSaver()
    monkeypatch.setattr(workout_controller, "KeepAwake", lambda: slow)
    window = build_main_window(
        data_dir, clock=FakeClock(), cue_player_factory=lambda ctx: RecordingCuePlayer()
    )
    qtbot.addWidget(window)
    window.ctx.store.settings.update(safety_acknowledged=True)
    page = window.page("workout")
    page.request_start("first-steps-12")
    # The workout runs while the service has not answered yet.
    assert page.controller.active
    assert slow.calls == []
    slow.answer.set()
    page.stop()  # nothing walked yet: back to the picker, the screen may sleep again
    qtbot.waitUntil(lambda: slow.calls == ["acquire", "release"], timeout=10_000)
    assert threading.main_thread() not in slow.threads


# What Qt prints on a machine without a sound server (its device watcher starts).
@pytest.mark.qt_log_ignore(r"PulseAudioService: pa_context_connect\(\) failed")
def test_the_sound_device_is_looked_for_off_the_gui_thread(qtbot, monkeypatch):
    from walkback_desktop.audio import cue_sounds

    looked_from: list[threading.Thread] = []

    def outputs_present() -> bool:  # QtMultimedia's first query: 60-180 ms
        looked_from.append(threading.current_thread())
        return False

    monkeypatch.setattr(cue_sounds, "_outputs_present", outputs_present)
    sounds = CueSounds()
    with qtbot.waitSignal(sounds.loaded, timeout=20_000):
        sounds.load_in_background()
    assert looked_from and looked_from[0] is not threading.main_thread()
    assert sounds.checked and not sounds.device_found
    assert not sounds.usable()


def test_the_window_answers_while_the_store_opens(qtbot, data_dir, monkeypatch):
    from PySide6.QtCore import QTimer

    import walkback_desktop.storage.store as store_module
    from walkback_desktop.app import build_shell
    from walkback_desktop.ui.loading import load_data_stepwise

    go_on = threading.Event()
    opened_from: list[threading.Thread] = []
    real_open = store_module.open_store

    def slow_open(path):
        opened_from.append(threading.current_thread())
        go_on.wait(10)
        return real_open(path)

    monkeypatch.setattr(store_module, "open_store", slow_open)
    window = build_shell(data_dir)
    qtbot.addWidget(window)
    window.show()
    ready: list[bool] = []
    load_data_stepwise(window, data_dir, done=lambda: ready.append(True), failed=pytest.fail)
    turned: list[bool] = []
    QTimer.singleShot(0, lambda: turned.append(True))
    qtbot.waitUntil(lambda: bool(turned), timeout=5_000)  # the window answers meanwhile
    assert not window.ready
    assert type(window.current_page()).__name__ == "LoadingPage"
    go_on.set()
    qtbot.waitUntil(lambda: bool(ready), timeout=60_000)
    assert opened_from and opened_from[0] is not threading.main_thread()
    assert window.current_page().page_id == "today"
    assert window.ctx is not None and window.ctx.store.sessions.count() == 0

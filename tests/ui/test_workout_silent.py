"""With no speech engine and no sound device, a whole routine still completes,
the screen carries the cues, and the log says why it is silent. Uses the real
QtCuePlayer (told there is no output device and no speech engine)."""

from __future__ import annotations

import logging

import pytest

from walkback_desktop.app import build_main_window
from walkback_desktop.audio.qt_player import QtCuePlayer
from walkback_desktop.core.clock import FakeClock
from walkback_desktop.core.workout import RunState
from walkback_desktop.ui import workout_controller


class NoEngine:
    def __init__(self, parent) -> None:
        raise RuntimeError("no text-to-speech engine on this machine")


class FakeKeepAwake:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def acquire(self, reason: str = "") -> bool:
        self.calls.append("acquire")
        return True

    def release(self) -> None:
        self.calls.append("release")


@pytest.fixture
def keep_awake(monkeypatch):
    fake = FakeKeepAwake()
    monkeypatch.setattr(workout_controller, "KeepAwake", lambda: fake)
    return fake


def test_a_silent_machine_still_completes_the_routine(qtbot, data_dir, caplog, keep_awake):
    caplog.set_level(logging.INFO)
    clock = FakeClock()
    player = QtCuePlayer(has_output=lambda: False, engine_factory=NoEngine)
    window = build_main_window(data_dir, clock=clock, cue_player_factory=lambda ctx: player)
    qtbot.addWidget(window)
    window.show()
    window.ctx.store.settings.set("safety_acknowledged", True)
    window.ctx.events.start_requested.emit("first-steps-12")
    page = window.page("workout")
    with qtbot.waitSignal(player.prepared):
        pass
    assert page.player_view.notice_label.text()  # the one-line notice is on screen
    run = page.controller.run
    for _ in range(int((run.timeline.total_s + 6) / 0.5)):
        clock.advance(0.5)
        page.controller.tick()
    assert page.controller.state is RunState.FINISHED
    assert page.finish_dialog is not None
    assert page.flash_count > 20  # countdowns and segment changes flash instead
    cue_lines = [r for r in caplog.records if r.name == "walkback_desktop.cues"]
    assert len(cue_lines) == len(run.timeline.cues)
    assert "No sound output device found" in caplog.text
    assert keep_awake.calls == ["acquire", "release"]
    page.finish_dialog.done(0)


def test_keep_awake_is_released_when_stopped(qtbot, data_dir, keep_awake, monkeypatch):
    from walkback_desktop.audio.base import RecordingCuePlayer

    clock = FakeClock()
    window = build_main_window(
        data_dir, clock=clock, cue_player_factory=lambda ctx: RecordingCuePlayer()
    )
    qtbot.addWidget(window)
    window.ctx.store.settings.set("safety_acknowledged", True)
    page = window.page("workout")
    page.request_start("first-steps-12")
    clock.advance(1)
    page.controller.tick()
    assert keep_awake.calls == ["acquire"]
    page.stop()  # nothing walked yet: back to the picker
    assert keep_awake.calls == ["acquire", "release"]

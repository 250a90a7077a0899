"""Honest numbers and nothing lost on the Workout page: a skip-through is not
"completed", pause and mute show from across the room, the first cue waits for
the speech engine, checkpoints do not depend on the audio path, and a failed
save keeps everything and offers Retry. FakeClock and a RecordingCuePlayer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.helpers import make_routine
from walkback_desktop.app import build_main_window
from walkback_desktop.audio.base import RecordingCuePlayer
from walkback_desktop.core.clock import FakeClock
from walkback_desktop.core.workout import RunState
from walkback_desktop.ui import confirm
from walkback_desktop.ui.workout_controller import READY_WAIT_S

ROUTINE_ID = "first-steps-12"


class Answers:
    def __init__(self, monkeypatch, *answers: bool) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []
        monkeypatch.setattr(confirm, "ask", self)

    def __call__(self, parent, title, text, yes, no="Cancel") -> bool:
        self.asked.append(title)
        return self.answers.pop(0)


class WarmingPlayer(RecordingCuePlayer):
    """Speech becomes ready only at `ready_at` on the fake clock (None: never)."""

    def __init__(self, clock: FakeClock, ready_at: float | None) -> None:
        super().__init__()
        self.clock = clock
        self.ready_at = ready_at

    def ready(self) -> bool:
        return self.ready_at is not None and self.clock.monotonic() >= self.ready_at


class BrokenPlayer(RecordingCuePlayer):
    """Raises from play() and stop(); or, with `block_s`, takes that long in play()."""

    def __init__(self, clock: FakeClock, block_s: float = 0.0) -> None:
        super().__init__()
        self.clock = clock
        self.block_s = block_s

    def play(self, cue, lateness_ms) -> bool:
        if self.block_s:
            self.clock.advance(self.block_s)
            return super().play(cue, lateness_ms)
        raise RuntimeError("the sound device went away")

    def stop(self) -> None:
        raise RuntimeError("the speech engine hung up")


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture(autouse=True)
def _closing_mid_workout_says_yes(answer_yes):
    """pytest-qt closes each test's window, some mid-workout: "stop and save?" gets
    yes. Tests about questions patch `confirm.ask` themselves, which wins."""
    return answer_yes


def make_window(qtbot, data_dir, clock, player):
    win = build_main_window(data_dir, clock=clock, cue_player_factory=lambda ctx: player)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    win.ctx.store.settings.update(safety_acknowledged=True)
    win.show_page("workout")
    return win


@pytest.fixture
def window(qtbot, data_dir, clock):
    win = make_window(qtbot, data_dir, clock, RecordingCuePlayer())
    yield win
    page = win.page("workout")
    page.controller.shutdown()
    if page.finish_dialog is not None:
        page.finish_dialog.done(0)


def advance(page, clock, seconds: float, step: float = 0.1) -> None:
    for _ in range(round(seconds / step)):
        clock.advance(step)
        page.controller.tick()


def start_short(window):
    window.ctx.store.library.save(make_routine((30, "warmup"), (60, "backward"), (20, "cooldown")))
    window.ctx.events.routines_changed.emit()
    page = window.page("workout")
    page.request_start("test-routine")
    return page


# --- 11.1: completed means walked -------------------------------------------------------
def test_skipping_through_is_saved_as_not_completed(qtbot, window, clock):
    page = start_short(window)
    advance(page, clock, 5 + 5)  # 5 s of the warm-up walked
    for _ in range(3):
        page.skip()
        advance(page, clock, 0.2)
    assert page.controller.state is RunState.FINISHED
    dialog = page.finish_dialog
    assert dialog.windowTitle() == "Finished early"
    assert dialog.outcome.text() == "Finished early: 0 of 3 parts"
    assert dialog.facts["Active time"].text() == "0:05"
    view = page.player_view
    assert view.next_label.text() == "Finished early: 0 of 3 parts"
    assert view.progress_text.text() == "Walked 0:05 of 1:50"  # not the routine's length
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [session] = window.ctx.store.sessions.list()
    assert not session.completed
    assert session.active_seconds == pytest.approx(5.4, abs=0.01)  # 5 s + 0.2 s twice


def test_walking_it_all_is_saved_as_completed(qtbot, window, clock):
    page = start_short(window)
    advance(page, clock, 5 + 110 + 0.2, step=0.25)
    dialog = page.finish_dialog
    assert dialog.windowTitle() == "Workout complete"
    assert page.player_view.progress_text.text() == "Walked 1:50 of 1:50"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [session] = window.ctx.store.sessions.list()
    assert session.completed


def test_skipping_everything_in_the_get_ready_count_saves_nothing(window, clock):
    page = start_short(window)
    advance(page, clock, 1)
    for _ in range(4):
        page.skip()
    page.controller.tick()
    assert page.finish_dialog is None  # nothing walked: nothing to review
    assert page.views.currentWidget() is page.picker
    assert window.ctx.store.sessions.count() == 0


# --- 11.6: pause and mute visible from 3 m ----------------------------------------------
def test_paused_and_muted_show_large_without_moving_the_countdown(qtbot, window, clock):
    page = window.page("workout")
    page.request_start(ROUTINE_ID)
    advance(page, clock, 8)
    view = page.player_view
    qtbot.wait(50)  # the first layout passes settle
    running = view.countdown.geometry()
    running_colour = view.countdown.palette().color(view.countdown.foregroundRole())
    qtbot.keyClick(page, Qt.Key.Key_Space)
    qtbot.wait(50)  # let the layout settle if it were going to move
    assert view.kind_label.text() == "PAUSED" and view.kind_label.isVisible()
    dimmed = view.countdown.palette().color(view.countdown.foregroundRole())
    assert dimmed.alpha() < running_colour.alpha()
    assert view.countdown.geometry() == running
    assert not view.muted_badge.isVisible()
    qtbot.keyClick(page, Qt.Key.Key_M)
    qtbot.wait(50)
    assert view.muted_badge.isVisible() and view.muted_badge.text() == "MUTED"
    assert view.countdown.geometry() == running
    qtbot.keyClick(page, Qt.Key.Key_Space)
    qtbot.wait(50)
    assert view.kind_label.text() == "WARM-UP"
    assert view.countdown.geometry() == running


# --- 11.9: the first cue waits (a bounded time) for speech ----------------------------------
def test_get_ready_waits_for_the_speech_engine(qtbot, data_dir, clock):
    player = WarmingPlayer(clock, ready_at=clock.monotonic() + 1.4)
    window = make_window(qtbot, data_dir, clock, player)
    page = window.page("workout")
    page.request_start(ROUTINE_ID)
    advance(page, clock, 1.0)
    assert player.played == []  # not lost into a cold engine
    assert page.controller.state is RunState.READY
    assert page.player_view.kind_label.text() == "GET READY"
    advance(page, clock, 0.5)
    assert player.kinds == ["get_ready"]
    assert player.played[0].lateness_ms == 0.0  # the clock started when speech could
    assert page.controller.state is RunState.RUNNING
    page.controller.shutdown()


def test_the_wait_for_speech_is_bounded(qtbot, data_dir, clock):
    player = WarmingPlayer(clock, ready_at=None)  # never ready
    window = make_window(qtbot, data_dir, clock, player)
    page = window.page("workout")
    page.request_start(ROUTINE_ID)
    advance(page, clock, READY_WAIT_S - 0.2)
    assert player.played == []
    advance(page, clock, 0.3)
    assert player.kinds == ["get_ready"]
    page.controller.shutdown()


# --- 15.1: checkpoints do not depend on the audio path -----------------------------------
@pytest.mark.parametrize("block_s", [0.0, 1.5], ids=["raises", "blocks"])
def test_checkpoints_are_written_whatever_the_player_does(qtbot, data_dir, clock, block_s):
    player = BrokenPlayer(clock, block_s=block_s)
    window = make_window(qtbot, data_dir, clock, player)
    page = window.page("workout")
    page.request_start(ROUTINE_ID)
    advance(page, clock, 5 + 20)
    checkpoint = window.ctx.store.checkpoints.load()
    assert checkpoint is not None and checkpoint.active_seconds >= 10
    advance(page, clock, 10)
    page.pause()  # stop() raises: the pause is still checkpointed
    assert page.controller.state is RunState.PAUSED
    walked = page.controller.run.active_seconds
    assert window.ctx.store.checkpoints.load().active_seconds == pytest.approx(walked, abs=0.01)
    page.controller.shutdown()


# --- 15.3: a failed save keeps everything and offers Retry ---------------------------------
def fail_saves(monkeypatch, window, times: int) -> list[int]:
    sessions = window.ctx.store.sessions
    real_add = sessions.add
    calls: list[int] = []

    def add(record):
        calls.append(1)
        if len(calls) <= times:
            raise OSError("database is locked")
        return real_add(record)

    monkeypatch.setattr(sessions, "add", add)
    return calls


def test_a_failed_save_offers_retry_and_keeps_the_ratings(qtbot, window, clock, monkeypatch):
    page = start_short(window)
    advance(page, clock, 5 + 40)
    Answers(monkeypatch, True)  # "Stop workout"
    page.ask_stop()
    answers = Answers(monkeypatch, True)  # "Retry"
    calls = fail_saves(monkeypatch, window, times=1)
    dialog = page.finish_dialog
    dialog.set_values(rpe=6, pain=2, notes="locked db")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert answers.asked == ["Workout not saved"]
    assert len(calls) == 2
    [session] = window.ctx.store.sessions.list()
    assert (session.rpe, session.pain, session.notes) == (6, 2, "locked db")
    assert window.ctx.store.checkpoints.load() is None


def test_not_now_brings_the_finish_screen_back_and_keeps_the_checkpoint(
    qtbot, window, clock, monkeypatch
):
    page = start_short(window)
    advance(page, clock, 5 + 110 + 0.2, step=0.25)  # finished
    answers = Answers(monkeypatch, False)  # "Not now"
    fail_saves(monkeypatch, window, times=1)
    dialog = page.finish_dialog
    dialog.set_values(rpe=3, pain=0, notes="full disk")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert answers.asked == ["Workout not saved"]
    assert window.ctx.store.sessions.count() == 0
    checkpoint = window.ctx.store.checkpoints.load()
    assert checkpoint is not None and checkpoint.active_seconds == pytest.approx(110)
    again = page.finish_dialog
    assert again is not None and again is not dialog
    assert (again.rpe(), again.pain(), again.notes()) == (3, 0, "full disk")
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)  # the disk has room now
    [session] = window.ctx.store.sessions.list()
    assert session.completed and session.notes == "full disk"
    assert window.ctx.store.checkpoints.load() is None

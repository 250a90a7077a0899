"""The Workout page driven by a FakeClock and a RecordingCuePlayer: never sleeps.

Time moves with `clock.advance()`; the controller's `tick()` is called directly,
as its QTimer would.
"""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt

from tests.helpers import make_routine
from walkback_desktop.app import build_main_window
from walkback_desktop.audio.base import AudioStatus, RecordingCuePlayer
from walkback_desktop.core.clock import FakeClock
from walkback_desktop.core.routine import Routine
from walkback_desktop.core.timeline import CueKind
from walkback_desktop.core.workout import RunState
from walkback_desktop.ui import confirm

ROUTINE_ID = "first-steps-12"


class Answers:
    """Answers confirmation questions in order and records them."""

    def __init__(self, monkeypatch, *answers: bool) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []
        monkeypatch.setattr(confirm, "ask", self)

    def __call__(self, parent, title, text, yes, no="Cancel") -> bool:
        self.asked.append(title)
        return self.answers.pop(0)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def recorder():
    return RecordingCuePlayer()


@pytest.fixture
def window(qtbot, data_dir, clock, recorder, answer_yes):
    # answer_yes: closing the window mid-workout asks "stop and save?".
    win = build_main_window(data_dir, clock=clock, cue_player_factory=lambda ctx: recorder)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)  # window-wide shortcuts need the active window
    yield win
    page = win.page("workout")
    page.controller.shutdown()
    for dialog in (page.finish_dialog, page.safety_dialog):
        if dialog is not None:
            dialog.done(0)


@pytest.fixture
def page(window):
    window.ctx.store.settings.set("safety_acknowledged", True)
    window.show_page("workout")
    return window.page("workout")


def advance(page, clock, seconds: float, step: float = 0.1) -> None:
    for _ in range(round(seconds / step)):
        clock.advance(step)
        page.controller.tick()


def add_routine(window, routine: Routine) -> None:
    window.ctx.store.library.save(routine)
    window.ctx.events.routines_changed.emit()


def test_pick_start_and_hear_the_cues_in_order(qtbot, window, page, clock, recorder):
    index = page.routine_combo.findData(ROUTINE_ID)
    page.routine_combo.setCurrentIndex(index)
    assert "First steps" in page.picker.routine_name.text()
    assert "min walking backwards" in page.picker.routine_facts.text()
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.controller.state is RunState.RUNNING
    assert page.views.currentWidget() is page.player_view
    assert page.player_view.kind_label.text() == "GET READY"
    assert page.player_view.countdown.text() == "5"
    advance(page, clock, 3)
    assert page.player_view.countdown.text() == "2"
    advance(page, clock, 2.05)
    assert recorder.kinds[:5] == [
        "get_ready",
        "countdown",
        "countdown",
        "countdown",
        "segment_start",
    ]
    assert page.player_view.kind_label.text() == "WARM-UP"
    assert page.player_view.countdown.text() == "3:00"
    timeline = page.controller.run.timeline
    advance(page, clock, 200)
    expected = [c.seq for c in timeline.cues if c.at <= page.controller.run.t]
    assert [p.cue.seq for p in recorder.played] == expected
    assert page.player_view.kind_label.text() == "BACKWARD"


def test_tip_shows_large_and_clears_at_segment_change(page, clock, recorder):
    page.request_start(ROUTINE_ID)
    tips = [c for c in page.controller.run.timeline.cues if c.kind is CueKind.TIP]
    first = tips[0]
    advance(page, clock, 5 + first.at + 0.1)
    assert page.player_view.tip_label.text() == first.text
    page.skip()
    assert page.player_view.tip_label.text() == ""


def test_pause_freezes_time_and_plays_nothing(qtbot, page, clock, recorder):
    page.request_start(ROUTINE_ID)
    advance(page, clock, 20)
    shown = page.player_view.countdown.text()
    t = page.controller.run.t
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert page.controller.state is RunState.PAUSED
    assert (
        page.player_view.pause_button.text()
        == page.player_view.pause_button.accessibleName()
        == "Resume"
    )
    assert recorder.stops >= 1
    heard = len(recorder.played)
    clock.advance(600)
    page.controller.tick()
    assert len(recorder.played) == heard
    assert page.controller.run.t == t
    assert page.player_view.countdown.text() == shown
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert page.controller.state is RunState.RUNNING
    assert page.player_view.countdown.text() == shown  # no jump on resume
    advance(page, clock, 1)
    assert page.controller.run.t == pytest.approx(t + 1)


def test_skip_and_back_with_the_arrow_keys(qtbot, page, clock, recorder):
    page.request_start(ROUTINE_ID)
    advance(page, clock, 10)
    qtbot.keyClick(page, Qt.Key.Key_Right)
    assert page.controller.run.position().index == 1
    assert page.player_view.kind_label.text() == "BACKWARD"
    assert recorder.played[-1].cue.kind is CueKind.SEGMENT_START
    advance(page, clock, 5)
    qtbot.keyClick(page, Qt.Key.Key_Left)
    assert page.controller.run.t == pytest.approx(180)
    qtbot.keyClick(page, Qt.Key.Key_Left)
    assert page.controller.run.t == pytest.approx(0)


def test_stop_asks_then_saves_an_incomplete_session(qtbot, window, page, clock, monkeypatch):
    answers = Answers(monkeypatch, False, True)
    page.request_start(ROUTINE_ID)
    advance(page, clock, 35)
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert answers.asked == ["Stop workout"]
    assert page.controller.state is RunState.RUNNING  # "Keep going"
    advance(page, clock, 5)
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert page.controller.state is RunState.STOPPED
    dialog = page.finish_dialog
    assert dialog is not None
    assert dialog.windowTitle() == "Workout stopped early"
    assert dialog.facts["Active time"].text() == "0:35"
    dialog.set_values(rpe=2, pain=1, notes="knee a bit stiff")
    with qtbot.waitSignal(window.ctx.events.sessions_changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [session] = window.ctx.store.sessions.list()
    assert not session.completed
    assert session.active_seconds == pytest.approx(35)
    assert (session.rpe, session.pain, session.notes) == (2, 1, "knee a bit stiff")
    assert window.ctx.store.checkpoints.load() is None
    assert page.views.currentWidget() is page.picker


def test_finish_saves_the_session_with_rpe_pain_and_notes(qtbot, window, page, clock, recorder):
    window.ctx.store.settings.set("weight_kg", 80.0)
    add_routine(window, make_routine((30, "warmup"), (60, "backward"), (20, "cooldown")))
    page.request_start("test-routine")
    window.show_page("history")  # wandered off: the end brings the Workout page back
    advance(page, clock, 5 + 110 + 0.2, step=0.25)
    assert window.current_page() is page
    assert recorder.kinds[-1] == "finish"
    assert page.controller.state is RunState.FINISHED
    dialog = page.finish_dialog
    assert dialog is not None and dialog.windowTitle() == "Workout complete"
    assert dialog.facts["Segments completed"].text() == "3 of 3"
    assert dialog.facts["Backward walking"].text() == "1 min"
    assert dialog.rpe_box.itemText(6) == "5 – Hard"
    dialog.set_values(rpe=5, pain=0, notes="<b>felt</b> great")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [session] = window.ctx.store.sessions.list()
    assert session.completed and session.source == "app"
    assert (session.rpe, session.pain, session.notes) == (5, 0, "<b>felt</b> great")
    assert session.active_seconds == pytest.approx(110)
    assert session.backward_seconds == pytest.approx(60)
    assert session.kcal == pytest.approx(page.controller.run.kcal(80.0), abs=0.1)
    assert session.started_at.tzinfo is not None
    full = window.ctx.store.sessions.get(session.id)
    assert [s.done_seconds for s in full.segments] == pytest.approx([30, 60, 20])
    assert window.ctx.store.checkpoints.load() is None


def test_discard_asks_first(qtbot, window, page, clock, monkeypatch):
    answers = Answers(monkeypatch, False, True)
    add_routine(window, make_routine((10, "backward")))
    page.request_start("test-routine")
    advance(page, clock, 16)
    dialog = page.finish_dialog
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert page.finish_dialog is dialog  # "Keep it"
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert answers.asked == ["Discard workout", "Discard workout"]
    assert page.finish_dialog is None
    assert window.ctx.store.sessions.count() == 0
    assert window.ctx.store.checkpoints.load() is None


def test_every_cue_is_logged(page, clock, recorder, caplog):
    caplog.set_level(logging.INFO, logger="walkback_desktop.cues")
    page.request_start(ROUTINE_ID)
    clock.advance(0.0041)
    advance(page, clock, 2)
    lines = [r.getMessage() for r in caplog.records if r.name == "walkback_desktop.cues"]
    assert lines[0] == "cue kind=get_ready at=-5.000 late_ms=0.0"
    assert lines[1].startswith("cue kind=countdown at=-3.000 late_ms=")
    assert len(lines) == len(recorder.played)


def test_a_dropped_cue_is_logged_as_dropped(page, clock, recorder, caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger="walkback_desktop.cues")
    monkeypatch.setattr(recorder, "play", lambda cue, late: False)
    page.request_start(ROUTINE_ID)
    lines = [r.getMessage() for r in caplog.records if r.name == "walkback_desktop.cues"]
    assert lines == ["cue kind=get_ready at=-5.000 late_ms=0.0 dropped"]


def test_a_long_gap_pauses_and_says_why(page, clock, recorder):
    page.request_start(ROUTINE_ID)
    advance(page, clock, 30)
    t = page.controller.run.t
    heard = len(recorder.played)
    clock.advance(120)  # the laptop slept
    page.controller.tick()
    assert page.controller.state is RunState.PAUSED
    assert page.controller.run.t == pytest.approx(t)
    assert len(recorder.played) == heard
    assert "asleep or busy for 2:00" in page.player_view.status_line.text()
    assert not page.controller.timer_active


def test_checkpoint_every_few_seconds_while_running(window, page, clock):
    store = window.ctx.store
    page.request_start(ROUTINE_ID)
    advance(page, clock, 4.9)  # the get-ready count: nothing walked, nothing saved
    assert store.checkpoints.load() is None
    advance(page, clock, 12)
    checkpoint = store.checkpoints.load()
    assert checkpoint is not None
    assert checkpoint.routine_id == ROUTINE_ID
    assert 12 - 5 <= checkpoint.active_seconds <= 12


def test_recovery_after_a_crash_lists_an_incomplete_session(
    qtbot, data_dir, clock, recorder, window, page
):
    page.request_start(ROUTINE_ID)
    advance(page, clock, 5 + 60)
    page.controller.shutdown()  # the process dies here: nothing else runs
    window.ctx.store.close()
    from walkback_desktop.storage.store import open_store

    reopened = open_store(data_dir)
    try:
        recovered = reopened.recovered
        assert recovered is not None and not recovered.completed
        assert 60 - 5 <= recovered.active_seconds <= 60
        assert reopened.sessions.count() == 1
    finally:
        reopened.close()


@pytest.mark.qt_log_ignore("keyToAscii Unhandled key code")  # QTest's, not ours
def test_media_keys_pause_and_resume(qtbot, page, clock):
    page.request_start(ROUTINE_ID)
    advance(page, clock, 2)
    qtbot.keyClick(page, Qt.Key.Key_MediaTogglePlayPause)
    assert page.controller.state is RunState.PAUSED
    qtbot.keyClick(page, Qt.Key.Key_MediaPlay)
    assert page.controller.state is RunState.RUNNING
    qtbot.keyClick(page, Qt.Key.Key_MediaPause)
    assert page.controller.state is RunState.PAUSED


def test_mute_key_silences_and_flashes_instead(qtbot, page, clock, recorder):
    page.request_start(ROUTINE_ID)
    qtbot.keyClick(page, Qt.Key.Key_M)
    assert (
        page.player_view.mute_button.text()
        == page.player_view.mute_button.accessibleName()
        == "Unmute"
    )
    assert recorder.options["volume"] == 0.0
    flashes = page.flash_count
    advance(page, clock, 5.1)
    assert page.flash_count > flashes
    qtbot.keyClick(page, Qt.Key.Key_M)
    assert recorder.options["volume"] == pytest.approx(0.8)


def test_without_sound_the_notice_shows_and_cues_flash(
    qtbot, window, page, clock, recorder, caplog
):
    recorder.audio_status = AudioStatus(
        beeps_available=False, speech_available=False, notice="No sound output device found."
    )
    page.request_start(ROUTINE_ID)
    assert page.player_view.notice_label.isVisible()
    assert page.player_view.notice_label.text() == "No sound output device found."
    advance(page, clock, 5 + page.controller.run.timeline.total_s + 1, step=0.5)
    assert page.flash_count >= 4
    assert page.controller.state is RunState.FINISHED
    assert "No sound output device found." in caplog.text


def test_controls_have_accessible_names_and_shortcut_tooltips(page):
    page.request_start(ROUTINE_ID)
    for button, key in (
        (page.player_view.pause_button, "Space"),
        (page.player_view.skip_button, "Right arrow"),
        (page.player_view.back_button, "Left arrow"),
        (page.player_view.stop_button, "Esc"),
        (page.player_view.mute_button, "M"),
    ):
        assert button.accessibleName() == button.text()
        assert f"({key})" in button.toolTip()
    assert page.player_view.volume_slider.accessibleName() == "Volume"


def test_shortcuts_only_work_on_the_visible_page(qtbot, window, page, clock):
    page.request_start(ROUTINE_ID)
    window.show_page("history")
    assert page.controller.state is RunState.RUNNING  # the workout keeps running
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert page.controller.state is RunState.RUNNING
    window.show_page("workout")
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert page.controller.state is RunState.PAUSED


def test_start_requested_opens_the_page_and_starts(qtbot, window, page, clock):
    window.show_page("today")
    window.ctx.events.start_requested.emit("knee-friendly-20")
    assert window.current_page() is page
    assert page.controller.routine.id == "knee-friendly-20"
    assert page.controller.state is RunState.RUNNING


def test_unknown_routine_says_so(qtbot, window, page):
    with qtbot.waitSignal(window.ctx.events.status_message) as signal:
        window.ctx.events.start_requested.emit("no-such-routine")
    assert "no-such-routine" in signal.args[0]
    assert page.controller.run is None


def test_safety_checklist_first_time_then_stored(qtbot, window, clock):
    window.show_page("workout")
    page = window.page("workout")
    page.request_start(ROUTINE_ID)
    dialog = page.safety_dialog
    assert dialog is not None and dialog.isVisible()
    assert page.controller.run is None
    assert not dialog.start_button.isEnabled()
    dialog.tick_all()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert window.ctx.store.settings.get("safety_acknowledged") is True
    assert page.controller.state is RunState.RUNNING


def test_safety_checklist_cancel_does_not_start(qtbot, window):
    page = window.page("workout")
    page.request_start(ROUTINE_ID)
    page.safety_dialog.reject()
    assert page.controller.run is None
    assert window.ctx.store.settings.get("safety_acknowledged") is False


def test_a_routine_asking_for_the_checklist_always_gets_it(qtbot, window, page, clock):
    routine = make_routine((30, "backward")).with_changes(safety_checklist=True)
    add_routine(window, routine)
    page.request_start("test-routine")
    assert page.safety_dialog is not None
    assert page.controller.run is None


def test_closing_mid_workout_asks_and_saves_incomplete(qtbot, window, page, clock, monkeypatch):
    answers = Answers(monkeypatch, False, True)
    page.request_start(ROUTINE_ID)
    advance(page, clock, 5 + 40)
    assert not page.can_close()
    assert page.controller.state is RunState.RUNNING
    assert page.can_close()
    assert answers.asked == ["Workout running", "Workout running"]
    [session] = window.ctx.store.sessions.list()
    assert not session.completed
    assert session.active_seconds == pytest.approx(40)
    assert window.ctx.store.checkpoints.load() is None


def test_text_grows_with_the_window(qtbot, window, page, clock):
    page.request_start(ROUTINE_ID)
    advance(page, clock, 6)
    small = page.player_view.countdown.font().pixelSize()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: page.player_view.countdown.font().pixelSize() > small)
    assert page.player_view.tip_label.font().pixelSize() > 30


def test_metronome_ticks_at_the_segment_cadence(window, page, clock, recorder):
    window.ctx.store.settings.set("metronome_enabled", True)
    page.request_start(ROUTINE_ID)  # the warm-up walks at 100 steps a minute
    advance(page, clock, 5 + 60.2, step=0.05)
    assert recorder.ticks == 100  # one every 0.6 s, from 0.6 s to 60 s


def test_stopping_during_get_ready_saves_nothing(window, page, clock, monkeypatch):
    Answers(monkeypatch, True)
    page.request_start(ROUTINE_ID)
    advance(page, clock, 2)
    page.ask_stop()
    assert page.finish_dialog is None
    assert page.views.currentWidget() is page.picker
    assert window.ctx.store.sessions.count() == 0


def test_a_second_start_while_running_is_refused_plainly(qtbot, window, page, clock):
    page.request_start(ROUTINE_ID)
    with qtbot.waitSignal(window.ctx.events.status_message) as signal:
        window.ctx.events.start_requested.emit("knee-friendly-20")
    assert "already" in signal.args[0]
    assert page.controller.routine.id == ROUTINE_ID

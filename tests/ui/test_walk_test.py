"""The guided 3-m Backward Walk Test on a FakeClock, driven by key presses."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt

from walkback_desktop.audio.base import RecordingCuePlayer
from walkback_desktop.core.assessments import AssessmentResult, Phase
from walkback_desktop.core.clock import FakeClock
from walkback_desktop.ui import confirm
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.walk_test import WalkTestDialog, WalkTestResults

ZONE = timezone(timedelta(hours=1))
WHEN = datetime(2026, 3, 2, 10, 30, tzinfo=ZONE)


@pytest.fixture
def player():
    return RecordingCuePlayer()


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def ctx(store, data_dir, clock, player):
    return AppContext(
        store=store, data_dir=data_dir, clock=clock, cue_player_factory=lambda _c: player
    )


@pytest.fixture
def dialog(qtbot, ctx, answer_yes):
    # answer_yes: a test that ends mid-trial closes the dialog, which asks
    # "Discard the test?"; tests about that question patch confirm.ask themselves.
    dialog = WalkTestDialog(
        ctx, assessments=ctx.store.assessments, settings=ctx.store.settings, now=lambda: WHEN
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def walk(dialog: WalkTestDialog, clock: FakeClock, seconds: float, key=Qt.Key.Key_Space) -> None:
    """Start a trial from the current screen, count down, walk `seconds`, press `key`."""
    from PySide6.QtTest import QTest

    assert dialog.pages.currentIndex() in (0, 2)
    QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    assert dialog.test.phase is Phase.COUNTDOWN
    for _ in range(3):
        clock.advance(1.0)
        dialog.tick()
    assert dialog.test.phase is Phase.TIMING
    clock.advance(seconds)
    dialog.tick()
    QTest.keyClick(dialog, key)


def test_practice_then_two_trials_stores_the_faster(dialog, clock, player, store, qtbot):
    assert dialog.pages.currentIndex() == 0  # the set-up screen
    assert "3 metres" in dialog.setup_body.text()
    walk(dialog, clock, 3.9)  # practice: not counted
    assert dialog.test.trials[0].practice
    assert "Timed trial 1 of 2" in dialog.next_button.text().replace("timed", "Timed")
    walk(dialog, clock, 5.2, key=Qt.Key.Key_Enter)
    walk(dialog, clock, 4.8, key=Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == 3
    assert dialog.result_label.text() == "4.8 s"
    assert "not a diagnosis" in dialog.reference_label.text()
    # "3, 2, 1" spoken and "go" with the segment beep, for each of the three trials.
    assert [p.cue.text for p in player.played[:4]] == ["3", "2", "1", "Go"]
    assert len(player.played) == 12
    dialog.note_edit.setText("helper: Anna")
    # Saved, and the pages that show program checks are told to re-read.
    with qtbot.waitSignals([dialog.saved, dialog.ctx.events.sessions_changed]):
        dialog.save_button.click()
    [stored] = store.assessments.list()
    assert stored.seconds == pytest.approx(4.8)
    assert stored.trials == pytest.approx((5.2, 4.8))
    assert stored.note == "helper: Anna"
    assert stored.taken_at == WHEN


def test_running_screen_counts_down_then_shows_the_time(dialog, clock):
    dialog.practice_box.setChecked(False)
    dialog.begin_button.click()
    assert dialog.big_label.text() == "3"
    clock.advance(1.0)
    dialog.tick()
    assert dialog.big_label.text() == "2"
    clock.advance(2.0)
    dialog.tick()
    clock.advance(2.345)
    dialog.tick()
    assert dialog.big_label.text() == "2.3 s"
    dialog.stop_button.click()  # the big on-screen button
    assert dialog.test.timed[0].seconds == pytest.approx(2.345)


def test_escape_cancels_a_trial_and_it_is_walked_again(dialog, clock, player):
    from PySide6.QtTest import QTest

    dialog.trials_spin.setValue(1)
    dialog.practice_box.setChecked(False)
    dialog.begin_button.click()
    for _ in range(3):
        clock.advance(1.0)
        dialog.tick()
    clock.advance(2.0)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # cancels the trial, not the dialog
    assert dialog.isVisible()
    assert dialog.test.phase is Phase.SETUP and not dialog.test.trials
    assert player.stops >= 1
    walk(dialog, clock, 6.1)
    assert dialog.test.result() == pytest.approx(6.1)


def test_false_start_cancels_and_repeat_walks_the_last_trial_again(dialog, clock):
    from PySide6.QtTest import QTest

    dialog.practice_box.setChecked(False)
    dialog.begin_button.click()
    clock.advance(1.5)
    QTest.keyClick(dialog, Qt.Key.Key_Space)  # during "3, 2, 1": a false start
    assert dialog.test.phase is Phase.SETUP and not dialog.test.trials
    walk(dialog, clock, 5.0)
    walk(dialog, clock, 7.5)  # a stumble: repeat it
    assert dialog.pages.currentIndex() == 3
    dialog.result_repeat.click()
    assert dialog.test.phase is Phase.COUNTDOWN
    for _ in range(3):
        clock.advance(1.0)
        dialog.tick()
    clock.advance(4.4)
    QTest.keyClick(dialog, Qt.Key.Key_Space)
    assert [t.seconds for t in dialog.test.timed] == pytest.approx([5.0, 4.4])
    assert dialog.result_label.text() == "4.4 s"


def test_closing_with_unsaved_trials_asks(dialog, clock, monkeypatch):
    asked = []
    monkeypatch.setattr(confirm, "ask", lambda *a, **k: asked.append(a[1]) or False)
    walk(dialog, clock, 4.0)
    dialog.reject()
    assert asked and dialog.isVisible()


def test_results_edit_and_delete_are_undone(qtbot, ctx, store):
    first = store.assessments.add(AssessmentResult(WHEN, 6.2, (6.2, 6.5), "start"))
    store.assessments.add(AssessmentResult(WHEN + timedelta(days=28), 5.1, (5.1,), ""))
    results = WalkTestResults(ctx, assessments=store.assessments, settings=store.settings)
    qtbot.addWidget(results)
    assert results.table.rowCount() == 2
    assert results.table.item(1, 1).text() == "6.2 s"  # newest first
    results.table.selectRow(1)
    results.ask_edit = lambda _parent, old: AssessmentResult(
        old.taken_at, 5.9, (5.9,), "re-timed", id=old.id
    )
    results.edit_selected()
    assert store.assessments.list()[0].seconds == 5.9
    assert results.table.item(1, 3).text() == "re-timed"
    results.undo_stack.undo()
    assert store.assessments.list()[0] == first
    assert results.table.item(1, 1).text() == "6.2 s"

    results.table.selectRow(0)
    results.delete_selected()
    assert [r.seconds for r in store.assessments.list()] == [6.2]
    results.undo_stack.undo()
    assert [r.seconds for r in store.assessments.list()] == [6.2, 5.1]
    results.undo_stack.redo()  # the restored row has a new id: redo still deletes it
    assert [r.seconds for r in store.assessments.list()] == [6.2]

"""A keyboard-only walk-through: first run, pick a routine, start, pause, stop,
save, History, report. Only key events reach the app (to the focused widget);
the only things patched are the file dialog's answer and modal `exec()` calls,
made non-blocking so the test can keep typing into them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from walkback_desktop.app import build_main_window
from walkback_desktop.audio.base import RecordingCuePlayer
from walkback_desktop.core.clock import FakeClock
from walkback_desktop.core.workout import RunState
from walkback_desktop.ui import confirm
from walkback_desktop.ui.after_start import run_first_run_setup
from walkback_desktop.ui.first_run import FirstRunWizard

REAL_ASK = confirm.ask  # before conftest's guard replaces it: the real question box
MAX_TABS = 40
MAX_WAITS = 500  # of 10 ms: a dialog that never comes fails the test


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def tab_to(qtbot, wanted: Callable[[QWidget], bool], what: str) -> QWidget:
    """Press Tab until the focused widget is the wanted one (a keyboard user's search)."""
    for _ in range(MAX_TABS):
        if wanted(focused()):
            return focused()
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reaches {what}; focus is on {focused()!r}")


def when_modal(qtbot, drive: Callable[[QWidget], None], errors: list[BaseException]) -> None:
    """Run `drive` on the next modal dialog once it has the focus (inside its exec
    loop); a failure closes the dialog, so the test fails instead of hanging."""

    tries = [0]

    def attempt() -> None:
        modal = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if modal is None or focus is None or focus.window() is not modal:
            if modal is not None:
                modal.activateWindow()  # what the window manager does for a new dialog
            tries[0] += 1
            if tries[0] < MAX_WAITS:
                QTimer.singleShot(10, attempt)
            else:
                errors.append(AssertionError("no dialog took the keyboard focus"))
            return
        try:
            drive(modal)
        except BaseException as exc:
            errors.append(exc)
            modal.close()

    QTimer.singleShot(0, attempt)


def back_to(qtbot, window: QWidget) -> None:
    """What the window manager does when a dialog closes: the window is active again."""
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow() and QApplication.focusWidget() is not None)


def test_keyboard_only_walk_through(qtbot, data_dir, tmp_path, monkeypatch):
    clock = FakeClock()
    window = build_main_window(
        data_dir, clock=clock, cue_player_factory=lambda _ctx: RecordingCuePlayer()
    )
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    ctx = window.ctx
    assert not ctx.store.settings.snapshot().setup_done

    # --- first run: the wizard, opened without blocking, answered by keys ---------------
    def run_wizard(wizard: FirstRunWizard) -> int:
        wizard.open()
        qtbot.waitUntil(lambda: wizard.isActiveWindow() and focused().window() is wizard)
        tab_to(qtbot, lambda w: w is wizard.profile.name, "the name field")
        qtbot.keyClicks(focused(), "Ann")
        press(qtbot, Qt.Key.Key_Tab)  # the units
        assert focused() is wizard.profile.units
        press(qtbot, Qt.Key.Key_Tab)  # the weight
        assert focused() is wizard.profile.weight
        press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(focused(), "64.5")
        press(qtbot, Qt.Key.Key_Return)  # Next
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.goal)
        tab_to(qtbot, lambda w: w is wizard.goal.sessions, "the sessions box")
        press(qtbot, Qt.Key.Key_Up)  # 3 -> 4 a week
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.safety)
        for box in wizard.safety.checks:
            tab_to(qtbot, lambda w, box=box: w is box, "a safety line")
            press(qtbot, Qt.Key.Key_Space)
            assert box.isChecked()
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.sound)
        tab_to(qtbot, lambda w: w is wizard.sound.test_button, "Play a test cue")
        press(qtbot, Qt.Key.Key_Space)
        assert wizard.sound.plays == 1
        finish = wizard.button(FirstRunWizard.WizardButton.FinishButton)
        tab_to(qtbot, lambda w: w is finish, "Finish")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not wizard.isVisible())
        return wizard.result()

    monkeypatch.setattr(FirstRunWizard, "exec", run_wizard)
    assert run_first_run_setup(window, ctx, ctx.store.settings)
    settings = ctx.store.settings.snapshot()
    assert settings.setup_done and settings.safety_acknowledged
    assert settings.person_name == "Ann"
    assert settings.weight_kg == 64.5
    assert settings.weekly_goal_sessions == 4

    # --- pick a routine on the Routines page: arrows, then Enter starts it -------------
    back_to(qtbot, window)
    press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    routines = window.page("routines")
    qtbot.waitUntil(lambda: window.current_page() is routines)
    tab_to(qtbot, lambda w: w is routines.table, "the routine list")
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Down)
    picked = routines.selected_routine()
    assert picked is not None
    press(qtbot, Qt.Key.Key_Return)

    workout = window.page("workout")
    qtbot.waitUntil(lambda: window.current_page() is workout)
    if workout.safety_dialog is not None:  # the routine asks for the checklist every time
        dialog = workout.safety_dialog
        for box in dialog.checks:
            tab_to(qtbot, lambda w, box=box: w is box, "a safety line")
            press(qtbot, Qt.Key.Key_Space)
        tab_to(qtbot, lambda w: w is dialog.start_button, "Start workout")
        press(qtbot, Qt.Key.Key_Return)
    controller = workout.controller
    qtbot.waitUntil(lambda: controller.routine is not None and controller.active)
    assert controller.routine.id == picked.id

    def walk(seconds: float, step: float = 0.25) -> None:
        for _ in range(round(seconds / step)):
            clock.advance(step)
            controller.tick()

    walk(30)
    assert controller.state is RunState.RUNNING

    # --- pause and resume with Space -----------------------------------------------------
    press(qtbot, Qt.Key.Key_Space)
    assert controller.state is RunState.PAUSED
    walk(5)
    press(qtbot, Qt.Key.Key_Space)
    assert controller.state is RunState.RUNNING
    walk(10)

    # --- stop with Escape; the real question box, answered by keys -----------------------
    guard = confirm.ask
    monkeypatch.setattr(confirm, "ask", REAL_ASK)
    asked: list[str] = []

    def answer_stop(box: QWidget) -> None:
        asked.append(box.windowTitle())
        tab_to(qtbot, lambda w: getattr(w, "text", str)() == "Stop workout", "Stop workout")
        press(qtbot, Qt.Key.Key_Return)

    errors: list[BaseException] = []
    when_modal(qtbot, answer_stop, errors)
    try:
        press(qtbot, Qt.Key.Key_Escape)
    finally:  # a failure later must not leave a real (blocking) question box armed
        monkeypatch.setattr(confirm, "ask", guard)
    assert not errors, errors
    assert asked == ["Stop workout"]

    # --- the finish screen: a note, Tab, Enter saves -------------------------------------
    qtbot.waitUntil(
        lambda: workout.finish_dialog is not None and workout.finish_dialog.isVisible()
    )
    finish = workout.finish_dialog
    assert finish.windowTitle() == "Workout stopped early"
    qtbot.waitUntil(lambda: focused().window() is finish)
    tab_to(qtbot, lambda w: w is finish.notes_edit, "the notes")
    qtbot.keyClicks(focused(), "Knees fine, stopped for the door")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: workout.finish_dialog is None)
    [session] = ctx.store.sessions.list()
    assert not session.completed
    assert session.notes == "Knees fine, stopped for the door"

    # --- History lists it, not completed ---------------------------------------------------
    back_to(qtbot, window)
    press(qtbot, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    history = window.page("history")
    qtbot.waitUntil(lambda: window.current_page() is history)
    qtbot.waitUntil(lambda: history.proxy.rowCount() == 1)
    model = history.proxy
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    row = {h: model.index(0, c).data() for c, h in enumerate(headers)}
    assert row["Routine"] == picked.name
    assert row["Completed"] == "No"

    # --- the report: Ctrl+Shift+E, the period dialog by Enter, the file dialog patched ----
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF documents (*.pdf)")
    )
    periods: list[str] = []

    def accept_period(dialog: QWidget) -> None:
        periods.append(dialog.windowTitle())
        press(qtbot, Qt.Key.Key_Return)

    when_modal(qtbot, accept_period, errors)
    press(
        qtbot,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not errors, errors
    assert periods == ["Export report as PDF"]
    assert target.exists() and target.read_bytes().startswith(b"%PDF")

"""Tray reminders: on a day with a planned session, a desktop notification at
the person's chosen time while WalkBack runs, and (if they want) WalkBack
keeps running in the tray when its window is closed.

Whether a reminder is due is `core.reminders.reminder_due`; this module only
asks it every half minute and shows the answer. Where there is no system
tray (some Linux desktops, offscreen), reminders fall back to the status bar
and closing the window quits as usual: nothing fails, nothing is hidden
away where it cannot be found again.

`ReminderSettings` is the small settings group (time, keep in tray) for the
Settings page to embed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTime, QTimer
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QMenu,
    QSystemTrayIcon,
    QTimeEdit,
    QWidget,
)

from walkback_desktop.core.program_schedule import SlotStatus
from walkback_desktop.core.reminders import parse_reminder_time, reminder_due
from walkback_desktop.i18n import _
from walkback_desktop.resources import resource_path
from walkback_desktop.ui.context import AppContext

if TYPE_CHECKING:
    from walkback_desktop.services.programs import ProgramService
    from walkback_desktop.storage.settings_repo import SettingsRepository

CHECK_MS = 30_000


def local_now() -> datetime:
    return datetime.now()


class TrayReminders(QObject):
    """Owns the tray icon (when there is a tray) and the reminder timer."""

    def __init__(
        self,
        ctx: AppContext,
        window: QWidget,
        *,
        settings: SettingsRepository,
        plans: ProgramService,
        now: Callable[[], datetime] = local_now,
        tray_available: bool | None = None,
    ) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.settings = settings
        self.plans = plans
        self.window = window
        self.now = now
        self.available = (
            QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None else tray_available
        )
        self.last_shown: date | None = None
        self.shown: list[str] = []  # what was shown, for the log and tests
        self._quitting = False
        self._told_about_tray = False
        self.tray: QSystemTrayIcon | None = None
        if self.available:
            self._make_tray()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        window.installEventFilter(self)
        ctx.events.settings_changed.connect(self._setting_changed)
        self._setting_changed("reminder_time")

    def _make_tray(self) -> None:
        icon = self.window.windowIcon()
        if icon.isNull():
            icon = QIcon(str(resource_path("icons", "walkback-64.png")))
        self.tray = QSystemTrayIcon(icon, self)
        self.tray.setToolTip("WalkBack")
        menu = QMenu(self.window)
        show = QAction(_("Show WalkBack"), menu)
        show.triggered.connect(self.show_window)
        quit_action = QAction(_("Quit WalkBack"), menu)
        quit_action.triggered.connect(self.quit)
        menu.addAction(show)
        menu.addAction(quit_action)
        self.tray.setContextMenu(menu)
        self.tray.activated.connect(self._activated)
        self._menu = menu

    def _setting_changed(self, key: str) -> None:
        if key not in ("reminder_time", "keep_in_tray") or self.tray is None:
            return
        settings = self.settings.snapshot()
        self.tray.setVisible(bool(settings.reminder_time) or settings.keep_in_tray)

    # --- reminders -------------------------------------------------------------
    def open_days(self, today: date) -> list[date]:
        """Days with a planned session still to walk (today's, if any)."""
        active = self.plans.status(today)
        if active is None:
            return []
        return [s.day for s in active.status.slots if s.status is SlotStatus.TODAY]

    def check(self) -> bool:
        """Show the reminder if it is due; True if it was shown."""
        now = self.now()
        setting = self.settings.snapshot().reminder_time
        try:
            if parse_reminder_time(setting) is None:
                return False
        except ValueError:
            return False
        if self.last_shown == now.date():
            return False
        if not reminder_due(now, setting, self.open_days(now.date()), self.last_shown):
            return False
        self.last_shown = now.date()
        nxt = self.plans.next_session(now.date())
        name = nxt.routine.name if nxt is not None and nxt.routine is not None else ""
        text = (
            _("Today's walk: {routine}. Open WalkBack when you are ready.").format(routine=name)
            if name
            else _("A walk is planned for today.")
        )
        self.notify(_("Time for your walk"), text)
        return True

    def notify(self, title: str, text: str) -> None:
        self.shown.append(text)
        if self.tray is not None and self.tray.isVisible() and self.tray.supportsMessages():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15_000)
        else:
            self.ctx.events.status_message.emit(f"{title}: {text}")

    # --- keeping running in the tray --------------------------------------------
    def keeps_running(self) -> bool:
        return (
            self.tray is not None and not self._quitting and self.settings.snapshot().keep_in_tray
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self.keeps_running():
            event.ignore()
            self.window.hide()
            if not self._told_about_tray:
                self._told_about_tray = True
                self.notify(
                    "WalkBack",
                    _("WalkBack keeps running in the tray to remind you. Quit from its menu."),
                )
            return True
        return False

    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_window()

    def quit(self) -> None:
        """Really quit (the tray menu, or the File menu's Quit when kept in the tray)."""
        self._quitting = True
        self.window.close()
        if not self.window.isVisible():
            app = QApplication.instance()
            if app is not None:
                app.quit()


class ReminderSettings(QGroupBox):
    """Reminder time and "keep running in the tray", for the Settings page."""

    def __init__(
        self, ctx: AppContext, *, settings: SettingsRepository, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Reminders"), parent)
        self.ctx = ctx
        self.settings = settings
        values = settings.snapshot()
        try:
            at = parse_reminder_time(values.reminder_time)
        except ValueError:
            at = None
        self.remind = QCheckBox(_("&Remind me on days with a planned session, at"))
        self.remind.setChecked(at is not None)
        self.time_edit = QTimeEdit(QTime((at or time(18, 0)).hour, (at or time(18, 0)).minute))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(_("Reminder time"))
        self.time_edit.setEnabled(at is not None)
        self.keep = QCheckBox(_("&Keep WalkBack running in the tray when its window is closed"))
        self.keep.setChecked(values.keep_in_tray)
        if not QSystemTrayIcon.isSystemTrayAvailable():
            self.keep.setToolTip(_("This desktop has no system tray: the option has no effect."))
        form = QFormLayout(self)
        form.addRow(self.remind, self.time_edit)
        form.addRow(self.keep)
        self.remind.toggled.connect(self._save)
        self.remind.toggled.connect(self.time_edit.setEnabled)
        self.time_edit.timeChanged.connect(lambda _t: self._save())
        self.keep.toggled.connect(self._save)

    def _save(self) -> None:
        value = self.time_edit.time().toString("HH:mm") if self.remind.isChecked() else ""
        before = self.settings.snapshot()
        self.settings.update(reminder_time=value, keep_in_tray=self.keep.isChecked())
        if before.reminder_time != value:
            self.ctx.events.settings_changed.emit("reminder_time")
        if before.keep_in_tray != self.keep.isChecked():
            self.ctx.events.settings_changed.emit("keep_in_tray")

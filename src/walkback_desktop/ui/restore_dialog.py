"""File > Restore from backup…: pick a daily backup, make it the database, restart.

The database can only be replaced with the store closed, and every page holds
data read from the old file, so after a restore WalkBack starts again rather
than patching each page: the window quits, and once the single-instance lock is
released `relaunch_if_requested` starts the same command line again. The
current database is never deleted: `restore_backup` renames it
`walkback.db.before-restore-…` beside the new one.

A restore that fails (an unreadable backup, a full or read-only disk) leaves
the database as it was; the dialog stays open and says why. The store was only
closed (its connections dropped), so it reconnects to the untouched file on
the next read.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QProcess, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.i18n import N_, _, ngettext
from walkback_desktop.storage.backups import BackupInfo, list_backups, restore_backup
from walkback_desktop.storage.errors import DatabaseError, StorageError
from walkback_desktop.ui import confirm

if TYPE_CHECKING:
    from walkback_desktop.storage.checkpoints import CheckpointRepository
    from walkback_desktop.ui.context import AppContext

log = logging.getLogger(__name__)

RESTORE_LABEL = N_("Restore from backup…")
RESTART_PROPERTY = "walkbackRestartRequested"  # the data folder to reopen
BACKUP_ROLE = Qt.ItemDataRole.UserRole + 1


def long_date(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


def describe(backup: BackupInfo) -> str:
    """One line for the list: the date in the person's locale, sessions, kept."""
    when = long_date(backup.taken_on)
    if backup.sessions is None:
        count = _("cannot be read")
    else:
        count = ngettext("{n} session", "{n} sessions", backup.sessions).format(n=backup.sessions)
    line = _("{date} — {sessions}").format(date=when, sessions=count)
    if backup.kept:
        line = _("{line} (kept: the last copy before a damaged file was set aside)").format(
            line=line
        )
    return line


class RestoreDialog(QDialog):
    """The backups, newest first; Restore asks, then replaces the database.

    After `exec()` returns Accepted, `set_aside` is where the previous database
    went (None if there was none) and the caller restarts WalkBack.
    """

    def __init__(
        self, data_dir: Path, close_data: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        """`close_data` closes the open database (the store) before its file is
        replaced; a failed restore leaves the file as it was, and the store
        reconnects to it on its next use."""
        super().__init__(parent)
        self.data_dir = data_dir
        self.close_data = close_data
        self.set_aside: Path | None = None
        self.setWindowTitle(_("Restore from backup"))
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            _(
                "WalkBack copies your data once a day. Pick a copy to go back to; "
                "your current data is kept beside it, not deleted."
            )
        )
        intro.setWordWrap(True)
        self.backups = QListWidget()
        self.backups.setAccessibleName(_("Backups"))
        self.message = QLabel()
        self.message.setObjectName("restoreMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(
            _("Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_("Cancel"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.backups)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        for backup in list_backups(data_dir):
            item = QListWidgetItem(describe(backup))
            item.setData(BACKUP_ROLE, backup)
            if backup.sessions is None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.backups.addItem(item)
        if self.backups.count() == 0:
            self.message.setText(_("There are no backups yet: WalkBack makes one each day."))
        self.backups.currentItemChanged.connect(lambda *_args: self._update_button())
        for row in range(self.backups.count()):
            if self.backups.item(row).flags() & Qt.ItemFlag.ItemIsEnabled:
                self.backups.setCurrentRow(row)
                break
        self._update_button()

    def chosen(self) -> BackupInfo | None:
        item = self.backups.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        backup = item.data(BACKUP_ROLE)
        return backup if isinstance(backup, BackupInfo) else None

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def restore_selected(self) -> None:
        """Ask, close the store, restore; on failure stay open and say why."""
        backup = self.chosen()
        if backup is None:
            return
        question = _(
            "Go back to the copy of {date}? WalkBack will restart. Your current data "
            "is kept beside it, not deleted."
        ).format(date=long_date(backup.taken_on))
        if not confirm.ask(self, _("Restore from backup"), question, _("Restore")):
            return
        self.close_data()
        try:
            self.set_aside = restore_backup(self.data_dir, backup.path)
        except (StorageError, DatabaseError) as exc:
            log.warning("restore from %s failed: %s", backup.path, exc)
            self.message.setText(
                _("Nothing was restored and your data is unchanged: {error}").format(error=exc)
            )
            return
        self.accept()


def workout_under_way(checkpoints: CheckpointRepository, window: QWidget | None) -> bool:
    """A workout is running or not yet saved: its checkpoint and its save would
    write into the restored file, so a restore waits until it is over."""
    find = getattr(window, "page", None)
    try:
        workout = find("workout") if callable(find) else None
    except KeyError:
        workout = None
    flow = getattr(getattr(workout, "controller", None), "flow", None)
    if bool(getattr(flow, "busy", False)):
        return True
    try:
        return checkpoints.load() is not None
    except Exception:  # an unreadable checkpoint is set aside elsewhere
        return False


def open_restore_dialog(
    ctx: AppContext,
    parent: QWidget | None,
    *,
    checkpoints: CheckpointRepository,
    close_data: Callable[[], None],
) -> bool:
    """File > Restore from backup…: the dialog, then the restart it needs (True).
    `checkpoints` tells whether a workout is under way; `close_data` closes the
    database before the copy replaces it."""
    if workout_under_way(checkpoints, parent.window() if parent is not None else None):
        ctx.events.status_message.emit(
            _("Finish or stop the workout first: a backup is restored between workouts.")
        )
        return False
    dialog = RestoreDialog(ctx.data_dir, close_data, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _("Restore from backup"),
        _("The backup was restored. WalkBack restarts now."),
        parent=parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
    request_restart(parent, ctx.data_dir)
    return True


def build_restore_action(open_dialog: Callable[[QWidget | None], bool]) -> QAction:
    """The File-menu action; `open_dialog(parent)` is `open_restore_dialog` with
    its services (the wiring binds them)."""
    action = QAction(_(RESTORE_LABEL))
    action.setToolTip(_("Go back to one of the daily copies of your data"))
    action.setStatusTip(action.toolTip())
    action.triggered.connect(lambda: open_dialog(QApplication.activeWindow()))
    return action


def request_restart(window: QWidget | None, data_dir: Path) -> None:
    """Quit now and start again once the single-instance lock is free."""
    app = QApplication.instance()
    if app is None:
        return
    app.setProperty(RESTART_PROPERTY, str(data_dir))
    quit_action = getattr(window, "quit_action", None)
    if isinstance(quit_action, QAction):
        quit_action.trigger()
    else:
        app.quit()


def relaunch_command(data_dir: Path) -> tuple[str, list[str]]:
    """How this process was started, with only `--data-dir`: a `walkback start ID`
    or handed-over files must not start a workout or import again."""
    if getattr(sys, "frozen", False):
        prefix: list[str] = []
    else:
        orig = list(getattr(sys, "orig_argv", [sys.executable, *sys.argv]))
        # the interpreter's options and the script or `-m module`, without the app's arguments
        prefix = orig[1 : len(orig) - len(sys.argv) + 1]
    return sys.executable, [*prefix, "--data-dir", str(data_dir)]


def relaunch_if_requested(app: QApplication) -> bool:
    """After the event loop and the lock: start WalkBack again if a restore asked."""
    data_dir = app.property(RESTART_PROPERTY)
    if not data_dir:
        return False
    app.setProperty(RESTART_PROPERTY, "")
    program, args = relaunch_command(Path(str(data_dir)))
    started = QProcess.startDetached(program, args)
    ok = bool(started[0] if isinstance(started, tuple) else started)
    if not ok:
        log.error("could not start WalkBack again: %s %s", program, args)
    return ok

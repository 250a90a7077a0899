"""Qt event plumbing for start-up (app.py): the first paint, macOS file-open
events that arrive before the window, and a call back on the GUI thread when a
helper thread is done."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget


class FileOpenCatcher(QObject):
    """macOS hands a double-clicked routine file over as a QFileOpenEvent, not as
    an argument: keep the ones that arrive before the window, pass on the rest."""

    files_opened = Signal(list)  # list[Path]

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._early: list[Path] | None = []
        app.installEventFilter(self)

    def take_early(self) -> list[Path]:
        early, self._early = self._early or [], None
        return early

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen:
            return False
        path = Path(event.file())  # type: ignore[attr-defined]
        if self._early is not None:
            self._early.append(path)
        else:
            self.files_opened.emit([path])
        return True


class AfterFirstPaint(QObject):
    """Calls `then` once the window has painted its first frame (or after
    `fallback_ms`, e.g. when the window starts minimised and never paints)."""

    def __init__(self, window: QWidget, then: Callable[[], None], fallback_ms: int = 1500):
        super().__init__(window)
        self._then: Callable[[], None] | None = then
        self._window = window
        window.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in (
            QEvent.Type.Paint,
            QEvent.Type.UpdateRequest,
        ):
            # Runs before the paint itself: the call waits until the frame is out.
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()


class OnGuiThread(QObject):
    """Calls `then` on the GUI thread once the helper thread says it is done."""

    finished = Signal()  # emitted on the helper thread, delivered on the GUI thread

    def __init__(self, parent: QObject, then: Callable[[], None]) -> None:
        super().__init__(parent)
        self._then = then
        self.finished.connect(self._fire)

    def _fire(self) -> None:
        self.deleteLater()
        self._then()

"""Speech engines that misbehave like speechd without a sound server. The speech
process loads them by name (`engine_factory="tests.audio.fake_engines:..."`)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

# Never set: whatever waits on it waits until the process is killed.
_NEVER = threading.Event()


class QuietEngine(QObject):
    """Starts, speaks for ever (no sound server), and answers stop() at once."""

    stateChanged = Signal(object)  # noqa: N815 - Qt's own name

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = QTextToSpeech.State.Ready

    def state(self):
        return self._state

    def errorString(self) -> str:
        return ""

    def availableVoices(self) -> list:
        return []

    def availableLocales(self) -> list:
        return []

    def locale(self) -> QLocale:
        return QLocale("en_US")

    def voice(self) -> QVoice:
        return QVoice()

    def rate(self) -> float:
        return 0.0

    def volume(self) -> float:
        return 1.0

    def say(self, text: str) -> None:
        self._state = QTextToSpeech.State.Speaking
        self.stateChanged.emit(self._state)

    def stop(self) -> None:
        self._state = QTextToSpeech.State.Ready
        self.stateChanged.emit(self._state)

    def setVolume(self, volume: float) -> None:
        pass

    def setRate(self, rate: float) -> None:
        pass


class HangOnStart(QuietEngine):
    """Construction never returns (speechd: 87-97 s, then "Found no modules")."""

    def __init__(self, parent: QObject | None = None) -> None:
        _NEVER.wait()
        super().__init__(parent)


class HangOnStop(QuietEngine):
    """stop() never returns (speechd: > 40 s after Skip)."""

    def stop(self) -> None:
        _NEVER.wait()

"""Where the speech engine runs, seen from the GUI thread: never waited on.

`SpeechProcess` (the app's default) runs QTextToSpeech in its own process
(audio/speech_host.py) and talks to it over pipes; `InlineSpeech` keeps an
injected engine in this process (tests drive fake engines with it). Both
report back only by signals, so every call here returns at once.

The bound: the engine must answer the start within `start_timeout_s` and
every command within `command_timeout_s`; if it does not (speechd without a
sound server blocks in construction and in stop() for 40-90 s), the process is
killed and `lost` says why. The workout goes on with beeps and on-screen cues.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QProcess,
    QProcessEnvironment,
    QTimer,
    Signal,
)

from walkback_desktop.audio.engine_driver import EngineDriver, not_started_reason

log = logging.getLogger("walkback_desktop.audio")

START_TIMEOUT_S = 30.0
COMMAND_TIMEOUT_S = 3.0

_running: weakref.WeakSet[SpeechProcess] = weakref.WeakSet()
# Every host process until it is reaped: a QProcess must not be destroyed while
# its process runs (its destructor would wait), so none belongs to a player.
_processes: set[QProcess] = set()


def shutdown_all() -> None:
    """End every speech process and reap it (the app is quitting; tests tear down)."""
    for backend in list(_running):
        backend.shutdown()
    for process in list(_processes):
        try:
            process.kill()
            process.waitForFinished(1000)
        except RuntimeError:
            pass
    _processes.clear()


class SpeechBackend(QObject):
    """The signals and commands both backends share."""

    started = Signal(bool, str, list)  # ok, why not, [[voice name, locale name], ...]
    done = Signal(int)  # an utterance's token: it finished
    failed = Signal(int, str)  # token (-1: none), why
    lost = Signal(str)  # the engine stopped answering and was abandoned
    options_applied = Signal(dict)  # {"voice", "rate", "volume"} as the engine has them

    def start(self) -> None: ...
    def say(self, token: int, text: str) -> None: ...
    def stop(self) -> None: ...
    def set_options(self, volume: float, rate: float, voice: str) -> None: ...
    def shutdown(self) -> None: ...


def host_command() -> tuple[str, list[str]]:
    """How to start the speech host: this Python with `-m`, or a frozen build's
    own executable with `--speech-host` (its entry point hands over to
    `speech_host.main`)."""
    if getattr(sys, "frozen", False):
        return sys.executable, ["--speech-host"]
    return sys.executable, ["-m", "walkback_desktop.audio.speech_host"]


class SpeechProcess(SpeechBackend):
    def __init__(
        self,
        parent: QObject | None = None,
        *,
        engine: str = "speechd",
        factory: str = "",
        language: str = "",
        start_timeout_s: float = START_TIMEOUT_S,
        command_timeout_s: float = COMMAND_TIMEOUT_S,
    ) -> None:
        super().__init__(parent)
        self._args = ["--engine", engine, "--language", language]
        if factory:
            self._args += ["--factory", factory]
        self._start_timeout_s = start_timeout_s
        self._command_timeout_s = command_timeout_s
        self._process: QProcess | None = None
        self._buffer = b""
        self._seq = 0
        self._unanswered: dict[int, float] = {}  # seq -> monotonic time sent
        self._started_at: float | None = None
        self._is_started = False
        self._gone = False
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(250)
        self._watchdog.timeout.connect(self._check)

    # --- commands -----------------------------------------------------------
    def start(self) -> None:
        if self._process is not None or self._gone:
            return
        program, args = host_command()
        process = QProcess()
        _processes.add(process)
        process.finished.connect(lambda *_: _reaped(process))
        env = QProcessEnvironment.systemEnvironment()
        package_root = str(Path(__file__).resolve().parents[2])
        paths = [package_root, env.value("PYTHONPATH", "")]
        env.insert("PYTHONPATH", os.pathsep.join(p for p in paths if p))
        process.setProcessEnvironment(env)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        process.readyReadStandardOutput.connect(self._read)
        process.errorOccurred.connect(self._on_process_error)
        process.finished.connect(self._on_finished)
        self._process = process
        _running.add(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._started_at = time.monotonic()
        process.start(program, args + self._args)
        self._watchdog.start()

    def say(self, token: int, text: str) -> None:
        self._send({"op": "say", "token": token, "text": text})

    def stop(self) -> None:
        self._send({"op": "stop"})

    def set_options(self, volume: float, rate: float, voice: str) -> None:
        self._send({"op": "options", "volume": volume, "rate": rate, "voice": voice})

    def shutdown(self) -> None:
        """Close the pipe (the host exits) and kill it in case it is stuck."""
        self._gone = True
        _running.discard(self)
        self._watchdog.stop()
        process, self._process = self._process, None
        if process is None:
            return
        try:
            process.finished.disconnect(self._on_finished)
            process.readyReadStandardOutput.disconnect(self._read)
            if process.state() == QProcess.ProcessState.NotRunning:
                return
            process.closeWriteChannel()
            process.kill()
        except RuntimeError:
            pass

    @property
    def pid(self) -> int:
        """The host's process id (0 when none runs); for tests and benches."""
        return int(self._process.processId()) if self._process is not None else 0

    # --- internals ----------------------------------------------------------
    def _send(self, command: dict[str, Any]) -> None:
        if self._process is None or self._gone:
            return
        self._seq += 1
        command["seq"] = self._seq
        self._unanswered[self._seq] = time.monotonic()
        self._process.write((json.dumps(command) + "\n").encode("utf-8"))

    def _read(self) -> None:
        if self._process is None:
            return
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if isinstance(message, dict):
                self._dispatch(message)

    def _dispatch(self, message: dict[str, Any]) -> None:
        event = message.get("event")
        if event == "ack":
            self._unanswered.pop(message.get("seq", -1), None)
        elif event == "started":
            self._is_started = True
            ok = bool(message.get("ok"))
            self.started.emit(ok, str(message.get("why", "")), list(message.get("voices", [])))
            if not ok:
                self.shutdown()
        elif event == "done":
            self.done.emit(int(message.get("token", -1)))
        elif event == "error":
            token = message.get("token")
            self.failed.emit(-1 if token is None else int(token), str(message.get("why", "")))
        elif event == "options":
            self.options_applied.emit(message)

    def _check(self) -> None:
        now = time.monotonic()
        if not self._is_started and self._started_at is not None:
            if now - self._started_at > self._start_timeout_s:
                self._abandon(
                    f"the speech engine did not start within {self._start_timeout_s:g} s"
                )
            return
        if self._unanswered and now - min(self._unanswered.values()) > self._command_timeout_s:
            self._abandon(f"the speech engine did not answer within {self._command_timeout_s:g} s")

    def _abandon(self, why: str) -> None:
        if self._gone:
            return
        was_started = self._is_started
        self.shutdown()
        if was_started:
            self.lost.emit(why)
        else:
            self.started.emit(False, why, [])

    def _on_process_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._abandon("the speech process could not be started")

    def _on_finished(self, *_: object) -> None:
        self._abandon("the speech process ended")


def _reaped(process: QProcess) -> None:
    _processes.discard(process)
    process.deleteLater()


class InlineSpeech(SpeechBackend):
    """An injected engine in this process (tests). `factory(parent)` makes it."""

    def __init__(self, factory: Callable[[QObject], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._driver: EngineDriver | None = None

    @property
    def engine(self) -> Any:
        return self._driver.engine if self._driver is not None else None

    def start(self) -> None:
        if self._driver is not None:
            return
        from PySide6.QtTextToSpeech import QTextToSpeech

        try:
            engine = self._factory(self)
        except Exception as exc:
            self.started.emit(False, str(exc), [])
            return
        why = not_started_reason(engine, QTextToSpeech.State)
        if why:
            self.started.emit(False, why, [])
            return
        self._driver = EngineDriver(
            engine, QTextToSpeech.State, done=self.done.emit, failed=self.failed.emit
        )
        self.started.emit(True, "", self._driver.voices())

    def say(self, token: int, text: str) -> None:
        if self._driver is None:
            return
        try:
            self._driver.say(token, text)
        except Exception as exc:
            log.exception("speech failed")
            self._driver.token = None
            self.failed.emit(token, str(exc))

    def stop(self) -> None:
        if self._driver is None:
            return
        try:
            self._driver.stop()
        except Exception:
            log.exception("stopping speech failed")

    def set_options(self, volume: float, rate: float, voice: str) -> None:
        if self._driver is not None:
            self._driver.set_options(volume, rate, voice)

    def shutdown(self) -> None:
        if self._driver is not None:
            self._driver.token = None

"""The speech engine's own process: `python -m walkback_desktop.audio.speech_host`.

Why a process and not a thread: PySide6 keeps the GIL while QTextToSpeech is
constructed (measured: a 10 ms timer on the GUI thread stalled 4.96 s while a
worker thread built the speechd engine), and with speech-dispatcher installed
but no sound server that construction, and `stop()`, block for 40-90 s. Only
another process keeps the window turning, and only a process can be abandoned
cleanly: the app kills it.

Protocol (one JSON object per line). In, on stdin: `{"op": "say", "seq": n,
"token": t, "text": ...}`, `{"op": "stop", "seq": n}`, `{"op": "options",
"seq": n, "volume": v, "rate": r, "voice": name}`. Out, on stdout:
`{"event": "started", "ok": bool, "why": str, "voices": [[name, locale], ...]}`,
`{"event": "ack", "seq": n}` after each command, `{"event": "done", "token": t}`
when an utterance finished, `{"event": "error", "token": t, "why": str}`,
`{"event": "options", "voice": name, "rate": r, "volume": v}`.
When stdin closes (the app quit or was killed) the process exits at once.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from walkback_desktop.audio.engine_driver import EngineDriver, not_started_reason

# Engines by preference; "mock" is Qt's test engine and never chosen by default.
PREFERRED_ENGINES = ("speechd", "flite", "sapi", "winrt", "darwin", "macos", "avfoundation")


def _send(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _load_factory(spec: str) -> Any:
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


class _Lines(QObject):
    """Carries stdin lines from the reader thread to the main thread."""

    line = Signal(str)


class Host(QObject):
    def __init__(self, engine: str, factory: str, language: str) -> None:
        super().__init__()
        self._engine_name = engine
        self._factory = factory
        self._language = language
        self._driver: EngineDriver | None = None

    def start(self) -> None:
        try:
            self._start()
        except Exception as exc:
            _send({"event": "started", "ok": False, "why": f"{exc}", "voices": []})

    def _start(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self._factory:
            engine = _load_factory(self._factory)(None)
        else:
            available = list(QTextToSpeech.availableEngines())
            if not self._engine_name:
                self._engine_name = default_engine(available)
            if self._engine_name not in available:
                why = f"no text-to-speech engine (available: {available or 'none'})"
                _send({"event": "started", "ok": False, "why": why, "voices": []})
                return
            engine = QTextToSpeech(self._engine_name)
        why = not_started_reason(engine, QTextToSpeech.State)
        if why:
            _send({"event": "started", "ok": False, "why": why, "voices": []})
            return
        driver = EngineDriver(
            engine,
            QTextToSpeech.State,
            done=lambda token: _send({"event": "done", "token": token}),
            failed=lambda token, why: _send({"event": "error", "token": token, "why": why}),
        )
        self._driver = driver
        voices = driver.voices(self._language)
        driver.use_language(self._language)
        _send({"event": "started", "ok": True, "why": "", "voices": voices})

    def handle(self, line: str) -> None:
        try:
            command = json.loads(line)
        except ValueError:
            return
        op = command.get("op")
        driver = self._driver
        try:
            if op == "say" and driver is None:
                _send({"event": "done", "token": int(command["token"])})
            elif op == "say" and driver is not None:
                driver.say(int(command["token"]), str(command["text"]))
            elif op == "stop" and driver is not None:
                driver.stop()
            elif op == "options" and driver is not None:
                self._options(driver, command)
        except Exception as exc:
            token = driver.token if driver is not None else None
            _send({"event": "error", "token": token, "why": f"{op} failed: {exc}"})
        _send({"event": "ack", "seq": command.get("seq")})

    def _options(self, driver: EngineDriver, command: dict[str, Any]) -> None:
        driver.set_options(
            float(command.get("volume", 1.0)),
            float(command.get("rate", 0.0)),
            str(command.get("voice") or ""),
        )
        engine = driver.engine
        _send(
            {
                "event": "options",
                "voice": engine.voice().name(),
                "rate": engine.rate(),
                "volume": engine.volume(),
            }
        )


def default_engine(available: list[str]) -> str:
    for name in PREFERRED_ENGINES:
        if name in available:
            return name
    real = [name for name in available if name != "mock"]
    return real[0] if real else ""


def _read_stdin(lines: _Lines) -> None:
    for line in sys.stdin:
        lines.line.emit(line)
    os._exit(0)  # the app is gone: do not wait on a stuck engine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="walkback-speech-host")
    parser.add_argument("--engine", default="", help="default: the platform's own")
    parser.add_argument("--factory", default="", help="module:callable (tests)")
    parser.add_argument("--language", default="")
    args = parser.parse_args(argv)
    app = QCoreApplication([sys.argv[0]])
    host = Host(args.engine, args.factory, args.language)
    lines = _Lines()
    lines.line.connect(host.handle)
    threading.Thread(target=_read_stdin, args=(lines,), daemon=True).start()
    QTimer.singleShot(0, host.start)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

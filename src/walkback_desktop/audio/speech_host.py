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
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTimer, Signal

# Engines by preference; "mock" is Qt's test engine and never chosen by default.
PREFERRED_ENGINES = ("speechd", "flite", "sapi", "winrt", "darwin", "macos", "avfoundation")

# A "Ready" this soon after say() without a "Speaking" first is the previous
# utterance being cancelled, not this one finishing.
STALE_READY_S = 0.25


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
        self._engine: Any = None
        self._states: Any = None
        self._token: int | None = None
        self._said_at = 0.0
        self._seen_speaking = False

    def start(self) -> None:
        try:
            self._start()
        except Exception as exc:
            _send({"event": "started", "ok": False, "why": f"{exc}", "voices": []})

    def _start(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        self._states = QTextToSpeech.State
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
        if engine.state() not in (self._states.Ready, self._states.Speaking):
            why = f"the engine did not start: {engine.errorString() or engine.state()}"
            _send({"event": "started", "ok": False, "why": why, "voices": []})
            return
        self._engine = engine
        voices = self._all_voices()
        self._use_language()
        engine.stateChanged.connect(self._on_state)
        _send({"event": "started", "ok": True, "why": "", "voices": voices})

    def _all_voices(self) -> list[list[str]]:
        """The voices the engine lists, plus those for the app's language (speechd
        lists only the current locale's): each with its locale."""
        engine = self._engine
        seen: dict[str, str] = {}
        for voice in engine.availableVoices():
            seen.setdefault(voice.name(), voice.locale().name())
        wanted = QLocale(self._language).language() if self._language else None
        try:
            locales = [
                loc for loc in engine.availableLocales() if wanted and loc.language() == wanted
            ]
        except Exception:
            locales = []
        original = engine.locale()
        for locale in locales:
            try:
                engine.setLocale(locale)
                for voice in engine.availableVoices():
                    seen[voice.name()] = locale.name()
            except Exception:
                continue
        if locales:
            engine.setLocale(original)
        return [[name, loc] for name, loc in seen.items()]

    def _use_language(self) -> None:
        """Speak the app's language by default, whatever the system locale says."""
        if not self._language:
            return
        wanted = QLocale(self._language)
        system = QLocale.system()
        preferred = system if system.language() == wanted.language() else wanted
        try:
            locales = list(self._engine.availableLocales())
            same = [loc for loc in locales if loc.language() == wanted.language()]
            exact = [loc for loc in same if loc.name() == preferred.name()]
            if exact or same:
                self._engine.setLocale((exact or same)[0])
        except Exception:
            return

    def handle(self, line: str) -> None:
        try:
            command = json.loads(line)
        except ValueError:
            return
        op = command.get("op")
        try:
            if op == "say":
                self._say(int(command["token"]), str(command["text"]))
            elif op == "stop":
                self._stop()
            elif op == "options":
                self._options(command)
        except Exception as exc:
            _send({"event": "error", "token": self._token, "why": f"{op} failed: {exc}"})
        _send({"event": "ack", "seq": command.get("seq")})

    def _say(self, token: int, text: str) -> None:
        if self._engine is None:
            _send({"event": "done", "token": token})
            return
        self._token = token
        self._said_at = time.monotonic()
        self._seen_speaking = False
        self._engine.say(text)

    def _stop(self) -> None:
        self._token = None
        if self._engine is not None:
            self._engine.stop()

    def _options(self, command: dict[str, Any]) -> None:
        engine = self._engine
        if engine is None:
            return
        engine.setVolume(float(command.get("volume", 1.0)))
        engine.setRate(float(command.get("rate", 0.0)))
        name = str(command.get("voice") or "")
        if name and name != engine.voice().name():
            self._set_voice(name)
        _send(
            {
                "event": "options",
                "voice": engine.voice().name(),
                "rate": engine.rate(),
                "volume": engine.volume(),
            }
        )

    def _set_voice(self, name: str) -> None:
        """Choose the voice called `name`, in any locale; an unknown name keeps the
        current voice."""
        engine = self._engine
        for voice in engine.availableVoices():
            if voice.name() == name:
                engine.setVoice(voice)
                return
        locale, current = engine.locale(), engine.voice()
        for candidate in engine.availableLocales():
            engine.setLocale(candidate)
            for voice in engine.availableVoices():
                if voice.name() == name:
                    engine.setVoice(voice)
                    return
        engine.setLocale(locale)
        engine.setVoice(current)

    def _on_state(self, state: Any) -> None:
        token = self._token
        if token is None:
            return
        if state == self._states.Speaking:
            self._seen_speaking = True
        elif state == self._states.Ready:
            fresh = time.monotonic() - self._said_at < STALE_READY_S
            if self._seen_speaking or not fresh:
                self._token = None
                _send({"event": "done", "token": token})
        elif state == self._states.Error:
            self._token = None
            why = ""
            try:
                why = self._engine.errorString()
            except Exception:
                why = "unknown error"
            _send({"event": "error", "token": token, "why": why or "unknown error"})


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

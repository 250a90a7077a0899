"""One QTextToSpeech engine driven the same way wherever it runs: in the speech
process (audio/speech_host.py) and inline in tests (audio/speech.py's
InlineSpeech). Says an utterance under a token, stops, applies the options,
lists the voices, and tells when the utterance is done from the engine's states.

Only what QTextToSpeech offers is used, so test engines can stand in for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale

# A "Ready" this soon after say() without a "Speaking" first is the previous
# utterance being cancelled, not this one finishing.
STALE_READY_S = 0.25


def not_started_reason(engine: Any, states: Any) -> str:
    """Why a freshly made engine cannot speak ("" when it can)."""
    if engine.state() in (states.Ready, states.Speaking):
        return ""
    return f"the engine did not start: {engine.errorString() or engine.state()}"


class EngineDriver:
    """`done(token)` when an utterance finished, `failed(token, why)` on an error."""

    def __init__(
        self,
        engine: Any,
        states: Any,
        *,
        done: Callable[[int], None],
        failed: Callable[[int, str], None],
    ) -> None:
        self.engine = engine
        self._states = states
        self._done = done
        self._failed = failed
        self.token: int | None = None
        self._said_at = 0.0
        self._seen_speaking = False
        engine.stateChanged.connect(self.on_state)

    def say(self, token: int, text: str) -> None:
        self.token = token
        self._said_at = time.monotonic()
        self._seen_speaking = False
        self.engine.say(text)

    def stop(self) -> None:
        self.token = None
        self.engine.stop()

    def set_options(self, volume: float, rate: float, voice: str) -> None:
        """Volume and rate; the voice called `voice` in any locale (an unknown name
        keeps the current voice)."""
        self.engine.setVolume(volume)
        self.engine.setRate(rate)
        if voice and voice != self._current_voice():
            self._set_voice(voice)

    def voices(self, language: str = "") -> list[list[str]]:
        """[name, locale] for each voice the engine lists, plus those for `language`
        (speechd lists only the current locale's)."""
        engine = self.engine
        seen: dict[str, str] = {}
        for voice in engine.availableVoices():
            seen.setdefault(voice.name(), voice.locale().name())
        wanted = QLocale(language).language() if language else None
        try:
            locales = [
                loc for loc in engine.availableLocales() if wanted and loc.language() == wanted
            ]
        except Exception:
            locales = []
        if locales:
            original = engine.locale()
            for locale in locales:
                try:
                    engine.setLocale(locale)
                    for voice in engine.availableVoices():
                        seen[voice.name()] = locale.name()
                except Exception:
                    continue
            engine.setLocale(original)
        return [[name, loc] for name, loc in seen.items()]

    def use_language(self, language: str) -> None:
        """Speak `language` by default, whatever the system locale says."""
        if not language:
            return
        wanted = QLocale(language)
        system = QLocale.system()
        preferred = system if system.language() == wanted.language() else wanted
        try:
            locales = list(self.engine.availableLocales())
            same = [loc for loc in locales if loc.language() == wanted.language()]
            exact = [loc for loc in same if loc.name() == preferred.name()]
            if exact or same:
                self.engine.setLocale((exact or same)[0])
        except Exception:
            return

    def on_state(self, state: Any) -> None:
        token = self.token
        if token is None:
            return
        if state == self._states.Speaking:
            self._seen_speaking = True
        elif state == self._states.Ready:
            fresh = time.monotonic() - self._said_at < STALE_READY_S
            if self._seen_speaking or not fresh:
                self.token = None
                self._done(token)
        elif state == self._states.Error:
            self.token = None
            try:
                why = self.engine.errorString()
            except Exception:
                why = ""
            self._failed(token, why or "unknown error")

    def _current_voice(self) -> str:
        try:
            return str(self.engine.voice().name())
        except Exception:
            return ""

    def _set_voice(self, name: str) -> None:
        engine = self.engine
        for voice in engine.availableVoices():
            if voice.name() == name:
                engine.setVoice(voice)
                return
        try:
            candidates = list(engine.availableLocales())
        except Exception:
            return
        locale, current = engine.locale(), engine.voice()
        for candidate in candidates:
            engine.setLocale(candidate)
            for voice in engine.availableVoices():
                if voice.name() == name:
                    engine.setVoice(voice)
                    return
        engine.setLocale(locale)
        engine.setVoice(current)

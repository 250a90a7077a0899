"""The speech engine as the cue player sees it: started only once voice is on and
a device can be heard, its voices, its options, and what became of it (ready,
absent, or abandoned after it stopped answering).

Which utterance may speak, and for how long, is the player's arbitration
(audio/qt_player.py); this holds the engine's side. The engine itself runs in
its own process or, in tests, inline (audio/speech.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from walkback_desktop.audio.speech import InlineSpeech, SpeechBackend, SpeechProcess
from walkback_desktop.audio.voices import VoiceInfo, for_language, order_voices
from walkback_desktop.i18n import N_, current_language

log = logging.getLogger("walkback_desktop.audio")

NO_SPEECH_NOTICE = N_("No speech engine: install speech-dispatcher and espeak-ng for spoken cues.")
SPEECH_STALLED_NOTICE = N_(
    "The speech engine stopped responding: cues are beeped and shown on screen."
)

# A callable `factory(parent)` runs the engine in this process (tests); a string
# "module:callable" is loaded by the speech process instead.
EngineFactory = Callable[[QObject], Any] | str


class SpeechState:
    NONE = "none"  # not wanted yet (voice off or unknown, or not prepared)
    STARTING = "starting"
    OK = "ok"
    ABSENT = "absent"  # no device, no engine, or abandoned


class SpeechLine(QObject):
    settled = Signal()  # a start finished, well or not
    done = Signal(int)  # an utterance's token: it finished
    failed = Signal(int, str)  # token (-1: none), why
    lost = Signal()  # the engine stopped answering after it had started

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        engine: str | None = None,
        engine_factory: EngineFactory | None = None,
        timeouts: dict[str, float] | None = None,
        warn_once: Callable[..., None],
    ) -> None:
        super().__init__(parent)
        self._engine_name = engine
        self._engine_factory = engine_factory
        self._timeouts = dict(timeouts or {})
        self._warn_once = warn_once
        self.state = SpeechState.NONE
        self.notice = NO_SPEECH_NOTICE  # a msgid: why there is no speech
        self.no_device = False  # absent only because nothing could be heard
        self.voices: list[VoiceInfo] = []
        self.engine_options: dict[str, Any] = {}  # what the engine reported it uses
        self.wanted_voice = ""
        self.backend: SpeechBackend | None = None

    @property
    def ok(self) -> bool:
        return self.state == SpeechState.OK

    # --- starting ---------------------------------------------------------------
    def start(self, device_found: bool) -> bool:
        """Start the engine (voice is on); True if started: it answers through
        `settled` later. Without a device no engine is started at all."""
        if self.state != SpeechState.NONE:
            return False
        if not device_found:
            self.state = SpeechState.ABSENT
            self.no_device = True
            return False
        factory = self._engine_factory
        backend: SpeechBackend
        if callable(factory):
            backend = InlineSpeech(factory, self)
        else:
            backend = SpeechProcess(
                self,
                engine=self._engine_name or "",
                factory=factory or "",
                language=current_language(),
                **self._timeouts,
            )
        backend.started.connect(self._on_started)
        backend.done.connect(self.done.emit)
        backend.failed.connect(self.failed.emit)
        backend.lost.connect(self._on_lost)
        backend.options_applied.connect(self._on_options_applied)
        self.backend = backend
        self.state = SpeechState.STARTING
        backend.start()
        return True

    def failed_to_start(self, why: str) -> None:
        self.state = SpeechState.ABSENT
        self._warn_once("no-speech", "No speech: %s. Spoken cues are shown on screen only.", why)

    def device_back(self) -> bool:
        """A device appeared: True if the engine, absent for want of one, may start now."""
        if not self.no_device:
            return False
        self.no_device = False
        self.state = SpeechState.NONE
        return True

    # --- commands -----------------------------------------------------------------
    def say(self, token: int, text: str) -> bool:
        if self.backend is None or not self.ok:
            return False
        self.backend.say(token, text)
        return True

    def stop(self) -> None:
        if self.backend is not None and self.ok:
            self.backend.stop()

    def apply_options(self, volume: float, rate: float, voice: str) -> None:
        self.wanted_voice = voice
        if self.backend is not None and self.ok:
            self.backend.set_options(volume, rate, voice)

    def shutdown(self) -> None:
        if self.backend is not None:
            self.backend.shutdown()

    # --- voices -------------------------------------------------------------------
    def voice_choices(self, *, all_languages: bool = False) -> list[VoiceInfo]:
        """The voices to offer: the app language's (its plain voices first), or
        all of them with those first."""
        if not self.ok:
            return []
        language = current_language()
        ordered = order_voices(self.voices, language, _system_territory(language))
        if all_languages:
            return ordered
        return for_language(ordered, language) or ordered

    @property
    def engine(self) -> Any:
        """An in-process engine once started (tests); else None."""
        backend = self.backend
        if not self.ok or not isinstance(backend, InlineSpeech):
            return None
        return backend.engine

    # --- answers ------------------------------------------------------------------
    def _on_started(self, ok: bool, why: str, voices: list[Any]) -> None:
        if self.state != SpeechState.STARTING:
            return
        if not ok:
            self.failed_to_start(why)
            if "did not start within" in why:
                self.notice = SPEECH_STALLED_NOTICE
        else:
            self.voices = [VoiceInfo(str(v[0]), str(v[1])) for v in voices if len(v) >= 2]
            self.state = SpeechState.OK
            log.info("speech engine ready with %d voices", len(self.voices))
        self.settled.emit()

    def _on_lost(self, why: str) -> None:
        self._warn_once(
            "speech-lost", "Speech abandoned: %s. Cues are beeped and shown on screen.", why
        )
        self.state = SpeechState.ABSENT
        self.notice = SPEECH_STALLED_NOTICE
        self.lost.emit()

    def _on_options_applied(self, options: dict[str, Any]) -> None:
        self.engine_options = dict(options)
        wanted = self.wanted_voice
        if wanted and options.get("voice") != wanted:
            log.info("voice %r not offered by the engine; keeping the default", wanted)


def _system_territory(language: str) -> str:
    """The system's territory ("AT" in de_AT) when its language is `language`."""
    from PySide6.QtCore import QLocale

    name = QLocale.system().name()
    code, _sep, territory = name.partition("_")
    return territory if code == language else ""

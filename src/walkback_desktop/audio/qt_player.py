"""The real cue player: beeps with QSoundEffect, speech with QTextToSpeech.

Start-up cost is kept off the app's start-up path: constructing a `QtCuePlayer`
imports nothing from QtMultimedia or QtTextToSpeech. `prepare()` (called when
the workout page opens) loads the sounds and then creates the speech engine on
the event loop; speechd can take ~2 s to start. A cue played before that still
beeps (the sounds load on demand); its words are skipped.

Degradation (see shared/PLATFORM-NOTES.md): with no sound output device, or a
speech engine that fails to start, the player says so once in the log (WARNING,
logger "walkback_desktop.audio") and in `status().notice`, and keeps going.
Every utterance is guarded by a deadline (without a sound server speechd stays
"Speaking" forever): when it passes, the engine is stopped and the utterance
counts as finished. Nothing here waits on the engine, and nothing raises to
the caller.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from walkback_desktop.audio.base import AudioStatus, Beep
from walkback_desktop.audio.plan import plan_cue
from walkback_desktop.audio.priority import SpeechArbiter, Utterance, Verdict, estimated_speech_s
from walkback_desktop.audio.sounds import sound_path
from walkback_desktop.core.clock import Clock, SystemClock
from walkback_desktop.core.timeline import Cue

log = logging.getLogger("walkback_desktop.audio")

NO_DEVICE_NOTICE = "No sound output device found: cues are shown on screen only."
NO_SPEECH_NOTICE = "No speech engine: install speech-dispatcher and espeak-ng for spoken cues."
NO_BEEPS_NOTICE = "The cue sounds could not be played: cues are spoken and shown on screen."

# Let a beep sound before the words that follow it, so the two do not blur.
SPEECH_AFTER_BEEP_S: dict[Beep, float] = {Beep.SEGMENT: 0.3, Beep.FINISH: 0.45}
# A "Ready" this soon after say() without a "Speaking" first is the previous
# utterance being cancelled, not this one finishing.
_STALE_READY_S = 0.25

# Engines by preference; "mock" is Qt's test engine and never chosen by default.
_PREFERRED_ENGINES = ("speechd", "flite", "sapi", "winrt", "darwin", "macos", "avfoundation")

EngineFactory = Callable[[QObject], Any]


class QtCuePlayer(QObject):
    """`CuePlayer` on QtMultimedia + QtTextToSpeech. Cheap to construct; call `prepare()`."""

    status_changed = Signal()  # status() or voices() changed (device found/lost, engine ready)
    prepared = Signal()  # prepare() finished loading sounds and the speech engine

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        engine: str | None = None,
        clock: Clock | None = None,
        engine_factory: EngineFactory | None = None,
        estimate: Callable[[str, float], float] = estimated_speech_s,
        has_output: Callable[[], bool] | None = None,
    ) -> None:
        """`engine`: a QTextToSpeech engine name ("mock" in tests); default: the
        platform's own. `engine_factory(parent)` replaces engine creation (tests);
        `estimate(text, rate)` bounds how long an utterance may take;
        `has_output()` replaces the sound-device check (tests)."""
        super().__init__(parent)
        self._engine_name = engine
        self._clock: Clock = clock or SystemClock()
        self._engine_factory = engine_factory
        self._estimate = estimate
        self._has_output = has_output
        self._arbiter = SpeechArbiter(self._clock.monotonic)

        self._voice_enabled = True
        self._beeps_enabled = True
        self._volume = 1.0
        self._voice_name = ""
        self._voice_rate = 0.0

        self._prepare_requested = False
        self._is_prepared = False
        self._effects: dict[Beep, Any] = {}
        self._broken_beeps: set[Beep] = set()
        self._warmed_up = False
        self._beeps_checked = False
        self._device_found = True
        self._devices: Any = None
        self._engine: Any = None
        self._speech_loaded = False
        self._speech_ok = False
        self._speech_ready_state: Any = None
        self._speech_speaking_state: Any = None
        self._speech_error_state: Any = None
        self._seen_speaking = False
        self._warned: set[str] = set()

        self._timeout_timer = QTimer(self)
        self._timeout_timer.setSingleShot(True)
        self._timeout_timer.timeout.connect(self._check_overdue)
        self._say_timer = QTimer(self)
        self._say_timer.setSingleShot(True)
        self._say_timer.timeout.connect(self._say_pending)
        self._pending: tuple[int, str] | None = None

    # --- CuePlayer --------------------------------------------------------
    def prepare(self) -> None:
        if self._prepare_requested:
            return
        self._prepare_requested = True
        QTimer.singleShot(0, self, self._prepare_beeps_step)

    def play(self, cue: Cue, lateness_ms: float) -> bool:
        try:
            return self._play(cue, lateness_ms)
        except Exception:
            log.exception("cue kind=%s could not be played", cue.kind.value)
            return True

    def tick(self) -> None:
        try:
            if self._beeps_enabled:
                self._beep(Beep.TICK)
        except Exception:
            log.exception("metronome tick failed")

    def stop(self) -> None:
        try:
            for effect in self._effects.values():
                effect.stop()
            self._cancel_speech()
        except Exception:
            log.exception("stopping audio failed")

    def set_options(
        self,
        *,
        voice_enabled: bool,
        beeps_enabled: bool,
        volume: float,
        voice_name: str = "",
        voice_rate: float = 0.0,
    ) -> None:
        try:
            self._voice_enabled = bool(voice_enabled)
            self._beeps_enabled = bool(beeps_enabled)
            self._volume = _clamp(float(volume), 0.0, 1.0)
            self._voice_name = voice_name or ""
            self._voice_rate = _clamp(float(voice_rate), -1.0, 1.0)
            for effect in self._effects.values():
                effect.setVolume(self._volume)
            if not self._voice_enabled:
                self._cancel_speech()
            self._apply_engine_options()
            self.status_changed.emit()
        except Exception:
            log.exception("applying audio options failed")

    def status(self) -> AudioStatus:
        beeps = self._beeps_usable()
        speech = not self._speech_loaded or self._speech_ok
        if not self._device_found:
            notice = NO_DEVICE_NOTICE
        elif not speech and self._voice_enabled:
            notice = NO_SPEECH_NOTICE
        elif not beeps and self._beeps_enabled:
            notice = NO_BEEPS_NOTICE
        else:
            notice = ""
        return AudioStatus(beeps_available=beeps, speech_available=speech, notice=notice)

    def is_speaking(self) -> bool:
        self._check_overdue()
        return self._arbiter.speaking()

    def ready(self) -> bool:
        return self._is_prepared

    def voices(self) -> list[str]:
        if not self._speech_ok:
            return []
        try:
            return [voice.name() for voice in self._engine.availableVoices()]
        except Exception:
            log.exception("listing voices failed")
            return []

    # --- extras for the app and tests ------------------------------------
    @property
    def is_prepared(self) -> bool:
        return self._is_prepared

    def sounds_settled(self) -> bool:
        """True once every cue sound finished loading, well or not (or none will load)."""
        if not self._beeps_checked:
            return False
        from PySide6.QtMultimedia import QSoundEffect

        done = (QSoundEffect.Status.Ready, QSoundEffect.Status.Error)
        return all(effect.status() in done for effect in self._effects.values())

    @property
    def engine(self) -> Any:
        """The speech engine once created (None before, or when there is none)."""
        return self._engine if self._speech_ok else None

    # --- cues -------------------------------------------------------------
    def _play(self, cue: Cue, lateness_ms: float) -> bool:
        # The controller logs each cue with its lateness (logger walkback_desktop.cues);
        # here only what the player did with it, at DEBUG.
        where = f"{cue.kind.value} at {cue.at:.3f}"
        self._check_overdue()
        if self._beeps_enabled:
            self._ensure_beeps()
        if self._voice_enabled and not self._speech_loaded:
            self.prepare()
        plan = plan_cue(cue, beeps=self._beeps_enabled and self._beeps_usable(), voice=True)
        speech = plan.speech if self._voice_enabled and self._speech_ok else ""

        if speech:
            verdict = self._arbiter.decide(cue.priority)
            if verdict is Verdict.DROP:
                log.debug("%s: not spoken, a more important cue is being spoken", where)
                return False
            if verdict is Verdict.INTERRUPT:
                self._cancel_speech()
            _, utterance = self._arbiter.request(
                cue.priority, self._estimate(speech, self._voice_rate)
            )
            assert utterance is not None
            if plan.beep is not None:
                self._beep(plan.beep)
            delay_s = SPEECH_AFTER_BEEP_S.get(plan.beep, 0.0) if plan.beep else 0.0
            self._start_utterance(utterance, speech, delay_s)
        else:
            current = self._arbiter.current
            if plan.beep is not None and current is not None and cue.priority > current.priority:
                self._cancel_speech()  # a countdown beep is not buried under a tip
            if plan.beep is not None:
                self._beep(plan.beep)
        audible = bool(speech or (plan.beep and self._beeps_usable()))
        log.debug("%s: %s", where, "played" if audible else "silent")
        return True

    def _beep(self, beep: Beep) -> None:
        self._ensure_beeps()
        effect = self._effects.get(beep)
        if effect is None or beep in self._broken_beeps:
            return
        effect.setVolume(self._volume)
        effect.play()

    # --- speech -----------------------------------------------------------
    def _start_utterance(self, utterance: Utterance, text: str, delay_s: float) -> None:
        self._pending = (utterance.token, text)
        self._arm_timeout()
        if delay_s > 0:
            self._say_timer.start(max(1, round(delay_s * 1000)))
        else:
            self._say_timer.stop()
            self._say_pending()

    def _say_pending(self) -> None:
        pending, self._pending = self._pending, None
        current = self._arbiter.current
        if pending is None or current is None or current.token != pending[0]:
            return
        if self._engine is None:
            return
        self._seen_speaking = False
        try:
            self._engine.say(pending[1])
        except Exception:
            log.exception("speech failed")
            self._arbiter.finished(pending[0])

    def _cancel_speech(self) -> None:
        self._pending = None
        self._say_timer.stop()
        self._timeout_timer.stop()
        if self._arbiter.current is not None:
            self._stop_engine()
        self._arbiter.finished()

    def _stop_engine(self) -> None:
        if self._engine is None:
            return
        try:
            self._engine.stop()
        except Exception:
            log.exception("stopping speech failed")

    def _arm_timeout(self) -> None:
        left_ms = math.ceil(self._arbiter.seconds_left() * 1000) + 5
        self._timeout_timer.start(max(1, left_ms))

    def _check_overdue(self) -> None:
        overdue = self._arbiter.overdue()
        if overdue is None:
            if self._arbiter.current is not None and not self._timeout_timer.isActive():
                self._arm_timeout()
            return
        self._warn_once(
            "speech-timeout",
            "Speech did not finish within %.1f s (is a sound server running?): "
            "stopping it, so spoken cues may be silent.",
            overdue.deadline - overdue.started_at,
        )
        self._pending = None
        self._say_timer.stop()
        self._stop_engine()
        self._arbiter.finished(overdue.token)

    def _on_engine_state(self, state: Any) -> None:
        if state == self._speech_speaking_state:
            self._seen_speaking = True
            return
        if state == self._speech_ready_state:
            current = self._arbiter.current
            if current is None or self._pending is not None:
                return
            fresh = self._clock.monotonic() - current.started_at < _STALE_READY_S
            if self._seen_speaking or not fresh:
                self._timeout_timer.stop()
                self._arbiter.finished(current.token)
            return
        if state != self._speech_error_state:
            return
        reason = ""
        try:
            reason = self._engine.errorString()
        except Exception:
            reason = "unknown error"
        self._warn_once("speech-error", "The speech engine reported an error: %s", reason)
        self._timeout_timer.stop()
        self._arbiter.finished()

    # --- loading ------------------------------------------------------------
    def _prepare_beeps_step(self) -> None:
        try:
            self._ensure_beeps()
        except Exception:
            log.exception("loading cue sounds failed")
        QTimer.singleShot(0, self, self._prepare_speech_step)

    def _prepare_speech_step(self) -> None:
        try:
            self._load_speech()
        except Exception:
            log.exception("starting the speech engine failed")
            self._speech_loaded = True
            self._speech_ok = False
        self._is_prepared = True
        self.status_changed.emit()
        self.prepared.emit()

    def _output_present(self) -> bool:
        if self._has_output is not None:
            return bool(self._has_output())
        from PySide6.QtMultimedia import QMediaDevices

        if self._devices is None:
            self._devices = QMediaDevices(self)
            self._devices.audioOutputsChanged.connect(self._on_outputs_changed)
        return bool(QMediaDevices.audioOutputs())

    def _ensure_beeps(self) -> None:
        if self._beeps_checked:
            return
        self._beeps_checked = True
        self._device_found = self._output_present()
        if not self._device_found:
            self._warn_once(
                "no-device",
                "No sound output device found (is a sound server such as PulseAudio "
                "or PipeWire running?): beeps and speech cannot be heard.",
            )
            return
        from PySide6.QtMultimedia import QSoundEffect

        for beep in Beep:
            path = sound_path(beep)
            if not path.is_file():
                self._warn_once(f"missing-{beep.value}", "Cue sound missing: %s", path)
                self._broken_beeps.add(beep)
                continue
            effect = QSoundEffect(self)
            effect.setVolume(self._volume)
            # Registered before setSource: the status can change inside it.
            self._effects[beep] = effect
            effect.statusChanged.connect(lambda b=beep: self._on_effect_status(b))
            effect.setSource(QUrl.fromLocalFile(str(path)))
            self._on_effect_status(beep)

    def _on_effect_status(self, beep: Beep) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        effect = self._effects.get(beep)
        if effect is None:
            return
        if effect.status() == QSoundEffect.Status.Ready and beep is Beep.TICK:
            self._warm_up(effect)
        if effect.status() != QSoundEffect.Status.Error or beep in self._broken_beeps:
            return
        self._broken_beeps.add(beep)
        self._warn_once(
            f"effect-{beep.value}",
            "The %s sound could not be played (QSoundEffect error): it stays silent.",
            beep.value,
        )
        self.status_changed.emit()

    def _warm_up(self, effect: Any) -> None:
        """Play the tick once, muted, so the first real beeps come out clean.

        Recorded through a PulseAudio null sink (bench/audio_loopback.py), the
        first two countdown beeps after start-up came out at double amplitude
        (clipped) in every run; with this muted play first, every beep was clean
        (the muted play itself records as silence). Whether Qt's audio sink or
        the null sink's monitor causes it is not established; the cost is one
        silent 35 ms play. `_beep` sets the real volume before each play.
        """
        if self._warmed_up:
            return
        self._warmed_up = True
        effect.setVolume(0.0)
        effect.play()

    def _on_outputs_changed(self) -> None:
        from PySide6.QtMultimedia import QMediaDevices

        found = bool(QMediaDevices.audioOutputs())
        if found == self._device_found:
            return
        log.info("sound output devices changed: %s", "found" if found else "none")
        for effect in self._effects.values():
            effect.deleteLater()
        self._effects.clear()
        self._broken_beeps.clear()
        self._warmed_up = False
        self._beeps_checked = False
        self._ensure_beeps()
        self.status_changed.emit()

    def _beeps_usable(self) -> bool:
        if not self._beeps_checked:
            return True
        return self._device_found and len(self._broken_beeps) < len(Beep)

    def _load_speech(self) -> None:
        if self._speech_loaded:
            return
        self._speech_loaded = True
        from PySide6.QtTextToSpeech import QTextToSpeech

        self._speech_ready_state = QTextToSpeech.State.Ready
        self._speech_speaking_state = QTextToSpeech.State.Speaking
        self._speech_error_state = QTextToSpeech.State.Error
        if self._engine_factory is not None:
            engine = self._engine_factory(self)
        else:
            available = list(QTextToSpeech.availableEngines())
            name = self._engine_name or _default_engine(available)
            if not name or name not in available:
                self._speech_failed(f"no text-to-speech engine (available: {available or 'none'})")
                return
            engine = QTextToSpeech(name, self)
        state = engine.state()
        if state not in (QTextToSpeech.State.Ready, QTextToSpeech.State.Speaking):
            self._speech_failed(f"the engine did not start: {engine.errorString() or state}")
            engine.deleteLater()
            return
        self._engine = engine
        self._speech_ok = True
        engine.stateChanged.connect(self._on_engine_state)
        self._apply_engine_options()
        log.info("speech engine ready with %d voices", len(self.voices()))

    def _speech_failed(self, why: str) -> None:
        self._speech_ok = False
        self._warn_once("no-speech", "No speech: %s. Spoken cues are shown on screen only.", why)

    def _apply_engine_options(self) -> None:
        engine = self._engine
        if engine is None or not self._speech_ok:
            return
        engine.setVolume(self._volume)
        engine.setRate(self._voice_rate)
        if self._voice_name:
            for voice in engine.availableVoices():
                if voice.name() == self._voice_name:
                    engine.setVoice(voice)
                    break
            else:
                log.info(
                    "voice %r not offered by the engine; keeping the default", self._voice_name
                )

    def _warn_once(self, key: str, message: str, *args: object) -> None:
        if key in self._warned:
            return
        self._warned.add(key)
        log.warning(message, *args)


def _default_engine(available: list[str]) -> str:
    for name in _PREFERRED_ENGINES:
        if name in available:
            return name
    real = [name for name in available if name != "mock"]
    return real[0] if real else ""


def _clamp(value: float, low: float, high: float) -> float:
    if value != value:  # NaN
        return low
    return min(high, max(low, value))


__all__ = ["NO_DEVICE_NOTICE", "NO_SPEECH_NOTICE", "QtCuePlayer"]

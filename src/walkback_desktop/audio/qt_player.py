"""The real cue player: beeps with QSoundEffect, speech with QTextToSpeech.

Start-up cost is kept off the app's start-up path: constructing a `QtCuePlayer`
imports nothing from QtMultimedia or QtTextToSpeech. `prepare()` (or
`warm_up()` when the app is idle) loads the sounds and then starts the speech
engine. A cue played before that still beeps; its words are skipped.

The speech engine never runs on the GUI thread: it lives in its own process
(audio/speech.py, audio/speech_host.py), which is killed when it does not
answer in time; speech is then reported unavailable and the workout goes on
with beeps and on-screen cues. The engine is not started at all while voice is
off (or not yet known to be on) or when there is no sound output device.

Degradation (see docs/audio.md): with no sound output device, or a speech
engine that fails to start, the player says so once in the log (WARNING,
logger "walkback_desktop.audio") and in `status().notice`, and keeps going.
Every utterance is guarded by a deadline (without a sound server speechd stays
"Speaking" forever): when it passes, the engine is told to stop and the
utterance counts as finished. Nothing here waits on the engine, and nothing
raises to the caller.

Over 400 lines because beeps and speech share one arbitration (a countdown
beep cuts a tip, words wait for their beep); the next step splits the beep
half out, into a process of its own like speech (QtMultimedia's first device
query still holds the GUI thread 60-180 ms once, see bench/bench_stall.py).
"""

from __future__ import annotations

import logging
import math
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from walkback_desktop.audio.base import AudioStatus, Beep
from walkback_desktop.audio.plan import plan_cue
from walkback_desktop.audio.priority import SpeechArbiter, Utterance, Verdict, estimated_speech_s
from walkback_desktop.audio.sounds import sound_path
from walkback_desktop.audio.speech import InlineSpeech, SpeechBackend, SpeechProcess
from walkback_desktop.audio.voices import VoiceInfo, for_language, order_voices
from walkback_desktop.core.clock import Clock, SystemClock
from walkback_desktop.core.timeline import Cue
from walkback_desktop.i18n import N_, _, current_language

log = logging.getLogger("walkback_desktop.audio")

NO_DEVICE_NOTICE = N_("No sound output device found: cues are shown on screen only.")
NO_SPEECH_NOTICE = N_("No speech engine: install speech-dispatcher and espeak-ng for spoken cues.")
NO_BEEPS_NOTICE = N_("The cue sounds could not be played: cues are spoken and shown on screen.")
SPEECH_STALLED_NOTICE = N_(
    "The speech engine stopped responding: cues are beeped and shown on screen."
)

# Let a beep sound before the words that follow it, so the two do not blur.
SPEECH_AFTER_BEEP_S: dict[Beep, float] = {Beep.SEGMENT: 0.3, Beep.FINISH: 0.45}

# A callable `factory(parent)` runs the engine in this process (tests); a string
# "module:callable" is loaded by the speech process instead.
EngineFactory = Callable[[QObject], Any] | str


class _Speech:
    NONE = "none"  # not wanted yet (voice off or unknown, or not prepared)
    STARTING = "starting"
    OK = "ok"
    ABSENT = "absent"  # no device, no engine, or abandoned


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
        start_timeout_s: float | None = None,
        command_timeout_s: float | None = None,
    ) -> None:
        """`engine`: a QTextToSpeech engine name ("mock" in tests); default: the
        platform's own. `engine_factory` replaces engine creation (tests);
        `estimate(text, rate)` bounds how long an utterance may take;
        `has_output()` replaces the sound-device check (tests); the timeouts
        bound how long the speech process may take to start and to answer."""
        super().__init__(parent)
        self._engine_name = engine
        self._clock: Clock = clock or SystemClock()
        self._engine_factory = engine_factory
        self._estimate = estimate
        self._has_output = has_output
        self._timeouts = {
            k: v
            for k, v in (
                ("start_timeout_s", start_timeout_s),
                ("command_timeout_s", command_timeout_s),
            )
            if v is not None
        }
        self._arbiter = SpeechArbiter(self._clock.monotonic)

        self._voice_enabled: bool | None = None  # None: not told yet, so no engine
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
        self._backend: SpeechBackend | None = None
        self._speech = _Speech.NONE
        self._speech_notice = NO_SPEECH_NOTICE
        self._speech_no_device = False
        self._voices: list[VoiceInfo] = []
        self.engine_options: dict[str, Any] = {}  # what the engine reported it uses
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
        QTimer.singleShot(0, self, self._prepare_import_step)

    def warm_up(self) -> None:
        """`prepare()` for when the app is idle after start-up: call it once the
        window is shown (and `set_options` has told whether voice is on), so the
        engine is warm before the first workout. Returns at once."""
        self.prepare()

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
            elif self._prepare_requested and self._speech == _Speech.NONE:
                self._want_speech()
            self._apply_engine_options()
            self.status_changed.emit()
        except Exception:
            log.exception("applying audio options failed")

    def status(self) -> AudioStatus:
        beeps = self._beeps_usable()
        speech = self._speech != _Speech.ABSENT
        if not self._device_found:
            notice = _(NO_DEVICE_NOTICE)
        elif not speech and self._voice_enabled:
            notice = _(self._speech_notice)
        elif not beeps and self._beeps_enabled:
            notice = _(NO_BEEPS_NOTICE)
        else:
            notice = ""
        return AudioStatus(beeps_available=beeps, speech_available=speech, notice=notice)

    def is_speaking(self) -> bool:
        self._check_overdue()
        return self._arbiter.speaking()

    def ready(self) -> bool:
        """True once prepare() finished and speech is warm or known absent (or
        not wanted); False again while an engine asked for later is starting."""
        return self._is_prepared and self._speech != _Speech.STARTING

    def voices(self) -> list[str]:
        """The engine's voices, those for the app's language first."""
        return [voice.name for voice in self.voice_choices(all_languages=True)]

    def voice_choices(self, *, all_languages: bool = False) -> list[VoiceInfo]:
        """The voices to offer: the app language's (its plain voices first), or
        all of them with those first."""
        if self._speech != _Speech.OK:
            return []
        language = current_language()
        territory = _system_territory(language)
        ordered = order_voices(self._voices, language, territory)
        if all_languages:
            return ordered
        own = for_language(ordered, language)
        return own or ordered

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
        """An in-process engine once started (tests); None when the engine runs in
        its own process, before it started, or when there is none."""
        backend = self._backend
        if self._speech != _Speech.OK or not isinstance(backend, InlineSpeech):
            return None
        return backend.engine

    @property
    def speech_backend(self) -> SpeechBackend | None:
        return self._backend

    def shutdown(self) -> None:
        """End the speech process (the app calls this when it quits)."""
        if self._backend is not None:
            self._backend.shutdown()

    # --- cues -------------------------------------------------------------
    def _play(self, cue: Cue, lateness_ms: float) -> bool:
        # The controller logs each cue with its lateness (logger walkback_desktop.cues);
        # here only what the player did with it, at DEBUG.
        where = f"{cue.kind.value} at {cue.at:.3f}"
        self._check_overdue()
        if self._beeps_enabled:
            self._ensure_beeps()
        if self._voice_enabled and self._speech == _Speech.NONE:
            self._want_speech()
        plan = plan_cue(cue, beeps=self._beeps_enabled and self._beeps_usable(), voice=True)
        speech = plan.speech if self._voice_enabled and self._speech == _Speech.OK else ""

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
        if self._backend is None or self._speech != _Speech.OK:
            self._arbiter.finished(pending[0])
            return
        self._backend.say(pending[0], pending[1])

    def _cancel_speech(self) -> None:
        self._pending = None
        self._say_timer.stop()
        self._timeout_timer.stop()
        if self._arbiter.current is not None:
            self._stop_engine()
        self._arbiter.finished()

    def _stop_engine(self) -> None:
        if self._backend is not None and self._speech == _Speech.OK:
            self._backend.stop()

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

    def _on_speech_done(self, token: int) -> None:
        current = self._arbiter.current
        if current is not None and current.token == token and self._pending is None:
            self._timeout_timer.stop()
            self._arbiter.finished(token)

    def _on_speech_failed(self, token: int, why: str) -> None:
        self._warn_once("speech-error", "The speech engine reported an error: %s", why)
        current = self._arbiter.current
        if current is not None and (token < 0 or current.token == token):
            self._timeout_timer.stop()
            self._arbiter.finished(current.token)

    def _on_speech_lost(self, why: str) -> None:
        self._warn_once(
            "speech-lost", "Speech abandoned: %s. Cues are beeped and shown on screen.", why
        )
        self._speech = _Speech.ABSENT
        self._speech_notice = SPEECH_STALLED_NOTICE
        self._pending = None
        self._say_timer.stop()
        self._timeout_timer.stop()
        self._arbiter.finished()
        self.status_changed.emit()

    def _on_speech_started(self, ok: bool, why: str, voices: list[Any]) -> None:
        if self._speech != _Speech.STARTING:
            return
        if not ok:
            self._speech_failed(why)
            if "did not start within" in why:
                self._speech_notice = SPEECH_STALLED_NOTICE
        else:
            self._voices = [VoiceInfo(str(v[0]), str(v[1])) for v in voices if len(v) >= 2]
            self._speech = _Speech.OK
            self._apply_engine_options()
            log.info("speech engine ready with %d voices", len(self._voices))
        self._speech_settled()

    # --- loading ------------------------------------------------------------
    def _want_speech(self) -> None:
        """Voice is on: start the engine now if prepare() already ran, else prepare."""
        if not self._prepare_requested:
            self.prepare()
        elif self._is_prepared:
            QTimer.singleShot(0, self, self._prepare_speech_step)

    def _prepare_import_step(self) -> None:
        """Import QtMultimedia on a helper thread (60-160 ms on a busy machine);
        the import gives the GIL back every few ms, so the window keeps turning."""
        if "PySide6.QtMultimedia" in sys.modules:
            self._prepare_beeps_step()
            return
        done = _ImportDone(self)
        done.finished.connect(self._prepare_beeps_step)
        threading.Thread(target=done.run, name="import-QtMultimedia", daemon=True).start()

    def _prepare_beeps_step(self) -> None:
        try:
            self._ensure_beeps()
        except Exception:
            log.exception("loading cue sounds failed")
        QTimer.singleShot(0, self, self._prepare_speech_step)

    def _prepare_speech_step(self) -> None:
        try:
            started = self._load_speech()
        except Exception:
            log.exception("starting the speech engine failed")
            self._speech, started = _Speech.ABSENT, False
        if not started:  # a started backend reports back, maybe at once, and settles then
            self._speech_settled()

    def _speech_settled(self) -> None:
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
        if found and self._speech_no_device:
            self._speech_no_device = False
            self._speech = _Speech.NONE
            if self._voice_enabled and self._prepare_requested:
                self._want_speech()
        self.status_changed.emit()

    def _beeps_usable(self) -> bool:
        if not self._beeps_checked:
            return True
        return self._device_found and len(self._broken_beeps) < len(Beep)

    def _load_speech(self) -> bool:
        """Start the engine if it is wanted and can be heard; True if it was started
        (it answers later, through `_on_speech_started`)."""
        if self._speech != _Speech.NONE or not self._voice_enabled:
            return False
        self._ensure_beeps()
        if not self._device_found:
            self._speech = _Speech.ABSENT  # nothing could be heard: no engine at all
            self._speech_no_device = True
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
        backend.started.connect(self._on_speech_started)
        backend.done.connect(self._on_speech_done)
        backend.failed.connect(self._on_speech_failed)
        backend.lost.connect(self._on_speech_lost)
        backend.options_applied.connect(self._on_options_applied)
        self._backend = backend
        self._speech = _Speech.STARTING
        backend.start()
        return True

    def _speech_failed(self, why: str) -> None:
        self._speech = _Speech.ABSENT
        self._warn_once("no-speech", "No speech: %s. Spoken cues are shown on screen only.", why)

    def _apply_engine_options(self) -> None:
        if self._backend is None or self._speech != _Speech.OK:
            return
        self._backend.set_options(self._volume, self._voice_rate, self._voice_name)

    def _on_options_applied(self, options: dict[str, Any]) -> None:
        self.engine_options = dict(options)
        wanted = self._voice_name
        if wanted and options.get("voice") != wanted:
            log.info("voice %r not offered by the engine; keeping the default", wanted)

    def _warn_once(self, key: str, message: str, *args: object) -> None:
        if key in self._warned:
            return
        self._warned.add(key)
        log.warning(message, *args)


class _ImportDone(QObject):
    finished = Signal()  # emitted on the helper thread, delivered on the GUI thread

    def run(self) -> None:
        try:
            import PySide6.QtMultimedia  # noqa: F401
        except Exception:
            log.exception("QtMultimedia could not be imported")
        self.finished.emit()


def _system_territory(language: str) -> str:
    """The system's territory ("AT" in de_AT) when its language is `language`."""
    from PySide6.QtCore import QLocale

    name = QLocale.system().name()
    code, _sep, territory = name.partition("_")
    return territory if code == language else ""


def _clamp(value: float, low: float, high: float) -> float:
    if value != value:  # NaN
        return low
    return min(high, max(low, value))


__all__ = ["NO_DEVICE_NOTICE", "NO_SPEECH_NOTICE", "SPEECH_STALLED_NOTICE", "QtCuePlayer"]

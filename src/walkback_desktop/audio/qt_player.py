"""The real cue player: beeps (audio/cue_sounds.py) and speech (audio/speech.py)
under one arbitration: a countdown beep cuts a tip, words wait for their beep.

Start-up cost is kept off the app's start-up path: constructing a `QtCuePlayer`
imports nothing from QtMultimedia or QtTextToSpeech. `prepare()` (or
`warm_up()` when the app is idle) loads the sounds, off the GUI thread and in
small steps, and then starts the speech engine. A cue played before that still
beeps; its words are skipped.

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

Over 400 lines because the arbitration (which cue may cut which, when words
wait for their beep) is one state machine over both outputs; the beeps, the
speech line and the engine driver are already in their own modules.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from walkback_desktop.audio.base import AudioStatus, Beep
from walkback_desktop.audio.cue_sounds import CueSounds
from walkback_desktop.audio.plan import plan_cue
from walkback_desktop.audio.priority import SpeechArbiter, Utterance, Verdict, estimated_speech_s
from walkback_desktop.audio.speech import SpeechBackend
from walkback_desktop.audio.speech_line import (
    NO_SPEECH_NOTICE,
    SPEECH_STALLED_NOTICE,
    EngineFactory,
    SpeechLine,
    SpeechState,
)
from walkback_desktop.audio.voices import VoiceInfo
from walkback_desktop.core.clock import Clock, SystemClock
from walkback_desktop.core.timeline import Cue
from walkback_desktop.i18n import N_, _

log = logging.getLogger("walkback_desktop.audio")

NO_DEVICE_NOTICE = N_("No sound output device found: cues are shown on screen only.")
NO_BEEPS_NOTICE = N_("The cue sounds could not be played: cues are spoken and shown on screen.")

# Let a beep sound before the words that follow it, so the two do not blur.
SPEECH_AFTER_BEEP_S: dict[Beep, float] = {Beep.SEGMENT: 0.3, Beep.FINISH: 0.45}


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
        sounds: CueSounds | None = None,
    ) -> None:
        """`engine`: a QTextToSpeech engine name ("mock" in tests); default: the
        platform's own. `engine_factory` replaces engine creation (tests);
        `estimate(text, rate)` bounds how long an utterance may take;
        `has_output()` replaces the sound-device check (tests); the timeouts
        bound how long the speech process may take to start and to answer;
        `sounds` replaces the beeps (tests)."""
        super().__init__(parent)
        self._clock: Clock = clock or SystemClock()
        self._estimate = estimate
        self._arbiter = SpeechArbiter(self._clock.monotonic)

        self._voice_enabled: bool | None = None  # None: not told yet, so no engine
        self._beeps_enabled = True
        self._volume = 1.0
        self._voice_name = ""
        self._voice_rate = 0.0

        self._prepare_requested = False
        self._is_prepared = False
        self._sounds = sounds or CueSounds(self, has_output=has_output, warn_once=self._warn_once)
        self._sounds.changed.connect(self.status_changed.emit)
        self._sounds.outputs_changed.connect(self._on_outputs_changed)
        self._sounds.loaded.connect(self._prepare_speech_step)
        timeouts = {"start_timeout_s": start_timeout_s, "command_timeout_s": command_timeout_s}
        self._line = SpeechLine(
            self,
            engine=engine,
            engine_factory=engine_factory,
            timeouts={k: v for k, v in timeouts.items() if v is not None},
            warn_once=self._warn_once,
        )
        self._line.settled.connect(self._on_speech_started)
        self._line.done.connect(self._on_speech_done)
        self._line.failed.connect(self._on_speech_failed)
        self._line.lost.connect(self._on_speech_lost)
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
        self._sounds.load_in_background()

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
            self._sounds.stop()
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
            before = self._options()
            self._voice_enabled = bool(voice_enabled)
            self._beeps_enabled = bool(beeps_enabled)
            self._volume = _clamp(float(volume), 0.0, 1.0)
            self._voice_name = voice_name or ""
            self._voice_rate = _clamp(float(voice_rate), -1.0, 1.0)
            self._sounds.set_volume(self._volume)
            if not self._voice_enabled:
                self._cancel_speech()
            elif self._prepare_requested and self._line.state == SpeechState.NONE:
                self._want_speech()
            self._apply_engine_options()
            # Only a real change is news: a listener that re-applies the options
            # when the status changes (the Settings page) must not loop.
            if self._options() != before:
                self.status_changed.emit()
        except Exception:
            log.exception("applying audio options failed")

    def _options(self) -> tuple[bool | None, bool, float, str, float]:
        return (
            self._voice_enabled,
            self._beeps_enabled,
            self._volume,
            self._voice_name,
            self._voice_rate,
        )

    def status(self) -> AudioStatus:
        beeps = self._beeps_usable()
        speech = self._line.state != SpeechState.ABSENT
        if not self._sounds.device_found:
            notice = _(NO_DEVICE_NOTICE)
        elif not speech and self._voice_enabled:
            notice = _(self._line.notice)
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
        return self._is_prepared and self._line.state != SpeechState.STARTING

    def voices(self) -> list[str]:
        """The engine's voices, those for the app's language first."""
        return [voice.name for voice in self.voice_choices(all_languages=True)]

    def voice_choices(self, *, all_languages: bool = False) -> list[VoiceInfo]:
        """The voices to offer: the app language's (its plain voices first), or
        all of them with those first."""
        return self._line.voice_choices(all_languages=all_languages)

    # --- extras for the app and tests ------------------------------------
    @property
    def is_prepared(self) -> bool:
        return self._is_prepared

    def sounds_settled(self) -> bool:
        """True once every cue sound finished loading, well or not (or none will load)."""
        return self._sounds.settled()

    @property
    def engine(self) -> Any:
        """An in-process engine once started (tests); None when the engine runs in
        its own process, before it started, or when there is none."""
        return self._line.engine

    @property
    def speech_backend(self) -> SpeechBackend | None:
        return self._line.backend

    @property
    def engine_options(self) -> dict[str, Any]:
        """What the engine reported it uses (voice, rate, volume)."""
        return self._line.engine_options

    def shutdown(self) -> None:
        """End the speech process (the app calls this when it quits)."""
        self._line.shutdown()

    # --- cues -------------------------------------------------------------
    def _play(self, cue: Cue, lateness_ms: float) -> bool:
        # The controller logs each cue with its lateness (logger walkback_desktop.cues);
        # here only what the player did with it, at DEBUG.
        where = f"{cue.kind.value} at {cue.at:.3f}"
        self._check_overdue()
        if self._beeps_enabled:
            self._ensure_beeps()
        if self._voice_enabled and self._line.state == SpeechState.NONE:
            self._want_speech()
        plan = plan_cue(cue, beeps=self._beeps_enabled and self._beeps_usable(), voice=True)
        speech = plan.speech if self._voice_enabled and self._line.ok else ""

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
        self._sounds.play(beep, self._volume)

    def _ensure_beeps(self) -> None:
        self._sounds.load()

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
        if not self._line.say(*pending):
            self._arbiter.finished(pending[0])

    def _cancel_speech(self) -> None:
        self._pending = None
        self._say_timer.stop()
        self._timeout_timer.stop()
        if self._arbiter.current is not None:
            self._stop_engine()
        self._arbiter.finished()

    def _stop_engine(self) -> None:
        self._line.stop()

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

    def _on_speech_lost(self) -> None:
        self._pending = None
        self._say_timer.stop()
        self._timeout_timer.stop()
        self._arbiter.finished()
        self.status_changed.emit()

    def _on_speech_started(self) -> None:
        self._apply_engine_options()
        self._speech_settled()

    # --- loading ------------------------------------------------------------
    def _want_speech(self) -> None:
        """Voice is on: start the engine now if prepare() already ran, else prepare."""
        if not self._prepare_requested:
            self.prepare()
        elif self._is_prepared:
            QTimer.singleShot(0, self, self._prepare_speech_step)

    def _prepare_speech_step(self) -> None:
        try:
            started = self._load_speech()
        except Exception:
            log.exception("starting the speech engine failed")
            self._line.state, started = SpeechState.ABSENT, False
        if not started:  # a started backend reports back, maybe at once, and settles then
            self._speech_settled()

    def _speech_settled(self) -> None:
        self._is_prepared = True
        self.status_changed.emit()
        self.prepared.emit()

    def _on_outputs_changed(self, found: bool) -> None:
        """A device came back: start the speech engine that had nothing to speak to."""
        if not (found and self._line.device_back()):
            return
        if self._voice_enabled and self._prepare_requested:
            self._want_speech()

    def _beeps_usable(self) -> bool:
        return self._sounds.usable()

    def _load_speech(self) -> bool:
        """Start the engine if it is wanted and can be heard; True if it was started
        (it answers later, through `_on_speech_started`)."""
        if self._line.state != SpeechState.NONE or not self._voice_enabled:
            return False
        self._ensure_beeps()
        return self._line.start(self._sounds.device_found)

    def _apply_engine_options(self) -> None:
        self._line.apply_options(self._volume, self._voice_rate, self._voice_name)

    def _warn_once(self, key: str, message: str, *args: object) -> None:
        if key in self._warned:
            return
        self._warned.add(key)
        log.warning(message, *args)


def _clamp(value: float, low: float, high: float) -> float:
    if value != value:  # NaN
        return low
    return min(high, max(low, value))


__all__ = ["NO_DEVICE_NOTICE", "NO_SPEECH_NOTICE", "SPEECH_STALLED_NOTICE", "QtCuePlayer"]

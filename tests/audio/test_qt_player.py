"""The real player on this headless machine: it degrades, speaks with the mock
engine, never waits on speech and never raises."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtTextToSpeech import QTextToSpeech

from walkback_desktop.audio.base import Beep, CuePlayer
from walkback_desktop.audio.cue_sounds import CueSounds
from walkback_desktop.audio.qt_player import (
    NO_BEEPS_NOTICE,
    NO_DEVICE_NOTICE,
    NO_SPEECH_NOTICE,
    SPEECH_STALLED_NOTICE,
    QtCuePlayer,
)
from walkback_desktop.core.clock import FakeClock
from walkback_desktop.core.timeline import Cue, CueKind

AUDIO_LOG = "walkback_desktop.audio"
# What Qt itself prints on a machine without a sound server or speech-dispatcher:
# expected here, so these tests do not fail on them.
no_sound_server = pytest.mark.qt_log_ignore(
    r"PulseAudioService: pa_context_connect\(\) failed",
    r"Error loading text-to-speech plug-in",
    r"QSoundEffect: playback of this format is not supported",
)


def cue(kind: CueKind, text: str = "", *, count: int | None = None, at: float = 10.0) -> Cue:
    defaults = {
        CueKind.SEGMENT_START: "Walk backwards, 1 minute.",
        CueKind.TIP: "Chest up",
        CueKind.NEXT_UP: "10 seconds left. Next: Rest.",
        CueKind.HALFWAY: "Halfway there.",
        CueKind.FINISH: "Workout complete. Well done!",
        CueKind.GET_READY: "Get ready. First: Walk forwards, 3 minutes.",
        CueKind.COUNTDOWN: str(count or 3),
    }
    return Cue(at=at, kind=kind, text=text or defaults[kind], segment_index=0, seq=0, count=count)


class StuckEngine(QObject):
    """A speech engine like speechd without a sound server: say() never finishes."""

    stateChanged = Signal(object)  # noqa: N815 - Qt's own name

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = QTextToSpeech.State.Ready
        self.said: list[str] = []
        self.stops = 0
        self.volume: float | None = None
        self.rate: float | None = None

    def state(self):
        return self._state

    def errorString(self) -> str:
        return ""

    def say(self, text: str) -> None:
        self.said.append(text)
        self._set(QTextToSpeech.State.Speaking)

    def stop(self) -> None:
        self.stops += 1
        self._set(QTextToSpeech.State.Ready)

    def finish(self) -> None:
        self._set(QTextToSpeech.State.Ready)

    def fail(self) -> None:
        self._set(QTextToSpeech.State.Error)

    def _set(self, state) -> None:
        if state != self._state:
            self._state = state
            self.stateChanged.emit(state)

    def availableVoices(self) -> list:
        return []

    def setVolume(self, volume: float) -> None:
        self.volume = volume

    def setRate(self, rate: float) -> None:
        self.rate = rate

    def setVoice(self, voice) -> None:  # pragma: no cover - no voices offered
        raise AssertionError("no voice to set")


def _prepared(qtbot, player: QtCuePlayer, *, voice: bool = True) -> QtCuePlayer:
    """Voice on (the engine starts only once it is known to be wanted), prepared."""
    player.set_options(voice_enabled=voice, beeps_enabled=True, volume=1.0)
    player.prepare()
    qtbot.waitUntil(player.ready, timeout=20_000)
    return player


class FakeSounds(CueSounds):
    """A sound device whose beeps are recorded instead of played (or, `broken`,
    all fail to load): no QSoundEffect is made."""

    def __init__(self, *, broken: bool = False) -> None:
        super().__init__(has_output=lambda: True)
        self.played: list[Beep] = []
        self._all_broken = broken

    def load(self) -> None:
        self.checked = True
        self.device_found = True
        if self._all_broken:
            self.broken = set(Beep)

    def load_in_background(self) -> None:
        self.load()
        self.loaded.emit()

    def play(self, beep: Beep, volume: float) -> None:
        self.load()
        if beep not in self.broken:
            self.played.append(beep)


class NoBeeps(QtCuePlayer):
    """The real player on a machine with a sound device whose beeps all fail to
    load: speech is started, countdowns are spoken."""

    def __init__(self, **kwargs) -> None:
        super().__init__(sounds=FakeSounds(broken=True), **kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def stuck(qtbot, clock: FakeClock) -> tuple[QtCuePlayer, StuckEngine]:
    engines: list[StuckEngine] = []

    def factory(parent: QObject) -> StuckEngine:
        engines.append(StuckEngine(parent))
        return engines[-1]

    player = _prepared(qtbot, NoBeeps(clock=clock, engine_factory=factory))
    return player, engines[0]


def test_is_a_cue_player_and_cheap_to_construct(qtbot):
    player: CuePlayer = QtCuePlayer()
    for name in (
        "play",
        "tick",
        "stop",
        "set_options",
        "status",
        "is_speaking",
        "voices",
        "prepare",
    ):
        assert callable(getattr(player, name))
    # Nothing is loaded until prepare(): status is optimistic, nothing speaks.
    assert isinstance(player, QtCuePlayer)
    assert not player.is_prepared
    assert player.status().notice == ""
    assert player.voices() == []
    assert not player.is_speaking()


def test_construction_imports_no_multimedia_or_speech():
    import subprocess

    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen';"
        "from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]);"
        "from walkback_desktop.audio.qt_player import QtCuePlayer; QtCuePlayer();"
        "bad = [m for m in ('PySide6.QtMultimedia', 'PySide6.QtTextToSpeech') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@no_sound_server
def test_headless_machine_degrades_with_a_notice(qtbot, caplog: pytest.LogCaptureFixture):
    from PySide6.QtMultimedia import QMediaDevices

    if QMediaDevices.audioOutputs():
        pytest.skip("this machine has a sound output device")
    caplog.set_level(logging.DEBUG, logger=AUDIO_LOG)
    player = _prepared(qtbot, QtCuePlayer())
    status = player.status()
    assert not status.beeps_available
    assert status.notice == NO_DEVICE_NOTICE
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any("No sound output device" in r.getMessage() for r in warnings)

    for kind in CueKind:
        assert player.play(cue(kind, count=1), 2.5) is True
    player.tick()
    player.stop()
    assert "countdown at 10.000: silent" in caplog.text
    # Said once, not once per cue.
    assert sum("No sound output device" in r.getMessage() for r in warnings) == 1


@no_sound_server
def test_missing_speech_engine_is_reported(qtbot, caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.WARNING, logger=AUDIO_LOG)
    player = _prepared(qtbot, QtCuePlayer(engine="no-such-engine", has_output=lambda: True))
    status = player.status()
    assert not status.speech_available
    assert status.notice == NO_SPEECH_NOTICE
    assert player.voices() == []
    assert "No speech" in caplog.text
    assert player.play(cue(CueKind.TIP), 0.0) is True
    assert not player.is_speaking()
    # Turning voice and beeps off removes the notices: nothing is missing then.
    player.set_options(voice_enabled=False, beeps_enabled=False, volume=1.0)
    assert player.status().notice == ""
    qtbot.waitUntil(player.sounds_settled, timeout=10_000)


@no_sound_server
def test_sound_effect_errors_are_handled(qtbot, caplog: pytest.LogCaptureFixture):
    """Told a device exists when none does, every QSoundEffect ends in Error."""
    from PySide6.QtMultimedia import QMediaDevices

    if QMediaDevices.audioOutputs():
        pytest.skip("this machine has a sound output device")
    caplog.set_level(logging.WARNING, logger=AUDIO_LOG)
    player = _prepared(qtbot, QtCuePlayer(engine="no-such-engine", has_output=lambda: True))
    player.set_options(voice_enabled=False, beeps_enabled=True, volume=1.0)
    qtbot.waitUntil(player.sounds_settled, timeout=10_000)
    status = player.status()
    assert not status.beeps_available
    assert status.notice == NO_BEEPS_NOTICE
    assert "could not be played" in caplog.text
    assert player.play(cue(CueKind.COUNTDOWN, count=3), 0.0) is True
    player.tick()


@no_sound_server
def test_default_engine_either_works_or_says_why(qtbot):
    """Whatever this machine has (speechd may take seconds, or hang without a
    sound server): the engine answers, or is abandoned, and the loop turns."""
    watch = LoopWatch(qtbot)
    player = _prepared(qtbot, QtCuePlayer(has_output=lambda: True, start_timeout_s=8.0))
    assert watch.turns > 0
    status = player.status()
    if status.speech_available:
        assert player.voices()
    else:
        assert status.notice in (NO_SPEECH_NOTICE, SPEECH_STALLED_NOTICE)
    qtbot.waitUntil(player.sounds_settled, timeout=10_000)


@pytest.fixture
def mock_player(qtbot, clock: FakeClock) -> QtCuePlayer:
    # The fake clock never reaches a deadline, so "not speaking" can only come
    # from the engine saying it is done.
    return _prepared(qtbot, NoBeeps(engine="mock", clock=clock))


def test_mock_engine_speaks_and_lists_voices(qtbot, mock_player: QtCuePlayer):
    # The voices for the app's language (English), with their locales.
    assert mock_player.voices()[:2] == ["Bob", "Anne"]
    english = mock_player.voice_choices()
    assert [v.name for v in english][:2] == ["Bob", "Anne"]
    assert {v.language for v in english} == {"en"}
    assert mock_player.status().speech_available
    assert mock_player.play(cue(CueKind.SEGMENT_START), 0.0) is True
    assert mock_player.is_speaking()
    # The engine (in its own process) says when it is done: the fake clock never
    # reaches the utterance's deadline.
    qtbot.waitUntil(lambda: not mock_player.is_speaking(), timeout=5_000)


def test_mock_engine_tip_over_speech_is_dropped_segment_interrupts(
    qtbot, mock_player: QtCuePlayer
):
    assert mock_player.play(cue(CueKind.TIP), 0.0) is True
    assert mock_player.play(cue(CueKind.TIP, "Steady trunk"), 0.0) is False
    assert mock_player.play(cue(CueKind.HALFWAY), 0.0) is True  # beats a tip
    assert mock_player.play(cue(CueKind.TIP), 0.0) is False
    assert mock_player.play(cue(CueKind.SEGMENT_START), 0.0) is True
    assert mock_player.is_speaking()
    qtbot.waitUntil(lambda: not mock_player.is_speaking(), timeout=5_000)
    # Quiet again: a tip is spoken.
    assert mock_player.play(cue(CueKind.TIP), 0.0) is True


def test_mock_engine_takes_voice_rate_and_volume(qtbot, mock_player: QtCuePlayer):
    mock_player.set_options(
        voice_enabled=True, beeps_enabled=True, volume=0.4, voice_name="Anne", voice_rate=0.5
    )
    qtbot.waitUntil(lambda: mock_player.engine_options.get("voice") == "Anne", timeout=5_000)
    assert mock_player.engine_options["rate"] == pytest.approx(0.5)
    assert mock_player.engine_options["volume"] == pytest.approx(0.4)
    # Out-of-range values are clamped, an unknown voice keeps the current one.
    mock_player.set_options(
        voice_enabled=True, beeps_enabled=True, volume=7, voice_name="Nobody", voice_rate=-5
    )
    qtbot.waitUntil(lambda: mock_player.engine_options["rate"] == -1.0, timeout=5_000)
    assert mock_player.engine_options["voice"] == "Anne"
    assert mock_player.engine_options["volume"] == pytest.approx(1.0)


def test_voice_off_speaks_nothing(mock_player: QtCuePlayer):
    mock_player.set_options(voice_enabled=False, beeps_enabled=True, volume=1.0)
    assert mock_player.play(cue(CueKind.SEGMENT_START), 0.0) is True
    assert not mock_player.is_speaking()


def test_stop_silences_speech(qtbot, mock_player: QtCuePlayer):
    mock_player.play(cue(CueKind.GET_READY), 0.0)
    assert mock_player.is_speaking()
    mock_player.stop()
    assert not mock_player.is_speaking()
    assert mock_player.play(cue(CueKind.TIP), 0.0) is True


def test_a_say_that_never_finishes_times_out(
    stuck: tuple[QtCuePlayer, StuckEngine], clock: FakeClock, caplog: pytest.LogCaptureFixture
):
    player, engine = stuck
    caplog.set_level(logging.WARNING, logger=AUDIO_LOG)
    assert player.play(cue(CueKind.TIP), 0.0) is True
    assert engine.said == ["Chest up"]
    assert player.is_speaking()
    assert player.play(cue(CueKind.TIP, "Steady trunk"), 0.0) is False
    clock.advance(60)
    assert not player.is_speaking()
    assert engine.stops == 1
    assert "Speech did not finish" in caplog.text
    # The next cue speaks normally, and the warning is not repeated.
    assert player.play(cue(CueKind.TIP, "Steady trunk"), 0.0) is True
    clock.advance(60)
    assert not player.is_speaking()
    assert caplog.text.count("Speech did not finish") == 1


def test_the_timeout_fires_by_itself(qtbot):
    """No one polls: the player's own timer stops the stuck engine."""
    engines: list[StuckEngine] = []

    def factory(parent: QObject) -> StuckEngine:
        engines.append(StuckEngine(parent))
        return engines[-1]

    player = _prepared(qtbot, NoBeeps(engine_factory=factory, estimate=lambda *_: 0.02))
    assert player.play(cue(CueKind.NEXT_UP), 0.0) is True
    qtbot.waitUntil(lambda: engines[0].stops == 1, timeout=5_000)
    assert not player.is_speaking()


def test_engine_done_ends_the_utterance(stuck: tuple[QtCuePlayer, StuckEngine], clock):
    player, engine = stuck
    player.play(cue(CueKind.NEXT_UP), 0.0)
    clock.advance(0.5)
    engine.finish()
    assert not player.is_speaking()
    assert player.play(cue(CueKind.TIP), 0.0) is True


def test_engine_error_ends_the_utterance(stuck, caplog: pytest.LogCaptureFixture):
    player, engine = stuck
    caplog.set_level(logging.WARNING, logger=AUDIO_LOG)
    player.play(cue(CueKind.NEXT_UP), 0.0)
    engine.fail()
    assert not player.is_speaking()
    assert "speech engine reported an error" in caplog.text


def test_countdown_is_spoken_when_beeps_cannot_be_heard(stuck):
    player, engine = stuck
    player.play(cue(CueKind.COUNTDOWN, count=2), 0.0)
    assert engine.said == ["2"]


def test_segment_start_interrupts_a_tip(stuck, clock: FakeClock):
    player, engine = stuck
    player.play(cue(CueKind.TIP), 0.0)
    clock.advance(1)
    assert player.play(cue(CueKind.SEGMENT_START), 0.0) is True
    assert engine.stops == 1
    assert engine.said == ["Chest up", "Walk backwards, 1 minute."]
    assert player.is_speaking()


def test_options_reach_the_engine(stuck):
    player, engine = stuck
    player.set_options(voice_enabled=True, beeps_enabled=False, volume=0.25, voice_rate=0.3)
    assert engine.volume == pytest.approx(0.25)
    assert engine.rate == pytest.approx(0.3)


def test_play_before_prepare_does_not_wait(qtbot, clock: FakeClock):
    player = NoBeeps(engine="mock", clock=clock)
    player.set_options(voice_enabled=True, beeps_enabled=True, volume=1.0)
    # Not prepared yet: nothing is spoken, but nothing blocks or fails either.
    assert player.play(cue(CueKind.SEGMENT_START), 0.0) is True
    assert not player.is_speaking()
    # The play asked for preparation; the engine arrives later, by itself.
    qtbot.waitUntil(player.ready, timeout=20_000)
    assert player.voices()[:2] == ["Bob", "Anne"]


def test_nothing_escapes_a_broken_engine(qtbot, caplog: pytest.LogCaptureFixture):
    class Exploding(StuckEngine):
        def say(self, text: str) -> None:
            raise RuntimeError("engine crashed")

        def stop(self) -> None:
            raise RuntimeError("engine crashed")

    caplog.set_level(logging.ERROR, logger=AUDIO_LOG)
    player = _prepared(qtbot, NoBeeps(engine_factory=Exploding))
    assert player.play(cue(CueKind.SEGMENT_START), 0.0) is True
    assert not player.is_speaking()
    player.stop()
    player.tick()
    assert "engine crashed" in caplog.text


def test_beep_files_are_what_the_player_loads():
    from walkback_desktop.audio.sounds import sound_path

    for beep in Beep:
        assert sound_path(beep).is_file()


class BeepRecorder(QtCuePlayer):
    """The real player with its sound output replaced by a list of beeps."""

    def __init__(self, **kwargs) -> None:
        sounds = FakeSounds()
        super().__init__(sounds=sounds, **kwargs)
        self.beeps = sounds.played


@pytest.fixture
def beeper(qtbot, clock: FakeClock) -> BeepRecorder:
    return _prepared(qtbot, BeepRecorder(engine="mock", clock=clock))


def test_each_cue_gets_its_beep(beeper: BeepRecorder):
    beeper.set_options(voice_enabled=False, beeps_enabled=True, volume=1.0)
    for kind in CueKind:
        beeper.play(cue(kind, count=2), 0.0)
    beeper.tick()
    assert beeper.beeps == [Beep.COUNTDOWN, Beep.SEGMENT, Beep.FINISH, Beep.TICK]
    assert not beeper.is_speaking()  # voice off: nothing spoken


def test_beeps_off_means_no_beep_and_no_tick(beeper: BeepRecorder):
    beeper.set_options(voice_enabled=True, beeps_enabled=False, volume=1.0)
    beeper.play(cue(CueKind.SEGMENT_START), 0.0)
    beeper.tick()
    assert beeper.beeps == []
    assert beeper.is_speaking()  # the words still come


def test_countdown_with_beeps_is_not_spoken(beeper: BeepRecorder):
    assert beeper.play(cue(CueKind.COUNTDOWN, count=3), 0.0) is True
    assert beeper.beeps == [Beep.COUNTDOWN]
    assert not beeper.is_speaking()


def test_countdown_beep_stops_a_tip(qtbot, beeper: BeepRecorder):
    beeper.play(cue(CueKind.TIP), 0.0)
    assert beeper.is_speaking()
    beeper.play(cue(CueKind.COUNTDOWN, count=3), 0.0)
    assert not beeper.is_speaking()
    assert beeper.beeps == [Beep.COUNTDOWN]


def test_segment_words_wait_for_the_beep(qtbot, beeper: BeepRecorder):
    beeper.play(cue(CueKind.SEGMENT_START), 0.0)
    assert beeper.beeps == [Beep.SEGMENT]
    assert beeper.is_speaking()  # the utterance is claimed at once...
    assert beeper._say_timer.isActive()  # ...spoken after the beep
    qtbot.waitUntil(lambda: not beeper._say_timer.isActive())
    # stop() before the delayed words start cancels them too.
    beeper.stop()
    beeper.play(cue(CueKind.FINISH), 0.0)
    beeper.stop()
    assert not beeper.is_speaking()
    assert not beeper._say_timer.isActive()  # the delayed words will not start


@no_sound_server
def test_a_whole_routine_without_sound_completes_and_says_why(
    qtbot, clock: FakeClock, caplog: pytest.LogCaptureFixture
):
    """Done-when: no speech engine and no sound device -> every cue still returns at
    once, nothing raises, and the log says why it is silent."""
    from PySide6.QtMultimedia import QMediaDevices

    from walkback_desktop.core.timeline import Timeline
    from walkback_desktop.storage.library import load_builtin_routines

    if QMediaDevices.audioOutputs():
        pytest.skip("this machine has a sound output device")
    caplog.set_level(logging.WARNING, logger=AUDIO_LOG)
    routine = next(r for r in load_builtin_routines() if r.id == "knee-friendly-20")
    timeline = Timeline(routine)
    player = _prepared(qtbot, QtCuePlayer(engine="no-such-engine", clock=clock))
    player.set_options(voice_enabled=True, beeps_enabled=True, volume=0.8)
    t = timeline.start_t - 1
    while t < timeline.total_s:
        step = 0.1
        for due in timeline.cues_between(t, t + step):
            assert player.play(due, 0.0) is True
        clock.advance(step)
        t += step
        if round(t * 10) % 10 == 0:
            player.tick()
    assert not player.is_speaking()
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("No sound output device" in m for m in messages)
    assert len(messages) == 1
    assert player.speech_backend is None  # nothing to hear it on: no engine started


# --- the speech engine never holds up the window ----------------------------------
FAKES = "tests.audio.fake_engines"


class LoopWatch:
    """Counts turns of the GUI event loop: a 10 ms timer that only fires while
    the GUI thread is free."""

    def __init__(self, qtbot) -> None:
        from PySide6.QtCore import QTimer

        self.turns = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._turn)
        self.timer.start()

    def _turn(self) -> None:
        self.turns += 1


def test_an_engine_that_never_starts_is_abandoned_and_the_window_keeps_turning(qtbot):
    player = NoBeeps(engine_factory=f"{FAKES}:HangOnStart", start_timeout_s=1.0)
    player.set_options(voice_enabled=True, beeps_enabled=True, volume=1.0)
    watch = LoopWatch(qtbot)
    player.prepare()
    qtbot.waitUntil(lambda: player.speech_backend is not None)
    assert not player.ready()  # the engine is starting: the first cue may wait for it
    turns_before = watch.turns
    qtbot.waitUntil(player.ready, timeout=10_000)
    assert watch.turns - turns_before >= 20  # the loop kept turning while it hung
    status = player.status()
    assert not status.speech_available
    assert "stopped responding" in status.notice
    assert player.play(cue(CueKind.SEGMENT_START), 0.0) is True  # beeps on
    assert not player.is_speaking()


def test_a_stop_that_never_returns_is_abandoned_and_cues_go_on(qtbot, caplog):
    caplog.set_level(logging.WARNING, logger=AUDIO_LOG)
    player = _prepared(qtbot, NoBeeps(engine_factory=f"{FAKES}:HangOnStop", command_timeout_s=0.5))
    assert player.status().speech_available
    watch = LoopWatch(qtbot)
    assert player.play(cue(CueKind.TIP), 0.0) is True
    assert player.is_speaking()
    player.stop()  # the engine hangs in stop(): this returns at once all the same
    assert not player.is_speaking()
    turns_before = watch.turns
    qtbot.waitUntil(lambda: not player.status().speech_available, timeout=10_000)
    assert watch.turns - turns_before >= 10
    assert "did not answer" in caplog.text
    assert player.status().notice
    assert player.play(cue(CueKind.SEGMENT_START), 0.0) is True
    assert not player.is_speaking()  # nothing is spoken now, and nothing waits


def _counting_factory(calls: list[int]):
    def factory(parent: QObject) -> StuckEngine:
        calls.append(1)
        return StuckEngine(parent)

    return factory


def test_voice_off_starts_no_engine(qtbot):
    calls: list[int] = []
    player = NoBeeps(engine_factory=_counting_factory(calls))
    _prepared(qtbot, player, voice=False)
    player.play(cue(CueKind.SEGMENT_START), 0.0)
    player.warm_up()
    assert calls == []
    assert player.speech_backend is None
    # Turned on later: the engine starts then, and ready() waits for it.
    player.set_options(voice_enabled=True, beeps_enabled=True, volume=1.0)
    qtbot.waitUntil(lambda: calls == [1])
    qtbot.waitUntil(player.ready)
    assert player.status().speech_available


def test_voice_not_yet_known_starts_no_engine(qtbot):
    calls: list[int] = []
    player = NoBeeps(engine_factory=_counting_factory(calls))
    player.warm_up()  # before set_options: the app has not said whether voice is on
    qtbot.waitUntil(player.ready)
    assert calls == []


def test_no_output_device_starts_no_engine(qtbot):
    calls: list[int] = []
    player = QtCuePlayer(engine_factory=_counting_factory(calls), has_output=lambda: False)
    _prepared(qtbot, player)
    assert calls == []
    assert player.status().notice == NO_DEVICE_NOTICE
    assert player.play(cue(CueKind.SEGMENT_START), 0.0) is True


@no_sound_server
def test_the_real_player_on_a_headless_machine_starts_no_engine(qtbot):
    from PySide6.QtMultimedia import QMediaDevices

    if QMediaDevices.audioOutputs():
        pytest.skip("this machine has a sound output device")
    player = _prepared(qtbot, QtCuePlayer())
    assert player.ready()
    assert player.speech_backend is None
    assert player.status().notice == NO_DEVICE_NOTICE

"""A whole workout in German, as a person gets it: `walkback settings set language
de`, open the app, walk a routine to the end; every cue spoken and every tip shown
is German. The same run in English is unchanged.

The language is set with the command line, then read the way the app reads it
at start-up (the early settings, before the window). A RecordingCuePlayer stands
at the audio boundary and writes down the words the real player would say for
each cue (`plan_cue`, with the voice on and beeps off, so countdown numbers are
spoken too); time moves with a FakeClock. Never sleeps. The real player, given
an engine with English and German voices, offers the voices of the language set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QApplication

from walkback_desktop import i18n
from walkback_desktop.app import build_main_window, install_language
from walkback_desktop.audio.base import RecordingCuePlayer
from walkback_desktop.audio.plan import plan_cue
from walkback_desktop.audio.qt_player import QtCuePlayer
from walkback_desktop.cli import main as walkback
from walkback_desktop.core.clock import FakeClock
from walkback_desktop.core.timeline import Cue, CueKind
from walkback_desktop.core.workout import RunState
from walkback_desktop.early_settings import read_early_settings
from walkback_desktop.storage.library import load_builtin_routines

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "locale" / "de" / "LC_MESSAGES" / "walkback.po"
# The shortest built-in routine (first-steps-12 today): its labels and tips are
# translated (a custom routine's are the user's own words and stay as written).
ROUTINE = min(load_builtin_routines(), key=lambda r: r.total_seconds)
STEP_S = 0.25
# What Qt prints on a machine without a sound server (the beeps stay silent).
no_sound_server = pytest.mark.qt_log_ignore(
    r"PulseAudioService: pa_context_connect\(\) failed",
    r"QSoundEffect: playback of this format is not supported",
)

# Words (nearly) never German: a spoken text holding one was not translated.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|your|you|with|of|to|is|this|now|Get|ready|First|Next|left|Last|"
    r"Halfway|there|Workout|complete|Well|done|minutes?|seconds?|Walk|walking|"
    r"backwards?|forwards?|Rest|Warm-up|Cool-down|steps?|Keep|Look|Stand)\b"
)


@dataclass
class Heard:
    kind: str
    seq: int
    spoken: str
    language: str  # the app's language when the player was asked to say it


@dataclass
class SpeakingRecorder(RecordingCuePlayer):
    """Records, for every cue played, the words the real player would say."""

    heard: list[Heard] = field(default_factory=list)

    def play(self, cue: Cue, lateness_ms: float) -> bool:
        spoken = plan_cue(cue, beeps=False, voice=True).speech
        self.heard.append(Heard(cue.kind.value, cue.seq, spoken, i18n.current_language()))
        return super().play(cue, lateness_ms)


@dataclass
class Run:
    heard: list[Heard]
    tips_shown: list[str]
    banners: list[str]
    dialog_title: str


def set_language_like_a_user(data_dir: Path, language: str, capsys) -> None:
    """`walkback settings set language <language>`, then what start-up does before
    the window: the early settings give the language, which is installed."""
    assert walkback(["settings", "set", "language", language, "--data-dir", str(data_dir)]) == 0
    capsys.readouterr()
    i18n.set_language("en")  # the command spoke it; the app must find it by itself
    early = read_early_settings(data_dir)
    install_language(QApplication.instance(), str(early.get("language", "system")))


def run_whole_routine(qtbot, data_dir: Path) -> Run:
    clock = FakeClock()
    recorder = SpeakingRecorder()
    window = build_main_window(data_dir, clock=clock, cue_player_factory=lambda _ctx: recorder)
    qtbot.addWidget(window)
    window.show()
    window.ctx.store.settings.update(safety_acknowledged=True)
    window.show_page("workout")
    page = window.page("workout")
    tips_shown: list[str] = []
    banners: list[str] = []

    def after_cue(cue: Cue, _played: bool) -> None:  # connected after the page's own slot
        if cue.kind is CueKind.TIP:
            tips_shown.append(page.player_view.tip_label.text())

    page.controller.cue_played.connect(after_cue)
    page.request_start(ROUTINE.id)
    run = page.controller.run
    assert run is not None
    for _ in range(round((run.timeline.total_s + 10) / STEP_S)):
        clock.advance(STEP_S)
        page.controller.tick()
        banner = page.player_view.kind_label.text()
        if not banners or banners[-1] != banner:
            banners.append(banner)
        if page.controller.state is RunState.FINISHED:
            break
    assert page.controller.state is RunState.FINISHED
    assert page.finish_dialog is not None
    title = page.finish_dialog.windowTitle()
    page.finish_dialog.done(0)
    page.controller.shutdown()
    return Run(recorder.heard, tips_shown, banners, title)


def _german_catalogue() -> dict[str, str]:
    with CATALOGUE.open("rb") as fh:
        catalog = read_po(fh, locale="de", domain="walkback")
    found = {}
    for message in catalog:
        if message.id and message.string and isinstance(message.id, str):
            found[message.id] = str(message.string)
    return found


@pytest.fixture
def english_after():
    yield
    i18n.set_language("en")


def test_a_whole_workout_is_german_and_the_same_in_english_is_unchanged(
    qtbot, tmp_path, capsys, english_after
):
    runs = {}
    for language in ("de", "en"):
        data_dir = tmp_path / language
        data_dir.mkdir()
        set_language_like_a_user(data_dir, language, capsys)
        runs[language] = run_whole_routine(qtbot, data_dir)
    check_german(runs["de"], runs["en"])
    check_english(runs["en"])


def check_german(german: Run, english: Run) -> None:
    """Every cue spoken and tip shown is German, compared cue by cue with English."""
    catalogue = _german_catalogue()
    kinds = {h.kind for h in german.heard}
    assert {"get_ready", "countdown", "segment_start", "next_up", "tip", "halfway"} <= kinds
    assert german.heard[-1].kind == "finish"
    # The same cues in the same order in both languages.
    assert [(h.kind, h.seq) for h in german.heard] == [(h.kind, h.seq) for h in english.heard]
    assert {h.language for h in german.heard} == {"de"}

    not_german = []
    for de, en in zip(german.heard, english.heard, strict=True):
        assert de.spoken, de
        same_word = de.spoken == en.spoken and (
            de.spoken.isdigit() or catalogue.get(en.spoken) == en.spoken
        )
        if (de.spoken == en.spoken and not same_word) or ENGLISH_WORDS.search(de.spoken):
            not_german.append((de.kind, de.spoken))
    assert not not_german

    spoken = [h.spoken for h in german.heard]
    get_ready = catalogue["Get ready. First: {announcement}"].split("{")[0]
    assert spoken[0].startswith(get_ready) and get_ready.strip()
    [halfway] = [h.spoken for h in german.heard if h.kind == "halfway"]
    assert halfway == catalogue["Halfway there."]
    assert spoken[-1] == catalogue["Workout complete. Well done!"]

    # Tips: spoken and shown in German, each the catalogue's German of the routine's tip.
    german_tips = [h.spoken for h in german.heard if h.kind == "tip"]
    english_tips = [h.spoken for h in english.heard if h.kind == "tip"]
    assert german.tips_shown == german_tips
    assert german_tips == [catalogue[tip] for tip in english_tips]
    assert all(de != en for de, en in zip(german_tips, english_tips, strict=True))
    # The large word on the screen and the end-of-workout dialog, too.
    assert len(german.banners) == len(english.banners)
    assert not set(german.banners) & set(english.banners)
    assert german.dialog_title == catalogue["Workout complete"]


def check_english(english: Run) -> None:
    """The English run says what it always said."""
    routine = ROUTINE
    spoken = [h.spoken for h in english.heard]
    first = routine.segments[0]
    assert spoken[0].startswith(f"Get ready. First: {first.label}, ")
    assert spoken[1:4] == ["3", "2", "1"]
    assert spoken[4].startswith(f"{first.label}, ")
    assert "Halfway there." in spoken
    assert spoken[-1] == "Workout complete. Well done!"
    assert any(s.endswith("Last stretch.") for s in spoken)
    # Tips are the routine file's own words.
    own_tips = {tip for segment in routine.segments for tip in segment.tips}
    english_tips = [h.spoken for h in english.heard if h.kind == "tip"]
    assert english_tips and set(english_tips) <= own_tips
    assert english.tips_shown == english_tips
    assert {h.language for h in english.heard} == {"en"}
    assert english.dialog_title == "Workout complete"


class _Voice:
    """What a QVoice tells the player: a name and a locale."""

    def __init__(self, name: str, locale: str) -> None:
        self._name, self._locale = name, locale

    def name(self) -> str:
        return self._name

    def locale(self) -> QLocale:
        return QLocale(self._locale)


class _TwoLanguageEngine(QObject):
    """A speech engine with English and German voices (the machine's real one may
    have neither)."""

    stateChanged = Signal(object)  # noqa: N815 - Qt's own name

    def state(self) -> QTextToSpeech.State:
        return QTextToSpeech.State.Ready

    def errorString(self) -> str:
        return ""

    def availableVoices(self) -> list[_Voice]:
        return [_Voice("Anne", "en_GB"), _Voice("Petra", "de_DE"), _Voice("Bob", "en_US")]

    def setVolume(self, volume: float) -> None:
        pass

    def setRate(self, rate: float) -> None:
        pass

    def say(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass


@no_sound_server
@pytest.mark.parametrize(("language", "voices"), [("de", ["Petra"]), ("en", ["Anne", "Bob"])])
def test_the_player_offers_the_voices_of_the_language_set(
    qtbot, data_dir, capsys, english_after, language, voices
):
    set_language_like_a_user(data_dir, language, capsys)
    player = QtCuePlayer(engine_factory=_TwoLanguageEngine, has_output=lambda: True)
    player.set_options(voice_enabled=True, beeps_enabled=False, volume=1.0)
    player.prepare()
    qtbot.waitUntil(player.ready, timeout=20_000)
    assert player.status().speech_available
    assert [voice.name for voice in player.voice_choices()] == voices
    assert player.voices()[: len(voices)] == voices

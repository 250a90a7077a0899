"""The words of every cue, made at the edge from the core's data: the English
sentences are the ones the timeline used to build itself."""

from __future__ import annotations

import math

import pytest

from tests.helpers import make_routine
from walkback_desktop import i18n
from walkback_desktop.audio.base import Beep
from walkback_desktop.audio.cue_words import WORDS, announce, cue_words, spoken_duration
from walkback_desktop.audio.plan import BEEP_SOUND, plan_cue
from walkback_desktop.core.timeline import CUE_SPECS, CueBeep, CueKind, Timeline

TIPS = {"backward": ("Chest up",)}


def knee_timeline(**options) -> Timeline:
    routine = make_routine((180, "warmup"), (120, "backward"), (30, "rest"), (120, "backward"))
    return Timeline(routine, tips_by_kind=TIPS, **options)


def test_spoken_durations_with_plurals():
    assert spoken_duration(120) == "2 minutes"
    assert spoken_duration(90) == "1 minute 30 seconds"
    assert spoken_duration(45) == "45 seconds"
    assert spoken_duration(61) == "1 minute 1 second"
    assert spoken_duration(60) == "1 minute"
    assert announce("Walk backwards", 120) == "Walk backwards, 2 minutes."


def test_the_timeline_cues_say_what_they_always_said():
    timeline = knee_timeline(get_ready_s=5, tip_interval_s=30)
    first = timeline.cues_between(-math.inf, 0)
    assert [cue_words(c) for c in first] == [
        "Get ready. First: Warmup 1, 3 minutes.",
        "3",
        "2",
        "1",
        "Warmup 1, 3 minutes.",
    ]
    change = timeline.cues_between(165, 180)
    assert cue_words(change[0]) == "10 seconds left. Next: Backward 2."
    assert cue_words(change[-1]) == "Backward 2, 2 minutes."
    words = {c.kind: cue_words(c) for c in timeline.cues}
    assert words[CueKind.HALFWAY] == "Halfway there."
    assert words[CueKind.FINISH] == "Workout complete. Well done!"
    assert words[CueKind.TIP] == "Chest up"
    last_next_up = [c for c in timeline.cues if c.kind is CueKind.NEXT_UP][-1]
    assert cue_words(last_next_up) == "10 seconds left. Last stretch."


@pytest.mark.parametrize("kind", list(CueKind))
def test_every_cue_kind_has_words_and_a_sound(kind):
    # A new CueKind needs its row in CUE_SPECS and its words here: nothing else.
    assert kind in WORDS
    beep = CUE_SPECS[kind].beep
    if beep is not None:
        assert isinstance(BEEP_SOUND[beep], Beep)


def test_every_core_beep_has_a_sound():
    assert set(BEEP_SOUND) == set(CueBeep)


def test_the_words_go_through_the_translation(monkeypatch):
    german = {
        "Workout complete. Well done!": "Training geschafft. Gut gemacht!",
        "{label}, {duration}.": "{label}, {duration}.",
        "{n} minute": "{n} Minute",
        "{n} minutes": "{n} Minuten",
    }

    class Catalogue(i18n.gettext.NullTranslations):
        def gettext(self, message):
            return german.get(message, message)

        def ngettext(self, singular, plural, n):
            return german.get(singular if n == 1 else plural, plural)

    monkeypatch.setattr(i18n, "_translation", Catalogue())
    timeline = knee_timeline(get_ready_s=0)
    assert cue_words(timeline.cues[-1]) == "Training geschafft. Gut gemacht!"
    start = timeline.cues[0]
    assert plan_cue(start, beeps=True, voice=True).speech == "Warmup 1, 3 Minuten."

"""The cue-priority rule and the cue plan, without Qt."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from walkback_desktop.audio.base import Beep
from walkback_desktop.audio.plan import plan_cue
from walkback_desktop.audio.priority import (
    MUST_HEAR,
    SpeechArbiter,
    Verdict,
    estimated_speech_s,
)
from walkback_desktop.core.clock import FakeClock
from walkback_desktop.core.timeline import PRIORITY, Cue, CueKind

TIP = PRIORITY[CueKind.TIP]
NEXT_UP = PRIORITY[CueKind.NEXT_UP]
HALFWAY = PRIORITY[CueKind.HALFWAY]
SEGMENT = PRIORITY[CueKind.SEGMENT_START]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def arbiter(clock: FakeClock) -> SpeechArbiter:
    return SpeechArbiter(clock.monotonic)


def test_must_hear_cues_are_the_timeline_top_priority():
    assert max(PRIORITY.values()) == MUST_HEAR
    for kind in (CueKind.COUNTDOWN, CueKind.SEGMENT_START, CueKind.FINISH, CueKind.GET_READY):
        assert PRIORITY[kind] == MUST_HEAR
    assert PRIORITY[CueKind.NEXT_UP] == PRIORITY[CueKind.HALFWAY] == 2
    assert PRIORITY[CueKind.TIP] == 1


@pytest.mark.parametrize("priority", [TIP, NEXT_UP, SEGMENT])
def test_anything_speaks_into_silence(arbiter: SpeechArbiter, priority: int):
    verdict, utterance = arbiter.request(priority, 3.0)
    assert verdict is Verdict.SPEAK
    assert utterance is not None
    assert arbiter.speaking()


def test_a_tip_over_speech_is_dropped_not_queued(arbiter: SpeechArbiter, clock: FakeClock):
    arbiter.request(TIP, 3.0)
    verdict, utterance = arbiter.request(TIP, 3.0)
    assert verdict is Verdict.DROP
    assert utterance is None
    clock.advance(1.0)
    arbiter.finished()
    # Nothing was remembered: silence stays silence.
    assert not arbiter.speaking()


@pytest.mark.parametrize(
    ("speaking", "incoming", "expected"),
    [
        (TIP, TIP, Verdict.DROP),
        (TIP, NEXT_UP, Verdict.INTERRUPT),
        (TIP, HALFWAY, Verdict.INTERRUPT),
        (TIP, SEGMENT, Verdict.INTERRUPT),
        (NEXT_UP, TIP, Verdict.DROP),
        (NEXT_UP, HALFWAY, Verdict.DROP),
        (HALFWAY, NEXT_UP, Verdict.DROP),
        (NEXT_UP, SEGMENT, Verdict.INTERRUPT),
        (SEGMENT, TIP, Verdict.DROP),
        (SEGMENT, NEXT_UP, Verdict.DROP),
        # The newer of two must-hear cues wins: it is the one that is true now.
        (SEGMENT, SEGMENT, Verdict.INTERRUPT),
    ],
)
def test_priority_table(arbiter: SpeechArbiter, speaking: int, incoming: int, expected: Verdict):
    arbiter.request(speaking, 5.0)
    assert arbiter.decide(incoming) is expected
    verdict, _ = arbiter.request(incoming, 5.0)
    assert verdict is expected


def test_an_interrupting_cue_becomes_the_current_one(arbiter: SpeechArbiter):
    _, tip = arbiter.request(TIP, 5.0)
    _, segment = arbiter.request(SEGMENT, 5.0)
    assert tip is not None
    assert segment is not None
    assert arbiter.current == segment
    # A late "finished" for the tip that was cut off does not end the new one.
    arbiter.finished(tip.token)
    assert arbiter.current == segment
    arbiter.finished(segment.token)
    assert arbiter.current is None


def test_decide_changes_nothing(arbiter: SpeechArbiter):
    arbiter.request(NEXT_UP, 5.0)
    before = arbiter.current
    for priority in (TIP, NEXT_UP, SEGMENT):
        arbiter.decide(priority)
    assert arbiter.current == before


def test_an_utterance_past_its_deadline_no_longer_blocks(arbiter: SpeechArbiter, clock: FakeClock):
    _, first = arbiter.request(SEGMENT, 4.0)
    assert first is not None
    clock.advance(3.9)
    assert arbiter.speaking()
    assert arbiter.overdue() is None
    assert arbiter.seconds_left() == pytest.approx(0.1)
    clock.advance(0.1)
    assert not arbiter.speaking()
    assert arbiter.overdue() == first
    assert arbiter.seconds_left() == 0.0
    # A tip may now speak: the engine that never said "done" cannot hold it up.
    assert arbiter.request(TIP, 2.0)[0] is Verdict.SPEAK
    assert arbiter.overdue() is None


def test_finished_without_speech_is_harmless(arbiter: SpeechArbiter):
    arbiter.finished()
    arbiter.finished(token=42)
    assert not arbiter.speaking()
    assert arbiter.seconds_left() == 0.0


@given(
    st.lists(
        st.tuples(st.sampled_from([TIP, NEXT_UP, SEGMENT]), st.floats(0, 10), st.booleans()),
        max_size=40,
    )
)
def test_never_two_voices_and_must_hear_is_never_dropped(steps):
    clock = FakeClock()
    arbiter = SpeechArbiter(clock.monotonic)
    for priority, gap_s, engine_done in steps:
        clock.advance(gap_s)
        if engine_done:
            arbiter.finished()
        before = arbiter.current
        verdict, utterance = arbiter.request(priority, 3.0)
        if priority >= MUST_HEAR:
            assert verdict is not Verdict.DROP
        if before is None:
            assert verdict is Verdict.SPEAK
        elif verdict is Verdict.DROP:
            assert priority <= before.priority
            assert arbiter.current == before
        else:
            assert verdict is Verdict.INTERRUPT
            assert priority >= before.priority
        if utterance is not None:
            assert arbiter.current == utterance  # exactly one voice at a time


def test_speech_estimate_grows_with_words_and_shrinks_with_rate():
    short = estimated_speech_s("Halfway there.")
    long = estimated_speech_s("Reach back with the toe, then roll onto the heel and keep going")
    assert short < long
    assert estimated_speech_s("Chest up", rate=1.0) < estimated_speech_s("Chest up")
    assert estimated_speech_s("Chest up", rate=-1.0) > estimated_speech_s("Chest up")
    # Out-of-range rates are clamped, empty text still gets a deadline.
    assert estimated_speech_s("x", rate=9) == estimated_speech_s("x", rate=1)
    assert estimated_speech_s("") > 0
    # Generous: a 10-word sentence at normal rate (about 4 s) gets more than that.
    assert estimated_speech_s(" ".join(["word"] * 10)) > 4.0


def _cue(kind: CueKind, text: str = "Walk backwards, 1 minute.", count: int | None = None) -> Cue:
    return Cue(at=10.0, kind=kind, text=text, segment_index=0, seq=0, count=count)


def test_plan_countdown_is_a_beep_and_spoken_only_without_beeps():
    cue = _cue(CueKind.COUNTDOWN, "2", count=2)
    with_beeps = plan_cue(cue, beeps=True, voice=True)
    assert with_beeps.beep is Beep.COUNTDOWN
    assert with_beeps.speech == ""
    no_beeps = plan_cue(cue, beeps=False, voice=True)
    assert no_beeps.beep is None
    assert no_beeps.speech == "2"
    assert plan_cue(cue, beeps=False, voice=False).speech == ""


@pytest.mark.parametrize(
    ("kind", "beep"),
    [
        (CueKind.SEGMENT_START, Beep.SEGMENT),
        (CueKind.FINISH, Beep.FINISH),
        (CueKind.GET_READY, None),
        (CueKind.NEXT_UP, None),
        (CueKind.HALFWAY, None),
        (CueKind.TIP, None),
    ],
)
def test_plan_speaks_the_cue_text(kind: CueKind, beep: Beep | None):
    plan = plan_cue(_cue(kind, " Chest up "), beeps=True, voice=True)
    assert plan.beep is beep
    assert plan.speech == "Chest up"
    assert plan_cue(_cue(kind), beeps=False, voice=True).beep is None
    assert plan_cue(_cue(kind), beeps=True, voice=False).speech == ""

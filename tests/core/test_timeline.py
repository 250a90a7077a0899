from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import make_routine
from walkback_desktop.core.routine import Routine, Segment, SegmentKind
from walkback_desktop.core.timeline import (
    CUE_SPECS,
    CueKind,
    Timeline,
)

TIPS = {"backward": ("Chest up", "Steady trunk", "Short steps"), "warmup": ("Relax",)}


def knee_routine() -> Routine:
    return make_routine((180, "warmup"), (120, "backward"), (30, "rest"), (120, "backward"))


def test_durations_sum_to_the_total():
    timeline = Timeline(knee_routine())
    assert timeline.total_s == 180 + 120 + 30 + 120
    assert timeline.starts == (0, 180, 300, 330)


def test_position_inside_a_segment():
    pos = Timeline(knee_routine()).at(200.5)
    assert pos.index == 1
    assert pos.segment.kind is SegmentKind.BACKWARD
    assert pos.into_s == pytest.approx(20.5)
    assert pos.left_s == pytest.approx(99.5)
    assert pos.remaining_s == pytest.approx(450 - 200.5)
    assert pos.next_segment.kind is SegmentKind.REST
    assert not pos.finished and not pos.getting_ready


def test_boundary_belongs_to_the_segment_that_starts_there():
    assert Timeline(knee_routine()).at(180).index == 1


def test_get_ready_phase_and_finish():
    timeline = Timeline(knee_routine(), get_ready_s=5)
    ready = timeline.at(-2)
    assert ready.getting_ready and ready.index == 0 and ready.elapsed_s == 0
    done = timeline.at(10_000)
    assert done.finished and done.remaining_s == 0 and done.index == 3


def test_first_segment_start_and_get_ready_cues():
    timeline = Timeline(knee_routine(), get_ready_s=5, tips_by_kind=TIPS)
    first = timeline.cues_between(-math.inf, 0)
    assert [c.kind for c in first] == [
        CueKind.GET_READY,
        CueKind.COUNTDOWN,
        CueKind.COUNTDOWN,
        CueKind.COUNTDOWN,
        CueKind.SEGMENT_START,
    ]
    assert [c.count for c in first[1:4]] == [3, 2, 1]
    # Data, not words (audio/cue_words.py says them): the first segment and its length.
    assert (first[0].label, first[0].seconds, first[0].text) == ("Warmup 1", 180, "")


def test_segment_change_cues_in_order():
    timeline = Timeline(knee_routine(), get_ready_s=0, tips_by_kind=TIPS)
    cues = timeline.cues_between(165, 180)
    assert [(c.at, c.kind) for c in cues] == [
        (170, CueKind.NEXT_UP),
        (177, CueKind.COUNTDOWN),
        (178, CueKind.COUNTDOWN),
        (179, CueKind.COUNTDOWN),
        (180, CueKind.SEGMENT_START),
    ]
    assert (cues[0].seconds, cues[0].next_label) == (10, "Backward 2")
    assert (cues[-1].label, cues[-1].seconds) == ("Backward 2", 120)


def test_short_segment_gets_next_up_halfway():
    timeline = Timeline(make_routine((60, "backward"), (20, "rest"), (60, "backward")))
    rest_cues = [c for c in timeline.cues if c.segment_index == 1 and c.kind is CueKind.NEXT_UP]
    assert [c.at for c in rest_cues] == [70]
    assert (rest_cues[0].seconds, rest_cues[0].next_label) == (10, "Backward 3")


def test_tips_rotate_and_keep_clear_of_important_cues():
    timeline = Timeline(knee_routine(), get_ready_s=0, tip_interval_s=30, tips_by_kind=TIPS)
    tips = [c for c in timeline.cues if c.kind is CueKind.TIP]
    backward = [c for c in tips if c.segment_index in (1, 3)]
    assert [c.text for c in backward][:3] == ["Chest up", "Steady trunk", "Short steps"]
    important = [c.at for c in timeline.cues if c.priority >= 2]
    for tip in tips:
        assert all(not (0 <= t - tip.at < 7) for t in important), tip


def test_segment_tips_win_over_the_library():
    routine = Routine(
        id="own-tips",
        name="Own tips",
        segments=(Segment(SegmentKind.BACKWARD, "Back", 120, tips=("Mine",)),),
    )
    tips = [c.text for c in Timeline(routine, tips_by_kind=TIPS).cues if c.kind is CueKind.TIP]
    assert tips and set(tips) == {"Mine"}


def test_no_tips_when_interval_is_zero():
    timeline = Timeline(knee_routine(), tip_interval_s=0, tips_by_kind=TIPS)
    assert not [c for c in timeline.cues if c.kind is CueKind.TIP]


def test_halfway_and_finish():
    timeline = Timeline(make_routine((300, "backward"), (300, "forward")), get_ready_s=0)
    halfway = [c for c in timeline.cues if c.kind is CueKind.HALFWAY]
    # Half-way falls on the segment change, so it follows the announcement.
    assert [c.at for c in halfway] == [304]
    assert timeline.cues[-1].kind is CueKind.FINISH
    assert timeline.cues[-1].at == 600


def test_skip_and_back_are_arithmetic():
    timeline = Timeline(knee_routine())
    assert timeline.skip_target(10) == 180
    assert timeline.skip_target(400) == 450
    assert timeline.back_target(200) == 180
    assert timeline.back_target(181) == 0  # within the grace period: previous segment
    assert timeline.back_target(5) == 0
    assert timeline.back_target(-3) == 0


def test_next_cue_after_is_the_first_strictly_later_cue():
    timeline = Timeline(knee_routine(), get_ready_s=0, tips_by_kind=TIPS)
    # Hand-worked: after the next-up at 170 come the countdown beeps at 177, 178, 179.
    assert timeline.next_cue_after(170).at == 177
    assert timeline.next_cue_after(176.9).at == 177
    assert timeline.next_cue_after(177).count == 2
    assert timeline.next_cue_after(-1).kind is CueKind.SEGMENT_START
    assert timeline.next_cue_after(timeline.total_s) is None


@pytest.mark.parametrize("kind", list(CueKind))
def test_every_cue_kind_has_a_spec(kind):
    # Adding a CueKind needs a row in CUE_SPECS (and its words in audio/cue_words.py).
    # Python's Enum cannot be extended at run time (a class with members cannot be
    # subclassed), so completeness over the enum is what is tested.
    spec = CUE_SPECS[kind]
    assert spec.priority >= 1
    assert set(CUE_SPECS) == set(CueKind)


def test_the_last_cue_when_last_segment_has_no_next():
    timeline = Timeline(make_routine((60, "backward")), get_ready_s=0)
    [next_up] = [c for c in timeline.cues if c.kind is CueKind.NEXT_UP]
    assert next_up.next_label is None


segments_strategy = st.lists(
    st.tuples(st.integers(5, 400), st.sampled_from([k.value for k in SegmentKind])),
    min_size=1,
    max_size=8,
)


@settings(max_examples=150)
@given(
    segments_strategy,
    st.lists(st.floats(0.001, 1.0), min_size=1, max_size=60),
    st.sampled_from([0, 5, 8]),
    st.sampled_from([0, 10, 30, 45]),
)
def test_every_cue_exactly_once_in_order_however_ticks_fall(parts, cuts, ready, tip_every):
    timeline = Timeline(
        make_routine(*parts), get_ready_s=ready, tip_interval_s=tip_every, tips_by_kind=TIPS
    )
    span = timeline.total_s - timeline.start_t
    total_weight = sum(cuts)
    ticks = [timeline.start_t]
    acc = 0.0
    for w in cuts[:-1]:
        acc += w
        ticks.append(timeline.start_t + span * acc / total_weight)
    ticks.append(float(timeline.total_s))
    heard = timeline.cues_between(-math.inf, ticks[0])
    for t0, t1 in itertools.pairwise(ticks):
        heard += timeline.cues_between(t0, t1)
    assert [c.seq for c in heard] == list(range(len(timeline.cues)))
    assert [c.at for c in heard] == sorted(c.at for c in heard)


@settings(max_examples=100)
@given(segments_strategy, st.lists(st.floats(-10, 5000), min_size=2, max_size=40))
def test_positions_are_monotonic(parts, times):
    timeline = Timeline(make_routine(*parts))
    positions = [timeline.at(t) for t in sorted(times)]
    for a, b in itertools.pairwise(positions):
        assert a.elapsed_s <= b.elapsed_s
        assert a.index <= b.index
        assert a.remaining_s >= b.remaining_s
    for p in positions:
        assert 0 <= p.into_s <= p.segment.seconds
        assert p.elapsed_s + p.remaining_s == pytest.approx(timeline.total_s)


@settings(max_examples=100)
@given(segments_strategy)
def test_segment_durations_sum_to_total(parts):
    routine = make_routine(*parts)
    assert Timeline(routine).total_s == sum(s for s, _ in parts) == routine.total_seconds


@settings(max_examples=100)
@given(segments_strategy, st.floats(0, 5000))
def test_skip_lands_on_a_segment_start_ahead(parts, t):
    timeline = Timeline(make_routine(*parts))
    target = timeline.skip_target(t)
    assert target > t or target == timeline.total_s
    assert target in (*timeline.starts, timeline.total_s)
    back = timeline.back_target(t)
    assert back <= max(t, 0) and back in timeline.starts

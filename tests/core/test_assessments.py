"""The guided 3-m Backward Walk Test, driven by a FakeClock (never sleeping)."""

from __future__ import annotations

from datetime import datetime

import pytest

from walkback_desktop.core.assessments import (
    REFERENCES,
    AssessmentResult,
    Phase,
    WalkTest,
    reference,
    valid_seconds,
)
from walkback_desktop.core.clock import FakeClock


def walk_trial(test: WalkTest, clock: FakeClock, seconds: float):
    test.start_trial()
    clock.advance(3)
    test.tick()
    assert test.phase is Phase.TIMING
    clock.advance(seconds)
    return test.stop()


def test_practice_then_two_timed_trials_gives_the_fastest():
    clock = FakeClock()
    test = WalkTest(clock)
    assert test.phase is Phase.SETUP and test.is_practice
    assert walk_trial(test, clock, 7.0).practice
    assert test.phase is Phase.BETWEEN and test.trial_number == 1
    walk_trial(test, clock, 5.4)
    assert test.result() is None
    walk_trial(test, clock, 5.1)
    assert test.phase is Phase.RESULT
    assert test.result() == pytest.approx(5.1)
    assert [round(t.seconds, 1) for t in test.timed] == [5.4, 5.1]


def test_countdown_says_3_2_1_go_once_even_with_a_late_tick():
    clock = FakeClock()
    test = WalkTest(clock)
    test.start_trial()
    assert [c.count for c in test.tick()] == [3]
    clock.advance(2.5)  # a late tick: 2 and 1 both due
    assert [c.count for c in test.tick()] == [2, 1]
    assert test.countdown_left() == pytest.approx(0.5)
    clock.advance(0.5)
    cues = test.tick()
    assert [c.count for c in cues] == [0] and cues[0].is_go
    assert test.phase is Phase.TIMING and test.tick() == []
    clock.advance(4.25)
    assert test.elapsed() == pytest.approx(4.25)


def test_timing_starts_at_go_not_at_the_tick():
    clock = FakeClock()
    test = WalkTest(clock, practice=False, timed_trials=1)
    test.start_trial()
    clock.advance(3.4)  # the first tick after "go" comes 0.4 s late
    test.tick()
    clock.advance(4.0)
    assert test.stop().seconds == pytest.approx(4.4)


def test_cancel_and_repeat_a_trial():
    clock = FakeClock()
    test = WalkTest(clock, practice=False)
    test.start_trial()
    clock.advance(3)
    test.tick()
    clock.advance(2)
    test.cancel_trial()  # the walker stumbled
    assert test.phase is Phase.SETUP and test.trials == []
    walk_trial(test, clock, 6.0)
    test.repeat_trial()  # not happy with it: walk trial 1 again
    assert test.phase is Phase.COUNTDOWN and test.trial_number == 1
    clock.advance(3)
    test.tick()
    clock.advance(5.0)
    test.stop()
    walk_trial(test, clock, 5.5)
    assert test.result() == pytest.approx(5.0)


def test_stopping_during_the_countdown_is_a_false_start():
    clock = FakeClock()
    test = WalkTest(clock)
    test.start_trial()
    clock.advance(1)
    assert test.stop() is None
    assert test.phase is Phase.SETUP and test.trials == []


def test_configurable_number_of_trials():
    clock = FakeClock()
    test = WalkTest(clock, timed_trials=3, practice=False)
    for seconds in (6, 5, 7):
        walk_trial(test, clock, seconds)
    assert test.result() == pytest.approx(5)
    with pytest.raises(ValueError, match="timed_trials"):
        WalkTest(clock, timed_trials=0)


def test_references_are_sourced_screening_values():
    keys = {r.key: r for r in REFERENCES}
    assert keys["carter-2019"].seconds == 4.5
    assert keys["polo-ferrero-2025"].seconds == 5.5
    assert keys["kapan-2025"].seconds == 8.15
    assert all(r.population and r.source and r.doi for r in REFERENCES)
    assert reference().reached_by(5.5) and not reference().reached_by(5.4)
    assert valid_seconds(4.2) and not valid_seconds(0.1) and not valid_seconds(float("nan"))


def test_a_result_needs_an_aware_time():
    with pytest.raises(ValueError, match="timezone-aware"):
        AssessmentResult(taken_at=datetime(2025, 1, 1), seconds=5)

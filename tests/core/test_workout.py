from __future__ import annotations

import pytest

from tests.helpers import make_routine
from walkback_desktop.core.clock import FakeClock
from walkback_desktop.core.timeline import CueKind, Timeline
from walkback_desktop.core.workout import GAP_PAUSE_S, RunState, WorkoutRun


def run_for(routine, ready=5):
    clock = FakeClock()
    run = WorkoutRun(Timeline(routine, get_ready_s=ready, tip_interval_s=0), clock)
    return run, clock


def play(run, clock, seconds, step=0.1):
    heard = []
    for _ in range(round(seconds / step)):
        clock.advance(step)
        heard += [c for c, _ in run.tick().cues]
    return heard


def test_a_whole_run_hears_every_cue_once_and_counts_every_second():
    routine = make_routine((60, "warmup"), (90, "backward"), (30, "cooldown"))
    run, clock = run_for(routine)
    run.start()
    heard = play(run, clock, 5 + 180 + 1, step=0.25)
    assert [c.seq for c in heard] == list(range(len(run.timeline.cues)))
    assert run.state is RunState.FINISHED
    assert run.active_seconds == pytest.approx(180)
    assert run.backward_seconds == pytest.approx(90)
    assert run.segments_completed == 3


def test_pause_freezes_the_clock_and_resume_does_not_jump():
    run, clock = run_for(make_routine((60, "backward")), ready=0)
    run.start()
    play(run, clock, 10)
    run.pause()
    shown = run.t
    clock.advance(120)
    assert run.tick().cues == []
    assert run.t == shown
    run.resume()
    assert run.t == pytest.approx(shown)
    clock.advance(1)
    run.tick()
    assert run.t == pytest.approx(shown + 1)
    assert run.active_seconds == pytest.approx(11)


def test_late_ticks_lose_no_cue_and_report_lateness():
    run, clock = run_for(make_routine((30, "backward"), (30, "rest")), ready=0)
    run.start()
    clock.advance(0.05)
    run.tick()
    heard = []
    for _ in range(6):  # slow ticks, each under the suspend threshold
        clock.advance(3.9)
        heard += run.tick().cues
    assert [(c.kind, round(late, 2)) for c, late in heard] == [(CueKind.NEXT_UP, 3.45)]
    clock.advance(3.6)
    [(cue, late)] = run.tick().cues
    assert cue.kind is CueKind.COUNTDOWN and cue.count == 3
    assert late == pytest.approx(0.05)


def test_skip_jumps_to_next_segment_and_does_not_count_skipped_time():
    run, clock = run_for(make_routine((60, "warmup"), (60, "backward")), ready=0)
    run.start()
    play(run, clock, 10)
    run.skip()
    cues = play(run, clock, 0.1)
    assert cues[0].kind is CueKind.SEGMENT_START and cues[0].segment_index == 1
    assert run.position().index == 1
    assert run.done_seconds[0] == pytest.approx(10, abs=0.01)


def test_back_goes_to_segment_start_then_previous():
    run, clock = run_for(make_routine((60, "warmup"), (60, "backward")), ready=0)
    run.start()
    play(run, clock, 70)
    run.back()
    assert run.t == pytest.approx(60)
    run.back()
    assert run.t == pytest.approx(0)


def test_a_suspend_pauses_without_counting_the_gap():
    run, clock = run_for(make_routine((120, "backward")), ready=0)
    run.start()
    play(run, clock, 20)
    clock.advance(GAP_PAUSE_S + 600)
    result = run.tick()
    assert result.paused_for_gap_s == pytest.approx(GAP_PAUSE_S + 600)
    assert run.state is RunState.PAUSED
    assert run.t == pytest.approx(20, abs=0.11)
    assert result.cues == []
    run.resume()
    play(run, clock, 1)
    assert run.active_seconds == pytest.approx(21, abs=0.11)


def test_stop_keeps_what_was_done():
    run, clock = run_for(make_routine((60, "warmup"), (60, "backward")), ready=5)
    run.start()
    play(run, clock, 5 + 75)
    run.stop()
    assert run.state is RunState.STOPPED
    assert run.active_seconds == pytest.approx(75, abs=0.11)
    assert run.backward_seconds == pytest.approx(15, abs=0.11)


def test_metronome_ticks_at_the_cadence():
    routine = make_routine((60, "backward"))
    routine = routine.with_changes(
        segments=(
            routine.segments[0].__class__(**{**routine.segments[0].__dict__, "cadence_spm": 120}),
        )
    )
    run, clock = run_for(routine, ready=0)
    run.metronome = True
    run.start()
    ticks = 0
    for _ in range(100):
        clock.advance(0.1)
        ticks += run.tick().metronome_ticks
    assert ticks == 20  # 120 steps a minute for 10 s


# --- "completed" means walked, and the records the session stores ----------------------
from datetime import datetime, timedelta, timezone  # noqa: E402

from walkback_desktop.core.workout import COMPLETE_FRACTION, is_complete  # noqa: E402

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def test_the_completion_rule():
    assert COMPLETE_FRACTION == 0.9
    assert is_complete(90.0, 100.0, reached_end=True)
    assert not is_complete(89.9, 100.0, reached_end=True)
    assert not is_complete(100.0, 100.0, reached_end=False)  # stopped: never complete


def test_skipping_through_a_routine_is_not_complete():
    run, clock = run_for(make_routine((60, "warmup"), (90, "backward"), (30, "cooldown")))
    run.start()
    play(run, clock, 5 + 10)  # walks 10 s of the warm-up
    for _ in range(3):
        run.skip()
        clock.advance(0.1)
        run.tick()
    assert run.state is RunState.FINISHED
    assert run.active_seconds == pytest.approx(10.1, abs=0.2)
    assert not run.completed
    session = run.to_session(weight_kg=70, started_at=START, ended_at=START)
    assert not session.completed
    assert session.active_seconds == pytest.approx(10.1, abs=0.2)


def test_walking_it_all_is_complete_and_the_records_are_built():
    routine = make_routine((60, "warmup"), (90, "backward"), (30, "cooldown"))
    run, clock = run_for(routine)
    run.start()
    play(run, clock, 5 + 180 + 0.5, step=0.5)
    assert run.completed
    end = START + timedelta(seconds=185)
    session = run.to_session(
        weight_kg=80, started_at=START, ended_at=end, rpe=4, pain=1, notes="fine"
    )
    assert session.completed and session.source == "app"
    assert (session.active_seconds, session.backward_seconds) == (180, 90)
    assert session.kcal == pytest.approx(round(run.kcal(80), 1))
    assert (session.rpe, session.pain, session.notes) == (4, 1, "fine")
    assert session.routine_id == "test-routine" and session.routine_snapshot
    assert [s.done_seconds for s in session.segments] == [60, 90, 30]
    assert [s.kind for s in session.segments] == ["warmup", "backward", "cooldown"]
    # The caller can mark it incomplete (closing the window), never the reverse.
    forced = run.to_session(weight_kg=80, started_at=START, ended_at=end, completed=False)
    assert not forced.completed


def test_skipping_the_last_few_seconds_still_counts_as_complete():
    # 180 s planned; 170 s walked is 94 %: complete.
    run, clock = run_for(make_routine((60, "warmup"), (90, "backward"), (30, "cooldown")))
    run.start()
    play(run, clock, 5 + 170)
    run.skip()
    clock.advance(0.1)
    run.tick()
    assert run.state is RunState.FINISHED
    assert run.completed


def test_unclamped_time_runs_past_the_end_for_lateness():
    run, clock = run_for(make_routine((10, "backward")), ready=0)
    run.start()
    play(run, clock, 9.8)
    clock.advance(0.7)  # one late tick, past the end
    result = run.tick()
    assert result.just_finished and run.t == 10
    assert run.unclamped_t == pytest.approx(10.5)
    finish = result.cues[-1][0]
    assert run.lateness(finish) == pytest.approx(0.5)
    run.pause()
    assert run.unclamped_t == pytest.approx(10.5)  # finished: pause does nothing

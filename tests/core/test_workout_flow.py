"""The workout's states and the one save/discard rule, without Qt."""

from __future__ import annotations

import pytest

from walkback_desktop.core.workout_flow import Ending, FlowError, FlowState, WorkoutFlow, ending


def running_flow() -> WorkoutFlow:
    flow = WorkoutFlow()
    flow.request_start(checklist_due=False)
    flow.moved(getting_ready=False)
    return flow


def test_checklist_then_get_ready_then_running():
    flow = WorkoutFlow()
    assert flow.request_start(checklist_due=True) is FlowState.CHECKLIST
    assert flow.busy and not flow.active
    assert flow.checklist_answered(True) is FlowState.GET_READY
    flow.moved(getting_ready=True)
    assert flow.state is FlowState.GET_READY
    flow.moved(getting_ready=False)
    assert flow.state is FlowState.RUNNING and flow.active


def test_a_cancelled_checklist_goes_back_to_idle():
    flow = WorkoutFlow()
    flow.request_start(checklist_due=True)
    assert flow.checklist_answered(False) is FlowState.IDLE
    assert not flow.busy


def test_pause_remembers_whether_it_was_the_get_ready_count():
    flow = WorkoutFlow()
    flow.request_start(checklist_due=False)
    flow.paused(getting_ready=True)
    assert flow.state is FlowState.PAUSED
    flow.resumed()
    assert flow.state is FlowState.GET_READY
    flow.moved(getting_ready=False)
    flow.paused(getting_ready=False)
    flow.resumed()
    assert flow.state is FlowState.RUNNING


@pytest.mark.parametrize(
    ("walked_s", "closing", "expected"),
    [
        (0.0, False, Ending.DISCARD),
        (0.0, True, Ending.DISCARD),
        (0.5, False, Ending.DISCARD),  # under a second: a skip's leftovers
        (1.0, False, Ending.REVIEW),
        (35.0, True, Ending.SAVE),
    ],
)
def test_stop_with_time_walked_keeps_it_otherwise_discards(walked_s, closing, expected):
    assert ending(walked_s, closing=closing) is expected
    flow = running_flow()
    assert flow.stopped(walked_s, closing=closing) is expected
    kept = expected is not Ending.DISCARD
    assert flow.state is (FlowState.REVIEWING if kept else FlowState.DISCARDED)


def test_a_failed_save_keeps_reviewing_until_saved():
    flow = running_flow()
    flow.stopped(60.0)
    flow.save_failed()
    assert flow.reviewing and flow.busy
    flow.saved()
    assert flow.state is FlowState.SAVED and not flow.busy
    assert flow.request_start(checklist_due=False) is FlowState.GET_READY


def test_a_second_start_while_busy_is_refused():
    flow = running_flow()
    with pytest.raises(FlowError):
        flow.request_start(checklist_due=False)
    flow.stopped(10.0)
    with pytest.raises(FlowError):
        flow.request_start(checklist_due=False)  # still being reviewed
    flow.discarded()
    assert not flow.busy


def test_nothing_to_stop_when_idle():
    with pytest.raises(FlowError):
        WorkoutFlow().stopped(5.0)

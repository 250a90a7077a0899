"""The workout's states and the one rule for what happens to a workout that ends.

    idle -> checklist -> get-ready -> running <-> paused -> reviewing -> saved
                 |           |____________________________|        \\-> discarded
                 \\-> idle (checklist cancelled)   stop with nothing walked -> discarded

`WorkoutFlow` is pure: the page and the controller tell it what happened and
ask it what to do. The rule that used to be written out three times lives in
`ending`: a workout that stops (or reaches its end, or is running when the
window closes) with time walked (a second or more) is kept (reviewed on the finish screen, or
saved at once when the window is closing); with nothing walked it is dropped.
A save that fails leaves the flow reviewing, so nothing is lost and the save
can be retried.
"""

from __future__ import annotations

from enum import Enum


class FlowState(str, Enum):
    IDLE = "idle"
    CHECKLIST = "checklist"
    GET_READY = "get_ready"
    RUNNING = "running"
    PAUSED = "paused"
    REVIEWING = "reviewing"
    SAVED = "saved"
    DISCARDED = "discarded"


class Ending(str, Enum):
    """What to do with a workout that has stopped."""

    REVIEW = "review"  # show the finish screen: effort, pain, notes, then save or discard
    SAVE = "save"  # save at once, as it is (the window is closing)
    DISCARD = "discard"  # nothing was walked: nothing to keep


class FlowError(RuntimeError):
    """A step that makes no sense now (e.g. starting while a workout is under way)."""


# Less than this walked is nothing walked (a skip leaves a microsecond behind).
NOTHING_WALKED_S = 1.0

_ACTIVE = frozenset({FlowState.GET_READY, FlowState.RUNNING, FlowState.PAUSED})
_AT_REST = frozenset({FlowState.IDLE, FlowState.SAVED, FlowState.DISCARDED})


def ending(walked_s: float, *, closing: bool = False) -> Ending:
    """Stop with time walked: offer to save (or save, when closing); otherwise discard."""
    if walked_s < NOTHING_WALKED_S:
        return Ending.DISCARD
    return Ending.SAVE if closing else Ending.REVIEW


class WorkoutFlow:
    def __init__(self) -> None:
        self.state = FlowState.IDLE
        self._paused_in_get_ready = False

    # --- questions ----------------------------------------------------------------
    @property
    def active(self) -> bool:
        """A workout is under way (counting in, running or paused)."""
        return self.state in _ACTIVE

    @property
    def busy(self) -> bool:
        """A new workout cannot start: one is under way, being reviewed or checked in."""
        return self.state not in _AT_REST

    @property
    def reviewing(self) -> bool:
        return self.state is FlowState.REVIEWING

    # --- steps ----------------------------------------------------------------------
    def request_start(self, *, checklist_due: bool) -> FlowState:
        """Start a workout: the safety checklist first when it is due."""
        if self.busy:
            raise FlowError("a workout is already under way")
        self.state = FlowState.CHECKLIST if checklist_due else FlowState.GET_READY
        return self.state

    def checklist_answered(self, accepted: bool) -> FlowState:
        self._expect(FlowState.CHECKLIST)
        self.state = FlowState.GET_READY if accepted else FlowState.IDLE
        return self.state

    def moved(self, *, getting_ready: bool) -> None:
        """The run ticked: the get-ready count ends when the first segment starts."""
        if self.state is FlowState.GET_READY and not getting_ready:
            self.state = FlowState.RUNNING

    def paused(self, *, getting_ready: bool) -> None:
        if self.state in (FlowState.GET_READY, FlowState.RUNNING):
            self._paused_in_get_ready = getting_ready
            self.state = FlowState.PAUSED

    def resumed(self) -> None:
        if self.state is FlowState.PAUSED:
            self.state = FlowState.GET_READY if self._paused_in_get_ready else FlowState.RUNNING

    def stopped(self, walked_s: float, *, closing: bool = False) -> Ending:
        """The run stopped or reached its end with `walked_s` walked: what now."""
        if not self.active:
            raise FlowError(f"nothing to stop ({self.state.value})")
        result = ending(walked_s, closing=closing)
        self.state = FlowState.DISCARDED if result is Ending.DISCARD else FlowState.REVIEWING
        return result

    def saved(self) -> None:
        self._expect(FlowState.REVIEWING)
        self.state = FlowState.SAVED

    def discarded(self) -> None:
        self._expect(FlowState.REVIEWING)
        self.state = FlowState.DISCARDED

    def save_failed(self) -> None:
        """The session could not be stored: keep reviewing, so it can be retried."""
        self._expect(FlowState.REVIEWING)

    def _expect(self, state: FlowState) -> None:
        if self.state is not state:
            raise FlowError(f"expected {state.value}, the workout is {self.state.value}")

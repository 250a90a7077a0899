"""Who may speak now: the cue-priority rule, kept free of Qt so it is easy to test.

Cues never talk over each other (issue 3, item 7):

* nothing is being spoken -> speak;
* a cue of higher priority than the one being spoken -> interrupt it and speak;
* a "must hear" cue (priority >= MUST_HEAR: get ready, countdown, segment start,
  finish) also replaces an equal-priority one still talking: the newer of two
  such cues is the one that is true now, and losing "Walk backwards, 2 minutes"
  because a long "get ready" overran would be worse than cutting that short;
* anything else (a tip, "next up" or "halfway" over speech of equal or higher
  priority) is dropped, never queued to play late.

An utterance counts as finished when the engine says so (`finished()`) or when
its deadline passes, whichever comes first; the deadline is a generous estimate
of how long the text takes to say, so a speech engine that never reports the
end (no sound server) can never block later cues.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from walkback_desktop.core.timeline import PRIORITY, CueKind

MUST_HEAR = PRIORITY[CueKind.SEGMENT_START]

# Speech at rate 0 is about 150 words a minute; a rate of +1 about doubles it.
WORDS_PER_S_AT_RATE_0 = 2.5
TIMEOUT_FACTOR = 1.5
TIMEOUT_MARGIN_S = 2.0


def estimated_speech_s(text: str, rate: float = 0.0) -> float:
    """A generous upper bound, in seconds, for speaking `text` at `rate` (-1..1)."""
    words = max(1, len(text.split()))
    rate = min(1.0, max(-1.0, rate))
    speaking = words / (WORDS_PER_S_AT_RATE_0 * 2.0**rate)
    return speaking * TIMEOUT_FACTOR + TIMEOUT_MARGIN_S


class Verdict(str, Enum):
    SPEAK = "speak"  # nothing is being spoken
    INTERRUPT = "interrupt"  # stop the current utterance, then speak
    DROP = "drop"  # do not speak this cue at all


@dataclass(frozen=True)
class Utterance:
    priority: int
    started_at: float
    deadline: float
    token: int


class SpeechArbiter:
    """Decides, for each spoken cue, whether to speak, interrupt or drop it.

    `now` is a monotonic time source in seconds (injected so tests never wait).
    """

    def __init__(self, now: Callable[[], float]) -> None:
        self._now = now
        self._current: Utterance | None = None
        self._tokens = 0

    @property
    def current(self) -> Utterance | None:
        """The utterance still being spoken, if any (an overdue one is not)."""
        if self._current is not None and self._now() >= self._current.deadline:
            return None
        return self._current

    def speaking(self) -> bool:
        return self.current is not None

    def overdue(self) -> Utterance | None:
        """The utterance whose deadline passed without the engine finishing it."""
        if self._current is not None and self._now() >= self._current.deadline:
            return self._current
        return None

    def decide(self, priority: int) -> Verdict:
        """What to do with a cue of `priority`, without changing any state."""
        current = self.current
        if current is None:
            return Verdict.SPEAK
        if priority > current.priority or (priority >= MUST_HEAR and priority == current.priority):
            return Verdict.INTERRUPT
        return Verdict.DROP

    def request(self, priority: int, expected_s: float) -> tuple[Verdict, Utterance | None]:
        """Decide and, unless dropped, record the new utterance as the one speaking."""
        verdict = self.decide(priority)
        if verdict is Verdict.DROP:
            return verdict, None
        self._tokens += 1
        now = self._now()
        self._current = Utterance(priority, now, now + max(0.0, expected_s), self._tokens)
        return verdict, self._current

    def finished(self, token: int | None = None) -> None:
        """The engine finished (or was stopped). With a token, only that utterance ends."""
        if self._current is not None and (token is None or token == self._current.token):
            self._current = None

    def seconds_left(self) -> float:
        """Seconds until the current utterance's deadline (0 if none)."""
        if self._current is None:
            return 0.0
        return max(0.0, self._current.deadline - self._now())

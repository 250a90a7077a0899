"""Durations as people type them: "2:30", "90" or "1:02:00"."""

from __future__ import annotations

import re

_PARTS = re.compile(r"^\s*(\d{1,3})(?::(\d{1,2}))?(?::(\d{1,2}))?\s*$")


def parse_duration(text: str) -> int | None:
    """Seconds for `m:ss`, `h:mm:ss` or plain seconds; None if it is not a duration."""
    match = _PARTS.match(text)
    if match is None:
        return None
    numbers = [int(g) for g in match.groups() if g is not None]
    if len(numbers) == 1:
        return numbers[0]
    if any(n >= 60 for n in numbers[1:]):
        return None
    if len(numbers) == 2:
        return numbers[0] * 60 + numbers[1]
    return numbers[0] * 3600 + numbers[1] * 60 + numbers[2]


def format_mm_ss(seconds: int) -> str:
    """`m:ss` even past an hour (the editor's unit), e.g. 75:00."""
    minutes, secs = divmod(max(0, seconds), 60)
    return f"{minutes}:{secs:02d}"

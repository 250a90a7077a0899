"""The tip library: short form and safety cues by segment kind."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from walkback_desktop.core.routine import MAX_TIP, RoutineError, SegmentKind

TIPS_FORMAT = "walkback-tips"


def parse_tip_library(text: str) -> dict[str, tuple[str, ...]]:
    """Parse `tips.json`; raise RoutineError with a readable reason."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise RoutineError(f"the tip library is not valid JSON ({exc})") from exc
    if not isinstance(data, Mapping) or data.get("format") != TIPS_FORMAT:
        raise RoutineError(f'the tip library must have format "{TIPS_FORMAT}"')
    tips = data.get("tips")
    if not isinstance(tips, Mapping):
        raise RoutineError("the tip library has no tips")
    library: dict[str, tuple[str, ...]] = {}
    for kind in SegmentKind:
        entries = tips.get(kind.value, [])
        if not isinstance(entries, list) or not all(
            isinstance(t, str) and 0 < len(t.strip()) <= MAX_TIP for t in entries
        ):
            raise RoutineError(f"tips for {kind.value} must be a list of short phrases")
        library[kind.value] = tuple(t.strip() for t in entries)
    return library


def load_tip_library(path: Path) -> dict[str, tuple[str, ...]]:
    return parse_tip_library(path.read_text(encoding="utf-8"))

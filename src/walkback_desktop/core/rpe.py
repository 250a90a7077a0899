"""Borg CR10 words for "how hard was it?" (rating of perceived exertion, 0-10).

The words follow the category-ratio scale people are shown in clinics, in
plain English: 0 "Nothing at all" up to 10 "Maximal". In-between numbers
without a word of their own take the word below them, marked "+" where the
scale leaves a gap (6 is "Hard+", 8 and 9 "Very hard+").
"""

from __future__ import annotations

import math

RPE_MIN = 0
RPE_MAX = 10

# The anchors of the scale; the other numbers take the nearest anchor below.
BORG_CR10_ANCHORS: dict[float, str] = {
    0: "Nothing at all",
    0.5: "Very, very light",
    1: "Very light",
    2: "Light",
    3: "Moderate",
    4: "Somewhat hard",
    5: "Hard",
    7: "Very hard",
    10: "Maximal",
}


def rpe_word(value: float) -> str:
    """The Borg CR10 word for a rating; raise ValueError outside 0-10."""
    if not isinstance(value, (int, float)) or math.isnan(value) or not 0 <= value <= RPE_MAX:
        raise ValueError(f"a rating must be from {RPE_MIN} to {RPE_MAX}, got {value!r}")
    anchor = max(a for a in BORG_CR10_ANCHORS if a <= value)
    word = BORG_CR10_ANCHORS[anchor]
    return word if anchor == value else f"{word}+"


def rpe_label(value: int) -> str:
    """'5 - Hard', for a picker or a report."""
    return f"{value} – {rpe_word(value)}"


def pain_word(value: int) -> str:
    """Plain words for a 0-10 pain rating (numeric rating scale)."""
    if not 0 <= value <= 10:
        raise ValueError(f"pain must be from 0 to 10, got {value!r}")
    if value == 0:
        return "No pain"
    if value <= 3:
        return "Mild"
    if value <= 6:
        return "Moderate"
    return "Severe"

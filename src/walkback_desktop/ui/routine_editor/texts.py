"""The editor's and the Routines page's sentences, made from the core's data.

Everything a person reads about a routine is rendered here through `_()`, so
the core keeps returning numbers and codes.
"""

from __future__ import annotations

from walkback_desktop.core import energy
from walkback_desktop.core.routine import LEVEL_TITLES, Goal, Level, Segment, SegmentKind
from walkback_desktop.core.routine_draft import DraftTotals
from walkback_desktop.i18n import _, formats, ngettext
from walkback_desktop.ui.widgets.segment_strip import KIND_NAMES


def level_title(level: Level) -> str:
    return _(LEVEL_TITLES[level])


def goal_title(goal: Goal) -> str:
    return _(goal.title)


def kind_name(kind: SegmentKind) -> str:
    """The kind's name as the workout banner spells it ("Warm-up", "Cool-down")."""
    return _(KIND_NAMES[kind])


def met_description(met: float, kind: SegmentKind) -> str:
    """What a MET value stands for, e.g. "6.0 MET — walking, backwards, 3.5 mph, level
    (Compendium 17320)"."""
    basis = energy.met_basis(met, kind.value)
    if basis.entry is None:
        return _(
            "{met} MET — your own value (the usual value for {kind} is {usual}: {activity})"
        ).format(
            met=f"{met:.1f}",
            kind=kind_name(kind).lower(),
            usual=f"{basis.usual.met:.1f}",
            activity=basis.usual.activity,
        )
    return _("{met} MET — {activity} (Compendium {code})").format(
        met=f"{basis.entry.met:.1f}", activity=basis.entry.activity, code=basis.entry.code
    )


def weight_text(weight_kg: float, units: str) -> str:
    """The person's weight in the units they chose, e.g. "70 kg" or "154 lb"."""
    if units == "imperial":
        return _("{weight} lb").format(weight=f"{energy.kg_to_lb(weight_kg):.0f}")
    return _("{weight} kg").format(weight=f"{weight_kg:g}")


def segment_count(n: int) -> str:
    return ngettext("{n} segment", "{n} segments", n).format(n=n)


def totals_text(totals: DraftTotals, weight: str) -> str:
    """The line under the editor's table."""
    return _(
        "Total {total}   ·   backward {backward}   ·   about {kcal} kcal at {weight}"
        "   ·   {segments}"
    ).format(
        total=formats.duration(totals.total_s),
        backward=formats.minutes(totals.backward_s),
        kcal=f"{totals.kcal:.0f}",
        weight=weight,
        segments=segment_count(totals.segment_count),
    )


def template_segments(tips: dict[str, tuple[str, ...]]) -> tuple[Segment, ...]:
    """A new routine's starting point: warm-up, a backward bout, a cool-down."""

    def some(kind: SegmentKind) -> tuple[str, ...]:
        return tuple(tips.get(kind.value, ())[:3])

    return (
        Segment(SegmentKind.WARMUP, _("Walk forwards, easy"), 180, tips=some(SegmentKind.WARMUP)),
        Segment(SegmentKind.BACKWARD, _("Walk backwards"), 300, tips=some(SegmentKind.BACKWARD)),
        Segment(
            SegmentKind.COOLDOWN, _("Walk forwards, slow"), 120, tips=some(SegmentKind.COOLDOWN)
        ),
    )

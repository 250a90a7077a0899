"""Energy estimates from MET values.

MET values come from the 2011 Compendium of Physical Activities
(Ainsworth et al., Med Sci Sports Exerc 2011;43:1575-81), cited by activity
code. One MET is about 1 kcal per kg of body weight per hour, so a gross
estimate is MET x weight (kg) x time (h); the net estimate, the energy above
resting, uses MET - 1.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MetEntry:
    met: float
    code: str
    activity: str


# Compendium 2011 entries the app uses.
BACKWARD_LEVEL = MetEntry(6.0, "17320", "walking, backwards, 3.5 mph, level")
BACKWARD_UPHILL_5PCT = MetEntry(8.0, "17325", "walking, backwards, 3.5 mph, uphill, 5% grade")
FORWARD_SLOW = MetEntry(2.8, "17152", "walking, 2.0 mph, level, slow pace, firm surface")
FORWARD_MODERATE = MetEntry(
    3.5, "17190", "walking, 2.8 to 3.2 mph, level, moderate pace, firm surface"
)
# Forward walking at the speed the backward entries assume (3.5 mph).
FORWARD_BRISK = MetEntry(4.3, "17200", "walking, 3.5 mph, level, brisk, firm surface")
# Forward walking uphill at about the backward uphill entry's grade.
FORWARD_UPHILL_5PCT = MetEntry(5.3, "17210", "walking, 2.9 to 3.5 mph, uphill, 1 to 5% grade")
STANDING = MetEntry(1.3, "07040", "standing quietly, standing in a line")
# The Compendium has no entry for balance drills; standing light effort is the
# closest match.
BALANCE_STANDING = MetEntry(2.3, "21015", "standing, light work")

DEFAULT_BY_KIND: dict[str, MetEntry] = {
    "warmup": FORWARD_SLOW,
    "backward": BACKWARD_LEVEL,
    "forward": FORWARD_BRISK,
    "rest": STANDING,
    "balance": BALANCE_STANDING,
    "cooldown": FORWARD_SLOW,
}

ALL_ENTRIES: tuple[MetEntry, ...] = (
    BACKWARD_LEVEL,
    BACKWARD_UPHILL_5PCT,
    FORWARD_SLOW,
    FORWARD_MODERATE,
    FORWARD_BRISK,
    FORWARD_UPHILL_5PCT,
    STANDING,
    BALANCE_STANDING,
)

DEFAULT_WEIGHT_KG = 70.0
LB_PER_KG = 2.2046226218


def default_met(kind: str) -> float:
    """The MET assumed for a segment kind when the routine gives none."""
    return DEFAULT_BY_KIND[kind].met


def met_entry_for(met: float) -> MetEntry | None:
    """The Compendium entry with exactly this MET, if any (to explain a value)."""
    for entry in ALL_ENTRIES:
        if abs(entry.met - met) < 1e-9:
            return entry
    return None


@dataclass(frozen=True)
class MetBasis:
    """What a segment's MET value stands for (the editor explains it in a sentence).

    `entry` is the Compendium entry with exactly this value, or None for a
    person's own value; `usual` is the entry assumed for the segment's kind.
    """

    met: float
    entry: MetEntry | None
    usual: MetEntry


def met_basis(met: float, kind: str) -> MetBasis:
    return MetBasis(met=met, entry=met_entry_for(met), usual=DEFAULT_BY_KIND[kind])


def kcal(met: float, weight_kg: float, seconds: float) -> float:
    """Gross energy in kcal: MET x weight (kg) x hours."""
    if met < 0 or weight_kg < 0 or seconds < 0:
        raise ValueError("met, weight and time must not be negative")
    return met * weight_kg * seconds / 3600.0


def net_kcal(met: float, weight_kg: float, seconds: float) -> float:
    """Energy above resting: (MET - 1) x weight (kg) x hours."""
    return kcal(max(met - 1.0, 0.0), weight_kg, seconds)


def kg_to_lb(kg: float) -> float:
    return kg * LB_PER_KG


def lb_to_kg(lb: float) -> float:
    return lb / LB_PER_KG

"""The routine editor's model, without Qt: edits, problems with their segment, totals."""

from __future__ import annotations

import pytest

from walkback_desktop.core.energy import met_basis
from walkback_desktop.core.routine import Goal, Routine, Segment, SegmentKind
from walkback_desktop.core.routine_draft import RoutineDraft


def knee() -> Routine:
    return Routine(
        id="knee-physio",
        name="Knee physio",
        segments=(
            Segment(SegmentKind.WARMUP, "Easy forwards", 120),
            Segment(SegmentKind.BACKWARD, "Backwards", 90, met=5.0),
            Segment(SegmentKind.COOLDOWN, "Slow forwards", 60),
        ),
    )


def test_an_unchanged_draft_gives_back_the_routine():
    draft = RoutineDraft.from_routine(knee())
    assert draft.problems() == []
    assert draft.checked() == knee()


def test_edits_change_fields_and_segments():
    draft = RoutineDraft.from_routine(knee())
    draft.set_field("goal", Goal.KNEE)
    draft.move_segment(0, 2)
    assert [s.label for s in draft.segments] == ["Backwards", "Slow forwards", "Easy forwards"]
    removed = draft.remove_segment(1)
    draft.insert_segment(0, removed)
    assert draft.segments[0].label == "Slow forwards"
    assert draft.checked().goal is Goal.KNEE
    with pytest.raises(KeyError):
        draft.set_field("segments", [])


def test_a_problem_points_at_its_segment():
    draft = RoutineDraft.from_routine(knee())
    draft.replace_segment(1, Segment(SegmentKind.BACKWARD, "Backwards", 2))
    [problem] = draft.problems()
    assert problem.segment == 1 and problem.field == "seconds"
    assert str(problem) == "segment 2: seconds must be between 5 and 3600, got 2"


def test_an_unreadable_duration_comes_first_and_blocks_saving():
    draft = RoutineDraft.from_routine(knee())
    draft.unreadable_duration = 0
    draft.set_field("name", "")
    problems = draft.problems()
    assert [(p.code, p.segment) for p in problems] == [
        ("duration_unreadable", 0),
        ("empty_text", None),
    ]
    assert str(problems[0]) == "segment 1: duration must be minutes:seconds, like 2:30"


def test_the_last_segment_cannot_be_removed_and_moves_stay_inside():
    draft = RoutineDraft.from_routine(knee())
    assert draft.can_move(0, 1) and not draft.can_move(0, -1) and not draft.can_move(2, 1)
    draft.remove_segment(0)
    draft.remove_segment(0)
    assert not draft.can_remove(0)


def test_totals_by_hand():
    totals = RoutineDraft.from_routine(knee()).totals(70.0)
    assert (totals.total_s, totals.backward_s, totals.segment_count) == (270, 90, 3)
    # 2.8 MET x 70 kg x 2 min + 5.0 x 70 x 1.5 min + 2.8 x 70 x 1 min
    assert totals.kcal == pytest.approx(6.5333 + 8.75 + 3.2667, abs=1e-3)


def test_met_basis_names_the_compendium_entry_or_the_usual_one():
    basis = met_basis(6.0, "backward")
    assert basis.entry is not None and basis.entry.code == "17320"
    own = met_basis(5.0, "backward")
    assert own.entry is None and own.usual.met == 6.0

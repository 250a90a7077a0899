"""Built-in programs: valid, named by id, citing their protocol, and using
routines that exist with the durations the protocol prescribes."""

from __future__ import annotations

import re

from walkback_desktop.core.programs import FILE_SUFFIX, Program
from walkback_desktop.core.routine import SegmentKind
from walkback_desktop.resources import resource_path
from walkback_desktop.storage.library import load_builtin_routines
from walkback_desktop.storage.program_library import load_builtin_programs

ROUTINES = {r.id: r for r in load_builtin_routines()}


def test_every_builtin_program_is_valid_named_by_its_id_and_uses_existing_routines():
    files = sorted(resource_path("programs").glob(f"*{FILE_SUFFIX}"))
    assert len(files) >= 4
    for path in files:
        program = Program.from_json(path.read_bytes())
        assert path.name == program.id + FILE_SUFFIX
        program.check_routines(ROUTINES.get)
        assert re.search(r"(19|20)\d\d", program.description), program.id  # cites its source
    assert len(load_builtin_programs()) == len(files)


def _program(program_id: str) -> Program:
    return {p.id: p for p in load_builtin_programs()}[program_id]


def test_knee_program_follows_the_knee_oa_trial_dose():
    program = _program("knee-oa-6-weeks")
    assert program.week_count == 6 and {w.sessions for w in program.weeks} == {3}
    for week in range(1, 7):
        routine = program.routine_for_week(week, ROUTINES.get)
        assert routine.backward_seconds == 10 * 60
        assert routine.segments[0].kind is SegmentKind.WARMUP
    assert "Alghadir" in program.description


def test_low_back_program_is_15_minutes_three_times_a_week_for_three_weeks():
    program = _program("low-back-3-weeks")
    assert program.week_count == 3 and {w.sessions for w in program.weeks} == {3}
    routine = program.routine_for_week(1, ROUTINES.get)
    assert routine.backward_seconds == 15 * 60
    assert routine.segments[0].kind is SegmentKind.WARMUP
    assert "Dufek" in program.description


def test_balance_program_checks_at_start_middle_and_end():
    program = _program("balance-older-adults-8-weeks")
    assert program.week_count == 8 and program.checks == (1, 4, 8)


def test_getting_started_builds_up_gently():
    program = _program("getting-started-4-weeks")
    assert program.week_count == 4
    assert [w.sessions for w in program.weeks] == [2, 2, 3, 3]
    backward = [program.routine_for_week(w, ROUTINES.get).backward_seconds for w in (1, 2, 3, 4)]
    assert backward == sorted(backward) and backward[-1] > backward[0]

"""The `*.walkback-program.json` format: round trip and readable refusals."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from walkback_desktop.core.programs import (
    Program,
    ProgramError,
    Progression,
    with_extra_backward,
)
from walkback_desktop.core.routine import Routine, RoutineError, Segment, SegmentKind


def base(**changes):
    data = {
        "format": "walkback-program",
        "version": 1,
        "id": "knee-plan",
        "name": "Knee plan",
        "description": "Alghadir 2019",
        "audience": ["knee"],
        "weeks": [{"sessions": 3, "routine": "knee-friendly-20"}] * 2,
        "checks": [1, 2],
    }
    data.update(changes)
    return data


def refuse(data) -> ProgramError:
    with pytest.raises(ProgramError) as info:
        Program.from_dict(data)
    return info.value


def test_round_trip_with_embedded_routine_and_progression():
    embedded = Routine(
        id="my-walk", name="Mine", segments=(Segment(SegmentKind.BACKWARD, "Back", 120),)
    )
    data = base(
        weeks=[
            {"sessions": 2, "routine": embedded.to_dict(), "note": "Short steps"},
            {"sessions": 3, "routine": "x-y"},
        ],
        progression={"add_backward_seconds": 60, "every_weeks": 1, "max_add_seconds": 300},
    )
    program = Program.from_json(json.dumps(data))
    assert program.weeks[0].embedded == embedded and program.weeks[0].routine_id == "my-walk"
    assert program.routine_ids() == {"x-y"} and program.total_sessions == 5
    assert [w.note for w in program.weeks] == ["Short steps", ""]
    assert Program.from_json(program.to_json()) == program


@pytest.mark.parametrize(
    ("changes", "code", "week", "field", "text"),
    [
        ({"format": "walkback-routine"}, "not_program", None, None, "not a WalkBack program"),
        ({"version": 2}, "newer_version", None, "version", "newer WalkBack"),
        ({"colour": "red"}, "unknown_field", None, None, 'unknown field "colour"'),
        ({"id": "Bad Id"}, "bad_id", None, "id", "lowercase"),
        ({"weeks": []}, "no_weeks", None, "weeks", "no weeks"),
        (
            {"weeks": [{"sessions": 3, "routine": "a-b"}, {"sessions": 9, "routine": "a-b"}]},
            "bad_number",
            2,
            "sessions",
            "week 2: sessions must be a whole number between 1 and 7, got 9",
        ),
        (
            {"weeks": [{"sessions": 3, "routine": "a-b", "reps": 1}]},
            "unknown_field",
            1,
            None,
            'week 1: unknown field "reps"',
        ),
        ({"weeks": [{"sessions": 3}]}, "missing", 1, "routine", "week 1: routine is missing"),
        (
            {"weeks": [{"sessions": 3, "routine": "a-b", "note": "x" * 301}]},
            "too_long",
            1,
            "note",
            "week 1: note is too long (301 characters; at most 300)",
        ),
        (
            {"weeks": [{"sessions": 3, "routine": {"format": "walkback-routine"}}]},
            "embedded_routine",
            1,
            "routine",
            "week 1: the embedded routine is not valid",
        ),
        ({"checks": [3]}, "check_out_of_range", None, "checks", "outside the program's 2 weeks"),
        ({"checks": [1, 1]}, "duplicate_check", None, "checks", "listed twice"),
        ({"audience": ["Knee Pain"]}, "bad_tag", None, "audience", "short lowercase word"),
        ({"progression": {"every_weeks": 1}}, "missing", None, "add_backward_seconds", "missing"),
    ],
)
def test_refusals_name_the_week_and_field(changes, code, week, field, text):
    error = refuse(base(**changes))
    assert (error.code, error.week, error.field) == (code, week, field)
    assert text in str(error)


def test_bad_files_get_a_reason_not_a_traceback():
    for data in (b"\xff\xfe", b"{", b"[]", b"NaN", b"x" * 2_000_001):
        with pytest.raises(ProgramError):
            Program.from_json(data)


@pytest.mark.parametrize(
    ("data", "program_says", "routine_says"),
    [
        (
            b"\xff\xfe",
            "not UTF-8 text, so it is not a program",
            "not UTF-8 text, so it is not a routine",
        ),
        (
            b'{"id": 1,}',
            "not valid JSON (Expecting property name enclosed in double quotes at line 1, column 10)",
            "not valid JSON (Expecting property name enclosed in double quotes at line 1, column 10)",
        ),
        (
            b'{"version": NaN}',
            "not valid JSON (NaN is not allowed)",
            "not valid JSON (NaN is not allowed)",
        ),
        (
            b"[" * 100_000,
            "not valid JSON (nested too deeply)",
            "not valid JSON (nested too deeply)",
        ),
        (b"x" * 2_000_001, "too large to be a program", "too large to be a routine"),
    ],
)
def test_program_and_routine_files_are_read_alike(data, program_says, routine_says):
    """Both formats read a file's JSON the same way, each saying so in its own words."""
    with pytest.raises(ProgramError) as program_error:
        Program.from_json(data)
    with pytest.raises(RoutineError) as routine_error:
        Routine.from_json(data)
    assert program_says in str(program_error.value)
    assert routine_says in str(routine_error.value)


def test_a_byte_order_mark_is_fine_and_stray_characters_are_named():
    text = json.dumps(base())
    assert Program.from_json(("\ufeff" + text).encode("utf-8")).id == "knee-plan"
    for name in ("Knee\x07plan", "Knee \ud800 plan"):
        error = refuse(base(name=name))
        assert (error.code, error.field) == ("bad_characters", "name")


@given(st.binary(max_size=300) | st.text(max_size=300))
def test_nothing_but_program_error_escapes(data):
    with contextlib.suppress(ProgramError):
        Program.from_json(data)


def test_unknown_routine_is_reported_with_its_week():
    program = Program.from_dict(base())
    with pytest.raises(ProgramError) as info:
        program.check_routines(lambda _id: None)
    assert (info.value.code, info.value.week) == ("unknown_routine", 1)


def test_progression_spreads_extra_backward_time_and_keeps_the_id():
    routine = Routine(
        id="r-1",
        name="R",
        segments=(
            Segment(SegmentKind.WARMUP, "W", 60),
            Segment(SegmentKind.BACKWARD, "B", 100),
            Segment(SegmentKind.BACKWARD, "B", 200),
        ),
    )
    longer = with_extra_backward(routine, 61)
    assert [s.seconds for s in longer.segments] == [60, 120, 241]
    assert longer.id == routine.id and longer.backward_seconds == 361
    step = Progression(add_backward_s=60, every_weeks=2, max_add_s=90)
    assert [step.extra_s(w) for w in (1, 2, 3, 4, 5, 6)] == [0, 0, 60, 60, 90, 90]

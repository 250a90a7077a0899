from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from walkback_desktop.core.routine import (
    Routine,
    RoutineError,
    SegmentKind,
    format_duration,
)

VALID = {
    "format": "walkback-routine",
    "version": 1,
    "id": "knee-friendly-20",
    "name": "Knee-friendly retro walk",
    "level": "beginner",
    "goal": "knee",
    "description": "After the knee trials.",
    "safety": "Clear space.",
    "segments": [
        {
            "kind": "warmup",
            "label": "Walk forwards, easy",
            "seconds": 180,
            "met": 2.8,
            "cadence_spm": 100,
            "tips": ["Relax your shoulders"],
        },
        {
            "kind": "backward",
            "label": "Walk backwards",
            "seconds": 60,
            "met": 6.0,
            "tips": ["Chest up", "Steady trunk"],
        },
    ],
}


def with_changes(**top) -> dict:
    data = json.loads(json.dumps(VALID))
    data.update(top)
    return data


def with_segment(index: int, **fields) -> dict:
    data = json.loads(json.dumps(VALID))
    data["segments"][index].update(fields)
    return data


def test_parses_the_design_example():
    routine = Routine.from_json(json.dumps(VALID))
    assert routine.name == "Knee-friendly retro walk"
    assert [s.kind for s in routine.segments] == [SegmentKind.WARMUP, SegmentKind.BACKWARD]
    assert routine.total_seconds == 240
    assert routine.backward_seconds == 60
    assert routine.segments[1].tips == ("Chest up", "Steady trunk")


def test_round_trips_through_json():
    routine = Routine.from_json(json.dumps(VALID))
    again = Routine.from_json(routine.to_json())
    assert again == routine


def test_met_defaults_by_kind_and_is_overridable():
    data = with_segment(1, met=None)
    del data["segments"][1]["met"]
    routine = Routine.from_dict(data)
    assert routine.segments[1].met is None
    assert routine.segments[1].effective_met == 6.0
    assert Routine.from_dict(with_segment(1, met=8.0)).segments[1].effective_met == 8.0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (with_segment(2 - 1, seconds=3), "segment 2: seconds must be between 5 and 3600, got 3"),
        (with_segment(0, seconds=-10), "segment 1: seconds must be between 5 and 3600"),
        (with_segment(0, seconds=4000), "segment 1: seconds must be between 5 and 3600"),
        (with_segment(0, seconds=12.5), "segment 1: seconds must be a whole number"),
        (with_segment(0, seconds="60"), "segment 1: seconds must be a whole number"),
        (with_segment(0, kind="jog"), "segment 1: kind must be one of warmup, backward"),
        (with_segment(0, label=""), "segment 1: label must not be empty"),
        (
            with_segment(0, label="x" * 61),
            "segment 1: label is too long (61 characters; at most 60)",
        ),
        (with_segment(0, met=50), "segment 1: met must be between 1 and 20, got 50"),
        (with_segment(0, cadence_spm=500), "segment 1: cadence_spm must be between 40 and 200"),
        (with_segment(0, tips="Chest up"), "segment 1: tips must be a list"),
        (with_segment(0, colour="red"), 'segment 1: unknown field "colour"'),
        (with_changes(format="something-else"), "not a WalkBack routine"),
        (with_changes(version=2), "made by a newer WalkBack (format version 2)"),
        (with_changes(version="1"), "version must be a whole number"),
        (with_changes(segments=[]), "the routine is empty"),
        (with_changes(name=""), "name must not be empty"),
        (with_changes(name="n" * 81), "name is too long"),
        (with_changes(description="d" * 1001), "description is too long"),
        (with_changes(id="Has Spaces"), 'id "Has Spaces" must be 3 to 64 lowercase'),
        (with_changes(level="expert"), "level must be one of beginner, intermediate, advanced"),
        (with_changes(extra=1), 'unknown field "extra"'),
        (
            with_changes(segments=[{"kind": "backward", "label": "b", "seconds": 3600}] * 5),
            "at most 4 hours",
        ),
    ],
)
def test_bad_routines_get_a_message_a_person_understands(data, message):
    with pytest.raises(RoutineError) as info:
        Routine.from_json(json.dumps(data))
    assert message in str(info.value)


def test_missing_fields_are_named():
    data = with_changes()
    del data["segments"][0]["seconds"]
    with pytest.raises(RoutineError, match="segment 1: seconds is missing"):
        Routine.from_dict(data)
    data = with_changes()
    del data["name"]
    with pytest.raises(RoutineError, match="name is missing"):
        Routine.from_dict(data)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"format": "walkback-routine", "version": NaN}', "not valid JSON"),
        ("[" * 100_000, "not valid JSON"),
        ("", "not valid JSON"),
    ],
)
def test_broken_files_are_refused_clearly(raw, message):
    with pytest.raises(RoutineError, match=message):
        Routine.from_json(raw)


def parse_or_message(raw: str | bytes) -> tuple[Routine | None, str]:
    """The routine, or the RoutineError's message; any other exception fails the test."""
    try:
        return Routine.from_json(raw), ""
    except RoutineError as exc:
        return None, str(exc)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=20,
)


def routine_like() -> st.SearchStrategy[dict]:
    """Nearly-valid routines with random values in each field."""
    segment = st.fixed_dictionaries(
        {
            "kind": st.sampled_from([*(k.value for k in SegmentKind), "run"]) | json_values,
            "label": st.text(max_size=70) | json_values,
            "seconds": st.integers(-10, 5000) | json_values,
        },
        optional={
            "met": st.floats(-5, 30) | json_values,
            "tips": st.lists(st.text(max_size=90), max_size=14) | json_values,
            "cadence_spm": json_values,
            "incline_pct": json_values,
        },
    )
    return st.fixed_dictionaries(
        {
            "format": st.just("walkback-routine") | json_values,
            "version": st.just(1) | json_values,
            "id": st.from_regex(r"[a-z0-9-]{1,70}", fullmatch=True) | json_values,
            "name": st.text(max_size=90) | json_values,
            "segments": st.lists(segment, max_size=6) | json_values,
        },
        optional={"level": json_values, "goal": json_values, "safety_checklist": json_values},
    )


@settings(max_examples=300)
@given(routine_like())
def test_fuzz_routine_like_json_is_valid_or_a_clear_error(data):
    routine, message = parse_or_message(json.dumps(data))
    if routine is None:
        assert message
        assert "Traceback" not in message
    else:
        assert Routine.from_json(routine.to_json()) == routine


@settings(max_examples=300)
@given(st.binary(max_size=400) | json_values.map(lambda v: json.dumps(v).encode()))
def test_fuzz_arbitrary_bytes_never_escape_as_other_exceptions(raw):
    routine, message = parse_or_message(raw)
    assert (routine is None) == bool(message)


def test_format_duration():
    assert format_duration(0) == "0:00"
    assert format_duration(59.2) == "1:00"
    assert format_duration(61) == "1:01"
    assert format_duration(3725) == "1:02:05"
    assert format_duration(-4) == "0:00"


def test_errors_carry_the_segment_index_field_and_params_as_data():
    with pytest.raises(RoutineError) as info:
        Routine.from_dict(with_segment(1, seconds=3))
    error = info.value
    assert (error.code, error.segment, error.field) == ("out_of_range", 1, "seconds")
    assert error.params["got"] == "3" and error.params["low"] == "5"
    assert str(error) == "segment 2: seconds must be between 5 and 3600, got 3"


def test_a_routine_level_error_has_no_segment():
    with pytest.raises(RoutineError) as info:
        Routine.from_dict(with_changes(name=""))
    assert (info.value.code, info.value.segment, info.value.field) == ("empty_text", None, "name")


def test_a_bad_tip_names_the_segment_and_the_tip():
    with pytest.raises(RoutineError) as info:
        Routine.from_dict(with_segment(0, tips=["ok", "t" * 81]))
    assert info.value.segment == 0 and info.value.params["tip"] == 2
    assert str(info.value) == "segment 1: tip 2 is too long (81 characters; at most 80)"


def test_the_message_is_rendered_through_the_given_translation():
    error = RoutineError("out_of_range", segment=2, field="met", low="1", high="20", got="50")
    german = {
        "segment {number}: {problem}": "Abschnitt {number}: {problem}",
        "{field} must be between {low} and {high}, got {got}": (
            "{field} muss zwischen {low} und {high} liegen, nicht {got}"
        ),
    }
    assert error.render(lambda text: german.get(text, text)) == (
        "Abschnitt 3: met muss zwischen 1 und 20 liegen, nicht 50"
    )


def test_an_error_survives_pickling_with_its_data():
    import pickle

    error = RoutineError("missing", segment=0, field="label")
    again = pickle.loads(pickle.dumps(error))
    assert (again.code, again.segment, again.field, str(again)) == (
        "missing",
        0,
        "label",
        "segment 1: label is missing",
    )


def test_a_routine_nested_988_levels_deep_is_a_routine_error():
    """Nested just shallow enough for json.loads (988 levels from the CLI's stack),
    then too deep to show in the message: still a RoutineError, never a
    RecursionError. Every depth near the limit is tried, since the exact one
    depends on how deep the caller's stack is."""
    import sys

    for depth in range(sys.getrecursionlimit() - 120, sys.getrecursionlimit() + 5):
        nested = "[" * depth + "]" * depth
        for doc in (
            '{"format": ' + nested + "}",
            '{"format": "walkback-routine", "version": 1, "id": "abc", "name": ' + nested + "}",
        ):
            assert parse_or_message(doc)[1]


def test_slugify_copy_name_and_kcal_live_in_the_core():
    from walkback_desktop.core.routine import MAX_NAME, copy_name, routine_kcal, slugify

    assert slugify("Knee rehab, week 1") == "knee-rehab-week-1"
    assert copy_name("x" * MAX_NAME) == "x" * (MAX_NAME - 7) + " (copy)"
    routine = Routine.from_dict(VALID)
    # 2.8 MET x 70 kg x 3 min + 6.0 MET x 70 kg x 1 min = 9.8 + 7.0 kcal
    assert routine_kcal(routine.segments, 70.0) == pytest.approx(16.8)

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import make_session
from walkback_desktop.core.history import COLUMNS, format_history_csv
from walkback_desktop.core.history_csv import HistoryCsvError, parse_history_csv

HEADER = ",".join(COLUMNS)
GOOD = (
    HEADER + "\n"
    "2025-03-03T08:30:00+01:00,knee-friendly-20,1200,600,,4,2,true,felt fine\n"
    '2025-03-05T18:00:00-05:00,My own walk,905.5,300,110.25,,,false,"tired, stopped early"\n'
)


def test_parses_rows_with_blanks_offsets_and_quotes():
    first, second = parse_history_csv(GOOD)
    assert first.started_at.utcoffset() == timedelta(hours=1)
    assert first.kcal is None and first.rpe == 4 and first.pain == 2 and first.completed
    assert second.routine_name == "My own walk" and second.routine_id is None
    assert second.active_seconds == 905.5 and second.kcal == 110.25
    assert second.rpe is None and not second.completed
    assert second.notes == "tired, stopped early"


def test_format_then_parse_round_trips_exactly():
    assert format_history_csv(parse_history_csv(GOOD)) == GOOD


def test_resolver_maps_labels_to_ids():
    def resolve(label):
        return (
            ("knee-friendly-20", "Knee-friendly retro walk")
            if label == "knee-friendly-20"
            else (None, label)
        )

    first, second = parse_history_csv(GOOD, resolve)
    assert (
        first.routine_id == "knee-friendly-20" and first.routine_name == "Knee-friendly retro walk"
    )
    assert second.routine_id is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "2025-03-03T08:30:00,x,10,5,,,,true,",
            "line 3: started_at '2025-03-03T08:30:00' needs a UTC offset",
        ),
        ("yesterday,x,10,5,,,,true,", "line 3: started_at 'yesterday' is not a date and time"),
        ("2025-03-03T08:30:00Z,,10,5,,,,true,", "line 3: routine must not be empty"),
        (
            "2025-03-03T08:30:00Z,x,ten,5,,,,true,",
            "line 3: active_seconds must be a number, got 'ten'",
        ),
        (
            "2025-03-03T08:30:00Z,x,10,50,,,,true,",
            "line 3: backward_seconds (50) is more than active_seconds (10)",
        ),
        (
            "2025-03-03T08:30:00Z,x,10,5,,11,,true,",
            "line 3: rpe must be a whole number from 0 to 10",
        ),
        (
            "2025-03-03T08:30:00Z,x,10,5,,,-1,true,",
            "line 3: pain must be a whole number from 0 to 10",
        ),
        (
            "2025-03-03T08:30:00Z,x,10,5,,,,maybe,",
            "line 3: completed must be true or false, got 'maybe'",
        ),
        ("2025-03-03T08:30:00Z,x,10,5,,,,true", "line 3: expected 9 columns, found 8"),
        ("2025-03-03T08:30:00Z,x,10,5,nan,,,true,", "line 3: kcal must be between 0 and 20000"),
        (
            "2025-03-03T08:30:00Z,x,-4,0,,,,true,",
            "line 3: active_seconds must be between 0 and 86400",
        ),
    ],
)
def test_one_bad_row_names_its_line_and_field(row, message):
    text = HEADER + "\n2025-03-01T08:00:00+00:00,a,10,5,,,,true,\n" + row + "\n"
    with pytest.raises(HistoryCsvError) as info:
        parse_history_csv(text)
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("date,routine\n", "line 1: the header lacks column 'started_at'"),
        (",".join(reversed(COLUMNS)) + "\n", "line 1: the columns must be in this order"),
        (HEADER + ",extra\n", "line 1: unknown column 'extra'"),
        (b"\xff\xfeoops", "not UTF-8"),
        ("a\x00b", "NUL bytes"),
    ],
)
def test_bad_files_are_refused_clearly(text, message):
    with pytest.raises(HistoryCsvError, match=message):
        parse_history_csv(text)


def test_utf8_bom_and_crlf_are_accepted():
    text = "\ufeff" + GOOD.replace("\n", "\r\n")
    assert len(parse_history_csv(text.encode("utf-8"))) == 2


def test_estimated_kcal_uses_segments_or_backward_time():
    record = make_session(kcal=None, active_seconds=3600, backward_seconds=1800)
    # half an hour at 6.0 MET plus half an hour at 2.8 MET, 70 kg
    assert record.estimated_kcal(70) == pytest.approx(0.5 * 6.0 * 70 + 0.5 * 2.8 * 70)
    assert make_session(kcal=123.0).estimated_kcal(70) == 123.0


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_fuzz_any_text_is_rows_or_a_clear_error(text):
    try:
        rows, message = parse_history_csv(HEADER + "\n" + text), ""
    except HistoryCsvError as exc:
        rows, message = None, str(exc)
    assert rows is not None or message.startswith(("line ", "the file"))


@settings(max_examples=100)
@given(
    st.lists(
        st.builds(
            lambda day, active, frac, rpe, notes: make_session(
                day,
                active_seconds=float(active),
                backward_seconds=float(active * frac // 1),
                rpe=rpe,
                notes=notes,
            ),
            st.integers(0, 3000),
            st.integers(0, 20000),
            st.floats(0, 1),
            st.none() | st.integers(0, 10),
            st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=40),
        ),
        max_size=10,
    )
)
def test_export_import_round_trip_property(records):
    text = format_history_csv(records)
    back = parse_history_csv(text, lambda label: (label, "Knee-friendly retro walk"))
    assert [r.with_changes(source="app", ended_at=None) for r in back] == [
        r.with_changes(ended_at=None, notes=r.notes) for r in records
    ]


# Any text but NUL, which the importer refuses as the mark of a binary file.
_ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    max_size=60,
)
_NAMES = _ANY_TEXT.map(str.strip).filter(lambda s: 0 < len(s) <= 80)


@settings(max_examples=300)
@given(
    st.lists(
        st.builds(
            lambda day, name, notes, active, frac, kcal, rpe, pain, done: make_session(
                day,
                routine_id=None,
                routine_name=name,
                notes=notes,
                active_seconds=active,
                backward_seconds=round(active * frac, 3),
                kcal=kcal,
                rpe=rpe,
                pain=pain,
                completed=done,
            ),
            st.integers(0, 3000),
            _NAMES,
            _ANY_TEXT,
            st.integers(0, 86_400_000).map(lambda ms: ms / 1000),
            st.floats(0, 1),
            st.none() | st.integers(0, 20_000_000).map(lambda x: x / 1000),
            st.none() | st.integers(0, 10),
            st.none() | st.integers(0, 10),
            st.booleans(),
        ),
        max_size=8,
    )
)
def test_export_then_import_round_trips_arbitrary_names_notes_and_numbers(records):
    records = [r for r in records if r.backward_seconds <= r.active_seconds]
    back = parse_history_csv(format_history_csv(records, known_ids=frozenset()))
    assert [r.with_changes(source="app", ended_at=None) for r in back] == [
        r.with_changes(ended_at=None) for r in records
    ]


@pytest.mark.parametrize("text", ["=1+2", "+x", "-3", "@a", "\tx", "\rx", "'=x", "''+y", "'plain"])
def test_formula_cells_are_neutralised_and_restored(text):
    from walkback_desktop.core.history import neutralise, restore

    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore(neutralise(text)) == text


def test_carriage_returns_and_line_feeds_are_always_quoted():
    record = make_session(notes="a\rb", routine_id=None, routine_name="x\ny")
    text = format_history_csv([record])
    assert '"a\rb"' in text and '"x\ny"' in text
    assert parse_history_csv(text)[0].notes == "a\rb"


def test_errors_are_structured_and_name_the_first_line_of_a_row():
    text = (
        HEADER
        + '\n2025-03-01T08:00:00Z,a,10,5,,,,true,"x\ny"\n2025-03-02T08:00:00Z,a,10,5,,,,maybe,"p\nq"\n'
    )
    with pytest.raises(HistoryCsvError) as info:
        parse_history_csv(text)
    error = info.value
    assert (error.code, error.line, error.field, error.params) == (
        "bool",
        4,
        "completed",
        {"text": "maybe"},
    )
    assert error.render(lambda s: s.replace("line {", "Zeile {")).startswith("Zeile 4: ")


def test_same_second_same_routine_but_different_walks_are_not_duplicates():
    first = make_session(0, notes="morning")
    assert first.dedupe_key() != first.with_changes(notes="evening").dedupe_key()
    assert first.dedupe_key() == first.with_changes(id=7).dedupe_key()


def test_each_routine_label_is_resolved_once_per_import():
    calls = []

    def resolve(label):
        calls.append(label)
        return None, label

    rows = "".join(f"2025-03-{d:02d}T08:00:00Z,Park loop,10,5,,,,true,\n" for d in range(1, 29))
    assert len(parse_history_csv(HEADER + "\n" + rows, resolve)) == 28
    assert calls == ["Park loop"]


def test_parsed_records_equal_the_ones_the_constructor_makes():
    """Rows are built without the frozen dataclass's __init__ (for speed): every
    field must still be set, with the same values, so a field added to
    SessionRecord later cannot be forgotten there."""
    from dataclasses import fields

    from walkback_desktop.core.history import SessionRecord

    for parsed in parse_history_csv(GOOD):
        assert set(vars(parsed)) == {f.name for f in fields(SessionRecord)}
        built = SessionRecord(**{f.name: getattr(parsed, f.name) for f in fields(SessionRecord)})
        assert parsed == built and hash(parsed) == hash(built)
        assert vars(parsed) == vars(built)


@pytest.mark.parametrize(
    ("cells", "plain"),
    [
        (
            " 2025-03-03T08:30:00+01:00 , knee-friendly-20 , 1200 , 600 ,, 4 , 2 , TRUE ,",
            "2025-03-03T08:30:00+01:00,knee-friendly-20,1200,600,,4,2,true,",
        ),
        (
            "2025-03-03T07:30:00Z,x,1_200,6e2, ,010,0,Yes,",
            "2025-03-03T07:30:00+00:00,x,1200,600,,10,0,true,",
        ),
    ],
)
def test_cells_off_the_fast_path_read_as_their_plain_form(cells, plain):
    assert parse_history_csv(HEADER + "\n" + cells + "\n") == parse_history_csv(
        HEADER + "\n" + plain + "\n"
    )


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("2025-03-03T08:30:00+01:00,x,inf,5,,,,true,", "line 2: active_seconds must be between"),
        (
            "2025-03-03T08:30:00+01:00,x,10,nan,,,,true,",
            "line 2: backward_seconds must be between",
        ),
        ("2025-03-03T08:30:00+01:00,x,10,5,-1,,,true,", "line 2: kcal must be between 0 and"),
        ("2025-03-03T08:30:00+01:00,x,10,5,,11,,true,", "line 2: rpe must be a whole number"),
        ("2025-03-03T08:30:00+01:00,x,10,5,,,2.5,true,", "line 2: pain must be a whole number"),
        ("2025-03-03T08:30:00+01:00,x,10,5,,,,maybe,", "line 2: completed must be true or false"),
        ("1969-12-31T23:00:00+00:00,x,10,5,,,,true,", "line 2: started_at '1969-12-31"),
        ("2025-03-03T08:30:00+01:00, ,10,5,,,,true,", "line 2: routine must not be empty"),
    ],
)
def test_cells_the_fast_path_refuses_get_the_checked_message(cells, message):
    with pytest.raises(HistoryCsvError) as info:
        parse_history_csv(HEADER + "\n" + cells + "\n")
    assert str(info.value).startswith(message)

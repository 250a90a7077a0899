"""Fuzz the routine importer: anything goes in, and either a valid routine is
stored or a RoutineError with a readable message comes out; on an error the
library is exactly as it was.

The normal suite runs a few hundred examples per test; `HYPOTHESIS_PROFILE=slow`
(5000 each) or bench/fuzz_routine_import.py run thousands.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from walkback_desktop.core.routine import FORMAT, VERSION, Routine, RoutineError, SegmentKind
from walkback_desktop.storage.library import Clash, RoutineLibrary
from walkback_desktop.storage.store import Store, open_store

# A few hundred per test normally; the loaded profile decides when it asks for more
# (HYPOTHESIS_PROFILE=slow: 5000).
NORMAL_EXAMPLES = max(300, settings.default.max_examples)

_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**6), max_value=10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
_junk = (
    _scalars
    | st.lists(_scalars, max_size=3)
    | st.dictionaries(st.text(max_size=5), _scalars, max_size=2)
)
any_json = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=25,
)


def _maybe(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly a valid value, sometimes anything at all."""
    return st.integers(0, 9).flatmap(lambda n: _junk if n == 9 else valid)


_words = st.text(
    alphabet=st.characters(categories=("L", "N", "P"), include_characters=" "),
    min_size=1,
    max_size=20,
)
_segment = st.fixed_dictionaries(
    {
        "kind": _maybe(st.sampled_from([k.value for k in SegmentKind])),
        "label": _maybe(_words),
        "seconds": _maybe(st.integers(min_value=5, max_value=600)),
    },
    optional={
        "met": _maybe(st.floats(min_value=1, max_value=20)),
        "cadence_spm": _maybe(st.integers(min_value=40, max_value=200)),
        "incline_pct": _maybe(st.floats(min_value=0, max_value=15)),
        "tips": _maybe(st.lists(_words, max_size=4)),
    },
)
_near_base = st.fixed_dictionaries(
    {
        "format": _maybe(st.just(FORMAT)),
        "version": _maybe(st.just(VERSION)),
        "id": _maybe(
            st.sampled_from(["knee-friendly-20", "my-walk", "fuzz-routine-1", "my-walk-2"])
        ),
        "name": _maybe(_words),
        "segments": _maybe(st.lists(_segment, min_size=1, max_size=4)),
    },
    optional={
        "level": _maybe(st.sampled_from(["beginner", "intermediate", "advanced"])),
        "goal": _maybe(st.sampled_from(["knee", "back", "balance", "cardio", "general"])),
        "description": _maybe(_words),
        "safety": _maybe(_words),
        "safety_checklist": _maybe(st.booleans()),
    },
)


near_routines = st.integers(0, 9).flatmap(
    lambda n: _near_base.map(lambda d: {**d, "surprise": 1}) if n == 9 else _near_base
)


@contextmanager
def fresh_store() -> Iterator[Store]:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder), backup=False)
        try:
            yield store
        finally:
            store.close()


def _snapshot(library: RoutineLibrary) -> list[str]:
    return [r.to_json() for r in library.custom()]


def check_import(library: RoutineLibrary, data: str | bytes) -> bool:
    """Import `data`; True if it became a routine. Asserts the contract either way."""
    before = _snapshot(library)
    try:
        routine = library.import_routine(data, Clash.REFUSE)
    except RoutineError as exc:
        message = str(exc)
        assert message.strip(), "an empty error message"
        assert "Traceback" not in message
        assert len(message) < 600
        assert _snapshot(library) == before
        return False
    assert library.get(routine.id) == routine
    assert Routine.from_json(routine.to_json()) == routine
    library.delete(routine.id)
    assert _snapshot(library) == before
    return True


@pytest.fixture(scope="module")
def library() -> Iterator[RoutineLibrary]:
    """One library for all examples of a test: check_import leaves it as it found it."""
    with fresh_store() as store:
        yield store.library


@settings(max_examples=NORMAL_EXAMPLES)
@given(data=any_json)
def test_arbitrary_json_is_a_routine_or_a_clear_error(library, data):
    check_import(library, json.dumps(data))


@settings(max_examples=NORMAL_EXAMPLES)
@given(data=near_routines)
def test_near_valid_routines_are_a_routine_or_a_clear_error(library, data):
    check_import(library, json.dumps(data, ensure_ascii=False))


@settings(max_examples=NORMAL_EXAMPLES)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_are_a_routine_or_a_clear_error(library, data):
    check_import(library, data)


def test_clashing_and_valid_imports(library):
    data = {
        "format": FORMAT,
        "version": VERSION,
        "id": "fuzz-ok",
        "name": "Fuzz",
        "segments": [{"kind": "backward", "label": "Back", "seconds": 60}],
    }
    assert check_import(library, json.dumps(data))
    builtin_id = library.builtins[0].id
    assert not check_import(library, json.dumps({**data, "id": builtin_id}))

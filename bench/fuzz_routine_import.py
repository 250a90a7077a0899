"""Fuzz the routine importer with thousands of examples and report the counts.

    .venv/bin/python bench/fuzz_routine_import.py [EXAMPLES_PER_STRATEGY]

Uses the strategies and the contract check of
tests/storage/test_routine_import_fuzz.py: each input is either imported as a
valid routine or refused with a RoutineError, and the library is unchanged
after a refusal. Any other exception stops the run with a traceback.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.storage.test_routine_import_fuzz import (
    any_json,
    check_import,
    fresh_store,
    near_routines,
)


def run(name: str, strategy: st.SearchStrategy, encode, examples: int, library) -> None:
    outcome: Counter[str] = Counter()

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=strategy)
    def fuzz(data) -> None:
        outcome["imported" if check_import(library, encode(data)) else "refused"] += 1

    start = time.perf_counter()
    fuzz()
    elapsed = time.perf_counter() - start
    total = sum(outcome.values())
    print(
        f"{name:<22} {total:>6} inputs in {elapsed:6.1f} s: "
        f"{outcome['imported']:>5} imported, {outcome['refused']:>5} refused with a RoutineError"
    )


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with fresh_store() as store:
        library = store.library
        run("arbitrary JSON", any_json, json.dumps, examples, library)
        run(
            "near-valid routines",
            near_routines,
            lambda d: json.dumps(d, ensure_ascii=False),
            examples,
            library,
        )
        run("arbitrary bytes", st.binary(max_size=2000), lambda b: b, examples, library)
        run(
            "near-valid as UTF-8",
            near_routines,
            lambda d: json.dumps(d, ensure_ascii=False).encode("utf-8"),
            examples,
            library,
        )
    print("no exception other than RoutineError escaped; the library was unchanged after each")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

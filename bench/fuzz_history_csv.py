"""Fuzz the history CSV import with thousands of inputs and report the counts.

    .venv/bin/python bench/fuzz_history_csv.py [EXAMPLES_PER_STRATEGY]

Each input goes through what `walkback history import` does: parse (with the
library's routine resolver), then one all-or-nothing import into a real
store. The contract: the file is imported, or refused with a HistoryCsvError
that names a line (or the file) and leaves the history unchanged; and every
export re-imports to the same sessions. Anything else is an escape: it is
counted, the first one printed, and the exit code is 1. One summary line:

    fuzz_history_csv inputs=20000 imported=... refused=... escapes=0 seconds=...
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from walkback_desktop.core.history import COLUMNS, format_history_csv  # noqa: E402
from walkback_desktop.core.history_csv import HistoryCsvError, parse_history_csv  # noqa: E402
from walkback_desktop.storage.store import Store, open_store  # noqa: E402

HEADER = ",".join(COLUMNS)


def _mostly(valid: list[str], odd: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Valid cells four times in five, so many rows import and the odd one bites."""
    return st.one_of(*[st.sampled_from(valid)] * 4, odd)


_CELLS = {
    "started_at": _mostly(
        ["2025-03-03T08:30:00+01:00", "2025-03-03T08:30:00Z", "2025-03-03T08:30:00.5-05:00"],
        st.sampled_from(["2025-03-03", "", "0001-01-01T00:00Z"]) | st.text(max_size=30),
    ),
    "routine": _mostly(
        ["knee-friendly-20", "My park loop", "=cmd", "'+x", "a,b"],
        st.sampled_from(["", "x" * 81]) | st.text(max_size=90),
    ),
    "number": _mostly(
        ["0", "600", "12.5"],
        st.sampled_from(["1e309", "nan", "-1", "86401", "", "1_0"])
        | st.floats(allow_nan=True).map(str)
        | st.text(max_size=10),
    ),
    "scale": _mostly(
        ["", "0", "10", "4"], st.sampled_from(["11", "٣", "5.0"]) | st.text(max_size=4)
    ),
    "completed": _mostly(["true", "false", "yes", "0"], st.sampled_from(["maybe", ""])),
    "notes": _mostly(["", "fine", "a\rb", "=1+1", 'say "hi"'], st.text(max_size=200)),
}


def _quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\r\n') else cell


near_rows = st.lists(
    st.tuples(
        _CELLS["started_at"],
        _CELLS["routine"],
        _CELLS["number"],
        _CELLS["number"],
        _CELLS["number"],
        _CELLS["scale"],
        _CELLS["scale"],
        _CELLS["completed"],
        _CELLS["notes"],
    ).map(lambda cells: ",".join(_quote(c) for c in cells)),
    max_size=3,
).map(lambda rows: "\n".join([HEADER, *rows]) + "\n")

any_text = st.text(max_size=600).map(lambda t: HEADER + "\n" + t)


def check(store: Store, data: str | bytes, outcome: Counter[str]) -> None:
    before = store.sessions.count()
    try:
        records = parse_history_csv(data, store.library.resolve_label)
    except HistoryCsvError as exc:
        message = str(exc)
        assert message.startswith(("line ", "the file")), message
        assert "\n" not in message
        assert store.sessions.count() == before
        outcome["refused"] += 1
        return
    result = store.sessions.import_many(records)
    assert result.added + result.skipped_duplicates == len(records)
    exported = format_history_csv(store.sessions.list(), {r.id for r in store.library.builtins})
    again = parse_history_csv(exported, store.library.resolve_label)
    assert store.sessions.import_many(again).added == 0, "an export did not re-import as itself"
    outcome["imported"] += 1


def run(name: str, strategy: st.SearchStrategy, examples: int, store: Store) -> Counter[str]:
    outcome: Counter[str] = Counter()

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=strategy)
    def fuzz(data: str | bytes) -> None:
        try:
            check(store, data, outcome)
        except Exception:  # an escape: count it, show the first, keep going
            if not outcome["escapes"]:
                print(f"ESCAPE in {name} with {data!r}:\n{traceback.format_exc()}")
            outcome["escapes"] += 1

    start = time.perf_counter()
    fuzz()
    print(
        f"  {name:<20} {sum(outcome.values()):>6} inputs in {time.perf_counter() - start:6.1f} s:"
        f" {outcome['imported']:>5} imported, {outcome['refused']:>5} refused,"
        f" {outcome['escapes']} escapes"
    )
    return outcome


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    total: Counter[str] = Counter()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp), backup=False)
        try:
            total += run("near-valid rows", near_rows, examples, store)
            total += run("any text", any_text, examples, store)
            total += run("any bytes", st.binary(max_size=600), examples, store)
            total += run(
                "near-valid as bytes", near_rows.map(lambda t: t.encode()), examples, store
            )
        finally:
            store.close()
    print(
        f"fuzz_history_csv inputs={sum(total.values())} imported={total['imported']} "
        f"refused={total['refused']} escapes={total['escapes']} "
        f"seconds={time.perf_counter() - start:.1f}"
    )
    return 1 if total["escapes"] else 0


if __name__ == "__main__":
    raise SystemExit(main())

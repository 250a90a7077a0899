"""Fuzz the `walkback` command line with thousands of argument lists.

    .venv/bin/python bench/fuzz_cli_args.py [EXAMPLES]

Argument lists are built from the real vocabulary (commands, actions,
options, routine ids, setting keys) mixed with odd text, odd dates and odd
files (missing, too long a name, a folder, a FIFO, /dev/zero, /dev/full, a
symlink, a file too large, a routine nested 5,000 deep). The contract of the
CLI: `main()` returns 0, or 2 with exactly one line on stderr; never an
exception, never exit 1 ("unexpected error") on a healthy data folder. The
GUI and the PDF report are stubbed out (they have their own tests). Runs in
a temporary folder, so exports cannot land anywhere else. One summary line:

    fuzz_cli_args inputs=5000 ok=... bad_input=... escapes=0 seconds=...
"""

from __future__ import annotations

import contextlib
import io
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

from walkback_desktop import app, cli  # noqa: E402
from walkback_desktop.core.settings import SETTINGS  # noqa: E402


def odd_files(tmp: Path) -> list[str]:
    (tmp / "folder.csv").mkdir()
    (tmp / "empty.csv").write_text("")
    (tmp / "garbage.json").write_bytes(b"\xff\x00garbage")
    (tmp / "deep.walkback.json").write_text('{"a":' * 5000 + "1" + "}" * 5000)
    (tmp / "list.walkback.json").write_text("[" * 988 + "]" * 988)
    with (tmp / "huge.csv").open("wb") as fh:
        fh.truncate(60_000_000)  # sparse: over the 50 MB limit, no disk used
    target = tmp / "target.csv"
    target.write_text("x")
    (tmp / "link.csv").symlink_to(target)
    names = [str(p) for p in tmp.iterdir()]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp / "pipe.csv")
        names.append(str(tmp / "pipe.csv"))
    names += [
        str(tmp / "missing.csv"),
        str(tmp / ("n" * 300 + ".json")),
        str(tmp / "no-folder" / "out.csv"),
        "/dev/zero",
        "/dev/full",
        "-",
        "out.csv",
        "out.walkback.json",
    ]
    return names


def argv_strategy(files: list[str]) -> st.SearchStrategy[list[str]]:
    safe_text = st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="/\\\x00"),
        max_size=40,
    ).filter(lambda t: not t.startswith(".."))
    words = st.sampled_from(
        [
            "routines",
            "history",
            "settings",
            "report",
            "list",
            "export",
            "import",
            "get",
            "set",
            "start",
            "--json",
            "--rename",
            "--replace",
            "--out",
            "--from",
            "--to",
            "--help",
            "--version",
            "knee-friendly-20",
            "nope",
            *SETTINGS,
            "0001-01-01",
            "9999-12-31",
            "2025-02-30",
            "2025-03-01",
            "-1",
            "1e999",
            "nan",
            "true",
        ]
    )
    token = st.one_of(words, words, st.sampled_from(files), safe_text)
    commands = st.sampled_from(
        [
            ["routines", "list"],
            ["routines", "export", "knee-friendly-20"],
            ["routines", "import"],
            ["history", "export"],
            ["history", "import"],
            ["settings", "get"],
            ["settings", "set"],
            ["report", "--out", "r.pdf", "--from"],
            [],
        ]
    )
    return st.tuples(commands, st.lists(token, max_size=5)).map(lambda t: [*t[0], *t[1]])


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    outcome: Counter[str] = Counter()
    app.run_gui = lambda *a, **k: 0  # type: ignore[assignment]
    cli._HANDLERS[("report", None)] = lambda args, store: 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        data_dir = tmp / "data"
        work = tmp / "work"
        work.mkdir()
        files = odd_files(work)
        os.chdir(work)
        with contextlib.redirect_stdout(io.StringIO()):  # create the data folder once
            cli.main(["settings", "list", "--data-dir", str(data_dir)])

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(argv=argv_strategy(files))
        def fuzz(argv: list[str]) -> None:
            err = io.StringIO()
            sys.stdin = io.TextIOWrapper(io.BytesIO(b""))
            try:
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                    code = cli.main([*argv, "--data-dir", str(data_dir)])
                text = err.getvalue()
                if code == 2:
                    assert text.count("\n") == 1, text
                else:
                    assert code == 0, f"exit {code}: {text}"
                assert "Traceback" not in text, text
                assert "unexpected error" not in text, text
                outcome["ok" if code == 0 else "bad_input"] += 1
            except Exception:
                if not outcome["escapes"]:
                    print(f"ESCAPE with {argv!r}:\n{traceback.format_exc()}")
                outcome["escapes"] += 1

        fuzz()
        os.chdir(ROOT)
    print(
        f"fuzz_cli_args inputs={sum(outcome.values())} ok={outcome['ok']} "
        f"bad_input={outcome['bad_input']} escapes={outcome['escapes']} "
        f"seconds={time.perf_counter() - start:.1f}"
    )
    return 1 if outcome["escapes"] else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`walkback report --out FILE.pdf [--from] [--to]`: exit codes, messages, the file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers import make_session
from walkback_desktop.cli import main
from walkback_desktop.core.history import format_history_csv


@pytest.fixture
def walkback(data_dir, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--data-dir", str(data_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def history(walkback, tmp_path) -> Path:
    csv = tmp_path / "history.csv"
    csv.write_text(format_history_csv([make_session(day) for day in range(10)]))
    code, _out, err = walkback("history", "import", str(csv))
    assert code == 0, err
    return csv


def _text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def test_report_writes_a_pdf_and_says_so(walkback, history, tmp_path):
    out = tmp_path / "r.pdf"
    code, stdout, err = walkback(
        "report", "--out", str(out), "--from", "2025-03-01", "--to", "2025-03-31"
    )
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")
    assert "10 sessions" in stdout
    assert str(out) in stdout
    text = _text(out)
    assert "1 Mar 2025 – 31 Mar 2025" in text
    assert "Sun 9 Mar 2025" in text  # one of the sessions
    assert not list(tmp_path.glob(".walkback-report-*"))  # no temporary file left


def test_report_without_dates_covers_everything(walkback, history, tmp_path):
    out = tmp_path / "all.pdf"
    code, _stdout, err = walkback("report", "--out", str(out))
    assert code == 0, err
    assert "3 Mar 2025 –" in _text(out)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--from", "2025-13-01"], "argument --from: '2025-13-01' is not a date"),
        (["--to", "yesterday"], "argument --to: 'yesterday' is not a date"),
        (["--from", "2025-03-10", "--to", "2025-03-01"], "is after the end date"),
    ],
)
def test_bad_dates_exit_2_with_one_line(walkback, tmp_path, args, expected):
    out = tmp_path / "r.pdf"
    code, stdout, err = walkback("report", "--out", str(out), *args)
    assert code == 2
    assert stdout == ""
    assert expected in err
    assert err.count("\n") == 1
    assert not out.exists()


def test_missing_out_exits_2(walkback):
    code, _stdout, err = walkback("report")
    assert code == 2
    assert "--out" in err
    assert err.count("\n") == 1


def test_unwritable_destination_exits_2(walkback, tmp_path):
    code, _stdout, err = walkback("report", "--out", str(tmp_path / "no-such-dir" / "r.pdf"))
    assert code == 2
    assert "cannot write" in err
    assert err.count("\n") == 1


def test_report_works_headless_in_a_fresh_process(data_dir, tmp_path):
    """No DISPLAY and no QT_QPA_PLATFORM: the command picks the offscreen platform."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    out = tmp_path / "headless.pdf"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "walkback_desktop",
            "report",
            "--out",
            str(out),
            "--data-dir",
            str(data_dir),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "No sessions were logged" in _text(out)


def test_full_log_lists_sessions_older_than_12_weeks(walkback, history, tmp_path):
    short, full = tmp_path / "short.pdf", tmp_path / "full.pdf"
    args = ("--from", "2025-03-01", "--to", "2025-08-31")
    assert walkback("report", "--out", str(short), *args)[0] == 0
    assert walkback("report", "--out", str(full), *args, "--full-log")[0] == 0
    assert "Mon 3 Mar 2025" not in _text(short)
    assert "The log lists the last 12 weeks" in _text(short)
    assert "Mon 3 Mar 2025" in _text(full)


@pytest.fixture
def english_after():
    from walkback_desktop import i18n

    yield
    i18n.set_language("en")


def test_report_in_german_has_german_dates_and_headings(
    walkback, history, tmp_path, english_after
):
    """`walkback settings set language de`, then `walkback report`: the dates in
    the period line, the log and the month names are German, not strftime's English."""
    assert walkback("settings", "set", "language", "de")[0] == 0
    out = tmp_path / "de.pdf"
    code, _stdout, err = walkback(
        "report", "--out", str(out), "--from", "2025-03-01", "--to", "2025-03-31"
    )
    assert code == 0, err
    text = _text(out)
    assert "1. März 2025 – 31. März 2025" in text
    assert "So., 9. März 2025" in text  # a session in the log
    assert "Fortschrittsbericht Rückwärtsgehen" in text
    assert "Protokoll der Einheiten" in text
    assert "Mar 2025" not in text and "Sun 9" not in text
    assert "Session log" not in text
    # the closing notes too: what the measures mean, the estimate, safety
    flat = " ".join(text.split())
    assert "Von der App aufgezeichnet" in flat and "Sturzgefahr" in flat
    assert "risk of falls" not in flat and "Recorded by the app" not in flat
    # the segment kinds in the energy table are named, in German, not their ids
    assert "Aufwärmen, Abwärmen" in flat and "warmup" not in flat

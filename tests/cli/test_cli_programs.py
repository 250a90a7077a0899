"""`walkback programs ...` and `walkback assess ...`: the stable contract."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta

import pytest

from walkback_desktop.cli import main


@pytest.fixture
def walkback(data_dir, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--data-dir", str(data_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_programs_list_json_has_the_builtins(walkback):
    code, out, err = walkback("programs", "list", "--json")
    assert code == 0, err
    by_id = {p["id"]: p for p in json.loads(out)}
    assert {"knee-oa-6-weeks", "low-back-3-weeks", "balance-older-adults-8-weeks"} <= set(by_id)
    assert by_id["knee-oa-6-weeks"]["weeks"] == 6 and by_id["knee-oa-6-weeks"]["builtin"]
    code, out, _ = walkback("programs", "list")
    assert code == 0 and "6 weeks" in out


def test_enrol_status_and_leave(walkback):
    start = date.today() - timedelta(days=date.today().weekday())  # this week's Monday
    code, out, err = walkback("programs", "enrol", "knee-oa-6-weeks", "--start", start.isoformat())
    assert code == 0, err
    assert "enrolled" in out
    code, out, err = walkback("programs", "status", "--json")
    assert code == 0, err
    status = json.loads(out)
    assert {k: status[k] for k in ("id", "start", "week", "done_to_date")} == {
        "id": "knee-oa-6-weeks",
        "start": start.isoformat(),
        "week": 1,
        "done_to_date": 0,
    }
    assert status["next"]["routine"] == "knee-friendly-20"
    assert set(status) >= {"name", "planned_to_date", "adherence_pct", "next"}
    code, out, _ = walkback("programs", "status")
    assert code == 0 and "Week 1 of 6" in out
    code, _, err = walkback("programs", "enrol", "low-back-3-weeks")
    assert code == 2 and "already following" in err and len(err.strip().splitlines()) == 1
    assert walkback("programs", "leave")[0] == 0
    code, out, _ = walkback("programs", "status", "--json")
    assert code == 0 and json.loads(out) is None


@pytest.mark.parametrize(
    "args",
    [
        ("programs", "enrol", "no-such-program"),
        ("programs", "enrol", "knee-oa-6-weeks", "--start", "2025-13-01"),
        ("programs", "leave"),
        ("programs", "export", "nope", "out.json"),
        ("programs", "import", "missing-file.json"),
        ("assess", "add", "3mbwt", "-1"),
        ("assess", "add", "3mbwt", "fast"),
        ("assess", "add", "tug", "5"),
        ("assess", "add", "3mbwt", "5", "--at", "yesterday"),
    ],
)
def test_bad_input_exits_2_with_one_line(walkback, args):
    code, _out, err = walkback(*args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("walkback: ")
    assert "Traceback" not in err


def test_export_import_round_trip_with_clash_handling(walkback, tmp_path):
    path = tmp_path / "knee.walkback-program.json"
    assert walkback("programs", "export", "knee-oa-6-weeks", str(path))[0] == 0
    code, _, err = walkback("programs", "import", str(path))
    assert code == 2 and "--rename" in err and "built-in" in err
    code, out, err = walkback("programs", "import", str(path), "--rename")
    assert code == 0, err
    assert "knee-oa-6-weeks-2" in out
    path.write_text(
        '{"format": "walkback-program", "version": 1, "id": "x-y", "name": "X",'
        ' "weeks": [{"sessions": 8, "routine": "knee-friendly-20"}]}'
    )
    code, _, err = walkback("programs", "import", str(path))
    assert code == 2 and "week 1: sessions must be a whole number between 1 and 7" in err


def test_assess_add_list_and_export(walkback, tmp_path):
    code, out, err = walkback(
        "assess", "add", "3mbwt", "4.8", "--at", "2025-03-30T23:30+02:00", "--note", "first, test"
    )
    assert code == 0, err
    assert walkback("assess", "add", "3mbwt", "5.25")[0] == 0  # now, local time
    code, out, _ = walkback("assess", "list", "--json")
    results = json.loads(out)
    assert [r["seconds"] for r in results] == [4.8, 5.25]
    assert results[0]["taken_at"] == "2025-03-30T23:30:00+02:00"
    assert datetime.fromisoformat(results[1]["taken_at"]).tzinfo is not None
    target = tmp_path / "tests.csv"
    code, out, _ = walkback("assess", "export", str(target))
    assert code == 0 and "2 results" in out
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0] == {
        "taken_at": "2025-03-30T23:30:00+02:00",
        "test": "3mbwt",
        "seconds": "4.8",
        "trials": "",
        "note": "first, test",
    }

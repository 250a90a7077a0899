"""`walkback programs ...` and `walkback assess ...`: the stable contract."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta

import pytest

from tests.helpers import make_routine
from walkback_desktop.cli import main
from walkback_desktop.core.programs import FILE_SUFFIX, Program, ProgramWeek
from walkback_desktop.resources import resource_path

# The tests bring their own program (its routine embedded), so they do not hang on
# what the shipped library holds; only the listing of the built-ins reads it.
WALK = make_routine((60, "warmup"), (120, "backward"), routine_id="test-walk")


def program_file(folder, program_id: str = "test-plan", weeks: int = 3):
    program = Program(
        id=program_id,
        name=f"Plan {program_id}",
        weeks=(ProgramWeek(sessions=2, routine_id=WALK.id, embedded=WALK),) * weeks,
    )
    path = folder / f"{program_id}{FILE_SUFFIX}"
    path.write_text(program.to_json(), encoding="utf-8")
    return path


@pytest.fixture
def walkback(data_dir, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--data-dir", str(data_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_programs_list_json_has_the_builtins_and_the_own(walkback, tmp_path):
    assert walkback("programs", "import", str(program_file(tmp_path, weeks=4)))[0] == 0
    code, out, err = walkback("programs", "list", "--json")
    assert code == 0, err
    by_id = {p["id"]: p for p in json.loads(out)}
    shipped = {
        path.name.removesuffix(FILE_SUFFIX)
        for path in resource_path("programs").glob(f"*{FILE_SUFFIX}")
    }
    assert shipped and shipped <= set(by_id)
    assert all(by_id[program_id]["builtin"] for program_id in shipped)
    assert by_id["test-plan"]["weeks"] == 4 and not by_id["test-plan"]["builtin"]
    code, out, _ = walkback("programs", "list")
    assert code == 0 and "Plan test-plan" in out and "4 weeks" in out


def test_enrol_status_and_leave(walkback, tmp_path):
    for program_id in ("test-plan", "other-plan"):
        assert walkback("programs", "import", str(program_file(tmp_path, program_id)))[0] == 0
    start = date.today() - timedelta(days=date.today().weekday())  # this week's Monday
    code, out, err = walkback("programs", "enrol", "test-plan", "--start", start.isoformat())
    assert code == 0, err
    assert "enrolled" in out
    code, out, err = walkback("programs", "status", "--json")
    assert code == 0, err
    status = json.loads(out)
    assert {k: status[k] for k in ("id", "start", "week", "done_to_date")} == {
        "id": "test-plan",
        "start": start.isoformat(),
        "week": 1,
        "done_to_date": 0,
    }
    assert status["next"]["routine"] == WALK.id
    assert set(status) >= {"name", "planned_to_date", "adherence_pct", "next"}
    code, out, _ = walkback("programs", "status")
    assert code == 0 and "Week 1 of 3" in out
    code, _, err = walkback("programs", "enrol", "other-plan")
    assert code == 2 and "already following" in err and len(err.strip().splitlines()) == 1
    assert walkback("programs", "pause")[:2] == (0, "paused 'Plan test-plan'\n")
    code, _, err = walkback("programs", "pause")
    assert code == 2 and "already paused" in err
    assert walkback("programs", "resume")[:2] == (0, "resumed 'Plan test-plan'\n")
    code, out, _ = walkback("programs", "leave")
    assert (code, out) == (0, "left 'Plan test-plan'; its history is kept\n")
    code, out, _ = walkback("programs", "status", "--json")
    assert code == 0 and json.loads(out) is None


@pytest.mark.parametrize(
    "args",
    [
        ("programs", "enrol", "no-such-program"),
        ("programs", "enrol", "test-plan", "--start", "2025-13-01"),
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
    assert walkback("programs", "import", str(program_file(tmp_path)))[0] == 0
    path = tmp_path / "exported.walkback-program.json"
    assert walkback("programs", "export", "test-plan", str(path))[0] == 0
    assert Program.from_json(path.read_bytes()).weeks[0].embedded == WALK
    code, _, err = walkback("programs", "import", str(path))
    assert code == 2 and "--rename" in err and "in your library" in err
    code, out, err = walkback("programs", "import", str(path), "--rename")
    assert code == 0, err
    assert "test-plan-2" in out


def test_a_builtin_id_is_not_taken_over(walkback, tmp_path):
    code, out, _ = walkback("programs", "list", "--json")
    builtin = next(p["id"] for p in json.loads(out) if p["builtin"])
    path = tmp_path / "copy.walkback-program.json"
    assert walkback("programs", "export", builtin, str(path))[0] == 0
    code, _, err = walkback("programs", "import", str(path))
    assert code == 2 and "--rename" in err and "built-in" in err
    code, out, err = walkback("programs", "import", str(path), "--rename")
    assert code == 0, err
    assert f"{builtin}-2" in out


def test_a_bad_program_file_is_refused_with_its_week(walkback, tmp_path):
    path = tmp_path / "bad.walkback-program.json"
    path.write_text(
        '{"format": "walkback-program", "version": 1, "id": "x-y", "name": "X",'
        ' "weeks": [{"sessions": 8, "routine": "some-walk"}]}'
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

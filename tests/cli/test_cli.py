from __future__ import annotations

import json
import subprocess
import sys

import pytest

from walkback_desktop import __version__
from walkback_desktop.cli import main
from walkback_desktop.core.history import COLUMNS

HEADER = ",".join(COLUMNS)


@pytest.fixture
def walkback(data_dir, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(
            [*args, "--data-dir", str(data_dir)] if args else ["--data-dir", str(data_dir)]
        )
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_version_from_python_m():
    done = subprocess.run(
        [sys.executable, "-m", "walkback_desktop", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"WalkBack {__version__}"


def test_routines_list_json_has_the_builtins(walkback):
    code, out, err = walkback("routines", "list", "--json")
    assert code == 0, err
    routines = json.loads(out)
    assert len(routines) >= 8
    assert all(r["builtin"] and r["backward_seconds"] > 0 for r in routines)
    assert {"knee", "balance", "back", "cardio"} <= {r["goal"] for r in routines}


def test_routines_list_plain_shows_names(walkback):
    code, out, _ = walkback("routines", "list")
    assert code == 0 and "knee-friendly-20" in out and "built-in" in out


def test_export_import_round_trip(walkback, tmp_path):
    target = tmp_path / "knee.walkback.json"
    code, _, err = walkback("routines", "export", "knee-friendly-20", str(target))
    assert code == 0, err
    data = json.loads(target.read_text())
    data["id"] = "my-knee-walk"
    data["name"] = "My knee walk"
    target.write_text(json.dumps(data))
    code, out, err = walkback("routines", "import", str(target))
    assert code == 0, err
    assert "my-knee-walk" in out
    again = tmp_path / "again.walkback.json"
    walkback("routines", "export", "my-knee-walk", str(again))
    assert json.loads(again.read_text()) == data


def test_importing_a_builtin_id_again_is_refused_with_a_hint(walkback, tmp_path):
    target = tmp_path / "knee.walkback.json"
    walkback("routines", "export", "knee-friendly-20", str(target))
    code, _, err = walkback("routines", "import", str(target))
    assert code == 2
    assert "already used by a built-in routine" in err and "--rename" in err
    code, out, _ = walkback("routines", "import", str(target), "--rename")
    assert code == 0 and "knee-friendly-20-2" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"format": "walkback-routine", "version": 1, "id": "bad-one", "name": "Bad",'
            ' "segments": [{"kind": "backward", "label": "B", "seconds": 2}]}',
            "segment 1: seconds must be between 5 and 3600, got 2",
        ),
        ("not json at all", "not valid JSON"),
        ('{"format": "walkback-routine", "version": 7}', "newer WalkBack"),
    ],
)
def test_broken_routine_file_exits_2_with_one_line(walkback, tmp_path, content, message):
    bad = tmp_path / "bad.walkback.json"
    bad.write_text(content)
    code, _, err = walkback("routines", "import", str(bad))
    assert code == 2
    assert message in err and str(bad) in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_files_and_unknown_ids(walkback, tmp_path):
    code, _, err = walkback("routines", "import", str(tmp_path / "nope.json"))
    assert code == 2 and "no such file" in err
    code, _, err = walkback("routines", "export", "no-such-routine", str(tmp_path / "x.json"))
    assert code == 2 and "no routine with id 'no-such-routine'" in err


CSV = (
    HEADER + "\n"
    "2025-03-03T08:30:00+01:00,knee-friendly-20,1200,600,,4,2,true,felt fine\n"
    '2025-03-05T18:00:00-05:00,Walk from another app,905.5,300,110.25,,,false,"tired, ""stopped"" early"\n'
    "2025-03-07T07:15:00+00:00,first-steps-12,720,240,,3,,true,<b>bold</b> & <img src=x>\n"
)


def test_history_import_then_export_round_trips_exactly(walkback, tmp_path):
    source = tmp_path / "history.csv"
    source.write_text(CSV)
    code, out, err = walkback("history", "import", str(source))
    assert code == 0, err
    assert "imported 3 sessions" in out
    exported = tmp_path / "out.csv"
    code, _, err = walkback("history", "export", str(exported))
    assert code == 0, err
    assert exported.read_text() == CSV


def test_history_import_twice_skips_duplicates(walkback, tmp_path):
    source = tmp_path / "history.csv"
    source.write_text(CSV)
    walkback("history", "import", str(source))
    code, out, _ = walkback("history", "import", str(source))
    assert code == 0 and "imported 0 sessions" in out and "3 already in your history" in out


def test_csv_with_one_bad_row_imports_nothing_and_names_the_row(walkback, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(CSV + "2025-03-08T07:15:00+00:00,first-steps-12,720,240,,12,,true,\n")
    code, _, err = walkback("history", "import", str(bad))
    assert code == 2
    assert "line 5: rpe must be a whole number from 0 to 10" in err
    assert "nothing was imported" in err
    code, out, _ = walkback("history", "export", "-")
    assert out == HEADER + "\n"


def test_settings_list_get_set(walkback):
    code, out, _ = walkback("settings", "list")
    assert code == 0 and "weight_kg = 70" in out and "units = metric" in out
    assert walkback("settings", "set", "units", "imperial")[0] == 0
    assert walkback("settings", "get", "units")[1] == "imperial\n"
    code, _, err = walkback("settings", "set", "weight_kg", "heavy")
    assert code == 2 and "weight_kg must be a number from 20 to 400" in err
    code, _, err = walkback("settings", "get", "colour")
    assert code == 2 and "unknown setting 'colour'" in err


def test_unknown_command_exits_2_with_one_line(walkback):
    code, _, err = walkback("fly")
    assert code == 2 and err.count("\n") == 1


def test_corrupt_database_is_moved_aside_and_the_user_told(walkback, data_dir):
    (data_dir / "walkback.db").write_bytes(b"garbage" * 100)
    code, out, err = walkback("settings", "get", "units")
    assert code == 0 and out == "metric\n"
    assert "moved aside" in err
    assert list(data_dir.glob("walkback.db.corrupt-*"))


def test_log_file_is_written_beside_the_data(walkback, data_dir):
    walkback("routines", "list")
    assert (data_dir / "walkback.log").exists()


def test_a_command_leaves_a_running_windows_checkpoint_alone(walkback, data_dir):
    from datetime import datetime, timezone

    from walkback_desktop.core.history import CheckpointRecord
    from walkback_desktop.instance_lock import gui_lock
    from walkback_desktop.storage.store import open_store

    store = open_store(data_dir)
    now = datetime.now(timezone.utc)
    store.checkpoints.save(CheckpointRecord(None, "Live walk", "{}", now, 42.0, 20.0, (), now))
    store.close()
    lock = gui_lock(data_dir)
    assert lock.tryLock(0)
    code, out, _ = walkback("history", "export", "-")
    assert code == 0 and "Live walk" not in out
    lock.unlock()
    code, out, err = walkback("history", "export", "-")
    assert "Live walk" in out and "interrupted workout" in err


def test_files_handed_over_by_the_desktop_are_split_from_options(tmp_path):
    from walkback_desktop.cli import split_open_files

    routine = tmp_path / "walk.walkback.json"
    routine.write_text("{}")
    files, rest = split_open_files(["--data-dir", str(tmp_path), str(routine)])
    assert files == [routine] and rest == ["--data-dir", str(tmp_path)]
    assert split_open_files(["routines", "import", str(routine)]) == (
        [],
        ["routines", "import", str(routine)],
    )


# --- bad input: one line, exit 2 ------------------------------------------------


def _one_line(err: str) -> None:
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_name_the_system_cannot_look_up_exits_2(walkback, tmp_path):
    long_name = str(tmp_path / ("x" * 300 + ".json"))
    code, _, err = walkback("routines", "import", long_name)
    assert code == 2 and "the name is too long" in err
    _one_line(err)
    code, _, err = walkback(long_name)
    assert code == 2
    _one_line(err)


def test_a_routine_nested_988_deep_exits_2(walkback, tmp_path):
    deep = tmp_path / "deep.walkback.json"
    deep.write_text("[" * 988 + "]" * 988)
    code, _, err = walkback("routines", "import", str(deep))
    assert code == 2 and "nested too deeply" in err
    _one_line(err)
    deeper = tmp_path / "deeper.walkback.json"
    deeper.write_text('{"a":' * 5000 + "1" + "}" * 5000)
    code, _, err = walkback("routines", "import", str(deeper))
    assert code == 2
    _one_line(err)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_report_date_out_of_range_exits_2(walkback, tmp_path, day):
    code, _, err = walkback("report", "--out", str(tmp_path / "r.pdf"), "--from", day)
    assert code == 2 and "out of range" in err
    _one_line(err)


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="POSIX only")
def test_importing_a_fifo_or_a_device_exits_2_at_once(walkback, tmp_path):
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    code, _, err = walkback("history", "import", str(fifo))
    assert code == 2 and "not a regular file" in err
    code, _, err = walkback("routines", "import", "/dev/zero")
    assert code == 2 and "not a regular file" in err
    _one_line(err)


def test_exporting_onto_a_device_is_refused_and_symlinks_are_written_through(walkback, tmp_path):
    from pathlib import Path

    if Path("/dev/full").exists():
        code, _, err = walkback("history", "export", "/dev/full")
        assert code == 2 and "not a regular file" in err
        assert Path("/dev/full").is_char_device()
    target = tmp_path / "real.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    code, _, err = walkback("history", "export", str(link))
    assert code == 0, err
    assert link.is_symlink() and target.read_text() == HEADER + "\n"


# --- history CSV round trips -----------------------------------------------------


def test_a_note_with_a_carriage_return_and_formulas_round_trips(walkback, tmp_path):
    from datetime import datetime, timedelta, timezone

    from tests.helpers import make_session
    from walkback_desktop.storage.store import open_store

    notes = ["line one\rline two", '=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx"]
    store = open_store(tmp_path / "data", backup=False)
    start = datetime(2025, 3, 3, 8, 0, tzinfo=timezone(timedelta(hours=1)))
    for n, note in enumerate(notes):
        store.sessions.add(make_session(started_at=start + timedelta(days=n), notes=note))
    store.close()
    exported = tmp_path / "out.csv"
    assert main(["history", "export", str(exported), "--data-dir", str(tmp_path / "data")]) == 0
    text = exported.read_bytes().decode("utf-8")
    for line in text.split("\n")[1:]:
        cells = line.split(",")
        assert not any(c.startswith(("=", "+", "-", "@", "\t")) for c in cells[1:])
    code, _, err = walkback("history", "import", str(exported))
    assert code == 0, err
    code, again, _ = walkback("history", "export", "-")
    assert again == text


def test_two_walks_in_the_same_second_are_both_kept(walkback, tmp_path):
    source = tmp_path / "h.csv"
    source.write_text(
        HEADER + "\n"
        "2025-03-03T08:30:00+01:00,knee-friendly-20,1200,600,,4,2,true,morning\n"
        "2025-03-03T08:30:00+01:00,knee-friendly-20,900,300,,5,1,true,with a friend\n"
    )
    code, out, err = walkback("history", "import", str(source))
    assert code == 0 and "imported 2 sessions" in out, err
    code, out, _ = walkback("history", "import", str(source))
    assert "imported 0 sessions" in out and "2 already in your history" in out


def test_a_custom_routine_comes_back_by_its_name_elsewhere(walkback, tmp_path, capsys):
    routine = tmp_path / "park.walkback.json"
    walkback("routines", "export", "knee-friendly-20", str(routine))
    data = json.loads(routine.read_text())
    data.update(id="my-park-loop", name="My park loop")
    routine.write_text(json.dumps(data))
    assert walkback("routines", "import", str(routine))[0] == 0
    source = tmp_path / "h.csv"
    source.write_text(HEADER + "\n2025-03-03T08:30:00+01:00,my-park-loop,1200,600,,,,true,\n")
    assert walkback("history", "import", str(source))[0] == 0
    exported = tmp_path / "out.csv"
    assert walkback("history", "export", str(exported))[0] == 0
    assert ",My park loop," in exported.read_text()
    elsewhere = tmp_path / "elsewhere"
    assert main(["history", "import", str(exported), "--data-dir", str(elsewhere)]) == 0
    assert main(["history", "export", "-", "--data-dir", str(elsewhere)]) == 0
    assert ",My park loop," in capsys.readouterr().out
    # and in the original folder the name maps back to the routine's id
    _, out, _ = walkback("history", "import", str(exported))
    assert "1 already in your history" in out


def test_an_error_in_a_multi_line_row_names_its_first_line(walkback, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER + "\n"
        "2025-03-03T08:30:00+01:00,knee-friendly-20,1200,600,,4,2,true,fine\n"
        '2025-03-04T08:30:00+01:00,knee-friendly-20,1200,600,,99,2,true,"one\ntwo\nthree"\n'
    )
    code, _, err = walkback("history", "import", str(bad))
    assert code == 2 and "line 3: rpe must be a whole number" in err
    _one_line(err)


# --- storage faults ---------------------------------------------------------------


def test_a_locked_database_is_explained_without_sql(walkback, data_dir, monkeypatch):
    import sqlite3

    from walkback_desktop.storage import database

    assert walkback("settings", "list")[0] == 0
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.1)
    holder = sqlite3.connect(data_dir / "walkback.db")
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = walkback("settings", "set", "units", "imperial")
    finally:
        holder.rollback()
        holder.close()
    assert code == 1 and "in use by another program" in err and "try again" in err
    assert "INSERT" not in err and "UPDATE" not in err and "sqlite3" not in err
    _one_line(err)


def test_the_command_line_speaks_the_language_setting(data_dir, capsys):
    from walkback_desktop import i18n
    from walkback_desktop.cli import main

    try:
        assert main(["settings", "set", "language", "de", "--data-dir", str(data_dir)]) == 0
        capsys.readouterr()
        assert main(["routines", "list", "--data-dir", str(data_dir)]) == 0
        out = capsys.readouterr().out
        assert "Knieschonendes Rückwärtsgehen" in out
        assert "Knee-friendly retro walk" not in out
        # the columns too: the backward time, the level and where it comes from
        assert "rückwärts" in out and "Einsteiger" in out and "mitgeliefert" in out
        assert "  backward " not in out and "Beginner" not in out and "built-in" not in out
        assert main(["routines", "export", "no-such", "-", "--data-dir", str(data_dir)]) == 2
        assert "keine Routine mit der ID" in capsys.readouterr().err
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(
    "argv",
    [[], ["--data-dir", "some folder"], ["--data-dir", "-x"], ["--data-dir"], ["start"]],
)
def test_the_window_shortcut_reads_arguments_as_the_parser_does(argv):
    """`walkback` and `walkback --data-dir DIR` start the window without building
    the whole parser; for anything else the parser decides."""
    from walkback_desktop.cli import UsageError, _window_only, build_parser

    quick = _window_only(argv)
    if quick is None:
        return  # the parser reads it, as before
    try:
        assert quick == build_parser().parse_args(argv)
    except UsageError:
        raise AssertionError(f"the shortcut accepted {argv}, the parser refuses it") from None

"""The `walkback` command: the GUI by default, sub-commands for scripts.

A stable contract (docs/cli.md): exit 0 on success, 2 on bad input with a
one-line reason on stderr, 1 when the data cannot be opened. No traceback
ever reaches a user; unexpected errors are logged to walkback.log.

About 500 lines: the parser and the routines, history and settings handlers
are the one command-line contract and read best together; the program,
assessment and report commands are in cli_programs.py and cli_report.py.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, cast

from walkback_desktop import APP_NAME, __version__, cli_programs, cli_report
from walkback_desktop.logging_setup import LOG_FILENAME, setup_logging
from walkback_desktop.paths import resolve_data_dir, resolve_log_dir

if TYPE_CHECKING:
    from walkback_desktop.storage.store import Store

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad input from the user: exit 2 with this one-line message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        from walkback_desktop.i18n import _

        raise UsageError(_("{message} (see 'walkback --help')").format(message=message))


def build_parser() -> argparse.ArgumentParser:
    data_dir = _Parser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder for the database, backups and log (default: the user data folder; "
        "or set WALKBACK_DATA_DIR)",
    )
    parser = _Parser(
        prog="walkback",
        description=f"{APP_NAME}: a coach for backward-walking workouts. "
        "With no command, the app opens.",
        parents=[data_dir],
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    routines = commands.add_parser("routines", help="list, export and import routines")
    routines_cmd = routines.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = routines_cmd.add_parser("list", help="list every routine", parents=[data_dir])
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    export = routines_cmd.add_parser(
        "export", help="write a routine to a file", parents=[data_dir]
    )
    export.add_argument("id", metavar="ID")
    export.add_argument("file", metavar="FILE", help="destination (- for standard output)")
    imp = routines_cmd.add_parser("import", help="add a routine from a file", parents=[data_dir])
    imp.add_argument("file", metavar="FILE")
    clash = imp.add_mutually_exclusive_group()
    clash.add_argument("--rename", action="store_true", help="if the id is taken, use a new id")
    clash.add_argument(
        "--replace", action="store_true", help="if the id is taken, replace that custom routine"
    )

    history = commands.add_parser("history", help="export and import the session history (CSV)")
    history_cmd = history.add_subparsers(dest="action", metavar="ACTION", required=True)
    hexp = history_cmd.add_parser(
        "export", help="write every session to a CSV", parents=[data_dir]
    )
    hexp.add_argument("file", metavar="FILE.csv", help="destination (- for standard output)")
    himp = history_cmd.add_parser(
        "import", help="add sessions from a CSV (all or nothing)", parents=[data_dir]
    )
    himp.add_argument("file", metavar="FILE.csv")

    settings = commands.add_parser("settings", help="show and change settings")
    settings_cmd = settings.add_subparsers(dest="action", metavar="ACTION", required=True)
    settings_cmd.add_parser("list", help="every setting and its value", parents=[data_dir])
    get = settings_cmd.add_parser("get", help="one setting's value", parents=[data_dir])
    get.add_argument("key", metavar="KEY")
    put = settings_cmd.add_parser("set", help="change a setting", parents=[data_dir])
    put.add_argument("key", metavar="KEY")
    put.add_argument("value", metavar="VALUE")

    report = commands.add_parser(
        "report",
        help="write the progress report (for a physiotherapist) as a PDF",
        parents=[data_dir],
    )
    report.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    report.add_argument(
        "--from",
        dest="first",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="first day to include (default: the first session)",
    )
    report.add_argument(
        "--to",
        dest="last",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="last day to include (default: today)",
    )
    report.add_argument(
        "--full-log",
        action="store_true",
        help="list every session in the log (default: the last 12 weeks)",
    )
    report.set_defaults(action=None)

    start = commands.add_parser(
        "start", help="open the app straight into a workout", parents=[data_dir]
    )
    start.add_argument("routine_id", metavar="ROUTINE_ID")
    cli_programs.add_parsers(commands, data_dir)
    return parser


def _iso_date(text: str) -> date:
    """A YYYY-MM-DD date within the years a history can hold."""
    from walkback_desktop.i18n import _

    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a date; use YYYY-MM-DD, e.g. 2025-03-01").format(text=text)
        ) from None
    from walkback_desktop.core.history import MAX_YEAR, MIN_YEAR

    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(
            _("{text!r} is out of range; use a date from {first} to {last}").format(
                text=text, first=MIN_YEAR, last=MAX_YEAR
            )
        )
    return day


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    open_files, args_list = split_open_files(args_list)
    try:
        args = _window_only(args_list) or build_parser().parse_args(args_list)
    except UsageError as exc:
        return _fail(str(exc), EXIT_BAD_INPUT)
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    given = getattr(args, "data_dir", None)
    data_dir = resolve_data_dir(given)
    setup_logging(resolve_log_dir(bool(given or os.environ.get("WALKBACK_DATA_DIR")), data_dir))
    _use_language(data_dir)
    if args.command in (None, "start"):
        from walkback_desktop.app import run_gui

        return run_gui(
            data_dir, start_routine=getattr(args, "routine_id", None), open_files=open_files
        )
    try:
        return _run_command(args, data_dir)
    except UsageError as exc:
        return _fail(str(exc), EXIT_BAD_INPUT)
    except Exception as exc:
        from walkback_desktop.storage.database import DatabaseError

        if isinstance(exc, DatabaseError):
            return _fail(str(exc), EXIT_FAILURE)
        log.exception("unexpected error in 'walkback %s'", " ".join(args_list))
        return _fail(f"unexpected error: {exc} (details in {LOG_FILENAME})", EXIT_FAILURE)


def _window_only(args: list[str]) -> argparse.Namespace | None:
    """What the parser gives for `walkback` and `walkback --data-dir DIR` (how the
    desktop starts the window), without building the parser and its ten
    sub-commands: the window's first paint waits for this (a test checks the
    two agree)."""
    if not args:
        return argparse.Namespace(command=None)
    if len(args) == 2 and args[0] == "--data-dir" and not args[1].startswith("-"):
        return argparse.Namespace(command=None, data_dir=args[1])
    return None


def _use_language(data_dir: Path) -> None:
    """Speak the `language` setting (read cheaply, without opening the store)."""
    from walkback_desktop.early_settings import read_early_settings
    from walkback_desktop.i18n import set_language

    set_language(str(read_early_settings(data_dir).get("language", "system")))


def split_open_files(args: list[str]) -> tuple[list[Path], list[str]]:
    """`walkback [--data-dir DIR] FILE.json...`: files the desktop hands over (a
    double-click, Open With). Returns them and the other arguments; with a
    sub-command (`walkback routines import FILE`) nothing is taken."""
    files = [
        a for a in args if a.lower().endswith(".json") and not a.startswith("-") and _is_file(a)
    ]
    rest = [a for a in args if a not in files]
    positional = [
        a
        for i, a in enumerate(rest)
        if not a.startswith("-") and (i == 0 or rest[i - 1] != "--data-dir")
    ]
    if not files or positional:
        return [], args
    return [Path(a) for a in files], rest


def _is_file(name: str) -> bool:
    """Path.is_file() raises for a name the system cannot look up (too long)."""
    try:
        return Path(name).is_file()
    except (OSError, ValueError):
        return False


def _fail(message: str, code: int) -> int:
    one_line = " ".join(message.split())
    print(f"walkback: {one_line}", file=sys.stderr)
    return code


def _run_command(args: argparse.Namespace, data_dir: Path) -> int:
    from walkback_desktop.instance_lock import gui_running

    # While a window has this folder open, its checkpoint is a live workout, not a crash.
    recover = not gui_running(data_dir)
    handler = _HANDLERS[(args.command, args.action)]
    if handler in _PLAIN_HANDLERS:
        done = _run_plain(handler, args, data_dir, recover)
        if done is not None:
            return done
    from walkback_desktop.storage.store import open_store

    store = open_store(data_dir, recover=recover)
    told = 0
    try:
        told = _tell(store.notices, told)
        return handler(args, store)
    finally:
        _tell(store.notices, told)  # rows set aside while the command ran
        store.close()


def _run_plain(
    handler: Callable[[argparse.Namespace, Store], int],
    args: argparse.Namespace,
    data_dir: Path,
    recover: bool,
) -> int | None:
    """The history commands and the report on a plain sqlite3 connection, without SQLAlchemy's
    import (storage/plain.py); None when the data folder needs the full store."""
    from walkback_desktop.storage.plain import FullStoreNeededError, open_plain

    plain = open_plain(data_dir, recover=recover)
    if plain is None:
        return None
    try:
        done = handler(args, cast("Store", plain))
    except FullStoreNeededError:  # raised before anything was written; the store tells
        return None
    except BaseException:
        _tell(plain.notices, 0)
        raise
    finally:
        plain.close()
    _tell(plain.notices, 0)
    return done


def _tell(notices: list[str], told: int) -> int:
    from walkback_desktop.i18n import _

    for notice in notices[told:]:
        print(_("walkback: note: {notice}").format(notice=notice), file=sys.stderr)
    return len(notices)


# --- routines -------------------------------------------------------------


def _routines_list(args: argparse.Namespace, store: Store) -> int:
    from walkback_desktop.core.routine import LEVEL_TITLES
    from walkback_desktop.i18n import _, formats

    routines = store.library.all()
    if args.json:
        payload = [
            {
                "id": r.id,
                "name": r.name,
                "level": r.level.value,
                "goal": r.goal.value,
                "builtin": r.builtin,
                "total_seconds": r.total_seconds,
                "backward_seconds": r.backward_seconds,
                "segments": len(r.segments),
                "description": r.description,
            }
            for r in routines
        ]
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return EXIT_OK
    width = max((len(r.id) for r in routines), default=2)
    for r in routines:
        origin = _("built-in") if r.builtin else _("custom")
        backward = _("backward {time}").format(time=f"{formats.duration(r.backward_seconds):>6}")
        print(
            f"{r.id:<{width}}  {formats.duration(r.total_seconds):>8}  "
            f"{backward}  {_(LEVEL_TITLES[r.level]):<12}  "
            f"{origin:<8}  {r.name}"
        )
    return EXIT_OK


def _routines_export(args: argparse.Namespace, store: Store) -> int:
    from walkback_desktop.i18n import _

    routine = store.library.get(args.id)
    if routine is None:
        raise UsageError(
            _("no routine with id {id!r} (see 'walkback routines list')").format(id=args.id)
        )
    _write_text(args.file, routine.to_json())
    if args.file != "-":
        print(_("exported '{name}' to {file}").format(name=routine.name, file=args.file))
    return EXIT_OK


def _routines_import(args: argparse.Namespace, store: Store) -> int:
    from walkback_desktop.core.routine import MAX_FILE_BYTES, RoutineError
    from walkback_desktop.i18n import _
    from walkback_desktop.storage.library import Clash, RoutineClashError

    data = _read_bytes(args.file, MAX_FILE_BYTES)
    clash = Clash.RENAME if args.rename else Clash.REPLACE if args.replace else Clash.REFUSE
    try:
        routine = store.library.import_routine(data, clash)
    except RecursionError:  # JSON nested deeper than Python's parser goes
        raise UsageError(
            _("{file}: the routine is nested too deeply to be a WalkBack routine").format(
                file=args.file
            )
        ) from None
    except RoutineError as exc:
        hint = ""
        if isinstance(exc, RoutineClashError):
            hint = (
                _("; use --rename to import it under a new id")
                if exc.builtin
                else _("; use --rename to import it under a new id or --replace to overwrite it")
            )
        raise UsageError(f"{args.file}: {exc}{hint}") from exc
    print(_("imported '{name}' as {id}").format(name=routine.name, id=routine.id))
    return EXIT_OK


# --- history --------------------------------------------------------------


def _history_export(args: argparse.Namespace, store: Store) -> int:
    from walkback_desktop.core.history import format_history_csv
    from walkback_desktop.i18n import ngettext

    records = store.sessions.list()
    builtin_ids = {r.id for r in store.library.builtins}
    _write_text(args.file, format_history_csv(records, builtin_ids))
    if args.file != "-":
        print(
            ngettext(
                "exported {n} session to {file}", "exported {n} sessions to {file}", len(records)
            ).format(n=len(records), file=args.file)
        )
    return EXIT_OK


def _history_import(args: argparse.Namespace, store: Store) -> int:
    from walkback_desktop.core.history_csv import MAX_CSV_BYTES, HistoryCsvError, parse_history_csv
    from walkback_desktop.i18n import _, ngettext

    data = _read_bytes(args.file, MAX_CSV_BYTES)
    try:
        records = parse_history_csv(data, store.library.resolve_label)
    except HistoryCsvError as exc:
        raise UsageError(
            _("{file}: {problem}; nothing was imported").format(
                file=args.file, problem=exc.render(_)
            )
        ) from exc
    result = store.sessions.import_many(records)
    added = ngettext(
        "imported {n} session from {file}", "imported {n} sessions from {file}", result.added
    ).format(n=result.added, file=args.file)
    if result.skipped_duplicates:
        added += " " + ngettext(
            "({n} already in your history was skipped)",
            "({n} already in your history were skipped)",
            result.skipped_duplicates,
        ).format(n=result.skipped_duplicates)
    print(added)
    return EXIT_OK


# --- settings -------------------------------------------------------------


def _settings_list(args: argparse.Namespace, store: Store) -> int:
    from walkback_desktop.core.settings import format_value

    for key, value in sorted(store.settings.all().items()):
        print(f"{key} = {format_value(value)}")
    return EXIT_OK


def _settings_get(args: argparse.Namespace, store: Store) -> int:
    from walkback_desktop.core.settings import SettingError, format_value
    from walkback_desktop.i18n import _

    try:
        print(format_value(store.settings.get(args.key)))
    except SettingError as exc:
        raise UsageError(exc.render(_)) from exc
    return EXIT_OK


def _settings_set(args: argparse.Namespace, store: Store) -> int:
    from walkback_desktop.core.settings import SettingError, format_value, setting
    from walkback_desktop.i18n import _

    try:
        value = store.settings.set(args.key, setting(args.key).parse(args.value))
    except SettingError as exc:
        raise UsageError(exc.render(_)) from exc
    print(f"{args.key} = {format_value(value)}")
    return EXIT_OK


# --- files ----------------------------------------------------------------


READ_LIMIT_BYTES = 10_000_000  # for files without a limit of their own


def _read_bytes(name: str, limit: int = READ_LIMIT_BYTES) -> bytes:
    """A file the user named (or standard input for -), at most `limit` bytes."""
    from walkback_desktop.files import UserFileError, read_user_file
    from walkback_desktop.i18n import _

    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise UsageError(_("standard input is too large"))
        return data
    try:
        return read_user_file(name, limit)
    except UserFileError as exc:
        raise UsageError(str(exc)) from None


def _write_text(name: str, text: str) -> None:
    """Write atomically (through symlinks; never onto a device): a half-written
    export never replaces a good file."""
    from walkback_desktop.files import UserFileError, write_atomic

    if name == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        write_atomic(name, text)
    except UserFileError as exc:
        raise UsageError(str(exc)) from None


_HANDLERS: dict[tuple[str, str | None], Callable[[argparse.Namespace, Store], int]] = {
    ("routines", "list"): _routines_list,
    ("routines", "export"): _routines_export,
    ("routines", "import"): _routines_import,
    ("history", "export"): _history_export,
    ("history", "import"): _history_import,
    ("settings", "list"): _settings_list,
    ("settings", "get"): _settings_get,
    ("settings", "set"): _settings_set,
    ("report", None): cli_report.report,
}
_HANDLERS.update(cli_programs.HANDLERS)
# Run on storage/plain.py's PlainStore (which has what they use of a Store) when it can.
_PLAIN_HANDLERS = {_history_export, _history_import, cli_report.report}

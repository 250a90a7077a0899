"""`walkback programs ...` and `walkback assess ...`: a stable contract.

    walkback programs list [--json] | import FILE [--rename|--replace] | export ID FILE
    walkback programs enrol ID [--start YYYY-MM-DD] | status [--json] | pause | resume | leave
    walkback assess add 3mbwt SECONDS [--at ISO-8601] [--note TEXT]
    walkback assess list [--json] | export FILE.csv

Exit 0 on success, 2 with one line on stderr on bad input (the `cli` module's
UsageError). Hooked into `cli.py` by `add_parsers` and `HANDLERS`.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from walkback_desktop.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from walkback_desktop.storage.store import Store

EXIT_OK = 0
ASSESS_CSV_COLUMNS = ("taken_at", "test", "seconds", "trials", "note")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a date; use YYYY-MM-DD, e.g. 2025-03-01").format(text=text)
        ) from None


def _iso_moment(text: str) -> datetime:
    raw = text.strip()
    try:
        moment = datetime.fromisoformat(raw[:-1] + "+00:00" if raw.endswith(("Z", "z")) else raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a date and time; use ISO 8601, e.g. 2025-03-01T10:30+01:00").format(
                text=text
            )
        ) from None
    return moment if moment.tzinfo is not None else moment.astimezone()


def _seconds(text: str) -> float:
    from walkback_desktop.core.assessments import MAX_SECONDS, MIN_SECONDS, valid_seconds

    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not valid_seconds(value):
        raise argparse.ArgumentTypeError(
            _("SECONDS must be a number from {low} to {high}, got {text!r}").format(
                low=MIN_SECONDS, high=f"{MAX_SECONDS:g}", text=text
            )
        )
    return value


def add_parsers(commands: Any, data_dir: argparse.ArgumentParser) -> None:
    """Add the `programs` and `assess` sub-commands to `walkback`'s parser."""
    programs = commands.add_parser("programs", help=_("rehab programs: list, enrol, status"))
    cmd = programs.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = cmd.add_parser("list", help=_("list every program"), parents=[data_dir])
    listing.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    imp = cmd.add_parser("import", help=_("add a program from a file"), parents=[data_dir])
    imp.add_argument("file", metavar="FILE")
    clash = imp.add_mutually_exclusive_group()
    clash.add_argument("--rename", action="store_true", help=_("if the id is taken, use a new id"))
    clash.add_argument(
        "--replace", action="store_true", help=_("if the id is taken, replace that custom program")
    )
    exp = cmd.add_parser("export", help=_("write a program to a file"), parents=[data_dir])
    exp.add_argument("id", metavar="ID")
    exp.add_argument("file", metavar="FILE", help=_("destination (- for standard output)"))
    enrol = cmd.add_parser("enrol", help=_("start following a program"), parents=[data_dir])
    enrol.add_argument("id", metavar="ID")
    enrol.add_argument(
        "--start", type=_iso_date, metavar="YYYY-MM-DD", help=_("first day (default: today)")
    )
    status = cmd.add_parser("status", help=_("the program you follow"), parents=[data_dir])
    status.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    cmd.add_parser("pause", help=_("pause the program from today"), parents=[data_dir])
    cmd.add_parser("resume", help=_("resume a paused program today"), parents=[data_dir])
    cmd.add_parser("leave", help=_("stop following the program"), parents=[data_dir])

    assess = commands.add_parser("assess", help=_("the 3-m Backward Walk Test results"))
    acmd = assess.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = acmd.add_parser("add", help=_("record a result"), parents=[data_dir])
    add.add_argument("test", choices=["3mbwt"], metavar="3mbwt")
    add.add_argument("seconds", type=_seconds, metavar="SECONDS")
    add.add_argument("--at", type=_iso_moment, metavar="ISO-8601", help=_("when (default: now)"))
    add.add_argument("--note", default="", metavar="TEXT")
    alist = acmd.add_parser("list", help=_("list the results"), parents=[data_dir])
    alist.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    aexp = acmd.add_parser("export", help=_("write the results to a CSV"), parents=[data_dir])
    aexp.add_argument("file", metavar="FILE.csv", help=_("destination (- for standard output)"))


def usage_error(message: str) -> Exception:
    """The cli module's UsageError (exit 2, one line), for the sub-command modules."""
    from walkback_desktop.cli import UsageError

    return UsageError(message)


# --- programs -------------------------------------------------------------------


def _programs_list(args: argparse.Namespace, store: Store) -> int:
    programs = store.programs.all()
    if args.json:
        payload = [
            {
                "id": p.id,
                "name": p.name,
                "builtin": p.builtin,
                "weeks": p.week_count,
                "sessions": p.total_sessions,
                "audience": list(p.audience),
                "checks": list(p.checks),
                "description": p.description,
            }
            for p in programs
        ]
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return EXIT_OK
    width = max((len(p.id) for p in programs), default=2)
    for p in programs:
        origin = _("built-in") if p.builtin else _("custom")
        weeks = ngettext("{n} week", "{n} weeks", p.week_count).format(n=p.week_count)
        print(f"{p.id:<{width}}  {weeks:>9}  {origin:<8}  {p.name}")
    return EXIT_OK


def _programs_import(args: argparse.Namespace, store: Store) -> int:
    from walkback_desktop.cli import _read_bytes
    from walkback_desktop.core.programs import ProgramError
    from walkback_desktop.storage.library import Clash

    data = _read_bytes(args.file)
    clash = Clash.RENAME if args.rename else Clash.REPLACE if args.replace else Clash.REFUSE
    try:
        program = store.programs.import_program(data, clash)
    except ProgramError as exc:
        hint = ""
        if exc.code == "clash_builtin":
            hint = _("; use --rename to import it under a new id")
        elif exc.code == "clash_custom":
            hint = _("; use --rename to import it under a new id or --replace to overwrite it")
        raise usage_error(f"{args.file}: {exc}{hint}") from exc
    print(_("imported '{name}' as {id}").format(name=program.name, id=program.id))
    return EXIT_OK


def _programs_export(args: argparse.Namespace, store: Store) -> int:
    from walkback_desktop.cli import _write_text

    program = store.programs.get(args.id)
    if program is None:
        raise usage_error(
            _("no program with id {id!r} (see 'walkback programs list')").format(id=args.id)
        )
    _write_text(args.file, program.to_json())
    if args.file != "-":
        print(_("exported '{name}' to {file}").format(name=program.name, file=args.file))
    return EXIT_OK


def _service(store: Store) -> Any:
    from walkback_desktop.services.programs import ProgramService

    return ProgramService(store)


def _enrolment_call(action: Callable[[], Any]) -> Any:
    from walkback_desktop.storage.program_library import EnrolmentError

    try:
        return action()
    except EnrolmentError as exc:
        raise usage_error(str(exc)) from exc


def _programs_enrol(args: argparse.Namespace, store: Store) -> int:
    service = _service(store)
    record = _enrolment_call(lambda: service.enrol(args.id, args.start))
    print(
        _("enrolled in '{name}' from {start}").format(
            name=record.program.name, start=record.started_on.isoformat()
        )
    )
    return EXIT_OK


def status_payload(store: Store, today: date | None = None) -> dict[str, Any] | None:
    """The `programs status --json` object (None when no program is followed)."""
    service = _service(store)
    active = service.status(today)
    if active is None:
        return None
    status = active.status
    adherence = status.adherence
    nxt = service.next_session(today)
    pct = adherence.sessions_pct
    backward_pct = adherence.backward_pct
    return {
        "id": active.program_id,
        "name": active.name,
        "start": active.enrolment.started_on.isoformat(),
        "state": status.state.value,
        "week": status.current_week,
        "weeks": active.enrolment.program.week_count,
        "planned_to_date": adherence.planned_sessions,
        "done_to_date": adherence.done_sessions,
        "adherence_pct": None if pct is None else round(pct),
        "backward_planned_min": round(adherence.planned_backward_s / 60, 1),
        "backward_done_min": round(adherence.done_backward_s / 60, 1),
        "backward_adherence_pct": None if backward_pct is None else round(backward_pct),
        "next": None
        if nxt is None
        else {"date": nxt.day.isoformat(), "routine": nxt.planned.routine_id},
        "next_check": None
        if status.next_check is None
        else {"week": status.next_check.week, "date": status.next_check.due_on.isoformat()},
    }


def _programs_status(args: argparse.Namespace, store: Store) -> int:
    payload = status_payload(store)
    if args.json:
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return EXIT_OK
    if payload is None:
        print(_("You are not following a program (see 'walkback programs list')."))
        return EXIT_OK
    print(_("{name} ({id}), started {start}").format(**payload))
    if payload["week"] is not None:
        print(_("Week {week} of {weeks}").format(**payload))
    planned, done = payload["planned_to_date"], payload["done_to_date"]
    line = ngettext(
        "{done} of {planned} planned session done",
        "{done} of {planned} planned sessions done",
        planned,
    ).format(done=done, planned=planned)
    if payload["adherence_pct"] is not None:
        line += f" ({payload['adherence_pct']} %)"
    print(line)
    if payload["next"] is not None:
        print(_("Next: {date}, {routine}").format(**payload["next"]))
    return EXIT_OK


# pause, resume and leave: the service's method and what is said after it.
_ENROLMENT_STEPS = {
    "pause": N_("paused '{name}'"),
    "resume": N_("resumed '{name}'"),
    "leave": N_("left '{name}'; its history is kept"),
}


def _enrolment_step(step: str) -> Callable[[argparse.Namespace, Store], int]:
    def run(args: argparse.Namespace, store: Store) -> int:
        record = _enrolment_call(getattr(_service(store), step))
        print(_(_ENROLMENT_STEPS[step]).format(name=record.program.name))
        return EXIT_OK

    return run


# --- assess ---------------------------------------------------------------------


def _assess_add(args: argparse.Namespace, store: Store) -> int:
    from walkback_desktop.core.assessments import AssessmentResult

    moment = args.at or datetime.now().astimezone()
    if len(args.note) > 2000:
        raise usage_error(_("the note is too long (at most 2000 characters)"))
    result = store.assessments.add(
        AssessmentResult(taken_at=moment, seconds=args.seconds, note=args.note)
    )
    print(
        _("recorded 3MBWT {seconds} s on {date}").format(
            seconds=f"{result.seconds:.2f}", date=result.taken_at.date().isoformat()
        )
    )
    return EXIT_OK


def _assess_list(args: argparse.Namespace, store: Store) -> int:
    results = store.assessments.list()
    if args.json:
        payload = [
            {
                "id": r.id,
                "test": r.test,
                "taken_at": r.taken_at.isoformat(),
                "seconds": r.seconds,
                "trials": list(r.trials),
                "note": r.note,
            }
            for r in results
        ]
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return EXIT_OK
    for r in results:
        print(f"{r.taken_at.isoformat(timespec='minutes')}  {r.seconds:6.2f} s  {r.note}")
    return EXIT_OK


def assessments_csv(store: Store) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ASSESS_CSV_COLUMNS)
    for r in store.assessments.list():
        writer.writerow(
            [
                r.taken_at.isoformat(),
                r.test,
                f"{r.seconds:g}",
                ";".join(f"{t:g}" for t in r.trials),
                r.note,
            ]
        )
    return out.getvalue()


def _assess_export(args: argparse.Namespace, store: Store) -> int:
    from walkback_desktop.cli import _write_text

    text = assessments_csv(store)
    _write_text(args.file, text)
    if args.file != "-":
        n = text.count("\n") - 1
        print(
            ngettext("exported {n} result to {file}", "exported {n} results to {file}", n).format(
                n=n, file=args.file
            )
        )
    return EXIT_OK


HANDLERS: dict[tuple[str, str | None], Callable[[argparse.Namespace, Store], int]] = {
    ("programs", "list"): _programs_list,
    ("programs", "import"): _programs_import,
    ("programs", "export"): _programs_export,
    ("programs", "enrol"): _programs_enrol,
    ("programs", "status"): _programs_status,
    ("programs", "pause"): _enrolment_step("pause"),
    ("programs", "resume"): _enrolment_step("resume"),
    ("programs", "leave"): _enrolment_step("leave"),
    ("assess", "add"): _assess_add,
    ("assess", "list"): _assess_list,
    ("assess", "export"): _assess_export,
}

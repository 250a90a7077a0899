"""A program's schedule and adherence for one enrolment (pure Python).

The rules (also in docs/programs.md):

* **Weeks are calendar weeks** starting on `first_weekday` (0 = Monday), so
  "this week" means the same on the Today page, in the weekly goal and in the
  report. Program week 1 is the calendar week that contains the start date.
* **Available days**: days on or after the start date, before the day the
  person left, and not paused. A calendar week with no available day (a
  whole week paused) does not use up a program week: the plan moves on. An
  open pause is taken to end today, so the rest of the plan is projected
  from tomorrow.
* **Planned sessions of a week**: `sessions` of the program week, pro-rated
  when the week has fewer than 7 available days (ceil(sessions x days / 7),
  at most one per day), spread evenly over the available days
  (day index floor(i x days / n)): 3 a week is Monday, Wednesday, Friday.
* **Matching**: a *completed* session counts for a planned session of its
  own program week (by the local date it was walked, with its own UTC
  offset) when its routine id is the week's routine. Matching sessions fill
  the week's planned sessions in order, earliest first, whatever their day.
  Anything else in the program's span (another routine, a session saved as
  not completed, a session beyond the week's plan, a session on a paused
  day) is "other walking". Extra sessions never make up a previous week.
* **Status** of a planned session: done (matched); missed (not matched and
  its week has no available day left from today on); today (its day is
  today); overdue (its day has passed but the week still has days left, so
  it can be caught up this week); upcoming.
* **Adherence to date** counts planned sessions that are done or whose day
  is before today (today's open session does not count against anyone):
  done / planned, and backward minutes (each done session credited with at
  most its planned backward time), so both stay within 0-100 %.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.programs import Program
from walkback_desktop.core.routine import Routine


class SlotStatus(str, Enum):
    DONE = "done"
    MISSED = "missed"
    TODAY = "today"
    OVERDUE = "overdue"
    UPCOMING = "upcoming"


class EnrolmentState(str, Enum):
    NOT_STARTED = "not_started"
    ACTIVE = "active"
    PAUSED = "paused"
    FINISHED = "finished"
    LEFT = "left"


@dataclass(frozen=True)
class Pause:
    """Days from `start` up to (not including) `resumed_on` are paused;
    `resumed_on` None: still paused."""

    start: date
    resumed_on: date | None = None

    def covers(self, day: date, today: date) -> bool:
        end = self.resumed_on if self.resumed_on is not None else today + timedelta(days=1)
        return self.start <= day < end


@dataclass(frozen=True)
class EnrolmentPlan:
    """What the schedule needs to know about an enrolment."""

    start: date
    pauses: tuple[Pause, ...] = ()
    left_on: date | None = None


@dataclass(frozen=True)
class PlannedSession:
    week: int  # program week, 1-based
    index: int  # 0-based within the week
    day: date
    routine_id: str
    planned_backward_s: float
    status: SlotStatus
    session: SessionRecord | None = None

    @property
    def credited_backward_s(self) -> float:
        if self.session is None:
            return 0.0
        return min(self.session.backward_seconds, self.planned_backward_s)


@dataclass(frozen=True)
class ProgramWeekPlan:
    number: int
    start: date  # first day of the calendar week
    days: tuple[date, ...]  # available days
    routine_id: str
    slots: tuple[PlannedSession, ...]
    check_due: bool = False

    @property
    def planned(self) -> int:
        return len(self.slots)

    @property
    def done(self) -> int:
        return sum(s.status is SlotStatus.DONE for s in self.slots)

    @property
    def missed(self) -> int:
        return sum(s.status is SlotStatus.MISSED for s in self.slots)


@dataclass(frozen=True)
class Adherence:
    planned_sessions: int
    done_sessions: int
    planned_backward_s: float
    done_backward_s: float

    @property
    def sessions_pct(self) -> float | None:
        if not self.planned_sessions:
            return None
        return 100.0 * self.done_sessions / self.planned_sessions

    @property
    def backward_pct(self) -> float | None:
        if self.planned_backward_s <= 0:
            return None
        return 100.0 * self.done_backward_s / self.planned_backward_s


@dataclass(frozen=True)
class CheckDue:
    week: int
    due_on: date  # first available day of that week
    status: SlotStatus  # done, missed, today, overdue or upcoming


@dataclass(frozen=True)
class ProgramStatus:
    state: EnrolmentState
    weeks: tuple[ProgramWeekPlan, ...]
    adherence: Adherence
    current_week: int | None
    next_session: PlannedSession | None
    checks: tuple[CheckDue, ...]
    other_sessions: int

    @property
    def slots(self) -> list[PlannedSession]:
        return [s for w in self.weeks for s in w.slots]

    @property
    def next_check(self) -> CheckDue | None:
        """The first check still to do (not done and not missed)."""
        closed = (SlotStatus.DONE, SlotStatus.MISSED)
        return next((c for c in self.checks if c.status not in closed), None)

    @property
    def end(self) -> date | None:
        return self.weeks[-1].start + timedelta(days=6) if self.weeks else None


RoutineLookup = Callable[[str], "Routine | None"]


def planned_count(sessions: int, available_days: int) -> int:
    """Sessions planned in a week with this many available days (pro-rated, rounded up)."""
    return min(available_days, -(-sessions * available_days // 7))


def _layout_weeks(
    program: Program, plan: EnrolmentPlan, today: date, first_weekday: int
) -> list[tuple[int, date, list[date]]]:
    """(program week, calendar week start, available days) for every week laid out."""
    week_start = plan.start - timedelta(days=(plan.start.weekday() - first_weekday) % 7)
    laid: list[tuple[int, date, list[date]]] = []
    latest_pause = max(
        (p.resumed_on or today + timedelta(days=1) for p in plan.pauses), default=plan.start
    )
    while len(laid) < program.week_count:
        if plan.left_on is not None and week_start >= plan.left_on:
            break
        days = [
            d
            for d in (week_start + timedelta(days=i) for i in range(7))
            if d >= plan.start
            and (plan.left_on is None or d < plan.left_on)
            and not any(p.covers(d, today) for p in plan.pauses)
        ]
        if days:
            laid.append((len(laid) + 1, week_start, days))
        elif week_start > latest_pause:  # nothing can be available any more
            break
        week_start += timedelta(days=7)
    return laid


def program_status(
    program: Program,
    plan: EnrolmentPlan,
    records: Iterable[SessionRecord],
    *,
    today: date,
    first_weekday: int = 0,
    lookup: RoutineLookup = lambda _id: None,
    check_dates: Iterable[date] = (),
) -> ProgramStatus:
    """The schedule, adherence to date, current week and next session of an enrolment."""
    laid = _layout_weeks(program, plan, today, first_weekday)
    first_day = laid[0][2][0] if laid else plan.start
    last_day = laid[-1][1] + timedelta(days=6) if laid else plan.start
    available = {d: number for number, _start, days in laid for d in days}
    by_week: dict[int, list[SessionRecord]] = {}
    other = 0
    for record in records:
        day = record.started_at.date()  # the walker's own local date
        if not first_day <= day <= last_day or day > today:
            continue
        number = available.get(day)
        if (
            number is None
            or not record.completed
            or record.routine_id != program.weeks[number - 1].routine_id
        ):
            other += 1
            continue
        by_week.setdefault(number, []).append(record)

    weeks: list[ProgramWeekPlan] = []
    for number, week_start, days in laid:
        routine = program.routine_for_week(number, lookup)
        backward_s = float(routine.backward_seconds) if routine else 0.0
        n = planned_count(program.weeks[number - 1].sessions, len(days))
        matches = sorted(by_week.get(number, ()), key=lambda r: r.started_at)
        other += max(0, len(matches) - n)
        week_over = days[-1] < today
        slots = []
        for i in range(n):
            day = days[i * len(days) // n]
            session = matches[i] if i < len(matches) else None
            if session is not None:
                status = SlotStatus.DONE
            elif week_over:
                status = SlotStatus.MISSED
            elif day == today:
                status = SlotStatus.TODAY
            elif day < today:
                status = SlotStatus.OVERDUE
            else:
                status = SlotStatus.UPCOMING
            slots.append(
                PlannedSession(
                    number,
                    i,
                    day,
                    program.weeks[number - 1].routine_id,
                    backward_s,
                    status,
                    session,
                )
            )
        weeks.append(
            ProgramWeekPlan(
                number,
                week_start,
                tuple(days),
                program.weeks[number - 1].routine_id,
                tuple(slots),
                check_due=number in program.checks,
            )
        )

    counted = [s for w in weeks for s in w.slots if s.status is SlotStatus.DONE or s.day < today]
    done = [s for s in counted if s.status is SlotStatus.DONE]
    adherence = Adherence(
        planned_sessions=len(counted),
        done_sessions=len(done),
        planned_backward_s=sum(s.planned_backward_s for s in counted),
        done_backward_s=sum(s.credited_backward_s for s in done),
    )
    open_slots = [
        s for w in weeks for s in w.slots if s.status not in (SlotStatus.DONE, SlotStatus.MISSED)
    ]
    current = next(
        (w.number for w in weeks if w.start <= today <= w.start + timedelta(days=6)), None
    )
    return ProgramStatus(
        state=_state(plan, weeks, today),
        weeks=tuple(weeks),
        adherence=adherence,
        current_week=current,
        next_session=open_slots[0] if open_slots else None,
        checks=_checks(weeks, set(check_dates), today),
        other_sessions=other,
    )


def _state(plan: EnrolmentPlan, weeks: list[ProgramWeekPlan], today: date) -> EnrolmentState:
    if plan.left_on is not None and plan.left_on <= today:
        return EnrolmentState.LEFT
    if today < plan.start:
        return EnrolmentState.NOT_STARTED
    if any(p.covers(today, today) for p in plan.pauses):
        return EnrolmentState.PAUSED
    if not weeks or weeks[-1].days[-1] < today:
        return EnrolmentState.FINISHED
    return EnrolmentState.ACTIVE


def _checks(weeks: list[ProgramWeekPlan], done_on: set[date], today: date) -> tuple[CheckDue, ...]:
    checks = []
    for week in weeks:
        if not week.check_due:
            continue
        span_end = week.start + timedelta(days=6)
        due = week.days[0]
        if any(week.start <= d <= span_end for d in done_on):
            status = SlotStatus.DONE
        elif week.days[-1] < today:
            status = SlotStatus.MISSED
        elif due == today:
            status = SlotStatus.TODAY
        elif due < today:
            status = SlotStatus.OVERDUE
        else:
            status = SlotStatus.UPCOMING
        checks.append(CheckDue(week.number, due, status))
    return tuple(checks)

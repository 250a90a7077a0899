"""Bar charts per week (or month, for a long period): backward minutes,
sessions and energy. Each populates a given pyqtgraph PlotItem and returns
its hover read-outs."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg

from walkback_desktop.charts.dates import Readout, period_label, period_x, sessions_text
from walkback_desktop.charts.palette import ChartPalette
from walkback_desktop.charts.style import bars, goal_line, legend_title, prepare, split, x_range
from walkback_desktop.core.stats import PeriodTotals, WeeklyGoal
from walkback_desktop.i18n import _, formats


def plot_backward(
    plot: pg.PlotItem,
    periods: Sequence[PeriodTotals],
    goal: WeeklyGoal,
    palette: ChartPalette,
    *,
    monthly: bool = False,
) -> list[Readout]:
    """Backward minutes per week -- a week that met the goal (`WeeklyGoal.met_by`:
    completed sessions and minutes) in the 'met' colour, the minutes goal as a
    dashed line -- or, for a long period, per month in one colour."""
    title = _("Backward minutes per month") if monthly else _("Backward minutes per week")
    prepare(plot, palette, title, _("minutes"))
    if not periods:
        return []
    values = [p.backward_min for p in periods]
    xs = [period_x(p, monthly) for p in periods]
    if monthly:
        legend_title(plot, palette, title, ((_("Backward minutes"), palette.bar, "bar"),))
        bars(plot, xs, values, palette.bar, palette, monthly=True, count=len(xs))
        top = max([*values, 1.0])
    else:
        met = [goal.met_by(p) for p in periods]
        (mx, mv), (bx, bv) = split(xs, values, met)
        bars(plot, mx, mv, palette.bar_met, palette, monthly=False, count=len(xs))
        bars(plot, bx, bv, palette.bar, palette, monthly=False, count=len(xs))
        entries = [
            (_("Goal reached"), palette.bar_met, "bar"),
            (_("Below goal"), palette.bar, "bar"),
        ]
        if goal.backward_min > 0:
            entries.append(
                (_("Goal {minutes} min").format(minutes=goal.backward_min), palette.goal, "dash")
            )
            goal_line(plot, goal.backward_min, palette, periods[0].start, periods[-1].start)
        legend_title(plot, palette, title, entries)
        top = max([*values, float(goal.backward_min), 1.0])
    plot.setYRange(0, top * 1.08, padding=0)
    x_range(plot, periods, monthly, palette)
    return [
        Readout(
            x,
            lambda p=p: _("{period}: {minutes} backward, {sessions}").format(  # type: ignore[misc]
                period=period_label(p, monthly),
                minutes=formats.minutes(p.backward_s),
                sessions=sessions_text(p.sessions),
            ),
        )
        for x, p in zip(xs, periods, strict=True)
    ]


def plot_sessions(
    plot: pg.PlotItem,
    periods: Sequence[PeriodTotals],
    goal: WeeklyGoal,
    palette: ChartPalette,
    *,
    monthly: bool = False,
    compact: bool = False,
) -> list[Readout]:
    """Completed sessions per week (coloured by `WeeklyGoal.met_by`, the session
    goal as a line) with sessions finished early stacked on top in grey."""
    title = _("Sessions per month") if monthly else _("Sessions per week")
    prepare(plot, palette, title, _("sessions"))
    if not periods:
        return []
    xs = [period_x(p, monthly) for p in periods]
    done = [float(p.completed_sessions) for p in periods]
    early = [float(p.unfinished_sessions) for p in periods]
    if monthly:
        bars(plot, xs, done, palette.sessions, palette, monthly=True, count=len(xs))
        entries = [(_("Completed"), palette.sessions, "bar")]
    else:
        met = [goal.met_by(p) for p in periods]
        (mx, mv), (bx, bv) = split(xs, done, met)
        bars(plot, mx, mv, palette.bar_met, palette, monthly=False, count=len(xs))
        bars(plot, bx, bv, palette.bar, palette, monthly=False, count=len(xs))
        entries = [
            (_("Goal reached"), palette.bar_met, "bar"),
            (_("Below goal"), palette.bar, "bar"),
        ]
    stacked = [(x, e, d) for x, e, d in zip(xs, early, done, strict=True) if e > 0]
    if stacked:
        bars(
            plot,
            [x for x, _e, _d in stacked],
            [e for _x, e, _d in stacked],
            palette.early,
            palette,
            monthly=monthly,
            count=len(xs),
            base=[d for _x, _e, d in stacked],
        )
        entries.append((_("Finished early"), palette.early, "bar"))
    if not monthly and goal.sessions > 0:
        goal_line(plot, goal.sessions, palette, periods[0].start, periods[-1].start)
        entries.append((_("Goal {n}").format(n=goal.sessions), palette.goal, "dash"))
    legend_title(plot, palette, title, entries)
    totals = [d + e for d, e in zip(done, early, strict=True)]
    plot.setYRange(0, max([*totals, 0.0 if monthly else goal.sessions, 1.0]) * 1.1, padding=0)
    x_range(plot, periods, monthly, palette, compact)
    return [
        Readout(
            x,
            lambda p=p: _("{period}: {sessions}, {completed} completed").format(  # type: ignore[misc]
                period=period_label(p, monthly),
                sessions=sessions_text(p.sessions),
                completed=p.completed_sessions,
            ),
        )
        for x, p in zip(xs, periods, strict=True)
    ]


def plot_kcal(
    plot: pg.PlotItem,
    periods: Sequence[PeriodTotals],
    palette: ChartPalette,
    *,
    monthly: bool = False,
    compact: bool = False,
) -> list[Readout]:
    """Bars of kilocalories per week or month (estimated where a session had none)."""
    title = _("Energy per month (kcal)") if monthly else _("Energy per week (kcal)")
    prepare(plot, palette, title, _("kcal"))
    if not periods:
        return []
    values = [p.kcal for p in periods]
    xs = [period_x(p, monthly) for p in periods]
    bars(plot, xs, values, palette.kcal, palette, monthly=monthly, count=len(xs))
    plot.setYRange(0, max([*values, 1.0]) * 1.1, padding=0)
    x_range(plot, periods, monthly, palette, compact)
    return [
        Readout(
            x,
            lambda p=p: _("{period}: about {kcal} kcal").format(  # type: ignore[misc]
                period=period_label(p, monthly), kcal=f"{formats.round_half_up(p.kcal):.0f}"
            ),
        )
        for x, p in zip(xs, periods, strict=True)
    ]

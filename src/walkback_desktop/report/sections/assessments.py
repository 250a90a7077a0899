"""The 3-m Backward Walk Test: every result, the change since the first, a
trend chart and the screening reference used (fed by `ReportExtras.bwt`)."""

from __future__ import annotations

from collections.abc import Mapping

from walkback_desktop.i18n import _, formats
from walkback_desktop.report.content import ChartImage, fmt_date, text, u
from walkback_desktop.report.data import ReportData
from walkback_desktop.report.rehab import BwtSummary

BWT_CHART = "bwt"


def seconds_text(value: float) -> str:
    return _("{seconds} s").format(seconds=f"{formats.round_half_up(value, 2):.2f}")


class AssessmentSection:
    id = "assessments"

    def charts(self, data: ReportData) -> tuple[str, ...]:
        bwt = data.extras.bwt
        return (BWT_CHART,) if bwt is not None and len(bwt.results) >= 2 else ()

    def html(self, data: ReportData, images: Mapping[str, ChartImage]) -> str:
        bwt = data.extras.bwt
        if bwt is None:
            return ""
        heading = _("3-m Backward Walk Test")
        parts = [f"<h2>{heading}</h2>"]
        if not bwt.results:
            none = _("No test results were recorded.")
            parts.append(f"<p>{none}</p>")
            return "".join(parts)
        parts.append(f"<p>{_trend(bwt)}</p>")
        chart = images.get(BWT_CHART)
        if chart is not None:
            parts.append(
                f'<p><img src="{chart.url}" width="{chart.width}" height="{chart.height}"></p>'
            )
        parts.append(_table(bwt))
        parts.append(_reference(bwt))
        return "".join(parts)


def _trend(bwt: BwtSummary) -> str:
    first, last = bwt.results[0], bwt.results[-1]
    if len(bwt.results) == 1:
        return _("One result: {time} on {day}. Lower times are better.").format(
            time=seconds_text(first.seconds), day=fmt_date(first.day)
        )
    return _(
        "From {first} ({first_day}) to {last} ({last_day}), {count} tests. Lower times are better."
    ).format(
        first=seconds_text(first.seconds),
        first_day=fmt_date(first.day),
        last=seconds_text(last.seconds),
        last_day=fmt_date(last.day),
        count=len(bwt.results),
    )


def _table(bwt: BwtSummary) -> str:
    pad = round(u(2.5))
    first = bwt.results[0].seconds
    rows = "".join(
        f"<tr><td>{fmt_date(r.day)}</td>"
        f'<td align="right">{seconds_text(r.seconds)}</td>'
        f'<td align="right">{"–" if n == 0 else _signed(r.seconds - first)}</td>'
        f"<td>{text(r.note)}</td></tr>"
        for n, r in enumerate(bwt.results)
    )
    heads = (_("Date"), _("Time (faster trial)"), _("Change since the first"), _("Note"))
    return (
        f'<table class="codes" width="100%" cellspacing="0" cellpadding="{pad}">'
        f'<thead><tr><th>{heads[0]}</th><th align="right">{heads[1]}</th>'
        f'<th align="right">{heads[2]}</th><th>{heads[3]}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _signed(delta: float) -> str:
    sign = "+" if delta > 0 else "−" if delta < 0 else "±"
    return f"{sign}{seconds_text(abs(delta))}"


def _reference(bwt: BwtSummary) -> str:
    ref = bwt.reference
    if ref is None:
        none = _("No reference value was used.")
        return f'<p class="note">{none}</p>'
    return (
        '<p class="note">'
        + _(
            "Reference used: {seconds} for {population} ({source}). A screening "
            "reference, not a diagnosis: times slower than this are associated with a "
            "higher risk of falls in that population."
        ).format(
            seconds=seconds_text(ref.seconds),
            population=text(ref.population),
            source=text(ref.source),
        )
        + "</p>"
    )

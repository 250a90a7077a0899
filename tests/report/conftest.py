"""Shared set-up for the report tests: a store with sessions and a PDF reader."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale

from walkback_desktop.report.data import ReportRequest
from walkback_desktop.report.output import build_report, write_pdf

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=timezone(timedelta(hours=1)))


def pdf_pages(path: Path | bytes) -> list[str]:
    """The text of each page, as pypdf extracts it, with runs of white space
    (pypdf turns some word gaps into tabs) as single spaces."""
    source = io.BytesIO(path) if isinstance(path, bytes) else path
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(source).pages]


@pytest.fixture
def make_pdf(store, tmp_path, qapp):
    """Build and write a report; return (laid-out report, page texts, pdf path)."""

    def make(
        first: date | None = None,
        last: date | None = None,
        *,
        name: str | None = None,
        charts=None,
        locale: QLocale | None = None,
    ):
        report = build_report(
            store,
            ReportRequest(first=first, last=last, person_name=name),
            charts=charts,
            locale=locale or QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
            now=NOW,
        )
        path = tmp_path / "report.pdf"
        pages = write_pdf(report, path)
        texts = pdf_pages(path)
        assert len(texts) == pages == report.page_count
        return report, texts, path

    return make

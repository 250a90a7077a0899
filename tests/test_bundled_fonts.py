"""WalkBack's own typeface: shipped with its licence, used by the report and the countdown,
whatever fonts the machine has (CI and a bare server have none or only DejaVu)."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader
from PySide6.QtGui import QFontInfo

from tests.helpers import make_session
from walkback_desktop.bundled_fonts import FAMILY, FONT_FILES, bundled_font, register_fonts
from walkback_desktop.resources import resource_path


def test_fonts_ship_with_their_licence():
    for name in FONT_FILES:
        assert resource_path("fonts", name).stat().st_size > 100_000
    assert "SIL OPEN FONT LICENSE Version 1.1" in resource_path("fonts", "OFL.txt").read_text(
        encoding="utf-8"
    )


def test_bundled_font_resolves_to_the_shipped_family(qapp):
    assert register_fonts() == [FAMILY, "Noto Sans Math"]
    font = bundled_font()
    assert QFontInfo(font).family() == FAMILY
    font.setBold(True)
    assert QFontInfo(font).family() == FAMILY
    assert QFontInfo(font).bold()


def test_workout_countdown_uses_the_shipped_family(qtbot):
    from walkback_desktop.ui.widgets.big_text import FitLabel

    label = FitLabel("12:34")
    qtbot.addWidget(label)
    assert QFontInfo(label.font()).family() == FAMILY


def test_report_pdf_embeds_the_shipped_family(store, tmp_path, qapp):
    from walkback_desktop.report.data import ReportRequest
    from walkback_desktop.report.output import build_report, write_pdf

    store.sessions.import_many([make_session(0, notes="office fine")])
    day = date(2025, 3, 3)
    path = tmp_path / "report.pdf"
    write_pdf(build_report(store, ReportRequest(first=day, last=day)), path)
    reader = PdfReader(path)
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts
    assert all("NotoSans" in name for name in fonts), fonts
    # No ligatures: "office" and "fine" come back letter for letter.
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "office fine" in text

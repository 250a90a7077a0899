"""Screenshots of the Programs page, the Today program card, the guided
3-m Backward Walk Test (set-up, running, result) and its trend chart, in
light and dark and with 200 % text, at 1280x800.

    .venv/bin/python tools/screenshots/programs.py [OUT_DIR]

writes programs-*.png, today-program*.png (the card) and walk-test-*.png into
docs/screenshots (or OUT_DIR). The data are made up on fixed dates:
the knee program since Monday 2 March 2026, today Thursday 12 March.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

START = date(2026, 3, 2)
TODAY = date(2026, 3, 12)
ZONE = timezone(timedelta(hours=1))
SIZE = (1280, 800)


def fill(store) -> None:
    from walkback_desktop.core.assessments import AssessmentResult
    from walkback_desktop.core.history import SessionRecord
    from walkback_desktop.ui.program_common import make_service

    store.settings.update(week_start="monday", reminder_time="18:00")
    make_service(store, lambda: START).enrol("knee-oa-6-weeks", START)
    routine = store.library.get("knee-friendly-20")
    for day in (2, 4, 10):
        started = datetime(2026, 3, day, 18, 0, tzinfo=ZONE)
        store.sessions.add(
            SessionRecord(
                started_at=started,
                ended_at=started + timedelta(seconds=routine.total_seconds),
                routine_id=routine.id,
                routine_name=routine.name,
                routine_snapshot=routine.to_json(),
                active_seconds=routine.total_seconds,
                backward_seconds=routine.backward_seconds,
                completed=True,
            )
        )
    for days, seconds, note in (
        (-120, 6.9, "before physio"),
        (-60, 6.2, ""),
        (-9, 5.8, "start of the knee program"),
        (10, 5.3, "helper: Anna"),
    ):
        when = datetime.combine(START + timedelta(days=days), time(10, 0), ZONE)
        store.assessments.add(AssessmentResult(when, seconds, (seconds, seconds + 0.4), note))


def main() -> int:
    from history import dark_palette  # tools/screenshots/history.py
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    light = app.palette()
    base_font = QFont(app.font())

    from walkback_desktop.audio.base import RecordingCuePlayer
    from walkback_desktop.charts.palette import DARK, LIGHT
    from walkback_desktop.charts.walk_test_chart import WalkTestChart
    from walkback_desktop.core.clock import FakeClock
    from walkback_desktop.storage.store import open_store
    from walkback_desktop.ui.context import AppContext
    from walkback_desktop.ui.pages.programs import ProgramsPage
    from walkback_desktop.ui.program_card import ProgramCard
    from walkback_desktop.ui.program_common import make_service
    from walkback_desktop.ui.walk_test import WalkTestDialog, WalkTestResults
    from walkback_desktop.ui.wiring import programs_services

    def save(widget: QWidget, name: str) -> None:
        widget.resize(*SIZE)
        widget.show()
        for _ in range(3):
            app.processEvents()
        widget.grab().save(str(out / name))
        print(out / name)

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        store = open_store(data)
        fill(store)
        clock = FakeClock()
        ctx = AppContext(
            store=store,
            data_dir=data,
            clock=clock,
            cue_player_factory=lambda _c: RecordingCuePlayer(),
        )
        for scheme, scale in (("light", 100), ("dark", 100), ("light", 200)):
            app.setPalette(dark_palette() if scheme == "dark" else light)
            font = QFont(base_font)
            font.setPointSizeF(base_font.pointSizeF() * scale / 100)
            app.setFont(font)
            tag = scheme if scale == 100 else f"{scale}"
            page = ProgramsPage(ctx, **programs_services(ctx, today=lambda: TODAY))
            save(page, f"programs-{tag}.png")
            page.select_program("balance-older-adults-8-weeks")
            save(page, f"programs-preview-{tag}.png")
            page.close()

            holder = QWidget()
            box = QVBoxLayout(holder)
            box.addWidget(
                ProgramCard(
                    ctx,
                    plans=make_service(ctx.store, lambda: TODAY),
                    assessments=ctx.store.assessments,
                    settings=ctx.store.settings,
                    today=lambda: TODAY,
                )
            )
            box.addStretch(1)
            save(holder, "today-program.png" if tag == "light" else f"today-program-{tag}.png")
            holder.close()

            dialog = WalkTestDialog(
                ctx,
                assessments=ctx.store.assessments,
                settings=ctx.store.settings,
                now=lambda: datetime.combine(TODAY, time(10, 0), ZONE),
            )
            save(dialog, f"walk-test-setup-{tag}.png")
            dialog.start_trial()
            for _ in range(3):
                clock.advance(1.0)
                dialog.tick()
            clock.advance(2.74)
            dialog.tick()
            save(dialog, f"walk-test-running-{tag}.png")
            dialog.stop()
            for seconds in (5.62, 5.31):
                dialog.start_trial()
                clock.advance(3.0)
                dialog.tick()
                clock.advance(seconds)
                dialog.tick()
                dialog.stop()
            dialog.note_edit.setText("helper: Anna")
            save(dialog, f"walk-test-result-{tag}.png")
            dialog.test.trials.clear()  # close without the "discard?" question
            dialog.close()

            chart_page = QWidget()
            box = QVBoxLayout(chart_page)
            box.addWidget(
                WalkTestChart(store.assessments.list, palette=DARK if scheme == "dark" else LIGHT),
                2,
            )
            box.addWidget(
                WalkTestResults(
                    ctx, assessments=ctx.store.assessments, settings=ctx.store.settings
                ),
                1,
            )
            save(chart_page, f"walk-test-chart-{tag}.png")
            chart_page.close()
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

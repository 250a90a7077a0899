"""The Progress page's 3-m Backward Walk Test section: the trend chart against
the reference values and the results, editable with undo.

Below the charts, out of view on the first visit to the page, it is built when
first scrolled to or shortly after the charts are painted (`schedule`), so the
charts above are ready a fifth sooner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGroupBox, QScrollArea, QVBoxLayout

from walkback_desktop.charts.palette import ChartPalette
from walkback_desktop.i18n import _
from walkback_desktop.ui.context import AppContext

if TYPE_CHECKING:
    from walkback_desktop.charts.walk_test_chart import WalkTestChart
    from walkback_desktop.storage.programs import AssessmentRepository
    from walkback_desktop.storage.settings_repo import SettingsRepository
    from walkback_desktop.ui.walk_test.results import WalkTestResults

# the section is built this long after the charts at the latest
WALK_TEST_AFTER_MS = 250


def chart_height() -> int:
    return round(220 * max(1.0, QFont().pointSizeF() / 10))


class WalkTestSection(QGroupBox):
    def __init__(
        self, ctx: AppContext, *, assessments: AssessmentRepository, settings: SettingsRepository
    ) -> None:
        super().__init__(_("3-m Backward Walk Test"))
        self.ctx = ctx
        self.assessments = assessments
        self.settings = settings
        self.chart: WalkTestChart | None = None
        self.results: WalkTestResults | None = None
        self._layout = QVBoxLayout(self)
        self._palette: ChartPalette | None = None

    def attach(self, scroll_area: QScrollArea) -> None:
        """Build when the page's scroll area brings the section into view."""
        scroll_area.verticalScrollBar().valueChanged.connect(self._build_if_in_view)

    def schedule(self, palette: ChartPalette) -> None:
        """Build the section when it is in view, and in any case in a moment."""
        self._palette = palette
        if self.chart is None:
            self.setMinimumHeight(chart_height())  # its place, so the page does not jump
            # Not checked at once: before the page's first layout pass every child
            # sits at (0, 0) and looks visible, which built the section (70 ms)
            # inside the page's first paint although it was below the fold.
            QTimer.singleShot(WALK_TEST_AFTER_MS, self.build)

    def _build_if_in_view(self, *_: object) -> None:
        if self._palette is not None and not self.visibleRegion().isEmpty():
            self.build()

    def build(self) -> None:
        if self.chart is not None or self._palette is None:
            return
        from walkback_desktop.charts.walk_test_chart import WalkTestChart
        from walkback_desktop.ui.walk_test.results import WalkTestResults

        self.chart = WalkTestChart(self.assessments.list, palette=self._palette)
        self.chart.setMinimumHeight(chart_height())
        self.setMinimumHeight(0)
        self.results = WalkTestResults(
            self.ctx, assessments=self.assessments, settings=self.settings
        )
        self.results.changed.connect(self.chart.refresh)
        self._layout.addWidget(self.chart)
        self._layout.addWidget(self.results)

    def set_palette(self, palette: ChartPalette) -> None:
        self._palette = palette
        if self.chart is not None:
            self.chart.set_palette(palette)

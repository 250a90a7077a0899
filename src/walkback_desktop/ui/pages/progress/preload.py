"""Import the charts ahead of the first visit to Progress."""

from __future__ import annotations


def preload_charts() -> None:
    """Import pyqtgraph (with numpy) and the Progress page's chart modules now,
    and make one throwaway plot (pyqtgraph's first plot pays one-off set-up), so
    the first visit to Progress does not pay for them: a few hundred ms on the
    GUI thread. For the start-up code to call once the window is painted and
    idle (it needs the QApplication); calling it again costs little."""
    import pyqtgraph as pg
    import pyqtgraph.exporters

    import walkback_desktop.charts.progress_charts
    import walkback_desktop.charts.walk_test_chart
    import walkback_desktop.ui.walk_test.results  # noqa: F401

    view = pg.GraphicsLayoutWidget()
    view.addPlot(axisItems={"bottom": pg.DateAxisItem(utcOffset=0)}, enableMenu=False)
    view.deleteLater()

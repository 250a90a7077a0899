"""Import the charts ahead of the first visit to Progress."""

from __future__ import annotations


def preload_charts() -> None:
    """Import pyqtgraph (with numpy) and the Progress chart panel now, so the
    first visit to Progress does not pay for it (a few hundred ms on the GUI
    thread). For the start-up code to call once the window is painted and idle;
    calling it again costs nothing."""
    import pyqtgraph.exporters  # noqa: F401  (the PNG export's ImageExporter)

    import walkback_desktop.charts.progress_charts
    import walkback_desktop.charts.walk_test_chart  # noqa: F401

"""Chart colours and pen styles for the light and dark themes and for print.

Kept apart from `plots` so choosing a palette never imports pyqtgraph.
The PRINT palette must survive a black-and-white printer: it tells series
apart by line style and symbol, not by colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt


@dataclass(frozen=True)
class ChartPalette:
    name: str
    background: str
    foreground: str  # axis lines, tick labels, titles
    grid: str
    bar: str  # "Below goal" in every chart (and plain backward-minute bars)
    bar_edge: str
    bar_met: str  # a week that met the goal (WeeklyGoal.met_by)
    sessions: str
    kcal: str
    goal: str
    pain: str
    rpe: str
    early: str = "#a0a0a0"  # sessions finished early, stacked on the completed ones
    goal_style: Qt.PenStyle = Qt.PenStyle.DashLine
    pain_style: Qt.PenStyle = Qt.PenStyle.SolidLine
    rpe_style: Qt.PenStyle = Qt.PenStyle.SolidLine
    pain_symbol: str = "o"
    rpe_symbol: str = "s"
    line_width: float = 3.0
    grid_alpha: float = 0.25


LIGHT = ChartPalette(
    name="light",
    background="#ffffff",
    foreground="#2b2b2b",
    grid="#9a9a9a",
    bar="#5b9bd5",
    bar_edge="#2f6ea8",
    bar_met="#2e8b57",
    sessions="#7b61c9",
    kcal="#e08a1e",
    goal="#c0392b",
    pain="#d6336c",
    rpe="#1f77b4",
)

DARK = ChartPalette(
    name="dark",
    background="#1e1f22",
    foreground="#e6e6e6",
    grid="#8a8a8a",
    bar="#4f8fd0",
    bar_edge="#8cc0f0",
    bar_met="#3fbf7f",
    sessions="#a58cf0",
    kcal="#f2a541",
    goal="#ff6b5b",
    pain="#ff7aa8",
    rpe="#6cc3ff",
)

PRINT = ChartPalette(
    name="print",
    background="#ffffff",
    foreground="#000000",
    grid="#b0b0b0",
    bar="#9a9a9a",
    bar_edge="#404040",
    bar_met="#6a6a6a",
    sessions="#8a8a8a",
    kcal="#8a8a8a",
    goal="#000000",
    pain="#000000",
    rpe="#505050",
    goal_style=Qt.PenStyle.DashLine,
    pain_style=Qt.PenStyle.SolidLine,
    rpe_style=Qt.PenStyle.DashLine,
    grid_alpha=0.3,
)


def palette_for_scheme(dark: bool) -> ChartPalette:
    return DARK if dark else LIGHT

"""Where the editor used to live, kept so older imports keep working for one round.

The dialog is in `dialog.py`, its parts in `fields.py` and `panel.py`; the
domain helpers (`slugify`, `routine_kcal`) are in `core.routine`, and the
sentences (`met_description`, `weight_text`) in `texts.py`.
"""

from __future__ import annotations

from walkback_desktop.core.routine import LEVEL_TITLES, routine_kcal, slugify
from walkback_desktop.ui.routine_editor.dialog import RoutineEditor
from walkback_desktop.ui.routine_editor.panel import SegmentPanel
from walkback_desktop.ui.routine_editor.texts import (
    met_description,
    template_segments,
    weight_text,
)

__all__ = [
    "LEVEL_TITLES",
    "RoutineEditor",
    "SegmentPanel",
    "met_description",
    "routine_kcal",
    "slugify",
    "template_segments",
    "weight_text",
]

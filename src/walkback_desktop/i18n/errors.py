"""Problems the core reports as data, rendered as sentences in the user's language.

The core's `RoutineError` carries a code, the segment index, the field and
parameters, plus the English template (marked for extraction there). Here the
template is looked up in the catalogue with `_()`, so the window, the CLI and
the report say the same thing in the same language.
"""

from __future__ import annotations

from walkback_desktop.core.routine_errors import RoutineError
from walkback_desktop.i18n import _


def routine_problem(error: RoutineError) -> str:
    """`error` as a sentence in the current language ("segment 2: seconds must ...")."""
    return error.render(_)

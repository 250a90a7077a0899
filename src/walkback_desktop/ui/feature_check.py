"""A cheaper check of each module PySide6 sees imported. Imported for its effect,
first thing after PySide6 in app.py.

PySide6 watches every import that follows its own and asks of each module
whether its source mentions "PySide6" (its `__feature__` switching needs to
know). It asks through `inspect.getsource`, which finds, reads and tokenizes
the file into lines: measured here, 20 ms for the 70 modules imported before
the window's first paint and 100-130 ms for the 320 (most of them
SQLAlchemy's) imported before the Today page is filled. Searching the file's
bytes gives the same answer for a fifth of that.

If PySide6 changes how it does this, nothing is replaced and nothing breaks.
"""

from __future__ import annotations

import sys
from types import ModuleType


def uses_pyside(module: ModuleType) -> bool:
    """Whether the module's source file mentions PySide6 (False without a source
    file, as PySide6's own check says for compiled and built-in modules)."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def install() -> bool:
    """Put `uses_pyside` in place of PySide6's check; True if it was there to replace."""
    feature = sys.modules.get("PySide6.support.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 - a private hook
    return True


install()

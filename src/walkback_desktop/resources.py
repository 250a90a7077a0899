"""Locate the bundled `resources/` folder.

The folder lives at the repository root. It is found the same way from a
checkout (or editable install), an installed wheel (where hatch copies it to
`walkback_desktop/_resources`) and a PyInstaller bundle (`sys._MEIPASS`).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates() -> list[Path]:
    found = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        found.append(Path(frozen_root) / "resources")
    found.append(_PACKAGE_DIR / "_resources")
    found.append(_PACKAGE_DIR.parents[1] / "resources")
    return found


@cache
def resources_dir() -> Path:
    """Return the resources folder; raise FileNotFoundError naming where we looked."""
    candidates = _candidates()
    for candidate in candidates:
        if (candidate / "routines").is_dir():
            return candidate
    looked = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"WalkBack's resources folder is missing (looked in {looked})")


def resource_path(*parts: str) -> Path:
    """Path of a file below the resources folder."""
    return resources_dir().joinpath(*parts)

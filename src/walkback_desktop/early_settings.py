"""The few settings needed before anything heavy loads: read with the standard
library only, so the window's first paint and every CLI command can know the
language (and theme and text size) without Qt or SQLAlchemy."""

from __future__ import annotations

import json
import logging
from pathlib import Path

log = logging.getLogger(__name__)

DB_FILENAME = "walkback.db"
# What must be known before the first paint, with the values each may take.
EARLY_SETTINGS: dict[str, tuple[object, ...]] = {
    "language": ("system", "en", "de"),
    "theme": ("system", "light", "dark"),
    "text_scale": tuple(range(75, 201)),
}


def read_early_settings(data_dir: Path) -> dict[str, object]:
    """The settings needed before the first paint (language, theme, text size), read
    with sqlite3 in read-only mode: no SQLAlchemy, no migration, nothing written.

    Returns only the values found and valid (a plain dict: importing the typed
    settings costs more than this whole read). A missing, locked, newer or
    damaged database gives no values; the store, opened after the first paint,
    deals with it properly.
    """
    import sqlite3

    values: dict[str, object] = {}
    path = data_dir / DB_FILENAME
    if not path.is_file():
        return values
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=0.2)
        try:
            marks = ",".join("?" * len(EARLY_SETTINGS))
            rows = conn.execute(
                f"SELECT key, value FROM settings WHERE key IN ({marks})", tuple(EARLY_SETTINGS)
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        log.info("early settings not read (%s): defaults until the store opens", exc)
        return values
    for key, raw in rows:
        try:
            value = json.loads(raw)
        except (ValueError, TypeError):
            continue
        if key in EARLY_SETTINGS and value in EARLY_SETTINGS[key] and not isinstance(value, bool):
            values[key] = value
    return values

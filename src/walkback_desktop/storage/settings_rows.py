"""The settings rows on a driver connection, typed through core/settings.py:
one read for `SettingsRepository.all()` (the workout start reads the settings
five times: through the ORM that was 15-20 ms of one event-loop turn) and for
the plain path (storage/plain.py). A bad or unknown stored value reads as the
default."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from walkback_desktop.core import settings as settings_spec


def stored_settings(conn: sqlite3.Connection | sqlite3.Cursor) -> dict[str, Any]:
    values = settings_spec.defaults()
    for key, text in conn.execute("SELECT key, value FROM settings"):
        spec = settings_spec.SETTINGS.get(key)
        if spec is None:
            continue
        try:
            values[key] = spec.validate(json.loads(text))
        except (ValueError, settings_spec.SettingError):
            continue
    return values

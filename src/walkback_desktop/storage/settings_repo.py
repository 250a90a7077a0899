"""Settings: one row per key holding its JSON value, read typed through the
declarations in core/settings.py (a bad or unknown stored value reads as the default)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any, cast

from walkback_desktop.core import settings as settings_spec
from walkback_desktop.storage import models
from walkback_desktop.storage.database import Database
from walkback_desktop.storage.settings_rows import stored_settings


class SettingsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str) -> Any:
        spec = settings_spec.setting(key)
        with self._db.reading() as s:
            row = s.get(models.Setting, key)
        if row is None:
            return spec.default
        try:
            return spec.validate(json.loads(row.value))
        except (ValueError, settings_spec.SettingError):
            return spec.default

    def all(self) -> dict[str, Any]:
        with self._db.reading() as s:
            cursor = cast("sqlite3.Cursor", s.connection().connection.cursor())
            return stored_settings(cursor)

    def set(self, key: str, value: Any) -> Any:
        spec = settings_spec.setting(key)
        value = spec.validate(value)
        with self._db.transaction() as s:
            s.merge(models.Setting(key=key, value=json.dumps(value)))
        return value

    def snapshot(self) -> settings_spec.AppSettings:
        """Every setting, typed, in one read."""
        return settings_spec.AppSettings.from_values(self.all())

    def update(self, **changes: Any) -> settings_spec.AppSettings:
        """Validate and store `changes` (setting name=value) in one transaction;
        return the new snapshot."""
        self.set_many(changes)
        return self.snapshot()

    def set_many(self, values: dict[str, Any]) -> None:
        checked = {k: settings_spec.setting(k).validate(v) for k, v in values.items()}
        with self._db.transaction() as s:
            for key, value in checked.items():
                s.merge(models.Setting(key=key, value=json.dumps(value)))

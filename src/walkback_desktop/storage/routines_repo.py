"""Custom routines, stored as their file JSON; built-ins live in resources/
(see storage/library.py, which joins the two)."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import delete, select

from walkback_desktop.core.routine import Routine, RoutineError
from walkback_desktop.i18n import _
from walkback_desktop.storage import models
from walkback_desktop.storage.database import Database
from walkback_desktop.storage.plain import read_stored_routine


class RoutineRepository:
    """Custom routines; built-ins live in resources/ and are read-only."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self) -> list[Routine]:
        """Every readable custom routine; an unreadable row (a newer format,
        broken JSON) is left in the database and skipped with a notice."""
        with self._db.reading() as s:
            rows = s.execute(
                select(models.CustomRoutine.id, models.CustomRoutine.json).order_by(
                    models.CustomRoutine.name
                )
            ).all()
        routines = (self._parse(rid, text) for rid, text in rows)
        return [r for r in routines if r is not None]

    def get(self, routine_id: str) -> Routine | None:
        with self._db.reading() as s:
            row = s.get(models.CustomRoutine, routine_id)
        return None if row is None else self._parse(row.id, row.json)

    def _parse(self, routine_id: str, text: str) -> Routine | None:
        return read_stored_routine(routine_id, text, self._db.notice)

    def save(self, routine: Routine) -> None:
        now = datetime.now(timezone.utc)
        with self._db.transaction() as s:
            row = s.get(models.CustomRoutine, routine.id)
            if row is None:
                s.add(
                    models.CustomRoutine(
                        id=routine.id,
                        name=routine.name,
                        json=routine.to_json(),
                        created_at=now,
                        updated_at=now,
                    )
                )
            else:
                if self._parse(row.id, row.json) is None:
                    raise RoutineError(
                        _(
                            'the id "{id}" belongs to a saved routine this WalkBack cannot '
                            "read; it is kept, so choose another id"
                        ).format(id=routine.id)
                    )
                row.name = routine.name
                row.json = routine.to_json()
                row.updated_at = now

    def delete(self, routine_id: str) -> bool:
        with self._db.transaction() as s:
            result = s.execute(
                delete(models.CustomRoutine).where(models.CustomRoutine.id == routine_id)
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

"""The routine library: read-only built-ins from resources/ plus custom routines."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from walkback_desktop.core.routine import FILE_SUFFIX, Clash, Routine, RoutineError
from walkback_desktop.core.tips import load_tip_library
from walkback_desktop.i18n import _, current_language
from walkback_desktop.resources import resource_path

if TYPE_CHECKING:  # storage/plain.py uses the library without loading SQLAlchemy
    from walkback_desktop.storage.routines_repo import RoutineRepository

log = logging.getLogger(__name__)


# `Clash` lives beside the routine records in the core; importing it from here
# keeps working for code written against earlier versions.
__all__ = [
    "Clash",
    "PerLanguage",
    "RoutineClashError",
    "RoutineLibrary",
    "free_id",
    "load_builtin_files",
    "load_builtin_routines",
    "translated_routine",
]


def _translated(text: str) -> str:
    return _(text) if text else text


def translated_routine(routine: Routine) -> Routine:
    """A built-in routine with the texts people read in the current language
    (name, description, safety note, segment labels and tips; tools/i18n.py
    extracts the same texts). The id and every number stay as they are."""
    segments = tuple(
        replace(
            segment,
            label=_translated(segment.label),
            tips=tuple(_translated(tip) for tip in segment.tips),
        )
        for segment in routine.segments
    )
    return routine.with_changes(
        name=_translated(routine.name),
        description=_translated(routine.description),
        safety=_translated(routine.safety),
        segments=segments,
    )


class RoutineClashError(RoutineError):
    """An imported routine's id is taken (`builtin`: by a built-in routine)."""

    def __init__(self, routine: Routine, builtin: bool) -> None:
        self.routine = routine
        self.builtin = builtin
        super().__init__(
            "id_taken_builtin" if builtin else "id_taken_custom", field="id", id=routine.id
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (RoutineClashError, (self.routine, self.builtin))


T = TypeVar("T")


class PerLanguage(Generic[T]):
    """A value made once per language and kept until the language changes: the
    built-ins as shown (made from the English in resources/)."""

    def __init__(self, make: Callable[[str], T]) -> None:
        self._make = make
        self._made: tuple[str, T] | None = None

    def get(self) -> T:
        language = current_language()
        if self._made is None or self._made[0] != language:
            self._made = (language, self._make(language))
        return self._made[1]


def free_id(base: str, taken: Callable[[str], bool]) -> str:
    """An id made from `base` that `taken` says is free (base, base-2, base-3, ...)."""
    stem, n, candidate = base[:58].rstrip("-"), 2, base
    while taken(candidate):
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


def load_builtin_files(
    folder: Path, suffix: str, parse: Callable[[bytes], T], what: str
) -> list[T]:
    """Every `*suffix` file in `folder` (a resources/ folder), parsed, by file name.
    A broken one is logged and left out: a bad built-in file must not stop the app.
    `parse` raises ValueError (RoutineError, ProgramError) for a bad file."""
    found = []
    for path in sorted(folder.glob(f"*{suffix}")):
        try:
            found.append(parse(path.read_bytes()))
        except (OSError, ValueError) as exc:
            log.error("built-in %s %s is broken: %s", what, path.name, exc)
    return found


def load_builtin_routines(folder: Path | None = None) -> list[Routine]:
    return load_builtin_files(
        folder or resource_path("routines"),
        FILE_SUFFIX,
        lambda data: Routine.from_json(data, builtin=True),
        "routine",
    )


class RoutineLibrary:
    def __init__(self, repo: RoutineRepository, builtins: list[Routine] | None = None) -> None:
        self._repo = repo
        # As written in resources/ (English); shown translated, see `_builtins`.
        self._source_builtins = {
            r.id: r for r in (builtins if builtins is not None else load_builtin_routines())
        }
        # The built-ins in the current language; custom routines are the user's
        # own words and are never translated.
        self._translated = PerLanguage(
            lambda language: {
                rid: translated_routine(r) if language != "en" else r
                for rid, r in self._source_builtins.items()
            }
        )
        self._source_tips: dict[str, tuple[str, ...]] | None = None
        self._tips = PerLanguage(
            lambda _language: {
                kind: tuple(_translated(tip) for tip in tips)
                for kind, tips in self._read_tips().items()
            }
        )

    @property
    def _builtins(self) -> dict[str, Routine]:
        return self._translated.get()

    @property
    def builtins(self) -> list[Routine]:
        return list(self._builtins.values())

    def custom(self) -> list[Routine]:
        return self._repo.list()

    def all(self) -> list[Routine]:
        return self.builtins + self.custom()

    def get(self, routine_id: str) -> Routine | None:
        return self._builtins.get(routine_id) or self._repo.get(routine_id)

    def is_builtin(self, routine_id: str) -> bool:
        return routine_id in self._builtins

    def resolve_label(self, label: str) -> tuple[str | None, str]:
        """Map a CSV routine column (id or name) to (id, name); unknown names stay names."""
        routine = self.get(label)
        if routine is not None:
            return routine.id, routine.name
        folded = label.casefold()
        for candidate in self.all():
            if candidate.name.casefold() == folded:
                return candidate.id, candidate.name
        for source in self._source_builtins.values():  # the English name, in German
            if source.name.casefold() == folded:
                return source.id, self._builtins[source.id].name
        return None, label

    def save(self, routine: Routine) -> None:
        if self.is_builtin(routine.id):
            raise RoutineError("builtin_read_only", name=routine.name)
        self._repo.save(routine)

    def delete(self, routine_id: str) -> bool:
        if self.is_builtin(routine_id):
            raise RoutineError("builtin_delete")
        return self._repo.delete(routine_id)

    def free_id(self, base: str) -> str:
        """An unused id made from `base` (base-2, base-3, ...)."""
        return free_id(base, lambda candidate: self.get(candidate) is not None)

    def import_routine(self, data: str | bytes, clash: Clash = Clash.REFUSE) -> Routine:
        """Validate and store a routine file's contents; nothing changes on error."""
        routine = Routine.from_json(data)
        existing = self.get(routine.id)
        if existing is not None:
            builtin = self.is_builtin(routine.id)
            if clash is Clash.REFUSE or (clash is Clash.REPLACE and builtin):
                raise RoutineClashError(routine, builtin)
            if clash is Clash.RENAME:
                routine = routine.with_changes(id=self.free_id(routine.id))
        self._repo.save(routine)
        return routine

    def tips_by_kind(self) -> dict[str, tuple[str, ...]]:
        """The tip library (spoken during segments without their own tips), in the
        current language."""
        return self._tips.get()

    def _read_tips(self) -> dict[str, tuple[str, ...]]:
        if self._source_tips is None:
            try:
                self._source_tips = load_tip_library(resource_path("tips.json"))
            except (OSError, RoutineError) as exc:
                log.error("the tip library could not be read: %s", exc)
                self._source_tips = {}
        return self._source_tips

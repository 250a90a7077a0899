"""Storage errors a person can act on: one type, a kind, and the file concerned.

Every repository write (and read) turns SQLite's operational errors into a
`StorageError`, so a window catches one type, keeps what the user typed and
offers Retry; the command line prints its one-line message. The message is
made from the kind and the path through the translation mechanism; raw
SQLAlchemy text (with SQL and parameters) only goes to the log.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

from walkback_desktop.i18n import N_, _

log = logging.getLogger(__name__)


class StorageErrorKind(str, Enum):
    LOCKED = "locked"  # another program holds the database (busy for over 3 s)
    FULL = "full"  # the disk (or quota) is full
    READONLY = "readonly"  # the file or its folder cannot be written
    PERMISSION = "permission"  # the file or its folder cannot be read
    IO = "io"  # the disk reported an input/output error
    TOO_NEW = "too_new"  # written by a newer WalkBack; nothing was changed


_MESSAGES = {
    StorageErrorKind.LOCKED: N_(
        "The database {path} is in use by another program. Close that program "
        "(or wait a moment) and try again; nothing was changed."
    ),
    StorageErrorKind.FULL: N_(
        "The disk is full. Free some space on the disk that holds {path} "
        "and try again; nothing was changed."
    ),
    StorageErrorKind.READONLY: N_(
        "WalkBack cannot write to {path} (the file or its folder is read-only). "
        "Make it writable, or use another data folder, and try again; nothing was changed."
    ),
    StorageErrorKind.PERMISSION: N_(
        "WalkBack is not allowed to open {path}. Check the permissions of the file "
        "and its folder and try again; nothing was changed."
    ),
    StorageErrorKind.IO: N_(
        "The disk reported an error reading or writing {path} (it may be full or "
        "disconnected). Free some space on the disk that holds {path}, check that it "
        "is connected, and try again; nothing was changed."
    ),
    StorageErrorKind.TOO_NEW: N_(
        "The database {path} was written by a newer WalkBack (schema {schema}). "
        "Please update WalkBack; nothing was changed."
    ),
}


class DatabaseError(Exception):
    """The database cannot be used; the message says why and what to do."""


class StorageError(DatabaseError):
    """The data could not be read or written; nothing was lost and nothing changed.

    `kind` says what happened, `path` which file; `str(error)` is the
    translated sentence saying what to do. `retryable` is True when trying
    again can succeed without leaving WalkBack (locked, full, io).
    """

    def __init__(self, kind: StorageErrorKind, path: Path, **params: str) -> None:
        self.kind = kind
        self.path = path
        self.params = params
        super().__init__(kind.value, str(path))

    @property
    def retryable(self) -> bool:
        return self.kind in (StorageErrorKind.LOCKED, StorageErrorKind.FULL, StorageErrorKind.IO)

    def __str__(self) -> str:
        return _(_MESSAGES[self.kind]).format(path=self.path, **self.params)


_SQLITE_CODES = {
    5: StorageErrorKind.LOCKED,  # SQLITE_BUSY
    6: StorageErrorKind.LOCKED,  # SQLITE_LOCKED
    8: StorageErrorKind.READONLY,  # SQLITE_READONLY
    10: StorageErrorKind.IO,  # SQLITE_IOERR
    13: StorageErrorKind.FULL,  # SQLITE_FULL
    14: StorageErrorKind.PERMISSION,  # SQLITE_CANTOPEN
    23: StorageErrorKind.PERMISSION,  # SQLITE_AUTH
}

_SQLITE_WORDS = (
    ("locked", StorageErrorKind.LOCKED),
    ("busy", StorageErrorKind.LOCKED),
    ("full", StorageErrorKind.FULL),
    ("readonly", StorageErrorKind.READONLY),
    ("read-only", StorageErrorKind.READONLY),
    ("unable to open", StorageErrorKind.PERMISSION),
    ("i/o error", StorageErrorKind.IO),
)

_ERRNOS = {
    errno.ENOSPC: StorageErrorKind.FULL,
    errno.EDQUOT: StorageErrorKind.FULL,
    errno.EROFS: StorageErrorKind.READONLY,
    errno.EACCES: StorageErrorKind.PERMISSION,
    errno.EPERM: StorageErrorKind.PERMISSION,
}


class DatabaseTooNewError(StorageError):
    def __init__(self, path: Path, schema: str) -> None:
        super().__init__(StorageErrorKind.TOO_NEW, path, schema=schema)


# SQLAlchemy's exceptions are looked up only once SQLAlchemy is loaded: the
# plain-sqlite3 commands (storage/plain.py) never import it, and no SQLAlchemy
# error can happen before it is.


def _driver_error(error: BaseException) -> BaseException | None:
    """The sqlite3 error inside a SQLAlchemy DBAPIError, if that is what `error` is."""
    sa_exc = sys.modules.get("sqlalchemy.exc")
    if sa_exc is not None and isinstance(error, sa_exc.DBAPIError):
        orig: BaseException | None = error.orig
        return orig
    return None


def _is_sa_operational(error: BaseException) -> bool:
    sa_exc = sys.modules.get("sqlalchemy.exc")
    return sa_exc is not None and isinstance(error, sa_exc.OperationalError)


def classify(error: BaseException) -> StorageErrorKind | None:
    """The kind of a fault that is not corruption, or None (corruption, or an
    error of WalkBack's own such as a missing table, which is not dressed up).

    SQLite's primary result code is used when Python exposes it (3.11+);
    the English text of the C library's message is the fallback for faults
    injected in tests and for older drivers.
    """
    orig = _driver_error(error)
    if orig is not None:
        error = orig
    if isinstance(error, OSError):
        return _ERRNOS.get(error.errno or 0, StorageErrorKind.IO)
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in _SQLITE_CODES:
            return _SQLITE_CODES[code & 0xFF]
        text = str(error).lower()
        for word, kind in _SQLITE_WORDS:
            if word in text:
                return kind
    return None


def storage_error(error: BaseException, path: Path) -> StorageError | None:
    kind = classify(error)
    if kind is None:
        return None
    log.warning("storage fault on %s (%s): %s", path, kind.value, error)
    return StorageError(kind, path)


@contextmanager
def translated_errors(path: Path) -> Iterator[None]:
    """Turn SQLite operational faults raised inside the block into StorageError."""
    try:
        yield
    except Exception as exc:
        if not isinstance(exc, (sqlite3.OperationalError, OSError)) and not _is_sa_operational(
            exc
        ):
            raise
        translated = storage_error(exc, path)
        if translated is None:
            raise
        raise translated from exc

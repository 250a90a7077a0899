"""Reading and writing the files a person names (imports and exports), safely.

`read_user_file` refuses anything that is not a regular file (a FIFO would
block forever, /dev/zero never ends, a folder is not a file) and reads at most
`limit + 1` bytes, so an oversized file is refused without filling memory.
`write_atomic` writes a temporary file in the destination's folder, flushes it
to disk and renames it over the destination in one step, so a half-written
export never replaces a good file. A symlink is written through (its target
is replaced, the link stays); a destination that exists but is not a regular
file (/dev/full, a FIFO, a folder) is refused. Every OSError becomes a
`UserFileError` whose message is one translated line naming the file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from walkback_desktop.i18n import N_, _

_MESSAGES = {
    "missing": N_("{path}: no such file"),
    "folder": N_("{path}: is a folder, not a file"),
    "not_regular": N_("{path}: is not a regular file (a device, a pipe or a socket)"),
    "too_large": N_("{path}: the file is too large (over {limit_mb} MB)"),
    "cannot_read": N_("{path}: cannot read ({reason})"),
    "cannot_write": N_("{path}: cannot write ({reason})"),
}
_REASONS = {
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOENT: N_("no such file or folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ELOOP: N_("too many symbolic links"),
    errno.EISDIR: N_("it is a folder"),
}


class UserFileError(ValueError):
    """A file that cannot be read or written: a code, the path and parameters."""

    def __init__(self, code: str, path: str | os.PathLike[str], **params: object) -> None:
        self.code = code
        self.path = str(path)
        self.params = params
        super().__init__(code, self.path, params)

    def __str__(self) -> str:
        return _(_MESSAGES[self.code]).format(path=self.path, **self.params)


def _reason(exc: OSError) -> str:
    known = _REASONS.get(exc.errno or 0)
    if known is not None:
        return _(known)
    return exc.strerror or type(exc).__name__


def _open_error(path: str | os.PathLike[str], exc: OSError, code: str) -> UserFileError:
    if exc.errno == errno.ENOENT and code == "cannot_read":
        return UserFileError("missing", path)
    if exc.errno == errno.EISDIR:
        return UserFileError("folder", path)
    return UserFileError(code, path, reason=_reason(exc))


def read_user_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or UserFileError."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if os.path.isdir(path):  # Windows refuses to open a folder with EACCES
            raise UserFileError("folder", path) from None
        raise _open_error(path, exc, "cannot_read") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise UserFileError("folder", path)
        if not stat.S_ISREG(mode):
            raise UserFileError("not_regular", path)
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise _open_error(path, exc, "cannot_read") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise UserFileError("too_large", path, limit_mb=max(limit // 1_000_000, 1))
    return data


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Replace `path` (or a symlink's target) with `data` in one rename; return
    the file written. Text is written as UTF-8 exactly as given (no newline
    translation)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(os.path.realpath(path))
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _open_error(path, exc, "cannot_write") from None
    if existing is not None:
        if stat.S_ISDIR(existing.st_mode):
            raise UserFileError("folder", path)
        if not stat.S_ISREG(existing.st_mode):
            raise UserFileError("not_regular", path)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:100]}.")
    except OSError as exc:
        raise _open_error(path, exc, "cannot_write") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if existing is not None:
            os.chmod(tmp, stat.S_IMODE(existing.st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _open_error(path, exc, "cannot_write") from None
    _fsync_folder(target.parent)
    return target


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

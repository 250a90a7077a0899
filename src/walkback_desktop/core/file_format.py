"""What the routine and program file formats share: reading a file's JSON, the id
rule, how a bad value is quoted in a message, and which characters text may hold.

Each format keeps its own error class and messages; the helpers here report a
problem as data (`JsonFileError`) and each format turns it into its own error.
"""

from __future__ import annotations

import json
import re
from typing import Any

# An id: 3 to 64 lowercase letters, digits or hyphens, not starting or ending with one.
ID_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,62})[a-z0-9]$")


class JsonFileError(ValueError):
    """Why a file's text is not JSON data. `code` is one of:
    too_large, not_utf8, too_deep, syntax (`reason`, `line`, `column`) and
    value (`reason`: NaN, Infinity, ...)."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)


def load_json(text: str | bytes, max_bytes: int) -> Any:
    """The data in a file's text (UTF-8 bytes or str, a byte-order mark allowed);
    raise JsonFileError, never anything else. NaN and Infinity are refused."""
    if isinstance(text, (bytes, bytearray)):
        if len(text) > max_bytes:
            raise JsonFileError("too_large")
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise JsonFileError("not_utf8") from None
    if len(text) > max_bytes:
        raise JsonFileError("too_large")
    try:
        return json.loads(text.removeprefix("\ufeff"), parse_constant=_refuse_constant)
    except RecursionError:
        raise JsonFileError("too_deep") from None
    except json.JSONDecodeError as exc:
        raise JsonFileError("syntax", reason=exc.msg, line=exc.lineno, column=exc.colno) from None
    except ValueError as exc:
        raise JsonFileError("value", reason=str(exc)) from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def show(value: Any) -> str:
    """`value` as it is quoted in a message: strings in quotes, at most 40 characters."""
    if isinstance(value, str):
        text = f'"{value}"'
    else:
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (RecursionError, ValueError):
            text = "[...]" if isinstance(value, list) else "{...}"
    return text if len(text) <= 40 else text[:37] + "..."


def has_control_characters(value: str) -> bool:
    """True if `value` holds a control character other than newline and tab."""
    return any(ord(c) < 32 and c not in "\n\t" for c in value) or "\x7f" in value


def has_invalid_characters(value: str) -> bool:
    """True if `value` holds a lone surrogate (it cannot be written as UTF-8)."""
    return any(0xD800 <= ord(c) <= 0xDFFF for c in value)

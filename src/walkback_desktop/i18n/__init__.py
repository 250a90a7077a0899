"""Translations: one mechanism (GNU gettext) for the window, the CLI and the report.

Why gettext and not Qt's `tr()`: the command line and the headless report must
speak the user's language too, and most of them never create a QApplication;
gettext is in the standard library, has real plural forms (`ngettext`) and its
`.po` catalogues are what translators' tools read. Qt's own dialogs still get a
`QTranslator` for `qtbase_*.qm` (see `ui/language.py`), and dates and numbers
are formatted with `QLocale` in the UI.

Usage, everywhere a sentence is made for a person (ui, audio, report, cli):

    from walkback_desktop.i18n import _, ngettext, N_

    label = _("Start workout")
    text = ngettext("{n} session", "{n} sessions", n).format(n=n)
    TITLES = {"today": N_("Today")}   # marked for extraction, translated later with _()

`_()` looks the text up at call time, so never translate at import time (use
`N_` for module constants and call `_()` where the text is shown). Placeholders
are named (`{n}`, `{name}`) so a translation can reorder them.

The catalogues live in `resources/locale/<lang>/LC_MESSAGES/walkback.po`
(source) and `.mo` (compiled by `tools/i18n.py compile`; a test checks that
the two agree). The language is the `language` setting: `system` (the
default: the system's locale), `en` or `de`.
"""

from __future__ import annotations

import gettext
import locale
import logging
import os

log = logging.getLogger(__name__)

DOMAIN = "walkback"
# English is the source language; every other code here has a catalogue.
SUPPORTED = ("en", "de")
SOURCE_LANGUAGE = "en"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark `message` for extraction without translating it now."""
    return message


def _(message: str) -> str:
    """`message` in the current language (the English text if untranslated)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The right plural form of a message for the count `n`."""
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` translated in `context` (for short words with several meanings)."""
    return _translation.pgettext(context, message)


def current_language() -> str:
    """The language code in use ("en", "de")."""
    return _language


def system_language() -> str:
    """The system's language as one of SUPPORTED (English when it is not one of them).

    Read from the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) as gettext
    does, then from the platform's locale (Windows and macOS set no variables).
    """
    candidates: list[str] = []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            candidates.extend(value.split(":"))
            break
    try:
        platform_locale = locale.getlocale()[0]
    except (ValueError, TypeError):
        platform_locale = None
    if platform_locale:
        candidates.append(platform_locale)
    for candidate in candidates:
        code = candidate.split(".")[0].split("@")[0].split("_")[0].lower()
        if code in ("c", "posix", ""):
            continue
        return code if code in SUPPORTED else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def resolve_language(setting: str) -> str:
    """The language code for the `language` setting ("system", "en", "de")."""
    if setting in SUPPORTED:
        return setting
    return system_language()


def locale_dir() -> os.PathLike[str] | str:
    from walkback_desktop.resources import resource_path

    return resource_path("locale")


def set_language(setting: str) -> str:
    """Switch every later `_()` to the language for `setting`; return its code.

    A missing or unreadable catalogue falls back to English with a log line,
    never an error: the app must still open.
    """
    global _translation, _language
    code = resolve_language(setting)
    if code == SOURCE_LANGUAGE:
        _translation, _language = gettext.NullTranslations(), SOURCE_LANGUAGE
        return _language
    try:
        _translation = gettext.translation(DOMAIN, localedir=locale_dir(), languages=[code])
        _language = code
    except OSError as exc:
        log.warning("no %s translation (%s): using English", code, exc)
        _translation, _language = gettext.NullTranslations(), SOURCE_LANGUAGE
    return _language


__all__ = [
    "N_",
    "SUPPORTED",
    "_",
    "current_language",
    "ngettext",
    "pgettext",
    "resolve_language",
    "set_language",
    "system_language",
]

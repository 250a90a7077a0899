"""The German catalogue: compiled, consistent with its source, and usable at run time."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from walkback_desktop import i18n

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import i18n as catalogue_tool  # noqa: E402  (tools/i18n.py, not the package)

_FIELD = re.compile(r"\{(\w*)[^{}]*\}")


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def _fields(text: str) -> set[str]:
    return set(_FIELD.findall(text))


def test_compiled_catalogue_matches_its_source():
    for lang in catalogue_tool.LANGUAGES:
        compiled = catalogue_tool.compiled(catalogue_tool.read_catalog(lang))
        assert catalogue_tool.mo_path(lang).read_bytes() == compiled, (
            f"{lang}: run python tools/i18n.py compile"
        )


def test_translations_keep_every_placeholder():
    for lang in catalogue_tool.LANGUAGES:
        for message in catalogue_tool.read_catalog(lang):
            if not message.id or not message.string:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            wanted = set().union(*(_fields(i) for i in ids))
            for text in strings:
                if text:
                    assert _fields(text) <= wanted, (message.id, text)


def test_german_is_used_when_chosen():
    assert i18n.set_language("de") == "de"
    assert i18n._("Walk backwards") == "Rückwärts gehen"
    assert i18n._("{minutes} min").format(minutes="3,5") == "3,5 Min."
    assert i18n.set_language("en") == "en"
    assert i18n._("Walk backwards") == "Walk backwards"


def test_every_text_people_read_is_translated_and_compiled():
    """Fails when a new `_()` text (or a built-in routine, program or tip text) has
    no German yet, or the .mo was not rebuilt: run tools/i18n.py update, translate
    the new entries in the .po, then tools/i18n.py compile."""
    assert catalogue_tool.problems() == []

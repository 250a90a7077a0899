"""The one translation mechanism: language choice and fallbacks."""

from __future__ import annotations

import pytest

from walkback_desktop import i18n


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANGUAGE": "de_DE:en"}, "de"),
        ({"LANG": "de_AT.UTF-8"}, "de"),
        ({"LC_ALL": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
    ],
)
def test_system_language_follows_the_environment(monkeypatch, env, expected):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    monkeypatch.setattr(i18n.locale, "getlocale", lambda: (None, None))
    assert i18n.system_language() == expected


def test_explicit_setting_wins_over_the_system(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "de")
    assert i18n.resolve_language("en") == "en"
    assert i18n.resolve_language("system") == "de"


def test_a_missing_catalogue_falls_back_to_english(monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    assert i18n.set_language("de") == "en"
    assert i18n._("Start workout") == "Start workout"
    assert i18n.ngettext("{n} session", "{n} sessions", 1) == "{n} session"

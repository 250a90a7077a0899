"""Built-in routines, programs and tips speak the chosen language; custom ones never change."""

from __future__ import annotations

import pytest

from tests.helpers import make_routine
from walkback_desktop import i18n


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def test_builtin_routine_and_tips_come_back_in_german(store):
    english = store.library.get("knee-friendly-20")
    assert english is not None and english.name == "Knee-friendly retro walk"
    assert "Chest up" in store.library.tips_by_kind()["backward"]

    i18n.set_language("de")
    german = store.library.get("knee-friendly-20")
    assert german is not None
    assert german.id == "knee-friendly-20"
    assert german.name == "Knieschonendes Rückwärtsgehen"
    assert german.segments[0].label != english.segments[0].label
    assert [s.seconds for s in german.segments] == [s.seconds for s in english.segments]
    assert "Brust raus" in store.library.tips_by_kind()["backward"]
    assert "Chest up" not in store.library.tips_by_kind()["backward"]
    assert any(r.name == "Knieschonendes Rückwärtsgehen" for r in store.library.all())

    i18n.set_language("en")
    assert store.library.get("knee-friendly-20").name == "Knee-friendly retro walk"
    assert "Chest up" in store.library.tips_by_kind()["backward"]


def test_builtin_program_comes_back_in_german(store):
    assert store.programs.get("knee-oa-6-weeks").name == "Knee osteoarthritis: 6 weeks"
    i18n.set_language("de")
    assert store.programs.get("knee-oa-6-weeks").name == "Kniearthrose: 6 Wochen"
    i18n.set_language("en")
    assert store.programs.get("knee-oa-6-weeks").name == "Knee osteoarthritis: 6 weeks"


def test_custom_routines_keep_their_own_words(store):
    custom = make_routine((60, "backward"), routine_id="my-walk").with_changes(name="Balance")
    store.library.save(custom)
    i18n.set_language("de")
    assert store.library.get("my-walk").name == "Balance"  # "Gleichgewicht" if translated


def test_an_english_routine_name_still_finds_the_builtin_in_german(store):
    i18n.set_language("de")
    assert store.library.resolve_label("Knee-friendly retro walk") == (
        "knee-friendly-20",
        "Knieschonendes Rückwärtsgehen",
    )

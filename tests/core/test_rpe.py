from __future__ import annotations

import pytest

from walkback_desktop.core.rpe import pain_word, rpe_label, rpe_word


@pytest.mark.parametrize(
    ("value", "word"),
    [
        (0, "Nothing at all"),
        (0.5, "Very, very light"),
        (1, "Very light"),
        (2, "Light"),
        (3, "Moderate"),
        (4, "Somewhat hard"),
        (5, "Hard"),
        (6, "Hard+"),
        (7, "Very hard"),
        (9, "Very hard+"),
        (10, "Maximal"),
    ],
)
def test_borg_cr10_words(value, word):
    assert rpe_word(value) == word


def test_label_has_the_number_and_the_word():
    assert rpe_label(3) == "3 – Moderate"


@pytest.mark.parametrize("bad", [-1, 10.5, float("nan"), "5"])
def test_out_of_range_is_refused(bad):
    with pytest.raises(ValueError, match="0 to 10"):
        rpe_word(bad)


def test_pain_words():
    assert [pain_word(v) for v in (0, 2, 5, 8)] == ["No pain", "Mild", "Moderate", "Severe"]
    with pytest.raises(ValueError, match="pain"):
        pain_word(11)

from __future__ import annotations

import pytest

from walkback_desktop.core import energy
from walkback_desktop.core.settings import SETTINGS, SettingError, defaults, format_value, setting


def test_compendium_values_for_backward_walking():
    assert energy.BACKWARD_LEVEL.met == 6.0 and energy.BACKWARD_LEVEL.code == "17320"
    assert energy.BACKWARD_UPHILL_5PCT.met == 8.0 and energy.BACKWARD_UPHILL_5PCT.code == "17325"
    assert energy.default_met("backward") == 6.0
    assert (
        energy.default_met("rest") < energy.default_met("warmup") < energy.default_met("forward")
    )


def test_kcal_gross_and_net():
    # 70 kg walking backwards for 30 minutes: 6.0 x 70 x 0.5 h
    assert energy.kcal(6.0, 70, 1800) == pytest.approx(210.0)
    assert energy.net_kcal(6.0, 70, 1800) == pytest.approx(175.0)
    with pytest.raises(ValueError, match="must not be negative"):
        energy.kcal(6.0, -1, 10)


def test_weight_conversion_round_trips():
    assert energy.lb_to_kg(energy.kg_to_lb(72.5)) == pytest.approx(72.5)


def test_required_settings_exist_with_sensible_defaults():
    required = {
        "weight_kg",
        "units",
        "voice_enabled",
        "beeps_enabled",
        "tip_interval_s",
        "weekly_goal_sessions",
        "weekly_goal_backward_min",
        "safety_acknowledged",
    }
    assert required <= set(SETTINGS)
    values = defaults()
    assert values["weekly_goal_sessions"] == 3 and values["weekly_goal_backward_min"] == 30
    assert values["safety_acknowledged"] is False


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("weight_kg", "72.5", 72.5),
        ("voice_enabled", "off", False),
        ("units", "imperial", "imperial"),
        ("tip_interval_s", "0", 0),
        ("tip_interval_s", "45", 45),
    ],
)
def test_parse_values(key, text, value):
    assert setting(key).parse(text) == value


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("weight_kg", "heavy", "weight_kg must be a number from 20 to 400, got 'heavy'"),
        ("weight_kg", "1000", "weight_kg must be a number from 20 to 400, got 1000"),
        ("units", "furlongs", "units must be one of metric, imperial"),
        ("voice_enabled", "perhaps", "voice_enabled must be true or false"),
        ("tip_interval_s", "5", "tip_interval_s must be 0 (no tips) or at least 10 seconds"),
        ("nonsense", "1", "unknown setting 'nonsense'"),
    ],
)
def test_bad_values_are_explained(key, text, message):
    with pytest.raises(SettingError) as info:
        setting(key).parse(text)
    assert message in str(info.value)


def test_format_value_matches_what_set_accepts():
    for spec in SETTINGS.values():
        if spec.key == "person_name":
            continue
        assert spec.parse(format_value(spec.default)) == spec.default


def test_app_settings_declares_every_setting_once_with_the_same_defaults():
    from walkback_desktop.core.settings import SETTINGS, AppSettings, defaults

    assert AppSettings().to_values() == defaults()
    assert set(AppSettings().to_values()) == set(SETTINGS)


def test_weekly_goal_from_settings():
    from walkback_desktop.core.settings import AppSettings
    from walkback_desktop.core.stats import WeeklyGoal

    goal = WeeklyGoal.from_settings(
        AppSettings(weekly_goal_sessions=4, weekly_goal_backward_min=45)
    )
    assert goal == WeeklyGoal(sessions=4, backward_min=45)

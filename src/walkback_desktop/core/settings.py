"""The settings a person can change: names, types, defaults and allowed values.

Values are stored as JSON; the command line passes text, which `parse_value`
turns into the typed value or a `SettingError` that says what is allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from walkback_desktop.core.energy import DEFAULT_WEIGHT_KG
from walkback_desktop.core.reminders import reminder_time_problem
from walkback_desktop.core.timeline import DEFAULT_GET_READY_S, DEFAULT_TIP_INTERVAL_S


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark text for translation (shown with `_()` at the edge; the core does not
    import the i18n package)."""
    return message


SETTING_MESSAGES = {
    "unknown": N_("unknown setting {key!r} (known: {known})"),
    "invalid": N_("{key} must be {allowed}"),
    "invalid_got": N_("{key} must be {allowed}, got {got}"),
    "too_long": N_("{key} is too long (at most {limit} characters)"),
    "tip_interval": N_("{key} must be 0 (no tips) or at least 10 seconds"),
    "get_ready": N_("{key} must be 0 (start at once) or at least 4 seconds"),
    "reminder_time": N_('{key} must be a time "HH:MM" (24-hour) or empty (no reminder)'),
}
ALLOWED_MESSAGES = {
    "bool": N_("true or false"),
    "choice": N_("one of {choices}"),
    "int_range": N_("a whole number from {low} to {high}"),
    "number_range": N_("a number from {low} to {high}"),
    "text": N_("text of at most {limit} characters"),
}


class SettingError(ValueError):
    """An unknown key or a value outside what the setting allows: a code, the
    setting's key (`field`) and parameters; `render(translate)` makes the
    sentence (`str()` is the English one), so nothing parses message text."""

    def __init__(self, code: str, key: str, **params: Any) -> None:
        self.code = code
        self.field = key
        self.params = params
        super().__init__(code, key, params)

    def render(self, translate: Callable[[str], str] = str) -> str:
        params = dict(self.params)
        allowed = params.pop("allowed", None)
        if allowed is not None:
            code, values = allowed
            params["allowed"] = translate(ALLOWED_MESSAGES[code]).format(**values)
        return translate(SETTING_MESSAGES[self.code]).format(key=self.field, **params)

    def __str__(self) -> str:
        return self.render()


_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type
    default: Any
    help: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    max_len: int = 200
    extra_check: Callable[[Any], str | None] | None = None  # a SETTING_MESSAGES code

    def allowed(self) -> tuple[str, dict[str, str]]:
        """What this setting accepts, as a code and parameters (see ALLOWED_MESSAGES)."""
        if self.kind is bool:
            return "bool", {}
        if self.choices:
            return "choice", {"choices": ", ".join(self.choices)}
        if self.low is not None and self.high is not None:
            code = "int_range" if self.kind is int else "number_range"
            return code, {"low": _fmt(self.low), "high": _fmt(self.high)}
        return "text", {"limit": str(self.max_len)}

    def describe_allowed(self) -> str:
        code, values = self.allowed()
        return ALLOWED_MESSAGES[code].format(**values)

    def _invalid(self, got: str | None = None) -> SettingError:
        if got is None:
            return SettingError("invalid", self.key, allowed=self.allowed())
        return SettingError("invalid_got", self.key, allowed=self.allowed(), got=got)

    def parse(self, text: str) -> Any:
        """Turn command-line text into this setting's value."""
        raw = text.strip()
        if self.kind is bool:
            low = raw.lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            raise self._invalid(repr(text))
        if self.kind in (int, float):
            try:
                number: float = int(raw) if self.kind is int else float(raw)
            except ValueError:
                raise self._invalid(repr(text)) from None
            return self.validate(number)
        return self.validate(raw)

    def validate(self, value: Any) -> Any:
        """Check a typed value; return it normalised or raise SettingError."""
        if self.kind is bool:
            if not isinstance(value, bool):
                raise self._invalid()
            return value
        if self.kind in (int, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise self._invalid()
            if self.kind is int and not float(value).is_integer():
                raise self._invalid(str(value))
            if value != value or (
                self.low is not None
                and self.high is not None
                and not self.low <= value <= self.high
            ):
                raise self._invalid(_fmt(value))
            value = int(value) if self.kind is int else float(value)
        else:
            if not isinstance(value, str):
                raise self._invalid()
            if self.choices and value not in self.choices:
                raise self._invalid(repr(value))
            if len(value) > self.max_len:
                raise SettingError("too_long", self.key, limit=self.max_len)
        if self.extra_check:
            problem = self.extra_check(value)
            if problem:
                raise SettingError(problem, self.key)
        return value


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True)
class AppSettings:
    """Every setting, typed: the one snapshot the app reads (no string keys).

    The defaults written here are the only ones: `SETTINGS` below takes them
    from this class. Read it with `SettingsRepository.snapshot()`; change it
    with `SettingsRepository.update(**changes)`.
    """

    weight_kg: float = DEFAULT_WEIGHT_KG
    units: str = "metric"
    voice_enabled: bool = True
    beeps_enabled: bool = True
    volume: int = 80
    voice_name: str = ""
    voice_rate: float = 0.0
    tip_interval_s: int = int(DEFAULT_TIP_INTERVAL_S)
    get_ready_s: int = DEFAULT_GET_READY_S
    metronome_enabled: bool = False
    weekly_goal_sessions: int = 3
    weekly_goal_backward_min: int = 30
    safety_acknowledged: bool = False
    theme: str = "system"
    text_scale: int = 100
    person_name: str = ""
    week_start: str = "locale"
    language: str = "system"
    setup_done: bool = False
    reminder_time: str = ""
    keep_in_tray: bool = False

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> AppSettings:
        """A snapshot from stored values; unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})

    def to_values(self) -> dict[str, Any]:
        return asdict(self)

    def with_changes(self, **changes: Any) -> AppSettings:
        return replace(self, **changes)


_D = AppSettings()


def _tip_interval(value: Any) -> str | None:
    if value != 0 and value < 10:
        return "tip_interval"
    return None


def _get_ready(value: Any) -> str | None:
    if value != 0 and value < 4:
        return "get_ready"
    return None


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting(
            "weight_kg", float, _D.weight_kg, N_("Body weight for kcal estimates (kg)"), 20, 400
        ),
        Setting("units", str, _D.units, N_("Units shown"), choices=("metric", "imperial")),
        Setting("voice_enabled", bool, _D.voice_enabled, N_("Speak announcements and tips")),
        Setting(
            "beeps_enabled", bool, _D.beeps_enabled, N_("Beep for countdowns and segment changes")
        ),
        Setting("volume", int, _D.volume, N_("Cue volume (%)"), 0, 100),
        Setting(
            "voice_name",
            str,
            _D.voice_name,
            N_("Voice to speak with (empty: the system's default)"),
        ),
        Setting(
            "voice_rate", float, _D.voice_rate, N_("Speaking rate, -1 (slow) to 1 (fast)"), -1, 1
        ),
        Setting(
            "tip_interval_s",
            int,
            _D.tip_interval_s,
            N_("Seconds between form tips (0: no tips)"),
            0,
            600,
            extra_check=_tip_interval,
        ),
        Setting(
            "get_ready_s",
            int,
            _D.get_ready_s,
            N_("Get-ready count before the first segment (s)"),
            0,
            30,
            extra_check=_get_ready,
        ),
        Setting(
            "metronome_enabled", bool, _D.metronome_enabled, N_("Tick at each segment's cadence")
        ),
        Setting(
            "weekly_goal_sessions",
            int,
            _D.weekly_goal_sessions,
            N_("Weekly goal: sessions"),
            0,
            21,
        ),
        Setting(
            "weekly_goal_backward_min",
            int,
            _D.weekly_goal_backward_min,
            N_("Weekly goal: backward minutes"),
            0,
            1000,
        ),
        Setting(
            "safety_acknowledged",
            bool,
            _D.safety_acknowledged,
            N_("The safety checklist has been read"),
        ),
        Setting("theme", str, _D.theme, N_("Colour scheme"), choices=("system", "light", "dark")),
        Setting("text_scale", int, _D.text_scale, N_("Text size (%)"), 75, 200),
        Setting(
            "person_name",
            str,
            _D.person_name,
            N_("Name printed on the progress report"),
            max_len=80,
        ),
        Setting(
            "week_start",
            str,
            _D.week_start,
            N_("First day of the week"),
            choices=("locale", "monday", "sunday", "saturday"),
        ),
        Setting(
            "language",
            str,
            _D.language,
            N_("Language of the app, the command line and the report (system: the system's)"),
            choices=("system", "en", "de"),
        ),
        Setting("setup_done", bool, _D.setup_done, N_("The first-run set-up has been shown")),
        Setting(
            "reminder_time",
            str,
            _D.reminder_time,
            N_("Remind me of a planned session at HH:MM (empty: no reminder)"),
            max_len=5,
            extra_check=reminder_time_problem,
        ),
        Setting("keep_in_tray", bool, _D.keep_in_tray, N_("Keep running in the tray when closed")),
    )
}


def setting(key: str) -> Setting:
    try:
        return SETTINGS[key]
    except KeyError:
        known = ", ".join(sorted(SETTINGS))
        raise SettingError("unknown", key, known=known) from None


def defaults() -> dict[str, Any]:
    return {key: s.default for key, s in SETTINGS.items()}


def format_value(value: Any) -> str:
    """Show a value the way `settings set` accepts it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _fmt(value)
    return str(value)

"""What the Settings page says under a field when a value is refused: the
rule it broke, worded from the setting's own limits in the user's language
(the core's SettingError text is English, for the CLI and the log)."""

from __future__ import annotations

from typing import Any

from walkback_desktop.core.settings import SETTINGS
from walkback_desktop.i18n import N_, _, formats

# Two settings whose rule is more than a range.
_SPECIAL_RULES = {
    "tip_interval_s": N_("This must be 0 (no tips) or at least 10 seconds."),
    "get_ready_s": N_("This must be 0 (start at once) or at least 4 seconds."),
}


def refused_text(key: str, value: Any) -> str:
    """Why `key`'s `value` was refused, as a sentence under the field."""
    spec = SETTINGS[key]
    if key in _SPECIAL_RULES and spec.extra_check is not None:
        try:
            if spec.extra_check(value):
                return _(_SPECIAL_RULES[key])
        except TypeError:
            pass
    if spec.kind in (int, float) and spec.low is not None and spec.high is not None:
        return _("This must be a number from {low} to {high}.").format(
            low=formats.decimal(spec.low, 1), high=formats.decimal(spec.high, 1)
        )
    if spec.choices:
        return _("This must be one of: {choices}.").format(choices=", ".join(spec.choices))
    if spec.kind is str:
        return _("This is too long (at most {n} characters).").format(n=spec.max_len)
    return _("This value is not allowed.")

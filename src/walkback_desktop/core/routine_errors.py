"""Why a routine was refused, as data: a code, where (segment, field) and parameters.

`RoutineError` carries what went wrong, never a sentence to be parsed: the
editor finds the bad row from `error.segment`, and the English message
(`str(error)`) is rendered from the code's template. Sentences in another
language are rendered at the edge (`walkback_desktop.i18n.errors`) from the
same templates, which are marked here with `N_` so they can be extracted. The
core does not import the i18n package, so `N_` is a local identity function.
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark `message` for extraction; it is translated where it is shown."""
    return message


# The segment prefix: "segment 3: seconds must be ...".
SEGMENT_TEMPLATE = N_("segment {number}: {problem}")

TEMPLATES: dict[str, str] = {
    # the file as a whole
    "too_large": N_("the file is too large to be a routine (over 1 MB)"),
    "not_utf8": N_("the file is not UTF-8 text, so it is not a routine"),
    "too_deep": N_("the file is not valid JSON (nested too deeply)"),
    "not_json": N_("the file is not valid JSON ({reason} at line {line}, column {column})"),
    "not_json_value": N_("the file is not valid JSON ({reason})"),
    "not_object": N_("the file is not a WalkBack routine (expected a JSON object)"),
    "wrong_format": N_(
        'the file is not a WalkBack routine (format must be "{expected}", got {got})'
    ),
    "version_type": N_("version must be a whole number, got {got}"),
    "version_newer": N_(
        "this routine was made by a newer WalkBack (format version {version}); "
        "this version reads version {supported}. Please update WalkBack."
    ),
    "version_older": N_("version must be 1, got {version}"),
    "bad_id": N_(
        "id {got} must be 3 to 64 lowercase letters, digits or hyphens "
        "(not starting or ending with a hyphen)"
    ),
    "no_segments": N_("the routine has no segments (add at least one)"),
    "segments_type": N_("segments must be a list"),
    "empty": N_("the routine is empty: add at least one segment"),
    "too_many_segments": N_("a routine may have at most {max} segments, this one has {count}"),
    "too_long_total": N_("the routine lasts {minutes} minutes; at most {hours} hours are allowed"),
    # one field (at the top level or in a segment)
    "unknown_field": N_("unknown field {got} (allowed: {allowed})"),
    "segment_type": N_("expected an object with kind, label and seconds"),
    "missing": N_("{field} is missing"),
    "missing_choice": N_("{field} is missing (one of {choices})"),
    "missing_range": N_("{field} is missing (between {low} and {high})"),
    "not_bool": N_("{field} must be true or false, got {got}"),
    "not_text": N_("{field} must be text, got {got}"),
    "empty_text": N_("{field} must not be empty"),
    "too_long": N_("{field} is too long ({length} characters; at most {max})"),
    "control_characters": N_("{field} contains control characters"),
    "invalid_characters": N_("{field} contains invalid characters"),
    "not_choice": N_("{field} must be one of {choices}, got {got}"),
    "not_number": N_("{field} must be a number between {low} and {high}, got {got}"),
    "not_whole_number": N_("{field} must be a whole number between {low} and {high}, got {got}"),
    "not_finite": N_("{field} must be a number between {low} and {high}"),
    "not_finite_whole": N_("{field} must be a whole number between {low} and {high}"),
    "out_of_range": N_("{field} must be between {low} and {high}, got {got}"),
    "tips_type": N_("tips must be a list of short phrases"),
    "too_many_tips": N_("at most {max} tips are allowed, got {count}"),
    "tip_type": N_("tip {tip} must be a short phrase"),
    "tip_too_long": N_("tip {tip} is too long ({length} characters; at most {max})"),
    "tip_control_characters": N_("tip {tip} contains control characters"),
    "tip_invalid_characters": N_("tip {tip} contains invalid characters"),
    # the editor and the library
    "duration_unreadable": N_("duration must be minutes:seconds, like 2:30"),
    "builtin_read_only": N_('"{name}" is a built-in routine; duplicate it to change it'),
    "builtin_delete": N_("built-in routines cannot be deleted"),
    "id_taken_builtin": N_('the id "{id}" is already used by a built-in routine'),
    "id_taken_custom": N_('the id "{id}" is already used by a routine in your library'),
    # a reason given as text by older callers (kept readable, not translated)
    "message": "{text}",
}


class RoutineError(ValueError):
    """A routine file or edit that cannot be accepted.

    `code` names the problem (a key of TEMPLATES), `segment` is the 0-based
    index of the segment it is in (None for the routine as a whole), `field`
    the file-format key, and `params` the values the message shows. `str()`
    is the English message. A single argument that is not a known code is
    taken as a ready-made message (code "message"), for callers that still
    pass text.
    """

    def __init__(
        self,
        code: str,
        *,
        segment: int | None = None,
        field: str | None = None,
        **params: Any,
    ) -> None:
        if code not in TEMPLATES:
            params = {"text": code}
            code = "message"
        self.code = code
        self.segment = segment
        self.field = field
        self.params: dict[str, Any] = params
        super().__init__(self.render(lambda text: text))

    @property
    def template(self) -> str:
        return TEMPLATES[self.code]

    def render(self, translate: Any) -> str:
        """The message with every template passed through `translate` (str -> str)."""
        values = dict(self.params)
        if self.field is not None:
            values.setdefault("field", self.field)
        problem: str = translate(self.template).format(**values)
        if self.segment is None:
            return problem
        return str(translate(SEGMENT_TEMPLATE).format(number=self.segment + 1, problem=problem))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.code, self.segment, self.field, self.params))


def _rebuild(code: str, segment: int | None, field: str | None, params: dict[str, Any]) -> Any:
    return RoutineError(code, segment=segment, field=field, **params)

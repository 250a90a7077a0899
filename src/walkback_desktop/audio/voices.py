"""Which voices to offer, in which order, under which names. Pure, tested without Qt.

speechd offers ~1,530 espeak-ng voices ("Bishnupriya Manipuri", "German+Adam",
...): one per language and variant. A person wants the voices that speak the
app's language, the plain one first, with a name they can read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class VoiceInfo:
    name: str  # what the engine calls it (stored in the voice_name setting)
    locale: str = ""  # "de_DE"; "" or "C" when the engine does not say

    @property
    def language(self) -> str:
        code = self.locale.split("_")[0].split("-")[0].lower()
        return "" if code in ("c", "posix") else code

    @property
    def territory(self) -> str:
        parts = self.locale.replace("-", "_").split("_")
        return parts[1].upper() if len(parts) > 1 else ""

    @property
    def label(self) -> str:
        return readable_name(self.name)


def readable_name(name: str) -> str:
    """'English (Great Britain)+Alex' -> 'English (Great Britain), Alex'."""
    base, plus, variant = name.partition("+")
    if not plus or not variant:
        return name.strip()
    return f"{base.strip()}, {variant.strip()}"


def order_voices(
    voices: Iterable[VoiceInfo], language: str, territory: str = ""
) -> list[VoiceInfo]:
    """The voices for `language` first (plain voices before variants, the
    person's territory first within each), then every other voice; otherwise
    the engine's order."""
    language = language.lower()
    territory = territory.upper()

    def key(voice: VoiceInfo) -> tuple[int, int, int]:
        own = 0 if language and voice.language == language else 1
        place = 0 if own == 0 and territory and voice.territory == territory else 1
        variant = 1 if "+" in voice.name else 0
        return (own, variant, place)

    return sorted(voices, key=key)


def for_language(voices: Iterable[VoiceInfo], language: str) -> list[VoiceInfo]:
    """Only the voices that speak `language`."""
    return [v for v in voices if v.language == language.lower()]

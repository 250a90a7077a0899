"""Keep the translation catalogues in step with the code (uses Babel, a test tool).

    python tools/i18n.py extract    write resources/locale/walkback.pot from the
                                    sources and the built-in routines, programs and tips
    python tools/i18n.py update     merge the .pot into every language's .po
                                    (new texts arrive untranslated, old ones are kept)
    python tools/i18n.py compile    write each .mo from its .po
    python tools/i18n.py check      exit 1 if a .mo is stale or a text is untranslated

Translators edit `resources/locale/<lang>/LC_MESSAGES/walkback.po` (any PO editor
works), then run `update` and `compile`. The tests run the same checks.

What is extracted: every `_()`, `N_()`, `ngettext()` and `pgettext()` call under
`src/walkback_desktop`, and the texts people read in the built-in resources (routine
names, descriptions, safety notes, segment labels and tips; program names and
descriptions; the tip library). Custom routines are the user's own words and are
never translated.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "src" / "walkback_desktop"
RESOURCES = ROOT / "resources"
LOCALE = RESOURCES / "locale"
DOMAIN = "walkback"
LANGUAGES = ("de",)
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    # report/content.py: count(n, "{n} session", "{n} sessions") wraps ngettext
    "count": (2, 3),
}


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def _resource_texts() -> Iterator[tuple[str, str]]:
    """(text, where) for every resource text a person reads."""

    def texts_of_routine(data: dict, where: str) -> Iterator[tuple[str, str]]:
        for key in ("name", "description", "safety"):
            if data.get(key):
                yield data[key], f"{where}:{key}"
        for n, segment in enumerate(data.get("segments", []), start=1):
            yield segment["label"], f"{where}:segment {n}"
            for tip in segment.get("tips", []):
                yield tip, f"{where}:segment {n} tip"

    for path in sorted((RESOURCES / "routines").glob("*.walkback.json")):
        yield from texts_of_routine(json.loads(path.read_text("utf-8")), f"routines/{path.name}")
    for path in sorted((RESOURCES / "programs").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        for key in ("name", "description"):
            if data.get(key):
                yield data[key], f"programs/{path.name}:{key}"
        for n, week in enumerate(data.get("weeks", []), start=1):
            if isinstance(week, dict) and isinstance(week.get("routine"), dict):
                yield from texts_of_routine(week["routine"], f"programs/{path.name}:week {n}")
            if isinstance(week, dict) and week.get("note"):
                yield week["note"], f"programs/{path.name}:week {n} note"
    tips = RESOURCES / "tips.json"
    if tips.exists():
        for kind, phrases in json.loads(tips.read_text("utf-8")).get("tips", {}).items():
            for phrase in phrases:
                yield phrase, f"tips.json:{kind}"


def build_template() -> Catalog:
    catalog = Catalog(project="WalkBack", domain=DOMAIN, charset="utf-8")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(SOURCES), method_map=method_map, keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        catalog.add(
            message,
            locations=[(f"src/walkback_desktop/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    for text, where in _resource_texts():
        catalog.add(text, locations=[(f"resources/{where}", 0)])
    return catalog


def _write_po(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=99, sort_output=False, include_lineno=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def read_catalog(lang: str) -> Catalog:
    with po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def extract() -> Catalog:
    template = build_template()
    _write_po(template, LOCALE / f"{DOMAIN}.pot")
    return template


def update() -> None:
    template = extract()
    for lang in LANGUAGES:
        path = po_path(lang)
        if path.exists():
            catalog = read_catalog(lang)
            catalog.update(template, update_header_comment=False)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project="WalkBack", charset="utf-8")
            catalog.update(template)
        catalog.obsolete.clear()
        # The header must not be fuzzy: gettext would then ignore its charset and
        # plural rule. It is the translators' file, so it names no one person.
        catalog.fuzzy = False
        catalog.project, catalog.version = "WalkBack", ""
        catalog.copyright_holder = "WalkBack developers"
        catalog.last_translator = "WalkBack developers"
        catalog.language_team = f"{lang} <walkback translators>"
        _write_po(catalog, path)


def compile_all() -> None:
    for lang in LANGUAGES:
        mo_path(lang).write_bytes(compiled(read_catalog(lang)))


def problems() -> list[str]:
    """What is out of step: stale .mo files, texts without a translation."""
    template = build_template()
    found: list[str] = []
    for lang in LANGUAGES:
        if not po_path(lang).exists():
            found.append(f"{lang}: no catalogue at {po_path(lang)}")
            continue
        catalog = read_catalog(lang)
        if not mo_path(lang).exists() or mo_path(lang).read_bytes() != compiled(catalog):
            found.append(f"{lang}: {mo_path(lang).name} is stale; run tools/i18n.py compile")
        for message in template:
            if not message.id:
                continue
            translated = catalog.get(message.id, context=message.context)
            strings = () if translated is None else translated.string
            if isinstance(strings, str):
                strings = (strings,)
            if translated is None or translated.fuzzy or not all(strings):
                shown = message.id if isinstance(message.id, str) else message.id[0]
                found.append(f"{lang}: untranslated: {shown!r}")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

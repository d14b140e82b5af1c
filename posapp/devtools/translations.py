"""Keep the Vietnamese catalogue in step with the source.

Run `python -m posapp.devtools.translations update|compile|check`, or `fill FILE.json...` to add translations.

Source strings are English and marked with `_()` / `ngettext()`; `update` merges new ones into
`resources/translations/vi/LC_MESSAGES/posapp.po` keeping existing translations; `compile` writes the `.mo`
the app loads; `check` lists what is untranslated or stale.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from posapp import __version__
from posapp.paths import RESOURCES

PACKAGE = Path(__file__).resolve().parent.parent
LOCALES = ("vi",)
KEYWORDS = {"_": None, "ngettext": (1, 2)}


def po_path(locale: str) -> Path:
    return RESOURCES / "translations" / locale / "LC_MESSAGES" / "posapp.po"


def extract() -> Catalog:
    """Every user-facing message in the package's source."""
    template = Catalog(project="posapp", domain="posapp")
    skip = {"devtools"}
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        keywords=KEYWORDS,
        directory_filter=lambda path: Path(path).name not in skip and not Path(path).name.startswith("__"),
    ):
        template.add(
            message, locations=[(f"posapp/{filename}", lineno)], auto_comments=comments, context=context
        )
    return template


def load(locale: str) -> Catalog:
    path = po_path(locale)
    if not path.exists():
        return Catalog(locale=locale, domain="posapp", project="posapp")
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def update(locale: str) -> Catalog:
    catalog = load(locale)
    catalog.update(extract(), no_fuzzy_matching=True)
    # A fuzzy header would be dropped from the .mo, and with it the UTF-8 charset.
    catalog.fuzzy = False
    catalog.project, catalog.version = "posapp", __version__
    catalog.copyright_holder = catalog.last_translator = "posapp developers"
    catalog.language_team = "Tiếng Việt"
    path = po_path(locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=110, omit_header=False, ignore_obsolete=True, sort_output=True)
    return catalog


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_catalog(locale: str) -> Path:
    target = po_path(locale).with_suffix(".mo")
    target.write_bytes(mo_bytes(load(locale)))
    return target


def problems(locale: str) -> list[str]:
    """Messages in the source without a current translation, and a .mo out of step with its .po."""
    catalog = load(locale)
    found: list[str] = []
    for message in extract():
        if not message.id:
            continue
        translated = catalog.get(message.id)
        if translated is None or not translated.string or translated.fuzzy:
            found.append(f"{locale}: untranslated: {message.id!r}")
    mo = po_path(locale).with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != mo_bytes(catalog):
        found.append(
            f"{locale}: {mo.name} is out of date: run `python -m posapp.devtools.translations compile`"
        )
    return found


def fill(locale: str, files: list[str]) -> int:
    """Write translations from JSON files (`{"English source": "bản dịch"}`) into the catalogue."""
    catalog = update(locale)
    filled = 0
    for name in files:
        for source, translation in json.loads(Path(name).read_text(encoding="utf-8")).items():
            message = catalog.get(source)
            if message is not None and translation:
                # A plural message takes one string per plural form (Vietnamese has one form).
                plural = isinstance(message.id, (tuple, list))
                message.string = tuple([translation] * catalog.num_plurals) if plural else translation
                message.flags.discard("fuzzy")
                filled += 1
    with po_path(locale).open("wb") as handle:
        write_po(handle, catalog, width=110, omit_header=False, ignore_obsolete=True, sort_output=True)
    compile_catalog(locale)
    return filled


def main(argv: list[str] | None = None) -> int:
    action = (argv if argv is not None else sys.argv[1:]) or ["check"]
    for locale in LOCALES:
        if action[0] == "update":
            update(locale)
        elif action[0] == "fill":
            print(f"{locale}: {fill(locale, action[1:])} translations filled")
        elif action[0] == "compile":
            compile_catalog(locale)
        found = problems(locale)
        for line in found:
            print(line)
        if action[0] == "check" and found:
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

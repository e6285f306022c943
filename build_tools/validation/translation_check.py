"""Checks of each translation, before the build: its catalogs, and how plainly it reads.

For every language in ``site.translations``:

- each client page needs its catalog, ``content/locales/<code>/LC_MESSAGES/<page>.po``;
- every message needs a translation that is not fuzzy (Sphinx would otherwise show
  the English, silently), and keeps the message's ``{{substitutions}}`` and link
  targets (a misspelt one would break or mislead the page);
- ``translations.<code>`` in clinic.yaml must give the clinic's words in it;
- each page's translated prose must reach a reading ease on the Szigriszt-Pazos
  scale (INFLESZ; Spanish, the scale's own language) of at least the limit.

What counts as prose: every translated message that is a sentence (ends in . ! ? or
:) or has four words or more; shorter ones are headings and labels. Markup goes as
in the English measure, and each substitution reads as one plain word.
Messages that changed in the pages since ``make gettext`` are caught by the build
itself (``languages.untranslated``), which sees the pages' messages as Sphinx does.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.pofile import PoFileError, read_po

from . import safety, wording
from .markdown_lines import classify
from .page_check import substitution_problems
from .problems import Problem
from .readability import textstat

SUBSTITUTION = re.compile(r"\{\{\s*(\w+)\s*\}\}")
LINK_TARGET = re.compile(r"\]\(([^)]*)\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
ROLE = re.compile(r"\{[\w:.-]+\}`([^`<]*)(?:<[^>]*>)?`")
SENTENCE = re.compile(r"[.!?:][\"')\]»]*$")
# textstat measures Spanish with its Spanish hyphenation dictionary (pyphen, offline).
MEASURED_IN = {"es": "es"}


@dataclass(frozen=True)
class Reading:
    """One translated page's reading ease."""

    path: Path
    language: str
    words: int
    ease: float


def translation_codes(settings: Mapping[str, Any]) -> list[str]:
    return [str(code) for code in settings.get("site", {}).get("translations", [])]


def markup_of(text: str) -> tuple[list[str], list[str]]:
    return sorted(SUBSTITUTION.findall(text)), sorted(LINK_TARGET.findall(text))


def prose(text: str) -> str | None:
    words = ROLE.sub(r"\1", LINK.sub(r"\1", SUBSTITUTION.sub("esto", text)))
    words = " ".join(words.replace("**", "").replace("*", "").split())
    if SENTENCE.search(words):
        return words
    return words + "." if len(words.split()) >= 4 else None


# A message of this many words or more has words to translate; shorter ones (a name,
# "DEAR MAN", a phone number) may rightly read the same in both languages.
COPY_MIN_WORDS = 3
WORD = re.compile(r"[^\W\d_]{2,}")


def is_copy(source: str, translation: str) -> bool:
    """A ``msgstr`` that is its ``msgid`` again, for a message with words to translate."""
    if " ".join(source.split()) != " ".join(translation.split()):
        return False
    words = WORD.findall(ROLE.sub(r"\1", LINK.sub(r"\1", SUBSTITUTION.sub(" ", source))))
    return len(words) >= COPY_MIN_WORDS


def check_catalog(
    po: Path,
    language: str,
    names: Collection[str] | None = None,
    page: Path | None = None,
    root: Path | None = None,
) -> tuple[list[Problem], list[str]]:
    """Problems in one catalog, and its translated prose. A translation is page text
    like any other: the same safety and substitution rules apply to every msgstr
    (``page``: the page it translates, which image paths are relative to; ``root``: the
    content folder they must stay in)."""
    try:
        with po.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except (OSError, PoFileError, ValueError) as error:
        return [Problem(po, 1, "translation.syntax", f"the catalog cannot be read: {error}")], []
    problems: list[Problem] = []
    texts: list[str] = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        source, line = message.id, message.lineno or 1
        shown = source if len(source) <= 60 else source[:59] + "…"
        if not message.string:
            problems.append(
                Problem(po, line, "translation.missing", f"no {language} translation for {shown!r}")
            )
            continue
        if message.fuzzy:
            problems.append(
                Problem(
                    po,
                    line,
                    "translation.fuzzy",
                    f"the translation of {shown!r} is marked fuzzy: check it, then remove "
                    "the '#, fuzzy' line above it",
                )
            )
        if is_copy(source, str(message.string)):
            problems.append(
                Problem(
                    po,
                    line,
                    "translation.copy",
                    f"the translation of {shown!r} is the English text itself: write it in "
                    f"{language} (a copied msgstr would publish English as the translation)",
                )
            )
        if markup_of(source) != markup_of(str(message.string)):
            problems.append(
                Problem(
                    po,
                    line,
                    "translation.markup",
                    f"the translation of {shown!r} must keep the same {{{{substitutions}}}} "
                    "and link targets",
                )
            )
        problems += unsafe_markup(po, line, str(message.string), names, page or po, root)
        problems.extend(wording.check_text(po, line, str(message.string), language))
        sentence = prose(str(message.string))
        if sentence:
            texts.append(sentence)
    return problems, texts


def unexpected_catalogs(content: Path, catalogs: Path, client_pages: list[Path]) -> list[Problem]:
    """A catalog that belongs to no client page: Sphinx would still load it, and one
    named after its own domain (sphinx.po) would change the words of every page's
    frame, where nothing checks them."""
    expected = {catalogs / page.relative_to(content).with_suffix(".po") for page in client_pages}
    found = sorted(catalogs.rglob("*.po")) if catalogs.is_dir() else []
    return [
        Problem(
            po,
            1,
            "translation.unexpected-catalog",
            "this catalog belongs to no client page; remove it (catalogs are made by "
            "`make gettext`, one per page)",
        )
        for po in found
        if po not in expected
    ]


def unsafe_markup(
    po: Path, line: int, text: str, names: Collection[str] | None, page: Path, root: Path | None
) -> list[Problem]:
    """The page rules on one translated message, all reported at its line."""
    lines = classify(text.splitlines(), line)
    found = [
        *safety.check_lines(page, lines, root=root),
        *[
            problem
            for each in lines
            if "{{" in each.text
            for problem in substitution_problems(po, line, each.text, names)
        ],
    ]
    return [Problem(po, line, problem.rule, problem.message) for problem in found]


def reading_ease(texts: list[str], language: str) -> float:
    measure = textstat()
    measure.set_lang(MEASURED_IN.get(language, language))
    try:
        return float(measure.szigriszt_pazos(" ".join(texts)))
    finally:
        measure.set_lang("en_US")


def check_translations(
    content: Path,
    clinic_file: Path,
    settings: Mapping[str, Any],
    client_pages: list[Path],
    *,
    min_ease: float,
    only: Sequence[str] | None = None,
    names: Collection[str] | None = None,
) -> tuple[list[Problem], list[Reading]]:
    """``only``: the translations to check (None: every one the clinic enables);
    ``names``: the substitutions a message may use."""
    problems: list[Problem] = []
    readings: list[Reading] = []
    words = settings.get("translations", {})
    for code in translation_codes(settings):
        if only is not None and code not in only:
            continue
        if code not in words:
            problems.append(
                Problem(
                    clinic_file,
                    1,
                    "clinic.translation-words",
                    f"site.translations lists {code}, but translations: has no {code}: "
                    "give the clinic's days and crisis line in that language",
                )
            )
        catalogs = content / "locales" / code / "LC_MESSAGES"
        problems += unexpected_catalogs(content, catalogs, client_pages)
        for page in client_pages:
            po = catalogs / page.relative_to(content).with_suffix(".po")
            if not po.is_file():
                problems.append(
                    Problem(
                        page,
                        1,
                        "translation.no-catalog",
                        f"no {code} catalog for this page ({po.relative_to(content)}): "
                        "run `make gettext` and translate it",
                    )
                )
                continue
            found, texts = check_catalog(po, code, names, page, content)
            problems += found
            if not texts or code not in MEASURED_IN:
                continue
            ease = round(reading_ease(texts, code), 1)
            readings.append(Reading(po, code, sum(len(t.split()) for t in texts), ease))
            if ease < min_ease:
                problems.append(
                    Problem(
                        po,
                        1,
                        "readability.ease",
                        f"the {code} translation reads at {ease:g} on the Szigriszt-Pazos "
                        f"(INFLESZ) scale, below the limit of {min_ease:g}: use shorter "
                        "sentences and words",
                    )
                )
    return problems, readings

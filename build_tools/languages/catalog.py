"""The tool's own words (banner, checklist controls, record, script text) in each language.

They live in ``build_tools/languages/locale/<code>/LC_MESSAGES/dbt.po``, apart from
the clinic's page catalogs: a clinic translates its pages, the tool ships its
interface. Code marks a message with ``N_()`` where it is written and translates
it where it is shown, with the translations of the edition being built.
The catalog is compiled in memory (Babel), so no ``.mo`` file is written into
the package. A message with no translation falls back to English, and
``tests/test_languages.py`` fails while any message lacks one.
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from markupsafe import Markup

LOCALE = Path(__file__).parent / "locale"
DOMAIN = "dbt"


def N_(message: str) -> str:
    """Mark a message for extraction; translate it later, where it is shown."""
    return message


def catalog_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """This language's translations of the tool's words (English: none needed)."""
    path = catalog_path(language.replace("-", "_"))
    if not path.is_file():
        path = catalog_path(language.split("-")[0].split("_")[0])
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=None)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def tr(language: str, message: str, **values: object) -> str:
    """``message`` in ``language``, with ``{name}`` fields filled in."""
    text = translations(language).gettext(message)
    return text.format(**values) if values else text


def ptr(language: str, context: str, message: str, **values: object) -> str:
    """``message`` in ``language``, where ``context`` tells apart messages spelled alike."""
    text = translations(language).pgettext(context, message)
    return text.format(**values) if values else text


def ntr(language: str, singular: str, plural: str, count: int, **values: object) -> str:
    text = translations(language).ngettext(singular, plural, count)
    return text.format(count=count, **values)


def tr_html(language: str, message: str, **fields: str) -> Markup:
    """``message`` in ``language`` as HTML: its words escaped, ``fields`` already HTML."""
    return Markup.escape(translations(language).gettext(message)).format(
        **{name: Markup(value) for name, value in fields.items()}
    )

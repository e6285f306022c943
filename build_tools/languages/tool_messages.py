"""The tool's own messages: extract them from the code and templates, update each catalog.

``python -m build_tools.languages.tool_messages`` (for developers of this tool,
after changing a message): writes ``locale/dbt.pot`` with Babel and merges it into
every ``locale/<code>/LC_MESSAGES/dbt.po``; a new or changed message then waits
there, untranslated, and ``tests/test_languages.py`` fails until it is translated.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from .catalog import DOMAIN, LOCALE

PACKAGE = Path(__file__).parents[1]
# N_("message"), tr(language, "message"), ntr(language, "one", "many", n), and dbt_()
# in templates.
KEYWORDS = {
    "N_": None,
    "tr": (2,),
    "tr_html": (2,),
    "ntr": (2, 3),
    "ptr": ((2, "c"), 3),
    "dbt_": None,
}
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2")]


def extracted() -> Catalog:
    catalog = Catalog(project="dbt-agreements", domain=DOMAIN)
    found: Iterator[tuple[str, int, str | tuple[str, ...], list[str], str | None]] = (
        extract_from_dir(str(PACKAGE), METHODS, keywords=KEYWORDS)
    )
    for filename, line, message, comments, context in found:
        where = [(f"build_tools/{filename}", line)]
        catalog.add(message, None, where, auto_comments=comments, context=context)
    return catalog


def update() -> list[Path]:
    template = extracted()
    with (LOCALE / f"{DOMAIN}.pot").open("wb") as handle:
        write_po(handle, template, width=100, sort_output=False)
    changed = []
    for po in sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        catalog.update(template)
        with po.open("wb") as handle:
            write_po(handle, catalog, width=100, ignore_obsolete=True)
        changed.append(po)
    return changed


if __name__ == "__main__":
    for path in update():
        print(f"Updated {path}")

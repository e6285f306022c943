"""Translations compiled from the checked catalogs on every build.

Sphinx compiles a ``.po`` file only when its ``.mo`` is older, so a ``.mo`` on disk
that is newer than its catalog (left behind, or planted) would be used as it is,
unchecked. Here every catalog of the edition's language is compiled before Sphinx
looks, and the ``.mo`` is rewritten whenever it differs from what the ``.po`` says.
Rewriting only on a difference keeps unchanged pages from being read again.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from sphinx.application import Sphinx
from sphinx.util import logging

from .rules import WARNING_TYPE

logger = logging.getLogger(__name__)


def compiled(po: Path) -> bytes:
    with po.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    out = io.BytesIO()
    # Fuzzy messages stay out, as Sphinx's own compile leaves them (and as
    # gettext_allow_fuzzy_translations = False in conf.py says).
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def compile_catalogs(app: Sphinx) -> None:
    language = app.config.language
    for folder in app.config.locale_dirs:
        messages = Path(app.srcdir, folder, language, "LC_MESSAGES")
        if not messages.is_dir():
            continue
        for mo in messages.rglob("*.mo"):
            if not mo.with_suffix(".po").is_file():
                mo.unlink()  # a compiled catalog with no source is never trusted
        for po in messages.rglob("*.po"):
            mo = po.with_suffix(".mo")
            page = Path(app.srcdir, po.relative_to(messages)).with_suffix(".md")
            if not page.is_file():
                # sphinx.po would reword the theme's frame of every page, unchecked.
                mo.unlink(missing_ok=True)
                logger.warning(
                    "this catalog belongs to no page; remove it",
                    location=f"{po}:1",
                    type=WARNING_TYPE,
                    subtype="catalog",
                )
                continue
            try:
                data = compiled(po)
            except (OSError, PoFileError, ValueError) as error:
                mo.unlink(missing_ok=True)
                logger.warning(
                    "the catalog cannot be read: %s",
                    error,
                    location=f"{po}:1",
                    type=WARNING_TYPE,
                    subtype="catalog",
                )
                continue
            if not mo.is_file() or mo.read_bytes() != data:
                mo.write_bytes(data)

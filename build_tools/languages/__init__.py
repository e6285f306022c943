"""Language editions: the client pages in each language the clinic enables.

The translation foundation every package uses; the ``make gettext`` command, which
builds the site, lives apart in ``build_tools.gettext_command``. ``settings`` lays a
language's clinic words over the shared settings,
``catalog`` holds the tool's own words per language, ``page`` gives every page its
language links and translated interface, and ``untranslated`` fails a build that
would show a reader words in another language.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .page import add_language_context
from .untranslated import CheckTranslated


def setup(app: Sphinx) -> None:
    app.add_transform(CheckTranslated)
    app.connect("html-page-context", add_language_context)

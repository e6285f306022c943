"""A translated edition fails on any message left in the pages' own language.

Sphinx's ``Locale`` transform falls back to the original words, silently, for a
message with no translation: an empty ``msgstr``, a fuzzy one (fuzzy entries are
not compiled), or a message the catalog does not have yet because the page
changed after ``make gettext``. Right after it, this transform warns for each
such message at its place in the page, naming the catalog to fix; the strict
build turns the warnings into a failed build.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import Locale
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from ..validation.problems import display_path

logger = logging.getLogger(__name__)

WARNING_TYPE = "dbt"
WARNING_SUBTYPE = "translation"
SHOWN = 60


def ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


class CheckTranslated(SphinxTransform):
    default_priority = Locale.default_priority + 1

    def apply(self, **kwargs: object) -> None:
        language = str(self.config.language)
        source = self.config.html_context.get("dbt_languages", [language])[0]
        # As Sphinx's own TranslationProgressTotaliser tells the gettext builder apart.
        if language == source or issubclass(self.env._builder_cls, MessageCatalogBuilder):
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        catalog = Path(self.env.srcdir, self.config.locale_dirs[0], language, "LC_MESSAGES")
        po = display_path(catalog / f"{domain}.po")
        for node, message in extract_messages(self.document):
            # The front matter: read as settings, never shown as text.
            if node.get("translated") or any(
                isinstance(parent, nodes.field_list | nodes.docinfo) for parent in ancestors(node)
            ):
                continue
            shown = message if len(message) <= SHOWN else message[: SHOWN - 1] + "…"
            logger.warning(
                "no %s translation for %r: translate it in %s "
                "(an empty or fuzzy msgstr, or run `make gettext` if the page changed)",
                language,
                shown,
                po,
                location=(self.env.docname, node.line),
                type=WARNING_TYPE,
                subtype=WARNING_SUBTYPE,
            )

"""The home page's reading path, made from the pages themselves.

``:::{reading-path}`` lists the pages of the page's own toctree, in its order,
each with its title, its front-matter ``summary`` and ``reading_minutes``, and
the total time. A clinic that adds, removes or reorders a page changes the
toctree only; the path and its times follow, and can never disagree with the
pages they describe.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..languages.catalog import ntr
from .booklet import paper_paragraph

logger = logging.getLogger(__name__)


class reading_path(nodes.General, nodes.Element):  # type: ignore[misc]  # docutils naming
    """Stands in for the list until every page has been read."""


class ReadingPath(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        node = reading_path()
        self.set_source_info(node)
        return [node]


def minutes_of(metadata: dict[str, Any]) -> int | None:
    # MyST hands front matter over as strings; the validator has checked the value.
    value = metadata.get("reading_minutes")
    return int(value) if value not in (None, "") else None


def path_list(app: Sphinx, docname: str, node: reading_path) -> list[nodes.Node]:
    env = app.env
    docs = env.toctree_includes.get(docname, [])
    if not docs:
        logger.warning(
            "reading-path: this page has no toctree to list",
            location=node,
            type="dbt",
            subtype="reading_path",
        )
        return []
    language = str(app.config.language)
    steps = nodes.enumerated_list(classes=["dbt-reading-path"])
    total = 0
    for doc in docs:
        metadata = env.metadata.get(doc, {})
        minutes = minutes_of(metadata)
        total += minutes or 0
        link = nodes.reference(
            "", "", internal=True, refuri=app.builder.get_relative_uri(docname, doc)
        )
        link += nodes.strong("", env.titles[doc].astext())
        item = nodes.list_item("", nodes.paragraph("", "", link))
        if metadata.get("summary"):
            item += nodes.paragraph("", str(metadata["summary"]))
        if minutes:
            about = ntr(language, "About {count} minute", "About {count} minutes", minutes)
            item += nodes.paragraph("", about, classes=["dbt-minutes"])
        steps += item
    steps_text = ntr(language, "{count} step", "{count} steps", len(docs))
    total_text = ntr(
        language,
        "{steps}, about {count} minute in all.",
        "{steps}, about {count} minutes in all.",
        total,
        steps=steps_text,
    )
    lead = nodes.paragraph("", total_text, classes=["dbt-path-total"])
    return [lead, steps, *paper_paragraph(app, docname)]


def fill_reading_paths(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(reading_path)):
        node.replace_self(path_list(app, docname, node))


def setup_reading_path(app: Sphinx) -> None:
    app.add_node(reading_path)
    app.add_directive("reading-path", ReadingPath)
    app.connect("doctree-resolved", fill_reading_paths)

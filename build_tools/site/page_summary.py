"""Each page's one-sentence summary, shown as its opening line.

The summary is written once, in the page's front matter; it becomes the lead
paragraph under the title and the page's meta description, so the two can
never say different things.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def add_summary(app: Sphinx, doctree: nodes.document) -> None:
    summary = app.env.metadata.get(app.env.docname, {}).get("summary")
    title = next(iter(doctree.findall(nodes.title)), None)
    if not summary or title is None:
        return
    section = title.parent
    lead = nodes.paragraph("", str(summary), classes=["dbt-summary"])
    section.insert(section.index(title) + 1, lead)


def setup_page_summary(app: Sphinx) -> None:
    # After Sphinx's own collectors (priority 500) have filled env.metadata.
    app.connect("doctree-read", add_summary, priority=600)

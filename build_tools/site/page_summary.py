"""Each page's one-sentence summary, shown as its opening line.

The summary is written once, in the page's front matter; it becomes the lead
paragraph under the title and the page's meta description, so the two can
never say different things.

The lead paragraph is added by a transform that runs before Sphinx's ``Locale``
transform, with the summary as its source text: the gettext builder extracts it
like any paragraph, and a translated build translates it. Once the page is read,
the (translated) paragraph's words replace the summary in ``env.metadata``, so
the meta description and the reading path on the home page use them too.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import Locale

CLASS = "dbt-summary"


class AddSummary(SphinxTransform):
    # Before Locale, so the lead paragraph is a message like any other.
    default_priority = Locale.default_priority - 5

    def apply(self, **kwargs: object) -> None:
        # myst-parser puts the front matter into env.metadata while parsing.
        summary = self.env.metadata.get(self.env.docname, {}).get("summary")
        title = next(iter(self.document.findall(nodes.title)), None)
        if not summary or title is None:
            return
        text = " ".join(str(summary).split())
        lead = nodes.paragraph(text, text, classes=[CLASS])
        lead.source = self.document["source"]
        lead.line = front_matter_line(self.document["source"], "summary")
        section = title.parent
        section.insert(section.index(title) + 1, lead)


def front_matter_line(source: str, key: str) -> int:
    """The line of ``key:`` in the page's front matter (1 when not found)."""
    try:
        with open(source, encoding="utf-8") as handle:  # noqa: PTH123  (a str path)
            for number, line in enumerate(handle, start=1):
                if line.startswith(f"{key}:"):
                    return number
    except OSError:
        pass
    return 1


def keep_translated_summary(app: Sphinx, doctree: nodes.document) -> None:
    """The summary as this edition reads it, for the meta description and reading path."""
    lead = next(
        (p for p in doctree.findall(nodes.paragraph) if CLASS in p["classes"]),
        None,
    )
    if lead is not None:
        app.env.metadata[app.env.docname]["summary"] = lead.astext()


def setup_page_summary(app: Sphinx) -> None:
    app.add_transform(AddSummary)
    # After Sphinx's own collectors (priority 500) have filled env.metadata.
    app.connect("doctree-read", keep_translated_summary, priority=600)

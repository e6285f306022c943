"""The paper booklet: every client agreement on one printable page, per language.

For clients who read on paper and clinics with paper intake. The page is made on
``html-collect-pages`` from the checklists the build has already read, in the
index's reading order: each statement as the client reads it in this language
edition (after translation, the clinic's values filled in), never a second copy
of the words. Each agreement starts on a new sheet, each statement has a printed
box (a character, so it prints without colour and a PDF's text shows it), with a
line for initials and the date and room for questions. The crisis help and the
edition fingerprint repeat on every printed sheet (``dbt.css``, ``@media print``).

It is a normal page of the site (same template, same checks) that needs no
JavaScript: the reader prints it with the browser's own Print command.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx

from ..acknowledgment.directives import all_statements, topics
from ..acknowledgment.doctree import (
    ack_block,
    ack_hint,
    ack_item,
    ack_legend,
    ack_statement,
    edition,
)
from ..acknowledgment.markup import DEFAULT_LEGEND
from ..languages.catalog import N_, tr, tr_html
from .edition import edition_of
from .incremental import shared_state

PAGENAME = "booklet"
BOX = "\u2610"  # BALLOT BOX: an empty square on paper and in the PDF's text
QUESTION_LINES = 4

TITLE = N_("Our agreements on paper")
LEAD = N_(
    "This page holds every agreement from these pages, in the same order. "
    "Print it if you would rather read and write on paper."
)
HOW_TO_PRINT = N_(
    "To print, use your browser's Print command. You can also save it as a PDF. "
    "Each agreement starts on a new sheet."
)
HOW_TO_USE = N_(
    "Read each part. Tick each box you agree with. Then write your initials and the "
    "date. Write any question in the space below it. Bring the pages to your first session."
)
NOT_A_SIGNATURE = N_(
    "This is your own copy to talk through with your therapist. It is not a legal signature."
)
EDITION = N_("Edition {edition}. Pages checked on {date}.")
INITIALS = N_("Your initials:")
DATE = N_("Date:")
QUESTIONS = N_("My questions about this part:")
FULL_PAGE = N_("Read the whole page: {link}")
PREFER_PAPER = N_("Prefer paper?")
PAPER_LINK = N_("Print every agreement on paper")


def booklet_enabled(app: Sphinx) -> bool:
    """In the client edition's HTML builds (the trainer edition is for staff)."""
    return (
        app.builder.format == "html"
        and app.builder.name == "html"
        and edition_of(app.config) == "client"
    )


def has_booklet(app: Sphinx) -> bool:
    return booklet_enabled(app) and bool(booklet_groups(app))


def booklet_groups(app: Sphinx) -> list[dict[str, Any]]:
    """The client pages with a checklist, in the index's reading order."""
    return topics(app, "client")


def checked_on(app: Sphinx, docnames: list[str]) -> str:
    """The latest review date of the pages in the booklet (ISO, as written): the
    same for every build of the same pages, unlike the day it was built."""
    dates = [
        str(app.env.metadata.get(doc, {}).get("last_reviewed", "")).strip() for doc in docnames
    ]
    return max((d for d in dates if d), default="")


def rendered(app: Sphinx, node: nodes.Node) -> str:
    return str(app.builder.render_partial(node)["fragment"])  # type: ignore[attr-defined]


def statement_html(app: Sphinx, item: ack_item) -> tuple[str, str]:
    """The statement's words and its hint as HTML, from the page's own translated nodes."""
    statement = next(iter(item.findall(ack_statement)))
    # Node.deepcopy, not copy.deepcopy: the latter follows each node's parent and so
    # copied the whole page for every statement (half the time of a build).
    words = nodes.paragraph("", "", *(child.deepcopy() for child in statement.children))
    hint_html = ""
    for hint in item.findall(ack_hint):
        hint_html += "".join(rendered(app, child.deepcopy()) for child in hint.children)
    return rendered(app, words), hint_html


def legend_text(block: ack_block, language: str) -> str:
    legend = next(iter(block.findall(ack_legend)), None)
    if legend is None or legend.get("default"):
        return tr(language, DEFAULT_LEGEND)
    return str(legend.astext())


def agreement_html(app: Sphinx, group: dict[str, Any]) -> Iterator[str]:
    language = str(app.config.language)
    docname = group["docname"]
    doctree = app.env.get_doctree(docname)
    heading = f"dbt-booklet-{escape(group['topic'])}"
    yield f'<section aria-labelledby="{heading}">'
    yield f'<h2 id="{heading}">{escape(group["title"])}</h2>'
    for index, block in enumerate(doctree.findall(ack_block)):
        legend = escape(legend_text(block, language))
        yield f'<p class="dbt-booklet__legend"><strong>{legend}</strong></p>'
        yield '<ul class="dbt-booklet__statements">'
        for item in block.findall(ack_item):
            words, hint = statement_html(app, item)
            yield (
                '<li class="dbt-booklet__statement">'
                f'<span class="dbt-booklet__box" aria-hidden="true">{BOX}</span>'
                f'<div class="dbt-booklet__words">{words}{hint}</div></li>'
            )
        yield "</ul>"
        if index == 0:
            yield from signing_lines(language)
    yield from question_space(language)
    link = app.builder.get_target_uri(docname)
    full = f'<a href="{escape(link)}">{escape(group["title"])}</a>'
    yield f'<p class="dbt-booklet__source">{tr_html(language, FULL_PAGE, link=full)}</p>'
    yield "</section>"


def signing_lines(language: str) -> Iterator[str]:
    # Blank lines to write on: drawn by CSS, hidden from screen readers (nothing to fill).
    yield (
        '<p class="dbt-booklet__sign">'
        f"{escape(tr(language, INITIALS))} "
        '<span class="dbt-booklet__blank" aria-hidden="true"></span> '
        f"{escape(tr(language, DATE))} "
        '<span class="dbt-booklet__blank" aria-hidden="true"></span></p>'
    )


def question_space(language: str) -> Iterator[str]:
    yield f'<p class="dbt-booklet__questions">{escape(tr(language, QUESTIONS))}</p>'
    yield '<div class="dbt-booklet__lines" aria-hidden="true">'
    yield '<span class="dbt-booklet__line"></span>' * QUESTION_LINES
    yield "</div>"


def booklet_body(app: Sphinx) -> str:
    """The booklet as one layout table: Chromium repeats a table's head and foot on every
    printed sheet, so the edition and the crisis help are on each one without covering
    the words (a fixed element would). Each agreement is a row that starts a new sheet.
    On screen the table is plain blocks and its head and foot are not shown."""
    language = str(app.config.language)
    groups = booklet_groups(app)
    fingerprint = escape(
        tr(
            language,
            EDITION,
            edition=edition(all_statements(app, "client")),
            date=checked_on(app, [g["docname"] for g in groups]),
        )
    )
    crisis = escape(Markup(app.config.html_context["dbt_crisis_banner"]).striptags())
    parts = [
        '<table class="dbt-booklet" role="presentation">',
        f'<thead class="dbt-booklet__running"><tr><td>{fingerprint}</td></tr></thead>',
        "<tbody>",
        '<tr class="dbt-booklet__intro"><td>',
        f"<h1>{escape(tr(language, TITLE))}</h1>",
        f"<p>{escape(tr(language, LEAD))}</p>",
        f"<p>{escape(tr(language, HOW_TO_PRINT))}</p>",
        f"<p>{escape(tr(language, HOW_TO_USE))}</p>",
        f"<p>{escape(tr(language, NOT_A_SIGNATURE))}</p>",
        f'<p class="dbt-booklet__edition">{fingerprint}</p>',
        "</td></tr>",
    ]
    for group in groups:
        parts.append('<tr class="dbt-booklet__agreement"><td>')
        parts.extend(agreement_html(app, group))
        parts.append("</td></tr>")
    parts.append("</tbody>")
    parts.append(f'<tfoot class="dbt-booklet__running"><tr><td>{crisis}</td></tr></tfoot>')
    parts.append("</table>")
    return "\n".join(parts)


def unchanged(app: Sphinx, body: str) -> bool:
    """True when the booklet on disk was made from the same words, menu and settings.

    Like the pages (``incremental``), a rebuild that changes nothing the booklet shows
    leaves it as it is, so only what changed is rewritten."""
    info = getattr(app.builder, "build_info", None)
    inputs = "\n".join(
        [
            body,
            shared_state(app.env),
            str(getattr(info, "config_hash", "")),
            str(getattr(info, "tags_hash", "")),
        ]
    )
    digest = hashlib.sha256(inputs.encode("utf-8")).hexdigest()
    page = Path(app.outdir) / f"{PAGENAME}.html"
    # One record per output folder: two sites may share the doctrees.
    folder = hashlib.sha256(str(page.resolve()).encode("utf-8")).hexdigest()[:12]
    record = Path(app.doctreedir) / f"dbt-booklet-{folder}.sha256"
    same = page.is_file() and record.is_file() and record.read_text() == digest
    record.write_text(digest)
    return same


def collect_booklet(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if not has_booklet(app):
        return
    language = str(app.config.language)
    body = booklet_body(app)
    if unchanged(app, body):
        return
    context = {
        "title": tr(language, TITLE),
        "body": Markup(body),
        "metatags": f'<meta name="description" content="{escape(tr(language, LEAD))}">',
    }
    yield PAGENAME, context, "page.html"


def paper_paragraph(app: Sphinx, docname: str) -> list[nodes.Node]:
    """'Prefer paper? Print every agreement on paper', under the index's reading path."""
    if not has_booklet(app):
        return []
    language = str(app.config.language)
    link = nodes.reference(
        "",
        tr(language, PAPER_LINK),
        internal=True,
        refuri=app.builder.get_relative_uri(docname, PAGENAME),
    )
    return [
        nodes.paragraph(
            "",
            "",
            nodes.strong("", tr(language, PREFER_PAPER)),
            nodes.Text(" "),
            link,
            classes=["dbt-prefer-paper"],
        )
    ]


def setup_booklet(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_booklet)

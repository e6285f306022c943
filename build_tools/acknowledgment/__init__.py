"""The acknowledgment checklist and the summary of every checklist.

A page ends with::

    :::{acknowledgment}
    :legend: What I agree to
    - [come-to-sessions] I will come to every session I can.
    - I will call at least {{cancellation_notice}} ahead if I cannot come.

      An optional hint: a second paragraph indented under the item.
    :::

Each bullet is one statement: a checkbox with a real ``<label for>``, its hint
linked by ``aria-describedby``, never pre-ticked (govuk-frontend's checkboxes).
Each box carries ``data-ack-item="<topic>/<id>"`` and ``data-ack-hash`` (a short
hash of the statement as the client reads it): a tick stored for an older text
no longer counts. The topic is the page's front-matter ``topic``.

``:::{acknowledgment-print}`` and ``:::{acknowledgment-clear}`` place the Print and
Download buttons and the "Clear my answers on all pages" button under the page's
own heading and words about them.

``:::{acknowledgment-summary}`` lists every statement of the build with its
status, the client's name and date fields and the edition fingerprint (a hash
of all statements), for the client's own printed or downloaded copy.

Statements are collected per page in ``env.dbt_ack_items`` (merged from parallel
readers, purged per page); the summary is filled once every page has been read.

Where the code lives: ``doctree`` (nodes, ids, hashes), ``directives``
(reading the blocks, collecting statements), ``markup`` (HTML and visible
words); this module wires them into Sphinx and hands the data to each page.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ..languages.catalog import tr
from ..languages.page import language_name
from ..site.json_data import add_json_data
from .directives import (
    STORE,
    AcknowledgmentClearDirective,
    AcknowledgmentDirective,
    AcknowledgmentPrintDirective,
    AcknowledgmentSummaryDirective,
    all_statements,
    check_consistency,
    collect_statements,
    topics,
)
from .doctree import (
    ack_action,
    ack_block,
    ack_hint,
    ack_item,
    ack_legend,
    ack_statement,
    ack_summary,
    edition,
)
from .markup import (
    DEFAULT_LEGEND,
    depart_block,
    depart_hint,
    depart_item,
    depart_legend,
    depart_statement,
    depart_summary,
    script_text,
    visit_action,
    visit_block,
    visit_hint,
    visit_item,
    visit_legend,
    visit_statement,
    visit_summary,
)

STATIC = Path(__file__).parent / "static"
DATA_ID = "dbt-ack-data"


def setup(app: Sphinx) -> None:
    """Register the directives, nodes and events (called from build_tools.setup)."""
    app.add_node(ack_block, html=(visit_block, depart_block))
    app.add_node(ack_legend, html=(visit_legend, depart_legend))
    app.add_node(ack_item, html=(visit_item, depart_item))
    app.add_node(ack_statement, html=(visit_statement, depart_statement))
    app.add_node(ack_hint, html=(visit_hint, depart_hint))
    app.add_node(ack_summary, html=(visit_summary, depart_summary))
    app.add_node(ack_action, html=(visit_action, None))
    app.add_directive("acknowledgment", AcknowledgmentDirective)
    app.add_directive("acknowledgment-summary", AcknowledgmentSummaryDirective)
    app.add_directive("acknowledgment-print", AcknowledgmentPrintDirective)
    app.add_directive("acknowledgment-clear", AcknowledgmentClearDirective)
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", add_static_files)
    # After translation (Locale runs as a transform, before doctree-read).
    app.connect("doctree-read", collect_statements)
    STORE.connect(app)
    app.connect("env-check-consistency", check_consistency)
    app.connect("env-updated", add_data_script)
    app.connect("doctree-resolved", resolve)


# --- HTML assets: the statement data, styles and scripts -----------------------------


def add_data_script(app: Sphinx, env: BuildEnvironment) -> None:
    """Hand the statement hashes to JavaScript as a JSON script element on every page."""
    if app.builder.format != "html":
        return
    data = {
        # The client's record fingerprint, the same in the client and trainer editions.
        "edition": edition(all_statements(app, "client")),
        "text": script_text(str(app.config.language)),
        "language": str(app.config.language),
        # Names of the languages a tick may have been given in, in this edition's language.
        "languages": {
            code: language_name(code, str(app.config.language))
            for code in app.config.html_context.get("dbt_languages", [])
        },
        "topics": [
            {
                "topic": group["topic"],
                "uri": app.builder.get_target_uri(group["docname"]),
                "items": [
                    [f"{s['topic']}/{s['id']}", s["hash"], s["source"]] for s in group["statements"]
                ],
            }
            for group in topics(app)
        ],
    }
    add_json_data(app, DATA_ID, data)


def add_static_path(app: Sphinx, config: Config) -> None:
    # On config-inited, before Sphinx compares this build's settings with the last
    # one's: changed later, the setting would look new on every incremental build.
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def add_static_files(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.add_css_file("ack.css")
    app.add_js_file("ack-state.js", loading_method="defer")
    app.add_js_file("ack.js", loading_method="defer")


# --- resolve: fill the summary, or fall back to plain lists off HTML -----------------


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name == "gettext":
        return  # the statements stay as they were read: each one is a message
    html_builder = app.builder.format == "html"
    for summary in list(doctree.findall(ack_summary)):
        audience = summary.get("audience", "client")
        if html_builder:
            summary["clinic"] = app.config.project
            summary["edition"] = edition(all_statements(app, audience))
            summary["topics"] = [
                {
                    "topic": group["topic"],
                    "title": group["title"],
                    "uri": app.builder.get_relative_uri(docname, group["docname"]),
                    "statements": [dict(s) for s in group["statements"]],
                }
                for group in topics(app, audience)
            ]
        else:
            summary.replace_self([*plain_summary(app, audience), *summary.children])
    if html_builder:
        return
    for action in list(doctree.findall(ack_action)):
        action.parent.remove(action)  # buttons mean nothing off the web page
    for block in list(doctree.findall(ack_block)):
        block.replace_self(plain_block(block, str(app.config.language)))


def plain_block(block: ack_block, language: str) -> list[nodes.Node]:
    legend = next(iter(block.findall(ack_legend)), None)
    out: list[nodes.Node] = []
    if legend is not None:
        words = tr(language, DEFAULT_LEGEND) if legend.get("default") else legend.astext()
        out.append(nodes.paragraph("", "", nodes.strong("", words)))
    bullets = nodes.bullet_list()
    for item in block.findall(ack_item):
        entry = nodes.list_item()
        for child in item.children:
            if isinstance(child, ack_statement):
                entry += nodes.paragraph("", "", *child.children)
            elif isinstance(child, ack_hint):
                entry.extend(child.children)
        bullets += entry
    out.append(bullets)
    return out


def plain_summary(app: Sphinx, audience: str) -> list[nodes.Node]:
    out: list[nodes.Node] = [
        nodes.paragraph("", f"Edition {edition(all_statements(app, audience))}"),
    ]
    for group in topics(app, audience):
        out.append(nodes.paragraph("", "", nodes.strong("", group["title"])))
        bullets = nodes.bullet_list()
        for statement in group["statements"]:
            bullets += nodes.list_item("", nodes.paragraph("", statement["text"]))
        out.append(bullets)
    return out

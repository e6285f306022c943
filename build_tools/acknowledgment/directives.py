"""Read acknowledgment blocks into nodes and keep every page's statements in the build env.

A statement's node keeps its Markdown source as ``rawsource``, so Sphinx's gettext
builder extracts it and a translated build replaces its words like any paragraph's.
Its text and hash are therefore taken on ``doctree-read``, after translation: the
hash is of the words the client reads in this language edition.

Statements are collected per page in ``env.dbt_ack_items`` (merged from parallel
readers, purged per page), so the summary and the data script can list them all
once every page has been read.
"""

from __future__ import annotations

import re
from typing import Any, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..page_store import PageStore
from ..validation.ack_check import empty_statement_message
from ..validation.checklist_links import HOW
from .doctree import (
    Statement,
    ack_action,
    ack_block,
    ack_hint,
    ack_item,
    ack_legend,
    ack_statement,
    ack_summary,
    input_id,
    slug,
    source_hash,
    statement_hash,
)

logger = logging.getLogger(__name__)

WARNING_TYPE = "dbt"
WARNING_SUBTYPE = "acknowledgment"
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A top-level bullet, with an optional leading [id].
BULLET = re.compile(r"^([-*+](?:[ \t]+|$))(?:\[([^\]\s]*)\](?:[ \t]+|$))?(.*)$")


def warn(message: str, location: Any) -> None:
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=WARNING_SUBTYPE)


STORE: PageStore[Statement] = PageStore("dbt_ack_items")
env_items = STORE.of


def page_topic(env: BuildEnvironment) -> str | None:
    topic = env.metadata.get(env.docname, {}).get("topic")
    return str(topic) if topic else None


# --- directives --------------------------------------------------------------------


class AcknowledgmentDirective(SphinxDirective):
    has_content = True
    option_spec = {"legend": directives.unchanged_required}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        location = self.get_location()
        topic = page_topic(self.env)
        if topic is None:
            warn("an acknowledgment needs the page's front matter to give a `topic`", location)
            return []
        if not ID_PATTERN.fullmatch(topic):
            warn(f"topic {topic!r} cannot be used in an acknowledgment id", location)
            return []
        lines = list(self.content)
        if not any(line.strip() for line in lines):
            warn("this acknowledgment is empty: add one bullet per statement", location)
            return []

        # Take the optional [id] off each top-level bullet before MyST parses it.
        wanted: list[tuple[str | None, str, int]] = []  # (explicit id, raw text, line)
        for index, line in enumerate(lines):
            match = BULLET.match(line)
            if not match:
                continue
            explicit, rest = match.group(2), match.group(3)
            line_number = self.lineno + self.content_offset + index + 1
            if not rest.strip():
                # An id with no sentence would publish a checkbox labelled with the id.
                warn(empty_statement_message(explicit), (self.env.docname, line_number))
                return []
            lines[index] = match.group(1) + rest
            wanted.append((explicit, rest, line_number))

        parsed = self.parse_text_to_nodes("\n".join(lines))
        lists = [n for n in parsed if not isinstance(n, nodes.comment)]
        if len(lists) != 1 or not isinstance(lists[0], nodes.bullet_list):
            warn(
                "an acknowledgment holds one bullet list and nothing else "
                "(one bullet per statement)",
                location,
            )
            return []
        list_items = [c for c in lists[0].children if isinstance(c, nodes.list_item)]
        if len(list_items) != len(wanted):
            warn("could not match each bullet to its statement: check the indentation", location)
            return []

        block = ack_block(topic=topic, block=self.env.new_serialno("dbt-ack"))
        self.set_source_info(block)
        block += self.legend()
        # Ids seen on this page so far, across its blocks (temp_data lasts one read).
        seen = cast(set[str], self.env.temp_data.setdefault("dbt_ack_ids", set()))
        ok = True
        for (explicit, raw, line), list_item in zip(wanted, list_items, strict=True):
            item_location = (self.env.docname, line)
            item = self.make_item(topic, explicit, raw, list_item, item_location)
            if item is None:
                ok = False
                continue
            if item["item_id"] in seen:
                warn(
                    f"duplicate acknowledgment id {item['item_id']!r} on this page: "
                    "give one of the statements its own [id]",
                    item_location,
                )
                ok = False
                continue
            seen.add(item["item_id"])
            block += item
        if not ok:
            return []
        return [block]

    def legend(self) -> ack_legend:
        """The block's legend; one given in the page is translated like the page's text."""
        given = self.options.get("legend")
        if given is None:
            # The default is the tool's words: the HTML writer translates it.
            return ack_legend("", "", default=True)
        legend = ack_legend(given, given)
        self.set_source_info(legend)
        return legend

    def make_item(
        self,
        topic: str,
        explicit: str | None,
        raw: str,
        list_item: nodes.list_item,
        location: tuple[str, int],
    ) -> ack_item | None:
        children = list(list_item.children)
        if not children or not isinstance(children[0], nodes.paragraph):
            warn("each statement starts with a sentence", location)
            return None
        if any(not isinstance(c, nodes.paragraph) for c in children[1:]):
            warn("under a statement, only a hint paragraph may follow", location)
            return None
        if explicit is not None:
            if not ID_PATTERN.fullmatch(explicit):
                warn(
                    f"acknowledgment id [{explicit}] may use only lowercase letters, "
                    "digits and single hyphens",
                    location,
                )
                return None
            item_id = explicit
        else:
            item_id = slug(raw)
            if not item_id:
                warn("cannot make an id from this statement: give it an [id]", location)
                return None
        first = children[0]
        control = input_id(topic, item_id)
        # text and hash are filled in on doctree-read, after any translation.
        values = self.config.html_context.get("dbt_source_substitutions", {})
        item = ack_item(
            topic=topic,
            item_id=item_id,
            input_id=control,
            line=location[1],
            source=source_hash(first.rawsource, values),
        )
        item.source, item.line = first.source, first.line
        # The Markdown source as rawsource makes the statement a gettext message.
        statement = ack_statement(first.rawsource, "", *first.children)
        statement.source, statement.line = first.source, first.line
        item.append(statement)
        if len(children) > 1:
            hint = ack_hint()
            hint.extend(children[1:])
            item.append(hint)
        return item


AUDIENCES = ("client", "trainer")


def audience_option(value: str | None) -> str:
    return str(directives.choice(value, AUDIENCES))


class AcknowledgmentSummaryDirective(SphinxDirective):
    """``:audience: trainer`` summarises the trainer's own checklists (the therapist
    and team agreements) for the trainer edition's record; the default is the client's."""

    has_content = True
    option_spec: dict[str, Any] = {"audience": audience_option}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        node = ack_summary(audience=self.options.get("audience", "client"))
        self.set_source_info(node)
        # Anything inside (the trainer record's knowledge-check counts) joins the record.
        node.extend(self.parse_content_to_nodes())
        return [node]


class AcknowledgmentActionDirective(SphinxDirective):
    """``{acknowledgment-print}`` (Print and Download the record) and
    ``{acknowledgment-clear}`` (clear every answer, with a confirmation and undo):
    each goes under the page's own heading and words about it."""

    kind = ""

    def run(self) -> list[nodes.Node]:
        node = ack_action(kind=self.kind)
        self.set_source_info(node)
        return [node]


class AcknowledgmentPrintDirective(AcknowledgmentActionDirective):
    kind = "print"


class AcknowledgmentClearDirective(AcknowledgmentActionDirective):
    kind = "clear"


# --- environment: collect, merge, purge, then read back in reading order ----------


def collect_statements(app: Sphinx, doctree: nodes.document) -> None:
    """Hash each statement as it will be read (translated, substitutions filled in)."""
    statements: list[Statement] = []
    for item in doctree.findall(ack_item):
        statement = next(iter(item.findall(ack_statement)))
        if any(True for _ in statement.findall(nodes.reference)):
            # In every language edition: a translation may add a link the source lacks.
            warn(f"a link is inside a checklist statement: {HOW}", (app.env.docname, item["line"]))
        text = " ".join(statement.astext().split())
        item["text"], item["hash"] = text, statement_hash(text)
        statements.append(
            Statement(
                topic=item["topic"],
                id=item["item_id"],
                hash=item["hash"],
                source=item["source"],
                text=text,
                line=item["line"],
            )
        )
    if statements:
        env_items(app.env)[app.env.docname] = statements


def statement_key(statement: Statement) -> str:
    return f"{statement['topic']}/{statement['id']}"


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    for docname, statement, first in STORE.clashes(env, statement_key):
        warn(
            f"acknowledgment {statement_key(statement)!r} is also on page {first!r}: "
            "each topic's statements belong to one page",
            (docname, statement["line"]),
        )


def reading_order(env: BuildEnvironment) -> list[str]:
    """Documents in toctree order from the root, then any others by name."""
    order: list[str] = []

    def walk(docname: str) -> None:
        if docname in order:
            return
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            walk(child)

    walk(env.config.root_doc)
    return order + sorted(d for d in env.found_docs if d not in order)


def page_audience(env: BuildEnvironment, docname: str) -> str:
    audience = env.metadata.get(docname, {}).get("audience")
    return str(audience) if audience in AUDIENCES else "client"


def topics(app: Sphinx, audience: str | None = None) -> list[dict[str, Any]]:
    """Every page with statements (for one audience, or all), in reading order."""
    env = app.env
    found = env_items(env)
    result = []
    for docname in reading_order(env):
        statements = found.get(docname)
        if not statements or (audience and page_audience(env, docname) != audience):
            continue
        title = env.titles[docname].astext() if docname in env.titles else docname
        result.append(
            {
                "docname": docname,
                "topic": statements[0]["topic"],
                "title": title,
                "statements": statements,
            }
        )
    return result


def all_statements(app: Sphinx, audience: str | None = None) -> list[Statement]:
    return [
        s
        for docname, group in env_items(app.env).items()
        if audience is None or page_audience(app.env, docname) == audience
        for s in group
    ]

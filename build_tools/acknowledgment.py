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

``:::{acknowledgment-summary}`` lists every statement of the build with its
status, the client's name and date fields and the edition fingerprint (a hash
of all statements), for the client's own printed or downloaded copy.

Statements are collected per page in ``env.dbt_ack_items`` (merged from parallel
readers, purged per page); the summary is filled once every page has been read.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypedDict, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
WARNING_TYPE = "dbt"
WARNING_SUBTYPE = "acknowledgment"
DEFAULT_LEGEND = "What I agree to"
DATA_ID = "dbt-ack-data"
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A top-level bullet, with an optional leading [id].
BULLET = re.compile(r"^([-*+][ \t]+)(?:\[([^\]\s]*)\][ \t]+)?(.*)$")
SLUG_WORDS = 6
HASH_CHARS = 12

NOJS_TEXT = (
    "You can tick these boxes without JavaScript. "
    "To keep your ticks and see the summary, turn JavaScript on."
)
REMEMBER_LABEL = "Remember my answers on this device"
REMEMBER_HINT = (
    "Leave this off on a shared device: your ticks are then forgotten when you close this tab."
)
CLEAR_LABEL = "Clear my answers"
# Words the script shows, handed over in the JSON data ({name} fills in a value).
SCRIPT_TEXT = {
    "count": "{agreed} of {total} agreed",
    "agreed": "Agreed",
    "open": "Not ticked yet",
    "changed": "Changed since you ticked it",
    "changed_note": (
        "This changed after you ticked it on {when}. Read it again, and tick it if you still agree."
    ),
    "made": "Made on {when}",
    "failed": "This browser is not letting the site keep your ticks: they go when you leave",
    "kept": "Your ticks are kept on this device until you clear them",
    "forgotten": "Your ticks are forgotten when you close this tab",
    "cleared": "Your answers were cleared from this device",
    "file": "my-treatment-agreements.txt",
    "legend": "[x] = I agree. [ ] = not ticked. [changed] = changed since I ticked it.",
}


class Statement(TypedDict):
    topic: str
    id: str
    hash: str
    text: str
    line: int


# --- nodes -------------------------------------------------------------------------


class ack_block(nodes.General, nodes.Element):  # type: ignore[misc]  # docutils node naming
    """One checklist: ``fieldset`` + ``legend`` + items, then the JS controls."""


class ack_legend(nodes.Part, nodes.TextElement):  # type: ignore[misc]  # docutils node naming
    pass


class ack_item(nodes.Part, nodes.Element):  # type: ignore[misc]  # docutils node naming
    """One statement: checkbox, label, optional hint, 'changed' note."""


class ack_statement(nodes.Part, nodes.TextElement):  # type: ignore[misc]  # docutils node naming
    """The label's inline content."""


class ack_hint(nodes.Part, nodes.Element):  # type: ignore[misc]  # docutils node naming
    pass


class ack_summary(nodes.General, nodes.Element):  # type: ignore[misc]  # docutils node naming
    """Filled on doctree-resolved with every statement of the build."""


# --- helpers -----------------------------------------------------------------------


def statement_hash(text: str) -> str:
    """Short, stable hash of a statement as the client reads it (whitespace folded)."""
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:HASH_CHARS]


def slug(text: str) -> str:
    """'I will call {{clinic_phone}} today' -> 'i-will-call-clinic-phone-today'."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("_", " "))
    return "-".join(words[:SLUG_WORDS])


def edition(statements: Iterable[Statement]) -> str:
    """Fingerprint of every statement of the build, e.g. '3f2a-9c1b-77de'."""
    lines = sorted(f"{s['topic']}/{s['id']} {s['hash']}" for s in statements)
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:12]
    return "-".join(digest[i : i + 4] for i in range(0, 12, 4))


def input_id(topic: str, item: str) -> str:
    return f"ack-{topic}-{item}"


def warn(message: str, location: Any) -> None:
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=WARNING_SUBTYPE)


def env_items(env: BuildEnvironment) -> dict[str, list[Statement]]:
    if not hasattr(env, "dbt_ack_items"):
        env.dbt_ack_items = {}  # type: ignore[attr-defined]
    return cast(dict[str, list[Statement]], env.dbt_ack_items)  # type: ignore[attr-defined]


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
            lines[index] = match.group(1) + rest
            wanted.append((explicit, rest, self.lineno + self.content_offset + index + 1))

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
        block += ack_legend("", self.options.get("legend", DEFAULT_LEGEND))
        seen = {s["id"] for s in env_items(self.env).get(self.env.docname, [])}
        statements: list[Statement] = []
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
            statements.append(
                Statement(
                    topic=topic,
                    id=item["item_id"],
                    hash=item["hash"],
                    text=item["text"],
                    line=line,
                )
            )
        if not ok:
            return []
        env_items(self.env).setdefault(self.env.docname, []).extend(statements)
        return [block]

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
        text = " ".join(first.astext().split())
        digest = statement_hash(text)
        control = input_id(topic, item_id)
        item = ack_item(topic=topic, item_id=item_id, hash=digest, text=text, input_id=control)
        item.source, item.line = first.source, first.line
        statement = ack_statement("", "", *first.children)
        item.append(statement)
        if len(children) > 1:
            hint = ack_hint()
            hint.extend(children[1:])
            item.append(hint)
        return item


class AcknowledgmentSummaryDirective(SphinxDirective):
    has_content = False
    option_spec: dict[str, Any] = {}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        node = ack_summary()
        self.set_source_info(node)
        return [node]


# --- environment: collect, merge, purge ---------------------------------------------


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env_items(env).pop(docname, None)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: Any) -> None:
    mine = env_items(env)
    for docname, statements in env_items(other).items():
        if docname in docnames:
            mine[docname] = statements


def outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Every page carries every statement's hash, and the summary lists them all: on an
    incremental build (``make serve``), any change rewrites every page."""
    return sorted(env.found_docs) if added or changed or removed else []


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    owner: dict[str, str] = {}
    for docname in sorted(env_items(env)):
        for statement in env_items(env)[docname]:
            key = f"{statement['topic']}/{statement['id']}"
            if key in owner and owner[key] != docname:
                warn(
                    f"acknowledgment {key!r} is also on page {owner[key]!r}: "
                    "each topic's statements belong to one page",
                    (docname, statement["line"]),
                )
            owner.setdefault(key, docname)


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


def topics(app: Sphinx) -> list[dict[str, Any]]:
    """Every page with statements, in reading order."""
    env = app.env
    found = env_items(env)
    result = []
    for docname in reading_order(env):
        statements = found.get(docname)
        if not statements:
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


def all_statements(app: Sphinx) -> list[Statement]:
    return [s for group in env_items(app.env).values() for s in group]


def add_data_script(app: Sphinx, env: BuildEnvironment) -> None:
    """Hand the statement hashes to JavaScript as a JSON script element on every page."""
    if app.builder.format != "html":
        return
    data = {
        "edition": edition(all_statements(app)),
        "text": SCRIPT_TEXT,
        "topics": [
            {
                "topic": group["topic"],
                "uri": app.builder.get_target_uri(group["docname"]),
                "items": [[f"{s['topic']}/{s['id']}", s["hash"]] for s in group["statements"]],
            }
            for group in topics(app)
        ],
    }
    body = json.dumps(data, separators=(",", ":"), sort_keys=True)
    # Nothing in the data can end or confuse the script element.
    body = body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    app.add_js_file(None, body=body, type="application/json", id=DATA_ID)


def add_static_files(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]
    app.add_css_file("ack.css")
    app.add_js_file("ack-state.js", loading_method="defer")
    app.add_js_file("ack.js", loading_method="defer")


# --- resolve: fill the summary, or fall back to plain lists off HTML -----------------


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    html_builder = app.builder.format == "html"
    for summary in list(doctree.findall(ack_summary)):
        if html_builder:
            summary["clinic"] = app.config.project
            summary["edition"] = edition(all_statements(app))
            summary["topics"] = [
                {
                    "topic": group["topic"],
                    "title": group["title"],
                    "uri": app.builder.get_relative_uri(docname, group["docname"]),
                    "statements": [dict(s) for s in group["statements"]],
                }
                for group in topics(app)
            ]
        else:
            summary.replace_self(plain_summary(app))
    if html_builder:
        return
    for block in list(doctree.findall(ack_block)):
        block.replace_self(plain_block(block))


def plain_block(block: ack_block) -> list[nodes.Node]:
    legend = next(iter(block.findall(ack_legend)), None)
    out: list[nodes.Node] = []
    if legend is not None:
        out.append(nodes.paragraph("", "", nodes.strong("", legend.astext())))
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


def plain_summary(app: Sphinx) -> list[nodes.Node]:
    out: list[nodes.Node] = [
        nodes.paragraph("", f"Edition {edition(all_statements(app))}"),
    ]
    for group in topics(app):
        out.append(nodes.paragraph("", "", nodes.strong("", group["title"])))
        bullets = nodes.bullet_list()
        for statement in group["statements"]:
            bullets += nodes.list_item("", nodes.paragraph("", statement["text"]))
        out.append(bullets)
    return out


# --- HTML ----------------------------------------------------------------------------


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def controls(prefix: str) -> str:
    """Progress (polite live region), remember switch and clear button; JS un-hides them."""
    remember = f"{prefix}-remember"
    return (
        f'<div class="dbt-ack__controls" data-ack-controls hidden>'
        f'<p class="dbt-ack__progress" role="status" data-ack-progress></p>'
        f'<div class="dbt-ack__remember">'
        f'<input type="checkbox" role="switch" id="{remember}" data-ack-remember'
        f' aria-describedby="{remember}-hint">'
        f'<label for="{remember}">{REMEMBER_LABEL}</label>'
        f'<p class="dbt-ack__hint" id="{remember}-hint">{REMEMBER_HINT}</p></div>'
        f'<button type="button" class="dbt-ack__button" data-ack-clear>{CLEAR_LABEL}</button>'
        f"</div>"
    )


def visit_block(self: Any, node: ack_block) -> None:
    topic = esc(node["topic"])
    self.body.append(
        f'<div class="dbt-ack" data-ack-block>'
        f'<fieldset class="dbt-ack__fieldset" data-ack-topic="{topic}">'
    )


def depart_block(self: Any, node: ack_block) -> None:
    prefix = f"ack-{node['topic']}-{node['block']}"
    self.body.append(
        f'<p class="dbt-ack__nojs" data-ack-nojs>{NOJS_TEXT}</p></fieldset>'
        f"{controls(esc(prefix))}</div>"
    )


def visit_legend(self: Any, node: ack_legend) -> None:
    self.body.append('<legend class="dbt-ack__legend">')


def depart_legend(self: Any, node: ack_legend) -> None:
    self.body.append("</legend>")


def visit_item(self: Any, node: ack_item) -> None:
    control = esc(node["input_id"])
    described = [f"{control}-changed"]
    if any(isinstance(child, ack_hint) for child in node.children):
        described.insert(0, f"{control}-hint")
    self.body.append(
        f'<div class="dbt-ack__item">'
        f'<input class="dbt-ack__input" type="checkbox" id="{control}" name="{control}"'
        f' value="agreed" data-ack-item="{esc(node["topic"])}/{esc(node["item_id"])}"'
        f' data-ack-hash="{esc(node["hash"])}" aria-describedby="{" ".join(described)}">'
    )


def depart_item(self: Any, node: ack_item) -> None:
    control = esc(node["input_id"])
    self.body.append(f'<p class="dbt-ack__changed" id="{control}-changed" hidden></p></div>')


def visit_statement(self: Any, node: ack_statement) -> None:
    parent = cast(ack_item, node.parent)
    self.body.append(f'<label class="dbt-ack__label" for="{esc(parent["input_id"])}">')


def depart_statement(self: Any, node: ack_statement) -> None:
    self.body.append("</label>")


def visit_hint(self: Any, node: ack_hint) -> None:
    parent = cast(ack_item, node.parent)
    self.body.append(f'<div class="dbt-ack__hint" id="{esc(parent["input_id"])}-hint">')


def depart_hint(self: Any, node: ack_hint) -> None:
    self.body.append("</div>")


def summary_html(node: ack_summary) -> Iterator[str]:
    yield '<div class="dbt-ack-summary" data-ack-summary>'
    yield f'<p class="dbt-ack__nojs" data-ack-nojs>{esc(SUMMARY_NOJS)}</p>'
    yield controls("ack-summary")
    yield '<div class="dbt-ack-record" data-ack-record>'
    yield f'<p class="dbt-ack-record__clinic" data-ack-line>{esc(node["clinic"])}</p>'
    yield f'<p class="dbt-ack-record__what" data-ack-line>{esc(RECORD_WHAT)}</p>'
    yield (
        f'<p class="dbt-ack-record__edition" data-ack-line>Edition: '
        f"<span data-ack-edition>{esc(node['edition'])}</span></p>"
    )
    yield '<div class="dbt-ack-record__fields">'
    yield (
        '<p><label for="ack-summary-name">Your name (optional)</label>'
        '<input type="text" id="ack-summary-name" autocomplete="name"'
        " data-ack-name data-ack-line></p>"
    )
    yield (
        '<p><label for="ack-summary-date">Date</label>'
        '<input type="date" id="ack-summary-date" data-ack-date data-ack-line></p>'
    )
    yield "</div>"
    yield '<p class="dbt-ack-record__made" data-ack-made data-ack-line></p>'
    for group in node["topics"]:
        topic = esc(group["topic"])
        title = esc(group["title"])
        yield (
            f'<section class="dbt-ack-summary__topic" data-ack-summary-topic="{topic}"'
            f' aria-labelledby="ack-summary-{topic}">'
            f'<h2 class="dbt-ack-summary__title" id="ack-summary-{topic}">{title}</h2>'
            f'<p class="dbt-ack-summary__count" data-ack-count></p>'
            '<ul class="dbt-ack-summary__list">'
        )
        for statement in group["statements"]:
            key = f"{topic}/{esc(statement['id'])}"
            href = f"{esc(group['uri'])}#{esc(input_id(statement['topic'], statement['id']))}"
            yield (
                f'<li class="dbt-ack-summary__item" data-ack-item="{key}"'
                f' data-ack-hash="{esc(statement["hash"])}">'
                f'<span class="dbt-ack-summary__status" data-ack-status></span> '
                f'<span class="dbt-ack-summary__text">{esc(statement["text"])}</span> '
                f'<a class="dbt-ack-summary__go" href="{href}" data-ack-go>Read and tick it'
                f'<span class="visually-hidden"> on the page {title}</span></a></li>'
            )
        yield "</ul></section>"
    yield "</div>"
    yield (
        '<div class="dbt-ack-summary__actions" data-ack-actions hidden>'
        '<button type="button" class="dbt-ack__button" data-ack-print>'
        "Print or save as PDF</button> "
        '<button type="button" class="dbt-ack__button" data-ack-download>'
        "Download a copy</button></div>"
    )
    yield "</div>"


SUMMARY_NOJS = (
    "This summary needs JavaScript to show your ticks. "
    "Without it, you can still read every statement below."
)
RECORD_WHAT = (
    "My treatment agreements: my own copy to bring to my first session and talk about. "
    "It is not a signed legal record."
)


def visit_summary(self: Any, node: ack_summary) -> None:
    if "topics" not in node:
        raise nodes.SkipNode
    self.body.append("".join(summary_html(node)))
    raise nodes.SkipNode


def depart_summary(self: Any, node: ack_summary) -> None:
    pass


def setup(app: Sphinx) -> None:
    """Register the directives, nodes and events (called from build_tools.setup)."""
    app.add_node(ack_block, html=(visit_block, depart_block))
    app.add_node(ack_legend, html=(visit_legend, depart_legend))
    app.add_node(ack_item, html=(visit_item, depart_item))
    app.add_node(ack_statement, html=(visit_statement, depart_statement))
    app.add_node(ack_hint, html=(visit_hint, depart_hint))
    app.add_node(ack_summary, html=(visit_summary, depart_summary))
    app.add_directive("acknowledgment", AcknowledgmentDirective)
    app.add_directive("acknowledgment-summary", AcknowledgmentSummaryDirective)
    app.connect("builder-inited", add_static_files)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("env-get-outdated", outdated)
    app.connect("env-check-consistency", check_consistency)
    app.connect("env-updated", add_data_script)
    app.connect("doctree-resolved", resolve)

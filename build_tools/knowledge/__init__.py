"""Knowledge checks for the trainer edition, and the count of right answers per module.

``:::{knowledge-check}`` (see ``directive``) renders an accessible question: a
fieldset with a legend, a real label on every radio button or checkbox, a Check
button whose feedback is announced in a live region, and every answer with its
explanation in a ``<details>`` that works without JavaScript.

A module is a page with checks. After its last check the page shows how many of
its checks were answered right, and ``:::{knowledge-summary}`` (on the trainer's
record) lists every module's count. Results are kept like checklist ticks: in
the tab by default, on the device by choice, and "Clear my answers" removes them
(``acknowledgment/static/ack-state.js`` is the one storage layer).

The build orders each check's options (``order``): no place may hold a right
answer in more than half of the edition's checks, and the build prints how the
right answers are spread. Nor may the right answer be the longest option in more
than half of them; the build prints that count too.

Where the code lives: ``doctree`` (nodes, keys, hashes), ``directive`` (reading
and checking a check), ``order`` (the shown order and the spread of right
answers), ``module_list`` (the guide's list of modules), ``markup`` (HTML and
visible words); this module wires them into Sphinx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..acknowledgment.directives import reading_order
from ..acknowledgment.doctree import ack_summary
from ..site.json_data import add_json_data
from . import markup, module_list, order
from .directive import STORE, KnowledgeCheckDirective, env_checks, warn
from .doctree import (
    Check,
    kc_answer,
    kc_answer_text,
    kc_answers,
    kc_block,
    kc_explanation,
    kc_option,
    kc_progress,
    kc_question,
    kc_quick_record,
    kc_summary,
    module_id,
)

STATIC = Path(__file__).parent / "static"
DATA_ID = "dbt-kc-data"


class KnowledgeSummaryDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        node = kc_summary()
        self.set_source_info(node)
        return [node]


def setup(app: Sphinx) -> None:
    """Register the directives, nodes and events (called from build_tools.setup)."""
    leave = markup.depart_nothing
    app.add_node(kc_block, html=(markup.visit_block, markup.depart_block))
    app.add_node(kc_question, html=(markup.visit_question, markup.depart_question))
    app.add_node(kc_option, html=(markup.visit_option, markup.depart_option))
    app.add_node(kc_answers, html=(markup.visit_answers, markup.depart_answers))
    app.add_node(kc_answer, html=(markup.visit_answer, markup.depart_answer))
    app.add_node(kc_answer_text, html=(markup.visit_answer_text, markup.depart_answer_text))
    app.add_node(kc_explanation, html=(markup.visit_explanation, markup.depart_explanation))
    app.add_node(kc_progress, html=(markup.visit_progress, leave))
    app.add_node(kc_summary, html=(markup.visit_summary, leave))
    app.add_node(kc_quick_record, html=(markup.visit_quick_record, leave))
    app.add_directive("knowledge-check", KnowledgeCheckDirective)
    app.add_directive("knowledge-summary", KnowledgeSummaryDirective)
    module_list.setup(app)
    STORE.connect(app)
    # After translation (Locale runs as a transform, before doctree-read).
    app.connect("env-check-consistency", check_consistency)
    app.connect("env-check-consistency", check_spread)
    app.connect("env-check-consistency", check_length)
    app.connect("build-finished", report_spread)
    app.connect("config-inited", add_static_path)
    app.connect("doctree-read", translated_questions)
    app.connect("doctree-resolved", resolve)
    app.connect("html-page-context", add_page_assets)


# --- environment: collect, merge, purge -----------------------------------------------


def translated_questions(app: Sphinx, doctree: nodes.document) -> None:
    """Each check's question as this language edition asks it: the directive runs before
    translation, and the client's summary and record list the question in the reader's
    language (the hash stays the one of the pages' own words)."""
    checks = {c["key"]: c for c in env_checks(app.env).get(app.env.docname, [])}
    for block in doctree.findall(kc_block):
        check = checks.get(block["key"])
        asked = next(iter(block.findall(kc_question)), None)
        if check is not None and asked is not None:
            check["question"] = " ".join(asked.astext().split())


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """A storage key names one check in the whole build, or answers would mix."""
    for docname, check, first in STORE.clashes(env, lambda c: c["key"]):
        warn(
            f"knowledge check {check['id']!r} of topic {check['topic']!r} is also on "
            f"page {first!r}: give one of them another :id:",
            (docname, check["line"]),
        )


def spread(env: BuildEnvironment) -> tuple[int, Any]:
    return order.distribution(
        check["places"] for checks in env_checks(env).values() for check in checks
    )


def check_spread(app: Sphinx, env: BuildEnvironment) -> None:
    """A trainee must not be able to pass by always picking the same place."""
    total, counts = spread(env)
    for place in order.crowded(total, counts):
        holding = [
            (docname, check)
            for docname in sorted(env_checks(env))
            for check in env_checks(env)[docname]
            if place in check["places"]
        ]
        # Point at a check that keeps its authored order, the likeliest cause.
        docname, check = next(((d, c) for d, c in holding if c["kept"]), holding[-1])
        warn(
            f"a right answer is at place {place} in {counts[place]} of the edition's "
            f"{total} knowledge checks, more than half: drop :keep-order: from some of "
            "them, or give one of them another :id: (the id fixes the order)",
            (docname, check["line"]),
        )


def length_cue(env: BuildEnvironment) -> tuple[int, int, list[tuple[str, Check]]]:
    """(number of checks, how many give the length cue, those checks with their page)."""
    every = [(d, c) for d in sorted(env_checks(env)) for c in env_checks(env)[d]]
    cued = [(d, c) for d, c in every if c["longest"]]
    return len(every), len(cued), cued


def check_length(app: Sphinx, env: BuildEnvironment) -> None:
    """A trainee must not be able to pass by always picking the longest option."""
    total, longest, cued = length_cue(env)
    if order.too_often_longest(total, longest):
        docname, check = cued[-1]
        warn(
            f"the right answer is the longest option in {longest} of the edition's {total} "
            "knowledge checks, more than half: shorten right answers or give wrong options "
            "the same care, starting with this one",
            (docname, check["line"]),
        )


def report_spread(app: Sphinx, exception: Exception | None) -> None:
    total, counts = spread(app.env)
    if exception is None and total and app.builder.format == "html":
        # print, not logging: the build runs with -q, and these lines are the report.
        print(order.describe(total, counts), flush=True)
        print(order.describe_length(total, length_cue(app.env)[1]), flush=True)


def modules(app: Sphinx, fromdoc: str | None = None) -> list[dict[str, Any]]:
    """Every page with checks, in reading order, with its checks' keys and hashes."""
    env = app.env
    found = env_checks(env)
    result = []
    for docname in reading_order(env):
        checks = found.get(docname)
        if not checks:
            continue
        uri = (
            app.builder.get_relative_uri(fromdoc, docname)
            if fromdoc
            else app.builder.get_target_uri(docname)
        )
        result.append(
            {
                "id": module_id(docname),
                "title": env.titles[docname].astext() if docname in env.titles else docname,
                "uri": uri,
                "total": len(checks),
                "items": [[c["key"], c["hash"]] for c in checks],
            }
        )
    return result


# --- HTML: assets only where a page has checks ----------------------------------------


def add_static_path(app: Sphinx, config: Config) -> None:
    # On config-inited, like every static folder (see acknowledgment); a build with
    # no checks ships none of these files (site.assets removes what no page uses).
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def add_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None or not any(
        True
        for _ in doctree.findall(lambda n: isinstance(n, kc_block | kc_summary | kc_quick_record))
    ):
        return
    client = any(b.get("client") for b in doctree.findall(kc_block)) or any(
        True for _ in doctree.findall(kc_quick_record)
    )
    language = str(app.config.language)
    text = markup.client_script_text(language) if client else markup.SCRIPT_TEXT
    data = {"text": text, "modules": modules(app)}
    app.add_css_file("kc.css")
    add_json_data(app, DATA_ID, data)
    app.add_js_file("kc.js", loading_method="defer")


# --- resolve: progress after a module's last check, the summary, plain text -----------


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name == "gettext":
        return  # the question and options stay as read: each one is a message
    html_builder = app.builder.format == "html"
    if html_builder:
        # The client's summary lists their quick checks: what is still unclear goes
        # to the first session with the rest of the record.
        quick = [
            check
            for name in reading_order(app.env)
            for check in env_checks(app.env).get(name, [])
            if check.get("client")
        ]
        for ack in doctree.findall(ack_summary):
            if quick and ack.get("audience", "client") == "client":
                ack += kc_quick_record(checks=quick)
    for summary in list(doctree.findall(kc_summary)):
        if html_builder:
            found = env_checks(app.env)
            pages = [name for name in reading_order(app.env) if found.get(name)]
            summary["modules"] = [
                {**module, "checks": [dict(c) for c in found[page] if not c.get("client")]}
                for module, page in zip(modules(app, docname), pages, strict=True)
            ]
        else:
            summary.replace_self(plain_summary(app))
    blocks = list(doctree.findall(kc_block))
    if not blocks:
        return
    if html_builder:
        last = blocks[-1]
        if last.get("client"):
            return  # a client's quick checks keep no score
        last.parent.insert(last.parent.index(last) + 1, kc_progress(module=module_id(docname)))
        return
    for block in blocks:
        block.replace_self(plain_block(block))


def plain_block(block: kc_block) -> list[nodes.Node]:
    """For text and other builders: the question, then each option with its verdict."""
    question = next(iter(block.findall(kc_question)))
    out: list[nodes.Node] = [nodes.paragraph("", "", nodes.strong("", "", *question.children))]
    answers = nodes.bullet_list()
    for answer in block.findall(kc_answer):
        entry = nodes.list_item()
        text = next(iter(answer.findall(kc_answer_text)))
        verdict = markup.VERDICT[bool(answer["right"])]
        entry += nodes.paragraph("", "", nodes.strong("", verdict), nodes.Text(" "), *text.children)
        for explanation in answer.findall(kc_explanation):
            entry.extend(explanation.children)
        answers += entry
    out.append(answers)
    return out


def plain_summary(app: Sphinx) -> list[nodes.Node]:
    bullets = nodes.bullet_list()
    for module in modules(app):
        bullets += nodes.list_item(
            "", nodes.paragraph("", f"{module['title']}: {module['total']} checks")
        )
    return [bullets]

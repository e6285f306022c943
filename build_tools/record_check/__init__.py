"""``:::{record-check}``: the trainer edition's page that checks a saved record.

A client's downloaded record (or a trainee's onboarding record) is plain text in
format 2 (``acknowledgment/static/ack-state.js``, ``recordText``)::

    [dbt-record 2 client en 8148-9bee-1e6b 2026-11-28]
    Riverside DBT Program
    ...
    [x] I will come to every session I can. [attendance/come 3f9a0c1e77de 3f9a0c1e77de agreed]
    My questions: Attendance: What if I am late? [attendance?]
    ...
    [end 99]

Each line a clinic can check ends in its code, beside the words it vouches for: the
statement's key, the hash of its words as the client read them, the hash of the
English words (so a Spanish record is checked against the English pages), the
status, and `` ?`` for a question. A block of codes at the end would have parted each
code from its words; beside them, a person still reads every line whole, and an edit
to the words shows as words that no longer hash to their code.

The page reads the file in the browser (``File.text()``), nothing is uploaded, and
compares it with the statements and checks this build holds, handed over as JSON
data. A text file can be edited by anyone: the check is a conversation aid, not proof.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from ..acknowledgment.directives import all_statements, reading_order, topics
from ..acknowledgment.doctree import edition
from ..knowledge.directive import env_checks
from ..site.json_data import add_json_data
from . import markup

STATIC = Path(__file__).parent / "static"
DATA_ID = "dbt-rc-data"
# A record of this site is tens of kilobytes; anything far larger is not one, and is
# refused before it is read into memory.
SIZE_LIMIT = 1_000_000


class record_check(nodes.General, nodes.Element):  # type: ignore[misc]  # docutils node naming
    pass


class RecordCheckDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        node = record_check()
        self.set_source_info(node)
        return [node]


def visit_record_check(self: Any, node: record_check) -> None:
    self.body.append(markup.form_html(str(self.builder.config.language)))
    raise nodes.SkipNode


def statements(app: Sphinx, audience: str) -> dict[str, Any]:
    """One edition's statements, page by page: [key, hash, source hash, words]."""
    return {
        "edition": edition(all_statements(app, audience)),
        "topics": [
            {
                "title": group["title"],
                "items": [
                    [f"{s['topic']}/{s['id']}", s["hash"], s["source"], s["text"]]
                    for s in group["statements"]
                ],
            }
            for group in topics(app, audience)
        ],
    }


def check_data(app: Sphinx) -> dict[str, Any]:
    env = app.env
    language = str(app.config.language)
    checks = [
        [check["key"], check["hash"], check["question"]]
        for docname in reading_order(env)
        for check in env_checks(env).get(docname, [])
    ]
    return {
        "language": language,
        "limit": SIZE_LIMIT,
        "client": statements(app, "client"),
        "trainer": statements(app, "trainer"),
        "checks": checks,
        "text": markup.script_text(language),
    }


def add_static_path(app: Sphinx, config: Config) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def add_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Only the page with the check carries its data and script."""
    if doctree is None or not any(True for _ in doctree.findall(record_check)):
        return
    add_json_data(app, DATA_ID, check_data(app))
    app.add_css_file("record-check.css")
    app.add_js_file("record-read.js", loading_method="defer")
    app.add_js_file("record-check.js", loading_method="defer")


def drop_off_the_web(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A text or PDF copy of the page has no browser to run the check in."""
    if app.builder.format != "html":
        for node in list(doctree.findall(record_check)):
            node.parent.remove(node)


def setup(app: Sphinx) -> None:
    app.add_node(record_check, html=(visit_record_check, None))
    app.connect("doctree-resolved", drop_off_the_web)
    app.add_directive("record-check", RecordCheckDirective)
    app.connect("config-inited", add_static_path)
    app.connect("html-page-context", add_page_assets)

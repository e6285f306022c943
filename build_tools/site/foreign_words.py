"""A phrase in another language, marked so a screen reader says it in that language.

A Spanish page that tells the reader what an English-language browser calls a
setting ("site data") writes it as ``{en}`site data```: the role named by a
language code renders ``<span lang="en">site data</span>`` (WCAG 3.1.2 Language of
Parts). A role exists for every language the site publishes.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config


class foreign(nodes.inline):  # type: ignore[misc]  # docutils node naming
    pass


def visit_foreign(self: Any, node: foreign) -> None:
    self.body.append(self.starttag(node, "span", "", lang=node["lang"]))


def depart_foreign(self: Any, node: foreign) -> None:
    self.body.append("</span>")


def visit_plain(self: Any, node: foreign) -> None:
    pass


def depart_plain(self: Any, node: foreign) -> None:
    pass


def language_role(code: str) -> Any:
    def role(
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Any,
        options: Any = None,
        content: Any = None,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return [foreign(rawtext, text, lang=code)], []

    return role


def add_language_roles(app: Sphinx, config: Config) -> None:
    codes = config.html_context.get("dbt_languages") or [str(config.language or "en")]
    for code in {*codes, "en"}:
        app.add_role(str(code), language_role(str(code)), override=True)


def setup_foreign_words(app: Sphinx) -> None:
    app.add_node(
        foreign,
        html=(visit_foreign, depart_foreign),
        text=(visit_plain, depart_plain),
        gettext=(visit_plain, depart_plain),
    )
    # After load_settings (400), which names the site's languages.
    app.connect("config-inited", add_language_roles, priority=500)

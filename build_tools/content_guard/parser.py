"""MyST, reading pages as data: look-ups instead of templates, no raw output, no files.

myst-parser renders ``{{ ... }}`` with an unsandboxed Jinja2 environment, in which
an expression such as ``cycler.__init__.__globals__`` reaches ``os``. The site only
ever needs the clinic's values by name, so a substitution here is a dictionary
look-up of a known key and anything else is refused at its line, unevaluated.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_parser.config.main import MdParserConfig, TopmatterReadError, read_topmatter
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning

from .rules import WARNING_TYPE, refused_directive, refused_role

NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# myst-parser's file-level configuration (myst:) and its old top-level forms.
TRANSLATED = re.compile(r":(\d+):<translated>$")
FILE_LEVEL_KEYS = frozenset({"myst", "mystnb", "html_meta", "substitutions"})


class SafeRenderer(SphinxRenderer):
    """MyST's Sphinx renderer with every route to code, files and raw output closed."""

    def refuse(self, subtype: str, message: str, line: int | None) -> None:
        # A translated message is parsed as a document of its own, named
        # "<page>:<line>:<translated>": report the page's line, and say so.
        translated = TRANSLATED.search(str(self.document.get("source", "")))
        if translated:
            line = int(translated.group(1)) + (line or 1) - 1
            message = f"{message} (in the {self.sphinx_env.config.language} translation)"
        self.create_warning(message, subtype, wtype=WARNING_TYPE, line=line)

    def render_substitution(self, token: SyntaxTreeNode, inline: bool) -> None:
        name = token.content.strip()
        known = self.md_config.substitutions
        if NAME.match(name) and name in known:
            super().render_substitution(token, inline)  # an exact key: looked up, not rendered
            return
        shown = " ".join(token.content.split())
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        self.refuse(
            "substitution",
            f"{{{{{shown}}}}} is not a clinic value: only {{{{name}}}} with a name from "
            "clinic.yaml is allowed, and nothing in it is ever evaluated",
            token_line(token),
        )

    def render_html_block(self, token: SyntaxTreeNode) -> None:
        text = " ".join(token.content.split())
        shown = text if len(text) <= 40 else text[:39] + "…"
        self.refuse(
            "raw-html",
            f"raw HTML {shown!r} is not allowed; write Markdown instead",
            token_line(token),
        )

    def render_html_inline(self, token: SyntaxTreeNode) -> None:
        self.render_html_block(token)

    def render_restructuredtext(self, token: SyntaxTreeNode) -> None:
        self.refuse("refused-directive", self.directive_message("eval-rst"), token_line(token))

    def run_directive(
        self, name: str, first_line: str, content: str, position: int, *args: Any, **kwargs: Any
    ) -> list[nodes.Element]:
        if refused_directive(name):
            self.refuse("refused-directive", self.directive_message(name), position)
            return []
        return super().run_directive(name, first_line, content, position, *args, **kwargs)

    def render_myst_role(self, token: SyntaxTreeNode) -> None:
        name = str(token.meta["name"])
        why = refused_role(name)
        if why:
            line = token_line(token) if token.map else None
            self.refuse("refused-role", f"the {{{name}}} role is not allowed: {why}", line)
            return
        super().render_myst_role(token)

    @staticmethod
    def directive_message(name: str) -> str:
        return f"the {{{name}}} directive is not allowed: {refused_directive(name)}"


class SafeMystParser(MystParser):
    """myst-parser's Sphinx parser with ``SafeRenderer``, and docutils' file insertion
    and raw passthrough off for every document it parses (pages and translated
    messages alike), whatever a docutils.conf on the machine says."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        document.settings.file_insertion_enabled = False
        document.settings.raw_enabled = False
        config: MdParserConfig = document.settings.env.myst_config
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            topmatter = None  # myst-parser reports it while rendering
        if not isinstance(topmatter, dict):
            topmatter = {}
        # A page may not change how it is parsed: file-level MyST settings could
        # bring back other link schemes, head metadata or substitutions of its own.
        for key in FILE_LEVEL_KEYS.intersection(topmatter):
            create_warning(
                document,
                f"front matter '{key}' is not allowed: pages cannot change how they are read",
                "front-matter",
                wtype=WARNING_TYPE,
                line=1,
            )
        parser = create_md_parser(config, SafeRenderer)
        parser.options["document"] = document
        parser.render(inputstring)

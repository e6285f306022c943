"""furo's navigation, rendered once per build instead of once per page.

furo asks Sphinx for the whole navigation tree on every page and rewrites it with
BeautifulSoup: Sphinx copies and resolves the whole tree for each page, and the
two only differ in relative links and in which entry is the current one. That is
linear work per page, so quadratic per build (96 times slower for 10 times the
pages, measured). Here the tree is rendered once, with a placeholder where the
path to the site root goes, so furo's own (cached) rewrite runs once too; each
page then gets a copy with its root path filled in and its own entry marked
current, exactly as Sphinx and furo would have marked it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.toctree import global_toctree_for_doc

ROOT = "@@dbt-root@@"
CLASS = re.compile(r' class="([^"]*)"')
# What furo asks for (furo/__init__.py, _compute_navigation_tree).
FURO_ARGUMENTS = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}


@dataclass
class Tag:
    start: int
    end: int
    text: str


@dataclass
class Entry:
    """Where one page's link sits in the tree, and the tags around it to mark current."""

    anchor: Tag
    items: list[Tag] = field(default_factory=list)  # enclosing <li>s, outermost first
    lists: list[Tag] = field(default_factory=list)  # enclosing <ul>s
    # furo's expand checkboxes of those <li>s (filled as the parser reaches them).
    switches: list[list[Tag]] = field(default_factory=list)


class TreeIndex(HTMLParser):
    """Offsets of every internal link in the rendered tree, with its ancestors."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0]
        for index, char in enumerate(html):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.stack: list[tuple[str, Tag, list[Tag]]] = []  # (tag, its Tag, its switches)
        self.entries: dict[str, Entry] = {}
        self.feed(html)
        self.close()

    def tag_here(self) -> Tag:
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        text = self.get_starttag_text() or ""
        return Tag(start, start + len(text), text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("li", "ul"):
            self.stack.append((tag, self.tag_here(), []))
        elif tag == "input" and "toctree-checkbox" in (values.get("class") or ""):
            if self.stack and self.stack[-1][0] == "li":
                self.stack[-1][2].append(self.tag_here())
        elif tag == "a" and (values.get("href") or "").startswith(ROOT):
            target = (values.get("href") or "")[len(ROOT) :]
            entry = Entry(self.tag_here())
            for kind, opened, switches in self.stack:
                (entry.items if kind == "li" else entry.lists).append(opened)
                entry.switches.append(switches)
            self.entries.setdefault(target, entry)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("li", "ul"):
            while self.stack:
                kind, _, _ = self.stack.pop()
                if kind == tag:
                    break


def add_class(tag: str, names: str) -> str:
    """Add classes after the first one, where Sphinx puts "current" ("toctree-l1 current")."""
    found = CLASS.search(tag)
    if found is None:
        return tag[:-1] + f' class="{names}">'
    first, _, rest = found.group(1).partition(" ")
    classes = " ".join(part for part in (first, names, rest) if part)
    return tag[: found.start()] + f' class="{classes}"' + tag[found.end() :]


def switched_on(tag: str) -> str:
    """An ``<input ...>`` or ``<input .../>`` with ``checked``."""
    end = -2 if tag.endswith("/>") else -1
    return tag[:end] + ' checked=""' + tag[end:]


def marked(html: str, index: TreeIndex, target: str, root: str) -> str:
    """The tree as page ``target`` shows it: its root path filled in, its entry current."""
    entry = index.entries.get(target)
    edits: list[tuple[Tag, str]] = []
    if entry is not None:
        edits.append((entry.anchor, '<a class="current reference internal" href="#">'))
        for position, item in enumerate(entry.items):
            text = add_class(item.text, "current")
            if position == len(entry.items) - 1:  # furo marks it last, after "has-children"
                text = CLASS.sub(lambda found: f' class="{found.group(1)} current-page"', text, 1)
            edits.append((item, text))
        edits += [(ul, add_class(ul.text, "current")) for ul in entry.lists]
        switches = [switch for group in entry.switches for switch in group]
        edits += [(switch, switched_on(switch.text)) for switch in switches]
    for tag, replacement in sorted(edits, key=lambda edit: -edit[0].start):
        html = html[: tag.start] + replacement + html[tag.end :]
    return html.replace(ROOT, root)


@functools.lru_cache(maxsize=4)
def tree_index(html: str) -> TreeIndex:
    return TreeIndex(html)


def once_per_build(app: Sphinx) -> str:
    """The navigation for the root page, with ``ROOT`` before every internal link."""
    # Kept on the builder: a new one each build (and each parallel writer has its own).
    cache: dict[str, str] = app.builder.__dict__.setdefault("dbt_navigation", {})
    if "html" not in cache:
        builder = app.builder
        assert isinstance(builder, StandaloneHTMLBuilder)
        tree = global_toctree_for_doc(
            app.env,
            app.config.root_doc,
            builder,
            tags=builder.tags,
            collapse=False,
            includehidden=True,
            maxdepth=-1,
            titles_only=True,
        )
        html = str(builder.render_partial(tree)["fragment"])
        link = 'class="reference internal" href="'
        cache["html"] = html.replace(link, link + ROOT)
    return cache["html"]


def share_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Before furo: hand it the build's one tree when it asks for the navigation."""
    original = context.get("toctree")
    if not app.config.dbt_shared_navigation or not callable(original):
        return
    if not isinstance(app.builder, StandaloneHTMLBuilder):
        return

    def toctree(**kwargs: Any) -> str:
        if {k: kwargs.get(k) for k in FURO_ARGUMENTS} == FURO_ARGUMENTS:
            return once_per_build(app)
        return str(original(**kwargs))

    context["toctree"] = toctree


def mark_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """After furo: fill in this page's root path and mark its entry current."""
    tree = context.get("furo_navigation_tree")
    if not isinstance(tree, str) or ROOT not in tree:
        return
    target = app.builder.get_target_uri(pagename)
    root = "../" * target.count("/")
    context["furo_navigation_tree"] = marked(tree, tree_index(tree), target, root)


def setup_navigation(app: Sphinx) -> None:
    app.connect("html-page-context", share_navigation, priority=400)
    app.connect("html-page-context", mark_navigation, priority=550)

"""Small corrections to markup from the extensions we build on.

sphinx-design puts ``aria-controls`` on a tab's ``<label for=...>``. HTML does
not allow it there (a label that names a control may not carry it) and the Nu
HTML Checker rejects it; the radio the label names is the real control, so the
label is rendered without it.

A sphinx-design card's title is a bold ``<div>``: heading navigation skips it (the
safety page's "If you are in danger now" card). It is rendered as a heading one
level below the section the card is in.

Sphinx writes a toctree's caption (the trainer edition's "For trainers" menu
heading) as ``<p role="heading">`` with no ``aria-level``, which ARIA requires
(axe: aria-required-attr); furo puts it into every page's navigation as it is.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_design.extension import depart_container
from sphinx_design.extension import visit_container as design_visit_container
from sphinx_design.tabs import depart_tab_label, sd_tab_label


def visit_tab_label(self: Any, node: Any) -> None:
    attributes = {"for": node["input_id"]}
    if "sync_id" in node and "sync_group" in node:
        attributes["data-sync-id"] = node["sync_id"]
        attributes["data-sync-group"] = node["sync_group"]
    self.body.append(self.starttag(node, "label", **attributes))


def visit_container(self: Any, node: Any) -> None:
    if node.get("design_component") != "card-title":
        design_visit_container(self, node)
        return
    depth, parent = 0, node.parent
    while parent is not None:
        depth += isinstance(parent, nodes.section)
        parent = parent.parent
    level = min(depth + 1, 6)
    self.body.append(
        self.starttag(node, "div", CLASS="docutils", role="heading", **{"aria-level": level})
    )


CAPTION = '<p class="caption" role="heading">'
# Level 2: the menu's captions sit under the site title, the sidebar's only other heading.
CAPTION_FIXED = '<p class="caption" role="heading" aria-level="2">'


def fix_navigation_captions(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    tree = context.get("furo_navigation_tree")
    if isinstance(tree, str) and CAPTION in tree:
        context["furo_navigation_tree"] = tree.replace(CAPTION, CAPTION_FIXED)


def setup_markup_fixes(app: Sphinx) -> None:
    app.setup_extension("sphinx_design")
    app.add_node(sd_tab_label, override=True, html=(visit_tab_label, depart_tab_label))
    app.add_node(nodes.container, override=True, html=(visit_container, depart_container))
    # After furo's own handler (500), which builds the navigation tree.
    app.connect("html-page-context", fix_navigation_captions, priority=600)

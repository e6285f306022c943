"""The inline code a page may carry: the theme's and ours, known before any page is read.

A policy made by hashing whatever inline code a built page holds would allow whatever
reached the page. Instead the allowed inline scripts, ``<style>`` elements and
``style`` attributes are taken from the templates the site is rendered with (the
fixed parts written in furo's and our template files) plus the one part furo renders
from the configuration (its CSS variables for code colours), rendered here the same
way. Page text never contributes: an inline script or style that is not on this list
fails the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .inline_code import COMMENT, SCRIPT, STYLE, STYLE_ATTRIBUTE, attributes_of, sha256

JINJA = re.compile(r"\{[{%#]")
# furo's one inline part made from configuration rather than written out.
RENDERED_PARTIALS = ("partials/_head_css_variables.html",)


@dataclass
class AllowedCode:
    scripts: set[str] = field(default_factory=set)  # sha256 source expressions
    styles: set[str] = field(default_factory=set)
    style_attributes: set[str] = field(default_factory=set)

    def add_template(self, source: str) -> None:
        """The fixed inline code of one template file (parts with Jinja are skipped:
        what they render is not known from the file alone)."""
        for match in SCRIPT.finditer(source):
            attributes = attributes_of(match.group(1))
            if "src" not in attributes and not JINJA.search(match.group(2)):
                self.scripts.add(sha256(match.group(2)))
        for body in STYLE.findall(source):
            if not JINJA.search(body):
                self.styles.add(sha256(body))
        markup = COMMENT.sub("", STYLE.sub("", SCRIPT.sub("", source)))
        for match in STYLE_ATTRIBUTE.finditer(markup):
            value = match.group(1) if match.group(1) is not None else match.group(2)
            if not JINJA.search(value):
                self.style_attributes.add(sha256(value))

    def add_rendered(self, html: str) -> None:
        for body in STYLE.findall(html):
            self.styles.add(sha256(body))


def template_files(app: Sphinx) -> list[Path]:
    folders = [Path(folder) for folder in getattr(app.builder.templates, "pathchain", [])]
    return sorted({file for folder in folders for file in folder.rglob("*.html")})


def furo_context(app: Sphinx) -> dict[str, Any]:
    """What furo's CSS-variables partial reads: theme options and code colours, the
    same for every page (furo computes them per page from the same two styles)."""
    import furo  # the pinned theme; these names are what its page context uses

    styles = furo._KNOWN_STYLES_IN_USE
    return {
        **app.builder.globalcontext,  # type: ignore[attr-defined]
        "furo_pygments": {
            "light": furo.get_pygments_style_colors(
                styles["light"], fallbacks={"foreground": "black", "background": "white"}
            ),
            "dark": furo.get_pygments_style_colors(
                styles["dark"], fallbacks={"foreground": "white", "background": "black"}
            ),
        },
    }


def allowed_code(app: Sphinx) -> AllowedCode:
    allowed = AllowedCode()
    for file in template_files(app):
        allowed.add_template(file.read_text(encoding="utf-8"))
    if app.config.html_theme == "furo":
        context = furo_context(app)
        for partial in RENDERED_PARTIALS:
            allowed.add_rendered(app.builder.templates.render(partial, context))
    return allowed

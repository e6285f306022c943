"""robots.txt, sitemap.xml and noindex: the clinic decides whether search engines list
the client site (``site.search_engines`` in clinic.yaml); the trainer edition is never
listed.

Pages that must not be listed say so with ``noindex`` and are left crawlable, since
a crawler that may not fetch a page never sees its noindex. The trainer edition is
also closed to crawlers: it is for staff and nothing public links to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .booklet import PAGENAME, has_booklet
from .edition import TRAINER, edition_of

NOINDEX = '<meta name="robots" content="noindex, nofollow">'


def listed(app: Sphinx) -> bool:
    """Whether search engines may list this build's pages."""
    return edition_of(app.config) != TRAINER and bool(
        app.config.html_context.get("dbt_search_engines", True)
    )


def add_noindex(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if not listed(app):
        context["metatags"] = context.get("metatags", "") + NOINDEX


def robots_txt(app: Sphinx) -> str:
    """The site's robots.txt, with a sitemap for each language edition (one per folder)."""
    if edition_of(app.config) == TRAINER:
        return "User-agent: *\nDisallow: /\n"
    lines = ["User-agent: *", "Allow: /"]
    if listed(app) and app.config.html_baseurl:
        lines.append("")
        for code in languages_published(app):
            folder = f"{code}/" if code else ""
            lines.append(f"Sitemap: {app.config.html_baseurl}{folder}sitemap.xml")
    return "\n".join(lines) + "\n"


def languages_published(app: Sphinx) -> list[str]:
    """'' for the pages' own language (at the root), then each translation's folder
    built into the same output."""
    codes: list[str] = app.config.html_context.get("dbt_languages", [])
    linked = app.config.html_context.get("dbt_linked_languages", [])
    return ["", *(code for code in codes[1:] if code in linked)]


def is_translation(app: Sphinx) -> bool:
    codes = app.config.html_context.get("dbt_languages", [])
    return bool(codes) and str(app.config.language) != codes[0]


def sitemap_xml(app: Sphinx) -> str:
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    base = str(app.config.html_baseurl)
    pages = sorted(builder.get_target_uri(name) for name in app.env.found_docs)
    if has_booklet(app):  # a page of the site too, made from the others
        pages = sorted([*pages, builder.get_target_uri(PAGENAME)])
    urls = "".join(f"<url><loc>{escape(base + page)}</loc></url>\n" for page in pages)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n"
    )


def write_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    outdir = Path(app.outdir)
    # Crawlers read robots.txt at the site's root only, where the first language is.
    if not is_translation(app):
        (outdir / "robots.txt").write_text(robots_txt(app), encoding="utf-8")
    if listed(app) and app.config.html_baseurl:
        (outdir / "sitemap.xml").write_text(sitemap_xml(app), encoding="utf-8")


def setup_search_engines(app: Sphinx) -> None:
    app.connect("html-page-context", add_noindex)
    app.connect("build-finished", write_files)

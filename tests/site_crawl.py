"""Discover a built site's pages and check its internal links, from the files alone."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Links with these schemes leave the site on purpose (and are never fetched).
OUTSIDE = ("https:", "mailto:", "tel:", "sms:", "data:", "blob:")


def discover_pages(site: Path) -> list[str]:
    """Every HTML page, as a path relative to the site root (folders like _static skipped)."""
    pages = []
    for path in site.rglob("*.html"):
        relative = path.relative_to(site)
        if not any(part.startswith("_") for part in relative.parts[:-1]):
            pages.append(relative.as_posix())
    return sorted(pages)


ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


def pages_of_their_own(site: Path, other: Path) -> list[str]:
    """Pages of ``site`` that ``other`` lacks, or whose article differs from its copy there.

    The trainer edition repeats the client pages in the same templates; crawling the
    copies again would double the browser time and find nothing new.
    """

    def article(path: Path) -> str:
        found = ARTICLE.search(path.read_text(encoding="utf-8"))
        return found.group() if found else ""

    return [
        page
        for page in discover_pages(site)
        if not (other / page).is_file() or article(site / page) != article(other / page)
    ]


@dataclass
class PageLinks(HTMLParser):
    ids: set[str] = field(default_factory=set)
    targets: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name] or "")
        for name in ("href", "src"):
            target = values.get(name)
            if target and not target.startswith(OUTSIDE):
                self.targets.append(target)


def parse(path: Path) -> PageLinks:
    """Every page links to the same few targets (the index, the summary): each file is
    parsed once for as long as it stays as it is."""
    stat = path.stat()
    return parsed(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=512)
def parsed(path: Path, mtime_ns: int, size: int) -> PageLinks:
    links = PageLinks()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def broken_links(site: Path, page: str) -> list[str]:
    """Links and anchors on ``page`` that point at nothing in the built site."""
    source = site / page
    found = parse(source)
    broken = []
    for target in found.targets:
        parts = urlsplit(target)
        if parts.scheme or parts.netloc:
            broken.append(f"{target}: leaves the site without https")
            continue
        file = (source.parent / unquote(parts.path)).resolve() if parts.path else source
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file() or not file.is_relative_to(site.resolve()):
            broken.append(f"{target}: no such file")
        elif (
            parts.fragment
            and file.suffix == ".html"
            and unquote(parts.fragment) not in parse(file).ids
        ):
            broken.append(f"{target}: no element with id {parts.fragment!r}")
    return broken


def page_language(site_page: str, translations: tuple[str, ...] = ("es",)) -> tuple[str, str]:
    """('es', 'agreements/safety.html') for 'es/agreements/safety.html'; ('', page) for the
    pages' own language, published at the root."""
    first, _, rest = site_page.partition("/")
    return (first, rest) if first in translations and rest else ("", site_page)

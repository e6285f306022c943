"""Find a page's inline code: scripts, ``<style>`` elements and ``style`` attributes."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass, field

# A data block never runs. Any other type counts as code: browsers run several
# JavaScript types, and a type they do not know costs nothing to check.
DATA_TYPES = frozenset({"application/json"})
# Raw-text elements end at the first closing tag, whatever is inside (HTML's rule).
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.DOTALL | re.IGNORECASE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
ATTRIBUTE = re.compile(r"""\s([a-zA-Z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
# Inside a tag: an event handler attribute (onclick=...), which only a policy keeps off.
EVENT_HANDLER = re.compile(r"<[A-Za-z][^<>]*?\son[a-z]+\s*=", re.IGNORECASE)
# A meta element that acts (refresh, cookies...); only the policy's own may be there.
HTTP_EQUIV = re.compile(r"<meta\b[^>]*\shttp-equiv\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)


def attributes_of(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in ATTRIBUTE.finditer(tag)
    }


def sha256(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class InlineCode:
    """Inline scripts, ``<style>`` elements and ``style`` attributes of a page.

    Found with regular expressions rather than a full HTML parse: every page carries
    the whole navigation, so a parse per page grows with the square of the pages
    (a minute at 1,000). The page is written by Sphinx and our templates, whose markup
    these patterns cover; a test compares them with HTMLParser on every built page.
    """

    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    style_attributes: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, page: str) -> InlineCode:
        found = cls()
        for match in SCRIPT.finditer(page):
            attributes = attributes_of(match.group(1))
            if "src" not in attributes and attributes.get("type", "").lower() not in DATA_TYPES:
                found.scripts.append(match.group(2))
        found.styles = STYLE.findall(page)
        markup = COMMENT.sub("", STYLE.sub("", SCRIPT.sub("", page)))
        found.style_attributes = [
            html.unescape(m.group(1) if m.group(1) is not None else m.group(2))
            for m in STYLE_ATTRIBUTE.finditer(markup)
        ]
        return found

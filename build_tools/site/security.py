"""Security headers the static site carries itself, as ``meta`` elements.

The Content-Security-Policy allows only this site's own files. The theme has a
few inline scripts and ``style`` attributes; rather than allowing all inline
code, each page lists the SHA-256 hashes of exactly the inline code it has,
computed from the written HTML after the build, so a theme update can never
leave a stale hand-copied hash behind. ``connect-src 'none'`` and
``form-action 'none'`` mean no script or form on the page can send anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx

CSP_PLACEHOLDER = "dbt-csp-placeholder"
CSP_ELEMENT = f'<meta http-equiv="Content-Security-Policy" content="{CSP_PLACEHOLDER}">'


SCRIPT_TYPES = frozenset({"text/javascript", "module", "application/javascript"})
# Raw-text elements end at the first closing tag, whatever is inside (HTML's rule).
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.DOTALL | re.IGNORECASE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
ATTRIBUTE = re.compile(r"""\s([a-zA-Z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


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
            attributes = {
                m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
                for m in ATTRIBUTE.finditer(match.group(1))
            }
            # A data block (type="application/json") never runs, so it needs no hash.
            runs = attributes.get("type", "text/javascript") in SCRIPT_TYPES
            if "src" not in attributes and runs:
                found.scripts.append(match.group(2))
        found.styles = STYLE.findall(page)
        markup = COMMENT.sub("", STYLE.sub("", SCRIPT.sub("", page)))
        found.style_attributes = [
            html.unescape(m.group(1) if m.group(1) is not None else m.group(2))
            for m in STYLE_ATTRIBUTE.finditer(markup)
        ]
        return found


def sha256(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy_for(page: str) -> str:
    found = InlineCode.of(page)
    scripts = sorted({sha256(code) for code in found.scripts})
    styles = sorted({sha256(code) for code in found.styles + found.style_attributes})
    style_src = ["'self'", *(["'unsafe-hashes'"] if found.style_attributes else []), *styles]
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *scripts],
        "style-src": style_src,
        "img-src": ["'self'", "data:"],
        "connect-src": ["'none'"],
        "form-action": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def write_policies(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    enforce = bool(app.config.dbt_content_security_policy)
    for path in Path(app.outdir).rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        if CSP_ELEMENT not in page:
            continue
        # The placeholder sits in an attribute, never in hashed code, so hashing
        # the page before the swap gives the hashes of the page after it.
        element = CSP_ELEMENT.replace(CSP_PLACEHOLDER, policy_for(page)) if enforce else ""
        path.write_text(page.replace(CSP_ELEMENT, element), encoding="utf-8")

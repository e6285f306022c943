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
from html.parser import HTMLParser
from pathlib import Path

from sphinx.application import Sphinx

CSP_PLACEHOLDER = "dbt-csp-placeholder"
CSP_ELEMENT = f'<meta http-equiv="Content-Security-Policy" content="{CSP_PLACEHOLDER}">'


SCRIPT_TYPES = frozenset({"text/javascript", "module", "application/javascript"})


class InlineCode(HTMLParser):
    """Collects inline scripts, ``<style>`` elements and ``style`` attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.style_attributes: list[str] = []
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("style") is not None:
            self.style_attributes.append(values["style"] or "")
        # A data block (type="application/json") never runs, so it needs no hash.
        runs = (values.get("type") or "text/javascript") in SCRIPT_TYPES
        if (tag == "script" and "src" not in values and runs) or tag == "style":
            self._open, self._text = tag, []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            (self.scripts if tag == "script" else self.styles).append("".join(self._text))
            self._open = None


def sha256(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy_for(page: str) -> str:
    found = InlineCode()
    found.feed(page)
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

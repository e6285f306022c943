"""Security headers the static site carries itself, as ``meta`` elements.

The Content-Security-Policy allows only this site's own files, plus the inline code
of the templates the site is made with (``allowed_code``), by SHA-256 hash. Each page
lists the hashes of the inline code it has; inline code that is not the templates'
(a script that reached a page some other way) is not given a hash: it fails the
build here, and a browser would refuse to run it. ``connect-src 'none'`` and
``form-action 'none'`` mean no script or form on the page can send anything.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .allowed_code import AllowedCode, allowed_code
from .inline_code import EVENT_HANDLER, HTTP_EQUIV, InlineCode, sha256

logger = logging.getLogger(__name__)

CSP_PLACEHOLDER = "dbt-csp-placeholder"
CSP_ELEMENT = f'<meta http-equiv="Content-Security-Policy" content="{CSP_PLACEHOLDER}">'
# The one http-equiv a page may have: its own policy (a refresh would redirect readers).
ALLOWED_HTTP_EQUIV = frozenset({"content-security-policy"})


def foreign_code(page: str, found: InlineCode, allowed: AllowedCode) -> list[str]:
    """What on the page is not the templates' inline code, described for a reader."""
    problems = [
        f"an inline script that is not the theme's or ours ({code.strip()[:40]!r})"
        for code in found.scripts
        if sha256(code) not in allowed.scripts
    ]
    problems += [
        f"an inline style element that is not the theme's or ours ({code.strip()[:40]!r})"
        for code in found.styles
        if sha256(code) not in allowed.styles
    ]
    problems += [
        f"a style attribute that is not the theme's or ours ({code.strip()[:40]!r})"
        for code in found.style_attributes
        if sha256(code) not in allowed.style_attributes
    ]
    handler = EVENT_HANDLER.search(page)
    if handler:
        problems.append(f"an event handler attribute ({handler.group(0)[-40:]!r})")
    problems += [
        f"a <meta http-equiv={kind!r}> element"
        for kind in HTTP_EQUIV.findall(page)
        if kind.lower() not in ALLOWED_HTTP_EQUIV
    ]
    return problems


def policy_for(found: InlineCode) -> str:
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
        # No script here writes HTML from a string: a browser that knows Trusted
        # Types refuses any that tries (an injected one included).
        "require-trusted-types-for": ["'script'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def write_policies(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    enforce = bool(app.config.dbt_content_security_policy)
    allowed = allowed_code(app)
    outdir = Path(app.outdir)
    for path in sorted(outdir.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        if CSP_ELEMENT not in page:
            continue
        found = InlineCode.of(page)
        docname = path.relative_to(outdir).with_suffix("").as_posix()
        where = (docname, None) if docname in app.env.all_docs else f"{path}:1"
        for problem in foreign_code(page, found, allowed):
            logger.warning(
                "%s is not allowed: the site runs only its own code",
                problem,
                location=where,
                type="dbt",
                subtype="inline-code",
            )
        # The placeholder sits in an attribute, never in hashed code, so hashing
        # the page before the swap gives the hashes of the page after it.
        element = CSP_ELEMENT.replace(CSP_PLACEHOLDER, policy_for(found)) if enforce else ""
        path.write_text(page.replace(CSP_ELEMENT, element), encoding="utf-8")

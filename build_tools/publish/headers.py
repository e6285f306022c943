"""The security headers a web server sends with the site, computed from the built pages.

Each page carries its own strict Content-Security-Policy as a ``meta`` element,
with the hashes of exactly its own inline code (see ``build_tools.site.security``).
A header applies to every page a server sends, so the header policy is the union,
per directive, of every page's policy: the browser enforces the header and the
page's own ``meta`` policy together, so each page stays as strict as its meta
policy says, and the header adds what a ``meta`` element cannot carry
(``frame-ancestors``) and protects anything a server sends that is not a page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path

# Parsed policy: directive name -> its sources, in the order written.
Policy = dict[str, tuple[str, ...]]

NONE = "'none'"

# Directives a meta policy cannot carry (browsers ignore them there), so a page's
# meta policy never speaks for them; the header adds them.
HEADER_ONLY: Policy = {"frame-ancestors": (NONE,)}

# Where a fetch directive a policy leaves out takes its sources from (CSP Level 3,
# "effective directive" fallback lists). Any directive not named here and not a
# fetch directive (form-action, base-uri...) restricts nothing when left out.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "script-src-elem": ("script-src-elem", "script-src", "default-src"),
    "script-src-attr": ("script-src-attr", "script-src", "default-src"),
    "style-src-elem": ("style-src-elem", "style-src", "default-src"),
    "style-src-attr": ("style-src-attr", "style-src", "default-src"),
    "worker-src": ("worker-src", "child-src", "script-src", "default-src"),
    "frame-src": ("frame-src", "child-src", "default-src"),
}
FETCH_DIRECTIVES = frozenset(
    {
        *FALLBACKS,
        "child-src",
        "connect-src",
        "default-src",
        "font-src",
        "img-src",
        "manifest-src",
        "media-src",
        "object-src",
        "script-src",
        "style-src",
    }
)

# Every header but the Content-Security-Policy, whose value depends on the pages.
# Permissions-Policy names only features Chromium knows: an unknown one logs a
# console error on every page. HSTS leaves out includeSubDomains: a clinic's other
# subdomains are not this site's to decide.
FIXED_HEADERS: dict[str, str] = {
    "Strict-Transport-Security": "max-age=63072000",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    # No other site's window keeps a handle on this one, and no other site may embed
    # its files (a page that shows someone is in DBT is nobody else's to load).
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class PolicyError(ValueError):
    """No header policy can be known to fit the site: a page has none, or several."""


def parse_policy(text: str) -> Policy:
    """``"default-src 'self'; img-src 'self' data:"`` -> ``{"default-src": ("'self'",), ...}``.

    Directive names are case-insensitive; a repeated directive is ignored, as
    browsers ignore it.
    """
    policy: Policy = {}
    for part in text.split(";"):
        tokens = part.split()
        if tokens:
            policy.setdefault(tokens[0].lower(), tuple(tokens[1:]))
    return policy


def format_policy(policy: Mapping[str, Sequence[str]]) -> str:
    return "; ".join(" ".join([name, *sources]) for name, sources in policy.items())


def effective_sources(
    policy: Mapping[str, Sequence[str]], directive: str
) -> tuple[str, ...] | None:
    """The sources ``policy`` applies to ``directive``; None when it does not restrict it."""
    fallbacks = FALLBACKS.get(directive, (directive,))
    if directive in FETCH_DIRECTIVES and "default-src" not in fallbacks:
        fallbacks = (directive, "default-src")
    for name in fallbacks:
        if name in policy:
            return tuple(policy[name])
    return None


def _ordered_names(policies: Iterable[Mapping[str, Sequence[str]]]) -> list[str]:
    return list(dict.fromkeys(name for policy in policies for name in policy))


def union_policy(policies: Sequence[Mapping[str, Sequence[str]]]) -> Policy:
    """The loosest policy of ``policies`` per directive: it blocks nothing any of them allows.

    A directive one page leaves unrestricted is left out. ``'none'`` stays only
    where every page has ``'none'``: beside any real source it would be ignored
    by browsers anyway, and alone it would block what another page needs.
    """
    union: Policy = {}
    for name in _ordered_names(policies):
        per_page = [effective_sources(policy, name) for policy in policies]
        if not per_page or any(sources is None for sources in per_page):
            continue
        sources = list(dict.fromkeys(s for page in per_page for s in page or ()))
        if sources != [NONE]:
            sources = [source for source in sources if source != NONE]
        union[name] = tuple(sources)
    return union


def blocked_sources(
    page: Mapping[str, Sequence[str]], header: Mapping[str, Sequence[str]]
) -> list[str]:
    """What ``page`` allows that ``header`` blocks, as ``"directive source"`` strings.

    An empty list means sending ``header`` with the page breaks nothing its own
    policy allows. Directives only a header can carry are the header's to add.
    """
    problems = []
    for name in _ordered_names([page, header]):
        if name in HEADER_ONLY:
            continue
        allowed = effective_sources(header, name)
        if allowed is None:
            continue
        needed = effective_sources(page, name)
        if needed is None:
            problems.append(f"{name} (the page does not restrict it)")
            continue
        problems += [f"{name} {s}" for s in needed if s != NONE and s not in allowed]
    return problems


class _MetaPolicy(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.policies: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        equiv = (values.get("http-equiv") or "").lower()
        if tag == "meta" and equiv == "content-security-policy":
            self.policies.append(values.get("content") or "")


def meta_policy(page_html: str) -> Policy | None:
    """The page's meta Content-Security-Policy, or None if it has none.

    Several meta policies are all enforced, which this does not merge: the build
    writes exactly one, and a page with more is refused rather than guessed at.
    """
    found = _MetaPolicy()
    found.feed(page_html)
    if len(found.policies) > 1:
        raise PolicyError("more than one Content-Security-Policy meta element")
    return parse_policy(found.policies[0]) if found.policies else None


def page_policies(site: Path) -> dict[str, Policy]:
    """Every HTML file's meta policy, by path relative to ``site``."""
    policies: dict[str, Policy] = {}
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        try:
            policy = meta_policy(path.read_text(encoding="utf-8"))
        except PolicyError as problem:
            raise PolicyError(f"{name}: {problem}") from None
        if policy is None:
            raise PolicyError(f"{name}: no Content-Security-Policy meta element")
        policies[name] = policy
    return policies


def header_policy(pages: Mapping[str, Policy]) -> Policy:
    """The Content-Security-Policy header for a site with these pages' meta policies."""
    if not pages:
        raise PolicyError("the site has no HTML page to take a policy from")
    return {**union_policy(list(pages.values())), **HEADER_ONLY}


def security_headers(site: Path) -> dict[str, str]:
    """Every header, name -> value, for the built site in ``site``."""
    pages = page_policies(site)
    policy = header_policy(pages)
    for name, page in pages.items():
        # A second fence: the union cannot block a page by construction, and this
        # says which page and source if that ever stops being true.
        problems = blocked_sources(page, policy)
        if problems:
            raise PolicyError(f"{name}: the header policy would block {', '.join(problems)}")
    return {"Content-Security-Policy": format_policy(policy), **FIXED_HEADERS}

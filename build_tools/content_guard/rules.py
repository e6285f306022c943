"""What pages may not use, shared by the validator (line checks) and the build."""

from __future__ import annotations

import re

WARNING_TYPE = "dbt"

# Directives that read files, fetch addresses, write raw output, set head metadata or
# define roles (a role based on `raw`). docutils matches names lower-cased, so these are
# compared the same way: {RAW} is raw.
REFUSED_DIRECTIVES: dict[str, str] = {
    "raw": "it writes raw HTML or reads a file",
    "include": "it reads a file into the page",
    "literalinclude": "it reads a file into the page",
    "eval-rst": "it runs reStructuredText, which can hold raw HTML and file insertion",
    "meta": "it writes into the page's head (a refresh can send readers elsewhere)",
    "role": "it defines new roles (one based on raw writes HTML)",
    "default-role": "it changes what plain backticks do",
}
# Roles that copy a file into the site or write raw output.
REFUSED_ROLES: dict[str, str] = {
    "download": "it copies a file into the published site",
    "raw": "it writes raw output",
}

# Link schemes a page may use; anything else (javascript:, data:, http:, file:...) fails.
LINK_SCHEMES = frozenset({"https", "mailto", "tel", "sms"})
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def refused_directive(name: str) -> str | None:
    """Why ``name`` is refused, or None."""
    return REFUSED_DIRECTIVES.get(name.strip().lower())


def refused_role(name: str) -> str | None:
    lowered = name.strip().lower()
    if lowered.startswith("raw-"):
        return REFUSED_ROLES["raw"]
    return REFUSED_ROLES.get(lowered)


def link_scheme(target: str) -> str | None:
    """The scheme of ``target`` when it has one ('' for a protocol-relative //host)."""
    text = "".join(target.split())  # browsers drop spaces and tabs inside a scheme
    if text.startswith("//") or text.startswith("\\\\"):
        return ""
    found = SCHEME.match(text)
    return found.group(1).lower() if found else None

"""Safety rules for page bodies: no raw HTML, no scripts, only https links.

The extension owns every piece of HTML on the site; a page that could inject its
own markup or script could break the crisis banner, the privacy promise (nothing
leaves the device) or accessibility. These checks run on the classified lines of
``markdown_lines`` so that code samples are not mistaken for markup.

Front matter and clinic.yaml values are covered by the schemas' "unsafe value"
and "insecure link" rules instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .markdown_lines import Kind, Line
from .problems import Problem

# `<script`, `</script` and script URLs, however they are spaced or capitalised.
# The plain English word "script" (a coaching call script) is fine: it cannot run.
SCRIPT = re.compile(r"<\s*/?\s*script\b|\b(?:java|vb)\s*script\s*:", re.IGNORECASE)
# An HTML tag or comment. Autolinks (<https://...>, <me@example.org>) do not match:
# a tag name is followed by a space, '/' or '>', never ':' or '@'.
HTML_TAG = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)")
INSECURE_LINK = re.compile(r"\b(?:http|ftp)://[^\s)>\]]*", re.IGNORECASE)
INLINE_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
RAW_DIRECTIVES = {"raw": "{raw} blocks", "eval-rst": "{eval-rst} blocks (they can hold raw HTML)"}


def without_inline_code(text: str) -> str:
    if "`" not in text:
        return text
    return INLINE_CODE.sub(lambda found: " " * len(found.group(0)), text)


def markup_of(line: Line) -> str:
    """The part of a line that MyST reads as Markdown (code and comments are not)."""
    if line.kind in (Kind.CODE, Kind.COMMENT):
        return ""
    if line.kind is Kind.FENCE:
        return line.argument  # a directive's title is Markdown; the fence itself is not
    return without_inline_code(line.text)


def check_lines(path: Path, lines: list[Line]) -> Iterator[Problem]:
    # Whole-page tests first: most pages have no '<', no '://' and no script, and
    # then only fence lines need a closer look (this keeps 1,000 pages fast).
    page = "\n".join(line.text for line in lines)
    scripts = "script" in page.lower() and SCRIPT.search(page) is not None
    tags = "<" in page
    links = "://" in page
    suspects = [
        line
        for line in lines
        if line.opens
        or (tags and "<" in line.text)
        or (links and "://" in line.text)
        or (scripts and "script" in line.text.lower())
    ]
    for line in suspects:
        scripted = scripts and SCRIPT.search(line.text) is not None
        if scripted:
            # Anywhere, code blocks included: a page has no reason to carry a script.
            yield Problem(
                path, line.number, "content.script", "scripts and javascript: links are not allowed"
            )
        if line.opens in RAW_DIRECTIVES:
            yield Problem(
                path,
                line.number,
                "content.raw-html",
                f"{RAW_DIRECTIVES[line.opens]} are not allowed; write Markdown instead",
            )
        text = markup_of(line)
        tag = HTML_TAG.search(text) if "<" in text else None
        if tag and not scripted:  # one problem for <script>, not two
            yield Problem(
                path,
                line.number,
                "content.raw-html",
                f"raw HTML {tag.group(0)[:40]!r} is not allowed; use Markdown "
                "(a comment line starts with %)",
            )
        link = INSECURE_LINK.search(text) if "://" in text else None
        if link:
            secure = "https://" + link.group(0).split("://", 1)[1]
            yield Problem(
                path,
                line.number,
                "link.insecure",
                f"insecure link {link.group(0)!r}: use https ({secure}) so nobody can read "
                "or change it on the way",
            )

"""Safety rules for page bodies: no raw HTML, no scripts, no files, only https links.

The extension owns every piece of HTML on the site; a page that could inject its
own markup or script could break the crisis banner, the privacy promise (nothing
leaves the device) or accessibility, and one that could read files or run code
could take over the build machine. These checks run on the classified lines of
``markdown_lines`` so that code samples are not mistaken for markup; they give the
clearest messages, and the build checks the parsed document again
(``content_guard``), so whatever a line scan misreads still stops the build.

Front matter and clinic.yaml values are covered by the schemas' "unsafe value"
and "insecure link" rules instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..content_guard.rules import link_scheme, refused_directive, refused_role
from .markdown_lines import Kind, Line
from .problems import Problem

# `<script`, `</script` and script URLs, however they are spaced or capitalised.
# The plain English word "script" (a coaching call script) is fine: it cannot run.
SCRIPT = re.compile(r"<\s*/?\s*script\b|\b(?:java|vb)\s*script\s*:", re.IGNORECASE)
# An HTML tag or comment. Autolinks (<https://...>, <me@example.org>) do not match:
# a tag name is followed by a space, '/' or '>', never ':' or '@'.
HTML_TAG = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)")
# The start of a tag whose '>' is on a later line: Markdown still reads it as HTML.
HTML_TAG_START = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?=[\s/]|$))")
INSECURE_LINK = re.compile(r"\b(?:http|ftp)://[^\s)>\]]*", re.IGNORECASE)
# A code span; a backtick after a backslash is escaped and opens none.
INLINE_CODE = re.compile(r"(?<![`\\])(`+)(?!`).*?(?<!`)\1(?!`)")
RAW_DIRECTIVES = frozenset({"raw", "eval-rst"})
# Directive bodies that MyST parses as Markdown although they are not prose to read.
MARKDOWN_BODIES = frozenset({"list-table", "csv-table", "figure", "table", "admonition"})
ROLE = re.compile(r"\{([A-Za-z][\w:.+-]*)\}`")
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
IMAGE_DIRECTIVES = frozenset({"image", "figure"})
# csv-table and raw read these (docutils' file insertion is off in the build too).
FILE_OPTION = re.compile(r"^\s*:(?:file|url|encoding):", re.IGNORECASE)
IMAGE_OPTION = re.compile(r"^\s*:(?:img-top|img-bottom|img-background|avatar|image):\s*(\S+)", re.I)


def without_inline_code(text: str) -> str:
    if "`" not in text:
        return text
    return INLINE_CODE.sub(lambda found: " " * len(found.group(0)), text)


def markup_of(line: Line) -> str:
    """The part of a line that MyST reads as Markdown (code and comments are not)."""
    if line.kind is Kind.CODE and (line.directive or "").lower() in MARKDOWN_BODIES:
        return without_inline_code(line.text)
    if line.kind in (Kind.CODE, Kind.COMMENT):
        return ""
    if line.kind is Kind.FENCE:
        return line.argument  # a directive's title is Markdown; the fence itself is not
    return without_inline_code(line.text)


def check_lines(path: Path, lines: list[Line], root: Path | None = None) -> Iterator[Problem]:
    """``root``: the content folder; image paths must stay inside it."""
    # Whole-page tests first: most pages have no '<', no '://' and no script, and
    # then only fence lines need a closer look (this keeps 1,000 pages fast).
    page = "\n".join(line.text for line in lines)
    scripts = "script" in page.lower() and SCRIPT.search(page) is not None
    tags = "<" in page
    links = "://" in page
    roles = "}`" in page
    images = "![" in page or ":img-" in page or ":avatar:" in page or ":image:" in page
    suspects = [
        line
        for line in lines
        if line.opens
        or (roles and "}`" in line.text)
        or line.kind is Kind.OPTION
        or (images and "![" in line.text)
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
        yield from check_directive(path, line, root)
        text = markup_of(line)
        # Roles on the line as written: their backticks are not code spans.
        yield from check_roles(path, line, line.text if text else "")
        for target in IMAGE.findall(text) if "![" in text else ():
            yield from check_image(path, line.number, target, root)
        tag = (HTML_TAG.search(text) or HTML_TAG_START.search(text)) if "<" in text else None
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


def check_directive(path: Path, line: Line, root: Path | None) -> Iterator[Problem]:
    name = (line.opens or "").lower()
    why = refused_directive(name) if name else None
    if why:
        rule = "content.raw-html" if name in RAW_DIRECTIVES else "content.refused-directive"
        yield Problem(
            path,
            line.number,
            rule,
            f"{{{line.opens}}} blocks are not allowed ({why}); write Markdown instead",
        )
    elif name in IMAGE_DIRECTIVES and line.argument.strip():
        yield from check_image(path, line.number, line.argument.strip(), root)
    if line.kind is Kind.OPTION:
        option = IMAGE_OPTION.match(line.text)
        if option:
            yield from check_image(path, line.number, option.group(1), root)
        if FILE_OPTION.match(line.text):
            yield Problem(
                path,
                line.number,
                "content.file-access",
                "a table read from a file or an address is not allowed: write its rows in the page",
            )


def check_roles(path: Path, line: Line, text: str) -> Iterator[Problem]:
    for name in ROLE.findall(text) if "}`" in text else ():
        why = refused_role(name)
        if why:
            yield Problem(
                path,
                line.number,
                "content.refused-role",
                f"the {{{name}}} role is not allowed: {why}",
            )


def check_image(path: Path, number: int, target: str, root: Path | None) -> Iterator[Problem]:
    if link_scheme(target) is not None:
        yield Problem(
            path,
            number,
            "content.remote-image",
            f"the image {target[:60]!r} is not in the content folder: put the file in content/ "
            "and give its path (the site loads nothing from elsewhere)",
        )
        return
    if root is None:
        return
    base = root if target.startswith("/") else path.parent
    inside = (base / target.lstrip("/")).resolve().is_relative_to(root.resolve())
    if not inside:
        yield Problem(
            path,
            number,
            "content.file-access",
            f"the image {target[:60]!r} is outside the content folder; only files inside "
            "content/ can be published",
        )

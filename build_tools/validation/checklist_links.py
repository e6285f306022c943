"""No link inside a checklist statement: a statement is a checkbox's label.

A link inside a ``<label>`` adds a Tab stop between the boxes, and Space on it
scrolls the page instead of ticking the box (WCAG 2.1.1, 4.1.2). A phone number,
web address or page link belongs in the statement's hint (a paragraph indented
under it) or after the checklist. The clinic's contact substitutions
(``{{clinic_phone}}``, ``{{crisis_chat}}``…) are links too; which ones is read
from the schema's example clinic, so this check does not depend on clinic.yaml.

The acknowledgment directive checks the parsed statements again in every
language edition (``acknowledgment.directives.collect_statements``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

from .. import clinic
from .markdown_lines import Kind, Line
from .problems import Problem
from .schema_problems import load_schema

DIRECTIVE = "acknowledgment"
RULE = "checklist.link"
STATEMENT = re.compile(r"^[-*+][ \t]")
# [text](target), [text][ref], <scheme:...> autolinks, and MyST's link roles.
MARKDOWN_LINK = re.compile(
    r"\]\(|\]\[|<(?:https?|mailto|tel|sms):|\{(?:doc|ref|download|any|term)\}`"
)
SUBSTITUTION = re.compile(r"\{\{\s*(\w+)\s*\}\}")
HOW = (
    "a statement is a checkbox's label, where a link adds a Tab stop and Space on it "
    "does not tick; put the link in the hint (a paragraph indented under the statement) "
    "or after the checklist"
)


@functools.cache
def link_substitutions() -> frozenset[str]:
    """The substitution names whose value is a link, whatever the clinic."""
    example = load_schema("clinic.schema.json")["examples"][0]
    return frozenset(name for name, value in clinic.substitutions(example).items() if "](" in value)


def link_in(text: str) -> str | None:
    """What makes ``text`` a link, or None."""
    found = MARKDOWN_LINK.search(text)
    if found:
        return f"a link ({found.group(0).strip()}…) is inside a checklist statement"
    for name in SUBSTITUTION.findall(text):
        if name in link_substitutions():
            return f"{{{{{name}}}}} is a link, inside a checklist statement"
    return None


def check_lines(path: Path, lines: list[Line]) -> Iterator[Problem]:
    """One problem per statement line that holds a link."""
    in_statement = False
    for line in lines:
        if line.directive != DIRECTIVE or line.kind in (Kind.BLANK, Kind.FENCE):
            in_statement = False
            continue
        if line.kind is Kind.LIST_ITEM:
            in_statement = STATEMENT.match(line.text) is not None
        elif line.kind is not Kind.PROSE:
            in_statement = False
        if in_statement:
            what = link_in(line.text)
            if what:
                yield Problem(path, line.number, RULE, f"{what}: {HOW}")

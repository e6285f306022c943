"""Acknowledgment checklists, checked before the build: every statement has words.

``- [diary-card]`` alone (an id and no sentence) would publish a checkbox labelled
with the bare id. Works on the classified lines, so ``make validate`` and every
build report it at its line before any page is read; the ``{acknowledgment}``
directive repeats the check on the parsed page, for builds with validation off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .markdown_lines import Kind, Line
from .problems import Problem

DIRECTIVE = "acknowledgment"
# A bullet with nothing after it but an optional [id].
EMPTY_BULLET = re.compile(r"^\s*[-*+](?:[ \t]+\[(?P<id>[^\]\s]*)\])?[ \t]*$")


def empty_statement_message(item_id: str | None) -> str:
    if item_id:
        return (
            f"the statement [{item_id}] has no words: write the sentence the client agrees "
            "to on the same line, after the id"
        )
    return "this bullet has no statement: write the sentence the client agrees to after the -"


def check_lines(path: Path, lines: list[Line]) -> Iterator[Problem]:
    for line in lines:
        if line.directive != DIRECTIVE or line.kind is not Kind.LIST_ITEM:
            continue
        empty = EMPTY_BULLET.match(line.text)
        if empty:
            yield Problem(
                path, line.number, "ack.empty-statement", empty_statement_message(empty["id"])
            )

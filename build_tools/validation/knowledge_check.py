"""Knowledge checks, checked before the build: each needs a right answer and a wrong one,
an explanation under every option, and options that differ; a check with several right
answers needs at least two wrong ones.

Works on the classified lines (no Markdown parse), so ``make validate`` reports
these with the rest; the ``{knowledge-check}`` directive repeats the structural
checks on the parsed page, so a build with validation off still fails on them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .markdown_lines import Kind, Line
from .problems import Problem

DIRECTIVE = "knowledge-check"
# A top-level option bullet, with its [x] or [ ] marker if it has one.
OPTION = re.compile(r"^[-*+][ \t]+(?:\[(?P<mark>[ xX])\](?:[ \t]+|$))?(?P<text>.*)$")
FLAG = re.compile(r"^\s*:(?P<name>[\w-]+):")

NO_MARKER = "each option starts with [x] (a right answer) or [ ] (a wrong one)"
NO_RIGHT = "this knowledge check has no right answer: mark one or more options with [x]"
NO_WRONG = (
    "this knowledge check has no wrong option, so choosing everything passes: add an "
    "option marked [ ] that a new therapist might really pick"
)
# With one wrong option among several right ones, ticking all but the odd one out
# passes on a guess; two wrong options make the trainee judge each option.
MIN_WRONG_MULTIPLE = 2
TOO_MANY_RIGHT = (
    f"a check with several right answers (or :multiple:) needs at least {MIN_WRONG_MULTIPLE} "
    "wrong options: add a wrong option or mark one right option [ ] and rewrite it"
)
TOO_FEW = "a knowledge check needs at least two options"
NO_EXPLANATION = (
    "this option has no explanation: add a paragraph indented under it saying why it is "
    "right or wrong"
)


def duplicate_message(first_line: int) -> str:
    return f"this option repeats the option on line {first_line}: every option needs its own words"


@dataclass
class Option:
    line: int
    mark: str | None
    words: list[str]
    explained: bool = False


@dataclass
class Block:
    line: int
    depth: int  # directives open inside the check
    options: list[Option] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)  # directive options such as "multiple"


def answer_problem(rights: int, wrongs: int, multiple: bool) -> str | None:
    """The rule on right and wrong options a check breaks, or None: shared with the
    directive, so validation and the build say the same thing."""
    if rights == 0 or rights + wrongs < 2:
        return None  # reported as NO_RIGHT or TOO_FEW
    if wrongs == 0:
        return NO_WRONG
    if (multiple or rights > 1) and wrongs < MIN_WRONG_MULTIPLE:
        return TOO_MANY_RIGHT
    return None


def blocks(lines: list[Line]) -> Iterator[Block]:
    """Each knowledge check on the page, with its options."""
    block: Block | None = None
    option: Option | None = None
    after_blank = False
    for line in lines:
        if block is None:
            if line.opens == DIRECTIVE:
                block = Block(line.number, len(line.directives) + 1)
                option, after_blank = None, False
            continue
        if line.kind is Kind.FENCE and line.opens is None and len(line.directives) == block.depth:
            yield block
            block = None
            continue
        if len(line.directives) != block.depth:
            continue
        if line.kind is Kind.OPTION:
            flag = FLAG.match(line.text)
            if flag:
                block.flags.add(flag["name"])
            continue
        found = OPTION.match(line.text) if line.kind is Kind.LIST_ITEM else None
        if found:
            option = Option(line.number, found["mark"], [found["text"]])
            block.options.append(option)
            after_blank = False
        elif line.kind is Kind.BLANK:
            after_blank = True
        elif option is not None:
            if after_blank and line.text.startswith((" ", "\t")):
                option.explained = True
            elif not option.explained and not after_blank:
                option.words.append(line.text)  # the option's words wrap onto this line
    if block is not None:
        yield block


def check_lines(path: Path, lines: list[Line]) -> Iterator[Problem]:
    if not any(line.opens == DIRECTIVE for line in lines):
        return
    for block in blocks(lines):
        if len(block.options) < 2:
            yield Problem(path, block.line, "knowledge-check.options", TOO_FEW)
        rights = sum(o.mark in ("x", "X") for o in block.options)
        wrongs = sum(o.mark == " " for o in block.options)
        if block.options and not rights:
            yield Problem(path, block.line, "knowledge-check.no-right-answer", NO_RIGHT)
        unmarked = any(o.mark is None for o in block.options)  # reported on its own line
        problem = None if unmarked else answer_problem(rights, wrongs, "multiple" in block.flags)
        if problem == NO_WRONG:
            yield Problem(path, block.line, "knowledge-check.no-wrong-answer", problem)
        elif problem:
            yield Problem(path, block.line, "knowledge-check.too-many-right", problem)
        seen: dict[str, int] = {}
        for option in block.options:
            if option.mark is None:
                yield Problem(path, option.line, "knowledge-check.marker", NO_MARKER)
            if not option.explained:
                yield Problem(path, option.line, "knowledge-check.explanation", NO_EXPLANATION)
            words = " ".join(" ".join(option.words).split()).lower()
            if words in seen:
                yield Problem(
                    path, option.line, "knowledge-check.duplicate", duplicate_message(seen[words])
                )
            seen.setdefault(words, option.line)

"""Safe-messaging words: the client pages and their translations say "died by suicide",
never "committed suicide", and name no method.

The rules are data (``schemas/safe-wording.json``), one table for every language, so a
clinician can read and extend them without reading code. Each hit prints as
``path:line: [safety.wording] "words" ...; use "..." instead``.

A phrase may be broken over two lines of a page, so a page's lines are searched as one
text and each hit is mapped back to the line it starts on.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .markdown_lines import Kind, Line
from .problems import Problem
from .safety import markup_of

TABLE = Path(__file__).resolve().parents[2] / "schemas" / "safe-wording.json"
RULE = "safety.wording"


@dataclass(frozen=True)
class WordRule:
    id: str
    language: str
    pattern: re.Pattern[str]
    instead: str
    why: str


@functools.cache
def rules(language: str) -> tuple[WordRule, ...]:
    """The table's rules for one language ('es-MX' uses the 'es' rules)."""
    base = language.replace("_", "-").split("-")[0].lower()
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    return tuple(
        WordRule(
            rule["id"],
            rule["language"],
            # A space in the table stands for any run of spaces, line breaks included.
            re.compile(rule["pattern"].replace(" ", r"\s+"), re.IGNORECASE),
            rule["instead"],
            rule["why"],
        )
        for rule in table["rules"]
        if rule["language"] == base
    )


def hits(text: str, language: str) -> Iterator[tuple[int, WordRule, str]]:
    """(offset, rule, words found) for every unsafe wording in ``text``."""
    for rule in rules(language):
        for found in rule.pattern.finditer(text):
            yield found.start(), rule, " ".join(found.group(0).split())


def message(rule: WordRule, words: str) -> str:
    return f'"{words}": {rule.why}; use "{rule.instead}" instead'


def check_text(path: Path, line: int, text: str, language: str) -> list[Problem]:
    """One piece of text that starts at ``line`` (a catalog message, a front-matter value)."""
    problems = []
    for offset, rule, words in hits(text, language):
        problems.append(
            Problem(path, line + text.count("\n", 0, offset), RULE, message(rule, words))
        )
    return problems


def check_lines(path: Path, lines: Iterable[Line], language: str) -> list[Problem]:
    """A page's lines as its readers see them (code and comments are not read)."""
    numbers: list[int] = []
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    for line in lines:
        if line.kind in (Kind.CODE, Kind.COMMENT, Kind.OPTION, Kind.LABEL):
            continue
        text = markup_of(line)
        numbers.append(line.number)
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 1
    joined = "\n".join(parts)
    problems = []
    for at, rule, words in hits(joined, language):
        number = numbers[bisect.bisect_right(starts, at) - 1]
        problems.append(Problem(path, number, RULE, message(rule, words)))
    return sorted(problems)

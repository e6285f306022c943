"""Check one page: readable file, front matter against the schema, body safety,
substitution names, a title heading, and (for client pages) the reading grade."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import ack_check, knowledge_check, readability, safety, schema_problems
from .frontmatter import FileProblem, Page, read_text, split
from .grade_cache import GradeCache
from .markdown_lines import HEADING, Kind, Line, classify, client_lines
from .problems import Problem
from .topic_check import PageFacts
from .yamllines import Located, YamlSyntaxError, parse

SUBSTITUTION = re.compile(r"\{\{(.*?)\}\}")
NAME = re.compile(r"^\s*([A-Za-z_]\w*)\s*$")
AUDIENCES = ("client", "trainer")


@dataclass
class PageResult:
    path: Path
    problems: list[Problem] = field(default_factory=list)
    facts: PageFacts | None = None
    audience: str = "client"
    score: readability.Score | None = None
    # The front-matter summary is the page's opening line (see page_summary.py),
    # so it is measured with the body: (line, text).
    summary: tuple[int, str] | None = None


def check_page(
    path: Path,
    *,
    max_grade: float,
    names: Collection[str],
    grade_all: bool = True,
    grades: GradeCache | None = None,
) -> PageResult:
    """``grade_all`` False measures client pages only: a trainer page's grade is reported
    (``validate --report``) but has no limit, so a build need not measure it. ``grades``:
    grades measured before, by text (an incremental build's)."""
    result = PageResult(path)
    try:
        page = split(path, read_text(path))
    except FileProblem as problem:
        result.problems.append(Problem(path, problem.line, problem.rule, problem.message))
        return result
    facts = check_front_matter(page, result, grades)
    lines = classify(page.body, page.body_first_line)
    facts.lines = lines
    result.facts = facts
    result.problems.extend(safety.check_lines(path, lines))
    result.problems.extend(check_substitutions(path, lines, names))
    result.problems.extend(knowledge_check.check_lines(path, lines))
    result.problems.extend(ack_check.check_lines(path, lines))
    if not any(is_title(line) for line in lines):
        result.problems.append(
            Problem(
                path,
                page.body_first_line,
                "page.heading",
                "the page needs a title heading ('# Title') after the front matter",
            )
        )
    opening = []
    if result.summary:
        number, text = result.summary
        opening = [Line(number, Kind.PROSE, text, None), Line(number, Kind.BLANK, "", None)]
    if result.audience != "client" and not grade_all:
        return result
    shown = lines if result.audience == "trainer" else client_lines(lines)
    result.score = readability.measure([*opening, *shown], grades)
    if result.audience == "client":
        grade_problem = readability.check(path, result.score, max_grade)
        if grade_problem:
            result.problems.append(grade_problem)
    return result


def check_front_matter(
    page: Page, result: PageResult, cache: GradeCache | None = None
) -> PageFacts:
    path = page.path
    try:
        located = parse(page.front, first_line=page.front_first_line)
    except YamlSyntaxError as error:
        result.problems.append(Problem(path, error.line, "yaml.syntax", error.message))
        return recovered_facts(page, result)
    result.problems.extend(Problem(path, *issue) for issue in located.issues)
    data = {} if located.data is None else located.data  # empty: report each missing key
    located.lines[()] = 1  # a missing key is reported at the opening '---'
    known = cache.problems_for(page.front, page.front_first_line) if cache else None
    if known is None:
        found = schema_problems.check(
            data, located, path, "page.schema.json", "page", whole="the front matter"
        )
        known = [(problem.line, problem.rule, problem.message) for problem in found]
        if cache is not None:
            cache.put_problems(page.front, page.front_first_line, known)
    result.problems.extend(Problem(path, *problem) for problem in known)
    if not isinstance(data, dict):
        return PageFacts(path, None, None, 1)
    audience = data.get("audience")
    result.audience = audience if audience in AUDIENCES else "client"
    if isinstance(data.get("summary"), str):
        result.summary = (line_of(located, "summary"), data["summary"])
    topic = data.get("topic")
    return PageFacts(
        path,
        topic if isinstance(topic, str) else None,
        audience if audience in AUDIENCES else None,
        line_of(located, "topic"),
    )


def line_of(located: Located, key: str) -> int:
    return located.lines.get((key,), 1)


def recovered_facts(page: Page, result: PageResult) -> PageFacts:
    """Topic and audience read line by line when the YAML is broken elsewhere,
    so one typo does not also report the page's topic as missing."""
    found: dict[str, tuple[str, int]] = {}
    for offset, text in enumerate(page.front.splitlines()):
        match = re.match(r"^(topic|audience):\s*[\"']?([\w-]+)[\"']?\s*(?:#.*)?$", text)
        if match:
            found.setdefault(match[1], (match[2], page.front_first_line + offset))
    topic, line = found.get("topic", (None, 1))
    audience = found.get("audience", ("client", 1))[0]
    result.audience = audience if audience in AUDIENCES else "client"
    return PageFacts(page.path, topic, audience if audience in AUDIENCES else None, line)


def is_title(line: Line) -> bool:
    if line.kind is not Kind.HEADING or line.directives:
        return False
    found = HEADING.match(line.text)
    return found is None or len(found["marks"]) == 1  # None: a setext heading


def check_substitutions(path: Path, lines: list[Line], names: Collection[str]) -> Iterator[Problem]:
    known = sorted(names)
    for line in lines:
        if "{{" not in line.text:
            continue
        text = safety.markup_of(line) if line.kind is not Kind.OPTION else line.text
        for found in SUBSTITUTION.finditer(text):
            name = NAME.match(found.group(1))
            if name and name.group(1) in names:
                continue
            wanted = name.group(1) if name else found.group(1).strip()
            close = difflib.get_close_matches(wanted, known, n=1)
            hint = (
                f"did you mean {{{{{close[0]}}}}}?" if close else f"use one of: {', '.join(known)}"
            )
            yield Problem(
                path,
                line.number,
                "substitution.unknown",
                f"unknown substitution {found.group(0)}: clinic.yaml gives no such value ({hint})",
            )

"""Check one page: readable file, front matter against the schema, body safety,
substitution names, a title heading, and (for client pages) the reading grade."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import (
    ack_check,
    checklist_links,
    knowledge_check,
    readability,
    safety,
    schema_problems,
    signoff,
    wording,
)
from .frontmatter import FileProblem, Page, read_text, split
from .grade_cache import GradeCache
from .markdown_lines import HEADING, Kind, Line, classify, client_lines
from .problems import Problem
from .topic_check import PageFacts
from .yamllines import Located, YamlSyntaxError, parse

SUBSTITUTION = re.compile(r"\{\{(.*?)\}\}")
# '{{' with no '}}' after it on its line (MyST would read on into the next lines).
UNCLOSED = re.compile(r"\{\{(?!.*\}\})")
NAME = re.compile(r"^\s*([A-Za-z_]\w*)\s*$")
AUDIENCES = ("client", "trainer")


@dataclass
class PageResult:
    path: Path
    problems: list[Problem] = field(default_factory=list)
    facts: PageFacts | None = None
    audience: str = "client"
    score: readability.Score | None = None
    # (line, value) of last_reviewed, for the review-period check (signoff.stale).
    reviewed: tuple[int, object] | None = None
    # The front-matter summary is the page's opening line (see page_summary.py),
    # so it is measured with the body: (line, text).
    summary: tuple[int, str] | None = None


def check_page(
    path: Path,
    *,
    max_grade: float,
    names: Collection[str],
    grade_all: bool = True,
    root: Path | None = None,
    language: str = "en",
    grades: GradeCache | None = None,
) -> PageResult:
    """``grade_all`` False measures client pages only: a trainer page's grade is reported
    (``validate --report``) but has no limit, so a build need not measure it.
    ``root``: the content folder, which images may not leave; ``language``: the pages'
    own language, for the safe-wording rules; ``grades``: grades measured before, by
    text (an incremental build's)."""
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
    result.problems.extend(safety.check_lines(path, lines, root))
    result.problems.extend(check_substitutions(path, lines, names))
    result.problems.extend(knowledge_check.check_lines(path, lines))
    result.problems.extend(checklist_links.check_lines(path, lines))
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
    if result.audience == "client":
        # Trainer pages name unsafe wordings on purpose, to teach what not to say.
        result.problems.extend(wording.check_lines(path, client_lines(lines), language))
        if result.summary:
            result.problems.extend(wording.check_text(path, *result.summary, language))
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
    if "last_reviewed" in data:
        result.reviewed = (line_of(located, "last_reviewed"), data["last_reviewed"])
    reviewer = data.get("reviewed_by")
    if result.audience == "client" and isinstance(reviewer, str):
        why = signoff.reviewer_problem(reviewer)
        if why:
            result.problems.append(
                Problem(path, line_of(located, "reviewed_by"), signoff.REVIEWER_RULE, why)
            )
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
    """Every ``{{ ... }}`` on every line, code and comments too: MyST substitutes inside
    bodies that look like code here (table cells, captions), and a substitution is only
    ever a clinic value's name, so anything else between the braces is refused."""
    for line in lines:
        if "{{" in line.text:
            yield from substitution_problems(path, line.number, line.text, names)


def substitution_problems(
    path: Path, number: int, text: str, names: Collection[str] | None
) -> Iterator[Problem]:
    """``names`` None: any name is accepted (only the form is checked)."""
    for found in SUBSTITUTION.finditer(text):
        name = NAME.match(found.group(1))
        if name and (names is None or name.group(1) in names):
            continue
        if not name:
            shown = found.group(0) if len(found.group(0)) <= 50 else found.group(0)[:49] + "…"
            yield Problem(
                path,
                number,
                "substitution.expression",
                f"{shown} is not a clinic value: write {{{{name}}}} with one of the names "
                "clinic.yaml gives; nothing between the braces is ever evaluated",
            )
            continue
        wanted = name.group(1)
        known = sorted(names or ())
        close = difflib.get_close_matches(wanted, known, n=1)
        hint = f"did you mean {{{{{close[0]}}}}}?" if close else f"use one of: {', '.join(known)}"
        yield Problem(
            path,
            number,
            "substitution.unknown",
            f"unknown substitution {found.group(0)}: clinic.yaml gives no such value ({hint})",
        )
    if UNCLOSED.search(text):
        yield Problem(
            path,
            number,
            "substitution.expression",
            "'{{' opens a substitution that does not close on the same line: write "
            "{{name}} on one line",
        )

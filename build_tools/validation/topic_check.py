"""Topic coverage: exactly one client page per required topic, each with its section labels.

schemas/topics.json lists the topics and, for each, the section ids its page must
label as ``(id)=`` directly before a heading. Labels are what other pages, the
acknowledgment summary and reviewers link to, so a missing one is an error.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, field
from pathlib import Path

from . import schema_problems
from .frontmatter import FileProblem, read_text
from .grade_cache import GradeCache
from .markdown_lines import Kind, Line, heading_text, label_name
from .problems import Problem
from .yamllines import Located, YamlSyntaxError, parse

TOPICS_FILE = schema_problems.SCHEMAS / "topics.json"


@dataclass(frozen=True)
class Topic:
    id: str
    required: bool
    description: str
    sections: tuple[str, ...]
    audience: str
    line: int


@dataclass
class Manifest:
    topics: dict[str, Topic]
    problems: list[Problem]
    path: Path = TOPICS_FILE


@dataclass
class PageFacts:
    """What the topic checks need to know about one page."""

    path: Path
    topic: str | None
    audience: str | None
    topic_line: int
    lines: list[Line] = field(default_factory=list)


def load_manifest(path: Path = TOPICS_FILE, cache: GradeCache | None = None) -> Manifest:
    """The topics manifest; its own problems are reported like any content problem.

    Read again only when the file changes (a live preview keeps one process running).
    ``cache``: schema checks remembered by text (an incremental build's)."""
    try:
        stat = path.stat()
        version = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        version = (0, 0)
    return read_manifest(path, version, cache)


# The topics file's schema check, in the cache's table of checks by text.
TOPICS_KEY = -1


@functools.cache
def read_manifest(
    path: Path, version: tuple[int, int], cache: GradeCache | None = None
) -> Manifest:
    try:
        text = read_text(path)
        located = parse(text)
    except FileProblem as problem:
        return Manifest({}, [Problem(path, problem.line, problem.rule, problem.message)], path)
    except YamlSyntaxError as error:
        return Manifest({}, [Problem(path, error.line, "topics.syntax", error.message)], path)
    known = cache.problems_for(text, TOPICS_KEY) if cache is not None else None
    if known is None:
        found = schema_problems.check(located.data, located, path, "topics.schema.json", "topics")
        known = [(problem.line, problem.rule, problem.message) for problem in found]
        if cache is not None:
            cache.put_problems(text, TOPICS_KEY, known)
    problems = [Problem(path, *problem) for problem in known]
    if problems:
        return Manifest({}, problems, path)
    return Manifest(*read_topics(located, path), path)


def read_topics(located: Located, path: Path) -> tuple[dict[str, Topic], list[Problem]]:
    topics: dict[str, Topic] = {}
    problems: list[Problem] = []
    section_owner: dict[str, str] = {}
    for index, entry in enumerate(located.data["topics"]):
        line = located.line_of(("topics", index, "id"))
        topic = Topic(
            entry["id"],
            entry["required"],
            entry["description"],
            tuple(entry["sections"]),
            entry.get("audience", "client"),
            line,
        )
        if topic.id in topics:
            problems.append(
                Problem(path, line, "topics.duplicate-id", f"topic id '{topic.id}' is used twice")
            )
            continue
        topics[topic.id] = topic
        for section in topic.sections:
            if section in section_owner:
                problems.append(
                    Problem(
                        path,
                        line,
                        "topics.duplicate-section",
                        f"section id '{section}' is in '{section_owner[section]}' and "
                        f"'{topic.id}'; labels are global, so section ids must be unique",
                    )
                )
            section_owner.setdefault(section, topic.id)
    return topics, problems


def check_topics(manifest: Manifest, pages: list[PageFacts]) -> list[Problem]:
    """Unknown and duplicate topics, missing required topics and missing section labels."""
    problems: list[Problem] = list(manifest.problems)
    if manifest.problems:
        return problems  # without a readable manifest, coverage cannot be judged
    topics = manifest.topics
    labels = label_index(pages)
    covering: dict[str, list[PageFacts]] = {}
    for page in sorted(pages, key=lambda facts: str(facts.path)):
        if page.topic is None:
            continue
        topic = topics.get(page.topic)
        if topic is None:
            close = difflib.get_close_matches(page.topic, list(topics), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "see schemas/topics.json"
            problems.append(
                Problem(
                    page.path,
                    page.topic_line,
                    "topic.unknown",
                    f"unknown topic '{page.topic}' ({hint})",
                )
            )
            continue
        # A topic has exactly one page for its own audience (a client reads one
        # page per agreement); pages for the other audience, such as trainer notes
        # on a client topic, are extra and may share it.
        if (page.audience or "client") == topic.audience:
            covering.setdefault(topic.id, []).append(page)
    for topic in topics.values():
        owners = covering.get(topic.id, [])
        if not owners and topic.required:
            problems.append(
                Problem(
                    manifest.path,
                    topic.line,
                    "topic.missing",
                    f"no {topic.audience} page covers required topic '{topic.id}' "
                    f"({topic.description}); add a page with 'topic: {topic.id}' "
                    f"and 'audience: {topic.audience}' to its front matter",
                )
            )
        elif len(owners) > 1:
            # Every copy is named: which one to keep is the writer's choice.
            # Sections are not checked until there is one page to check.
            for page in owners:
                others = ", ".join(other.path.name for other in owners if other is not page)
                problems.append(
                    Problem(
                        page.path,
                        page.topic_line,
                        "topic.duplicate",
                        f"topic '{topic.id}' has more than one {topic.audience} page "
                        f"(also {others}); keep exactly one",
                    )
                )
        elif owners:
            problems.extend(check_sections(topic, owners[0], labels))
    problems.extend(duplicate_labels(labels))
    return problems


def label_index(pages: list[PageFacts]) -> dict[str, list[tuple[PageFacts, int]]]:
    index: dict[str, list[tuple[PageFacts, int]]] = {}
    for page in pages:
        for line in page.lines:
            if line.kind is Kind.LABEL:
                name = label_name(line.text)
                if name:
                    index.setdefault(name, []).append((page, line.number))
    return index


def check_sections(
    topic: Topic, page: PageFacts, labels: dict[str, list[tuple[PageFacts, int]]]
) -> list[Problem]:
    problems = []
    for section in topic.sections:
        places = labels.get(section, [])
        here = [number for owner, number in places if owner is page]
        if not here:
            elsewhere = [f"{owner.path.name}:{number}" for owner, number in places]
            note = (
                f" (it is on {', '.join(elsewhere)}, not on this topic's page)" if elsewhere else ""
            )
            problems.append(
                Problem(
                    page.path,
                    page.topic_line,
                    "section.missing",
                    f"topic '{topic.id}' needs a section labelled ({section})= directly "
                    f"before its heading{note}",
                )
            )
            continue
        if not heading_follows(page.lines, here[0]):
            problems.append(
                Problem(
                    page.path,
                    here[0],
                    "section.missing",
                    f"label ({section})= must come directly before a heading "
                    "(only blank lines may come between)",
                )
            )
    return problems


def heading_follows(lines: list[Line], label_number: int) -> bool:
    after = [line for line in lines if line.number > label_number and line.kind is not Kind.BLANK]
    return bool(after) and after[0].kind is Kind.HEADING and bool(heading_text(after[0].text))


def duplicate_labels(labels: dict[str, list[tuple[PageFacts, int]]]) -> list[Problem]:
    problems = []
    for name, places in labels.items():
        if len(places) < 2:
            continue
        for page, number in places:
            others = ", ".join(
                f"{other.path.name}:{line}"
                for other, line in places
                if (other, line) != (page, number)
            )
            problems.append(
                Problem(
                    page.path,
                    number,
                    "section.duplicate",
                    f"label ({name})= is also used at {others}; labels must be unique "
                    "across the site",
                )
            )
    return problems

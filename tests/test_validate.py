"""The validator: a valid root passes with one line; every broken input gives exit 1 and
``path:line: [rule] message`` at the right place, all at once, never a traceback."""

from __future__ import annotations

import json
import runpy
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools import clinic
from build_tools.validation.problems import display_path
from build_tools.validation.validate import (
    EXCLUDE_PATTERNS,
    main,
    substitution_names,
    validate_project,
)

REPO = Path(__file__).resolve().parent.parent
VALID = REPO / "tests" / "roots" / "validate-valid"
TOPICS = REPO / "schemas" / "topics.json"

Change = Callable[[Path], None]


def replace(name: str, old: str, new: str) -> Change:
    def change(root: Path) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def write(name: str, text: str | bytes) -> Change:
    def change(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return change


def remove(name: str) -> Change:
    def change(root: Path) -> None:
        (root / name).unlink()

    return change


def page(topic: str, body: str = "# A page\n\nA line of text for the page.\n") -> str:
    return (
        f"---\ntopic: {topic}\ntitle: Another page\naudience: client\n"
        "summary: Another page that the tests add to the valid root.\n"
        f"last_reviewed: 2026-11-20\nreviewed_by: Sam Rivera, Test reviewer\n---\n\n{body}"
    )


def topic_line(topic: str) -> int:
    lines = TOPICS.read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if f'"id": "{topic}"' in text)


HARD_PROSE = (
    "\nNotwithstanding the aforementioned considerations, participants demonstrating "
    "persistent nonattendance, irrespective of extenuating circumstances, shall "
    "forfeit continuation eligibility pending comprehensive multidisciplinary "
    "reevaluation of therapeutic appropriateness and organizational capacity. "
    "Comprehensive documentation substantiating extraordinary circumstances necessitating "
    "postponement must accompany administrative correspondence.\n"
)


# Each line holds nine of the line above: a few lines would expand to millions of values.
ALIAS_BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}' if previous else 'x'] * 9)}]\n"
    for previous, name in zip(["", *"abcdef"], "abcdefg", strict=True)
)


@dataclass(frozen=True)
class Case:
    id: str
    change: Change
    rule: str
    file: str  # relative to the root; "TOPICS" for schemas/topics.json
    line: int | Callable[[], int]
    says: str = ""  # a piece of the message


CASES = [
    # Front matter against the page schema.
    Case(
        "unknown key",
        replace("attendance.md", "audience: client\n", "audience: client\ncolour: blue\n"),
        "page.unknown-key",
        "attendance.md",
        5,
        "'colour'",
    ),
    Case(
        "misspelt key",
        replace("safety.md", "reviewed_by:", "reviewd_by:"),
        "page.unknown-key",
        "safety.md",
        7,
        "did you mean 'reviewed_by'?",
    ),
    Case(
        "missing key",
        replace("safety.md", "reviewed_by: Sam Rivera, Test reviewer\n", ""),
        "page.missing-key",
        "safety.md",
        1,
        "'reviewed_by'",
    ),
    Case(
        "wrong type",
        replace("attendance.md", "reading_minutes: 3", "reading_minutes: three"),
        "page.type",
        "attendance.md",
        8,
        "a whole number",
    ),
    Case(
        "bad audience",
        replace("safety.md", "audience: client", "audience: patient"),
        "page.value",
        "safety.md",
        4,
        "client, trainer",
    ),
    Case(
        "date format",
        replace("safety.md", "last_reviewed: 2026-11-20", "last_reviewed: 20/11/2026"),
        "page.format",
        "safety.md",
        6,
        "YYYY-MM-DD",
    ),
    Case(
        "impossible date",
        replace("safety.md", "last_reviewed: 2026-11-20", "last_reviewed: 2026-13-45"),
        "page.format",
        "safety.md",
        6,
        "2026-13-45",
    ),
    Case(
        "summary too short",
        replace(
            "safety.md",
            "summary: A short test page about staying safe for the validator tests.",
            "summary: Too short.",
        ),
        "page.length",
        "safety.md",
        5,
        "at least 20",
    ),
    Case(
        "summary two sentences",
        replace("safety.md", "for the validator tests.", "for the tests. It has two sentences."),
        "page.value",
        "safety.md",
        5,
        "one sentence",
    ),
    Case(
        "reading minutes range",
        replace("attendance.md", "reading_minutes: 3", "reading_minutes: 45"),
        "page.range",
        "attendance.md",
        8,
        "1 to 30",
    ),
    Case(
        "markup in title",
        replace("safety.md", "title: Staying safe", "title: Staying <b>safe</b>"),
        "page.unsafe-value",
        "safety.md",
        3,
        "markup",
    ),
    Case(
        "substitution in summary",
        replace("safety.md", "staying safe for", "{{clinic_name}} for"),
        "page.unsafe-value",
        "safety.md",
        5,
        "substitutions only work",
    ),
    Case(
        "http in front matter",
        replace(
            "safety.md",
            "reviewed_by: Sam Rivera, Test reviewer",
            "reviewed_by: see http://example.org",
        ),
        "link.insecure",
        "safety.md",
        7,
        "https://",
    ),
    # Files that cannot be read as pages.
    Case(
        "yaml syntax",
        replace("safety.md", "title: Staying safe", "title: Staying: safe"),
        "yaml.syntax",
        "safety.md",
        3,
        "quotes",
    ),
    Case(
        "yaml tab",
        replace("safety.md", "reading_minutes: 2", "reading_minutes:\n\t2"),
        "yaml.syntax",
        "safety.md",
        9,
        "tabs",
    ),
    Case(
        "duplicate key",
        replace("safety.md", "audience: client\n", "audience: client\ntitle: Again\n"),
        "yaml.duplicate-key",
        "safety.md",
        5,
        "twice",
    ),
    Case(
        "no front matter",
        write("extra.md", "# A page\n\nNo front matter here.\n"),
        "page.no-front-matter",
        "extra.md",
        1,
    ),
    Case(
        "front matter never closes",
        write("extra.md", "---\ntopic: safety\n\n# A page\n"),
        "page.front-matter-unclosed",
        "extra.md",
        1,
    ),
    Case("empty page", write("extra.md", ""), "page.empty", "extra.md", 1),
    Case(
        "front matter is a list",
        write("extra.md", "---\n- topic\n- title\n---\n\n# A page\n"),
        "page.type",
        "extra.md",
        1,
        "the front matter should be",
    ),
    Case(
        "not utf-8",
        write("extra.md", page("welcome").encode() + b"Caf\xe9 au lait.\n"),
        "file.encoding",
        "extra.md",
        13,
        "UTF-8",
    ),
    Case(
        "binary file",
        write("extra.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "file.binary",
        "extra.md",
        1,
    ),
    Case(
        "deep nesting",
        replace("safety.md", "title: Staying safe", "title: " + "[" * 30000 + "]" * 30000),
        "yaml.syntax",
        "safety.md",
        2,
        "nested too deeply",
    ),
    Case(
        "alias bomb",
        replace("safety.md", "title: Staying safe\n", ALIAS_BOMB),
        "yaml.syntax",
        "safety.md",
        3,
        "too large",
    ),
    # Topics and sections.
    Case(
        "unknown topic",
        replace("safety.md", "topic: safety", "topic: saftey"),
        "topic.unknown",
        "safety.md",
        2,
        "did you mean 'safety'?",
    ),
    Case(
        "duplicate topic",
        write("attendance-2.md", page("attendance")),
        "topic.duplicate",
        "attendance-2.md",
        2,
        "(also attendance.md)",
    ),
    Case(
        "missing topic",
        remove("skills-group.md"),
        "topic.missing",
        "TOPICS",
        lambda: topic_line("skills-group"),
        "'skills-group'",
    ),
    Case(
        "missing trainer module",
        remove("suicide-risk.md"),
        "topic.missing",
        "TOPICS",
        lambda: topic_line("suicide-risk"),
        "'suicide-risk'",
    ),
    Case(
        "missing first-weeks topic",
        remove("first-weeks.md"),
        "topic.missing",
        "TOPICS",
        lambda: topic_line("first-weeks"),
        "'first-weeks'",
    ),
    Case(
        "missing other-care topic",
        remove("other-care.md"),
        "topic.missing",
        "TOPICS",
        lambda: topic_line("other-care"),
        "'other-care'",
    ),
    Case(
        "missing section of the first weeks",
        replace("first-weeks.md", "(cannot-fail)=\n", ""),
        "section.missing",
        "first-weeks.md",
        2,
        "(cannot-fail)=",
    ),
    Case(
        "missing first-visit section",
        replace("first-weeks.md", "(first-visit)=\n", ""),
        "section.missing",
        "first-weeks.md",
        2,
        "(first-visit)=",
    ),
    Case(
        "missing fees section",
        replace("therapeutic-relationship.md", "(fees)=\n", ""),
        "section.missing",
        "therapeutic-relationship.md",
        2,
        "(fees)=",
    ),
    Case(
        "missing section of other care",
        replace("other-care.md", "(age-and-family)=\n", ""),
        "section.missing",
        "other-care.md",
        2,
        "(age-and-family)=",
    ),
    Case(
        "missing section",
        replace("attendance.md", "(cancellation)=\n", ""),
        "section.missing",
        "attendance.md",
        2,
        "(cancellation)=",
    ),
    Case(
        "label not before a heading",
        replace("safety.md", "(emergency)=\n## About emergency\n", "(emergency)=\nJust a line.\n"),
        "section.missing",
        "safety.md",
        30,
        "directly before a heading",
    ),
    Case(
        "section on the wrong page",
        write("extra.md", page("privacy", "# Privacy\n\n(crisis-plan)=\n## Plan\n")),
        "section.duplicate",
        "extra.md",
        12,
        "safety.md:20",
    ),
    Case(
        "no title heading",
        replace("safety.md", "# Staying safe\n", ""),
        "page.heading",
        "safety.md",
        10,
        "# Title",
    ),
    # Page bodies.
    Case(
        "unknown substitution",
        replace("attendance.md", "{{session_length}}", "{{sesion_length}}"),
        "substitution.unknown",
        "attendance.md",
        13,
        "did you mean {{session_length}}?",
    ),
    Case(
        "raw html",
        replace("safety.md", "This page is part", "<div>This</div> page is part"),
        "content.raw-html",
        "safety.md",
        13,
        "<div>",
    ),
    Case(
        "html comment",
        replace("safety.md", "This page is part", "<!-- note --> This page is part"),
        "content.raw-html",
        "safety.md",
        13,
        "%",
    ),
    Case(
        "raw block",
        replace("safety.md", "(emergency)=", "```{raw} html\n<b>hi</b>\n```\n\n(emergency)="),
        "content.raw-html",
        "safety.md",
        30,
        "{raw}",
    ),
    Case(
        "script tag in code",
        replace(
            "safety.md", "(emergency)=", "```text\n<script>alert(1)</script>\n```\n\n(emergency)="
        ),
        "content.script",
        "safety.md",
        31,
    ),
    Case(
        "javascript link",
        replace("safety.md", "Ask us if", "[Ask](javascript:alert(1)) us if"),
        "content.script",
        "safety.md",
        23,
    ),
    Case(
        "http link",
        replace("safety.md", "Ask us if", "[Ask](http://example.org) us if"),
        "link.insecure",
        "safety.md",
        23,
        "https://example.org",
    ),
    Case(
        "http autolink",
        replace("safety.md", "Ask us if", "<http://example.org> Ask us if"),
        "link.insecure",
        "safety.md",
        23,
    ),
    Case(
        "hard to read",
        replace(
            "attendance.md",
            "talk with you about coming back.\n",
            "talk with you about coming back.\n" + HARD_PROSE,
        ),
        "readability.grade",
        "attendance.md",
        1,
        "plainer words: line 50 (grade",
    ),
    # The clinic's settings.
    Case("clinic file missing", remove("clinic.yaml"), "clinic.missing", "clinic.yaml", 1),
    Case(
        "clinic file empty",
        write("clinic.yaml", "# nothing yet\n"),
        "clinic.missing-key",
        "clinic.yaml",
        1,
        "'clinic'",
    ),
    Case(
        "clinic file is a list",
        write("clinic.yaml", "- clinic\n- program\n"),
        "clinic.type",
        "clinic.yaml",
        1,
        "the file should be",
    ),
    Case(
        "clinic yaml syntax",
        replace("clinic.yaml", "  days: every day", "\tdays: every day"),
        "yaml.syntax",
        "clinic.yaml",
        31,
        "tabs",
    ),
    # Mistakes caught where they are made (issue 16), each at its own line.
    Case(
        "clinic unclosed quote",
        replace("clinic.yaml", 'phone: "(555) 010-0100"', 'phone: "(555) 010-0100'),
        "yaml.syntax",
        "clinic.yaml",
        8,
        "closed only on line",
    ),
    Case(
        "clinic unclosed bracket",
        replace("clinic.yaml", "  days: every day", "  days: [every day"),
        "yaml.syntax",
        "clinic.yaml",
        31,
        "brackets",
    ),
    Case(
        "phone of five digits",
        replace("clinic.yaml", 'phone: "(555) 010-0100"', 'phone: "55501"'),
        "clinic.phone",
        "clinic.yaml",
        8,
        "'clinic.phone' \"55501\" has too few digits for a phone number in US",
    ),
    Case(
        "phone of six digits",
        replace("clinic.yaml", 'phone: "(555) 010-0199"', 'phone: "555019"'),
        "clinic.phone",
        "clinic.yaml",
        30,
        "too few digits",
    ),
    Case(
        "phone extension without an area code",
        replace("clinic.yaml", 'phone: "(555) 010-0100"', 'phone: "555-0142 ext 3"'),
        "clinic.phone",
        "clinic.yaml",
        8,
        "(with extension 3) has no area code",
    ),
    Case(
        "phone with a digit too many",
        replace("clinic.yaml", 'phone: "(555) 010-0100"', 'phone: "(555) 010-01000"'),
        "clinic.phone",
        "clinic.yaml",
        8,
        "too many digits",
    ),
    Case(
        "crisis line not a short number",
        replace("clinic.yaml", 'phone: "988"', 'phone: "977"'),
        "clinic.phone",
        "clinic.yaml",
        47,
        "or a short number used in US",
    ),
    Case(
        "phone written with letters",
        replace("clinic.yaml", 'phone: "(555) 010-0100"', 'phone: "(555) DBT-HELP"'),
        "clinic.format",
        "clinic.yaml",
        8,
        'an extension after ext., such as "(555) 010-0100 ext. 3"',
    ),
    Case(
        "unknown country",
        replace("clinic.yaml", 'phone: "(555) 010-0100"', 'phone: "(555) 010-0100"\n  country: ZZ'),
        "clinic.country",
        "clinic.yaml",
        9,
        "'ZZ'",
    ),
    Case(
        "empty statement",
        replace(
            "attendance.md",
            "- [come-to-sessions] I will come to every session I can.",
            "- [come-to-sessions]",
        ),
        "ack.empty-statement",
        "attendance.md",
        55,
        "the statement [come-to-sessions] has no words",
    ),
    Case(
        "clinic wrong type",
        replace("clinic.yaml", 'phone: "988"', "phone: 988"),
        "clinic.type",
        "clinic.yaml",
        47,
        "in quotes",
    ),
    Case(
        "clinic missing key",
        replace("clinic.yaml", "  response_minutes: 60\n", ""),
        "clinic.missing-key",
        "clinic.yaml",
        29,
        "'response_minutes' under 'coaching'",
    ),
    Case(
        "clinic unknown key",
        replace("clinic.yaml", "  address:", "  fax: 555\n  address:"),
        "clinic.unknown-key",
        "clinic.yaml",
        10,
        "'clinic.fax'",
    ),
    Case(
        "clinic email",
        replace(
            "clinic.yaml", "email: intake@riverside-dbt.example.org", "email: intake at riverside"
        ),
        "clinic.format",
        "clinic.yaml",
        9,
        "e-mail address",
    ),
    Case(
        "clinic phone",
        replace("clinic.yaml", 'phone: "(555) 010-0100"', "phone: call the front desk"),
        "clinic.format",
        "clinic.yaml",
        8,
        "phone number",
    ),
    Case(
        "clinic http url",
        replace("clinic.yaml", "https://riverside-dbt", "http://riverside-dbt"),
        "link.insecure",
        "clinic.yaml",
        15,
        "https://",
    ),
    Case(
        "clinic url not a url",
        replace(
            "clinic.yaml",
            "chat_url: https://988lifeline.org/chat",
            "chat_url: the lifeline website",
        ),
        "clinic.format",
        "clinic.yaml",
        49,
        "web address",
    ),
    Case(
        # A ')' would end the page's Markdown link early: the rest would show as text.
        "clinic url with a parenthesis",
        replace("clinic.yaml", "example.org/privacy", "example.org/privacy)x"),
        "clinic.format",
        "clinic.yaml",
        15,
        "web address",
    ),
    Case(
        "clinic hour range",
        replace("clinic.yaml", "closes: 21", "closes: 25"),
        "clinic.range",
        "clinic.yaml",
        33,
        "0 to 24",
    ),
    Case(
        "clinic quarter hours",
        replace("clinic.yaml", "opens: 8", "opens: 8.1"),
        "clinic.range",
        "clinic.yaml",
        32,
        "quarter hours",
    ),
    Case(
        "clinic hours order",
        replace("clinic.yaml", "closes: 17", "closes: 5"),
        "clinic.hours-order",
        "clinic.yaml",
        14,
        "later than",
    ),
    Case(
        "clinic missed weeks",
        replace("clinic.yaml", "missed_weeks_in_a_row: 4", "missed_weeks_in_a_row: 0"),
        "clinic.range",
        "clinic.yaml",
        23,
        "1 to 12",
    ),
    Case(
        "clinic minutes not whole",
        replace(
            "clinic.yaml", "individual_session_minutes: 50", "individual_session_minutes: 50.5"
        ),
        "clinic.type",
        "clinic.yaml",
        19,
        "whole number",
    ),
    Case(
        "clinic language",
        replace("clinic.yaml", "language: en", "language: English"),
        "clinic.format",
        "clinic.yaml",
        54,
        "language code",
    ),
    Case(
        "clinic group time",
        replace("clinic.yaml", 'starts: "6:00 pm"', "starts: evening"),
        "clinic.format",
        "clinic.yaml",
        26,
        "6:00 pm",
    ),
    Case(
        "clinic brackets",
        replace("clinic.yaml", "name: Riverside DBT Program", "name: Riverside [DBT] Program"),
        "clinic.unsafe-value",
        "clinic.yaml",
        7,
        "markup",
    ),
    Case(
        "clinic javascript",
        replace("clinic.yaml", "days: every day", "days: javascript:alert(1)"),
        "clinic.unsafe-value",
        "clinic.yaml",
        31,
        "javascript:",
    ),
    Case(
        "clinic boolean",
        replace("clinic.yaml", "uses_24_hour_rule: false", "uses_24_hour_rule: sometimes"),
        "clinic.type",
        "clinic.yaml",
        37,
        "true or false",
    ),
    Case(
        "clinic duplicate key",
        replace("clinic.yaml", '  text: "988"\n', '  text: "988"\n  text: "741741"\n'),
        "yaml.duplicate-key",
        "clinic.yaml",
        49,
        "twice",
    ),
]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "root"
    shutil.copytree(VALID, copy)
    return copy


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_the_valid_root_passes_with_a_one_line_summary(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["--content", str(root)], capsys)
    assert code == 0, out
    assert out.count("\n") == 1 and out.startswith("Valid: 22 pages"), out
    assert err == ""


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_broken_input_names_its_file_line_and_rule(
    case: Case, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case.change(root)
    code, out, _ = run_cli(["--content", str(root)], capsys)
    assert code == 1, out
    path = display_path(TOPICS) if case.file == "TOPICS" else root / case.file
    line = case.line() if callable(case.line) else case.line
    start = f"{path}:{line}: [{case.rule}] "
    found = [text for text in out.splitlines() if text.startswith(start)]
    assert found, f"expected a line starting {start!r}; got:\n{out}"
    assert any(case.says in text for text in found), f"{case.says!r} not in {found}"


def test_every_rule_is_covered_by_a_case() -> None:
    rules = {case.rule for case in CASES}
    assert len(CASES) >= 25
    for rule in (
        "page.unknown-key", "page.missing-key", "topic.missing", "topic.duplicate",
        "topic.unknown", "section.missing", "clinic.type", "yaml.syntax", "content.raw-html",
        "content.script", "link.insecure", "readability.grade", "substitution.unknown",
        "clinic.missing", "clinic.unsafe-value", "clinic.hours-order", "clinic.phone",
        "clinic.country", "ack.empty-statement",
    ):  # fmt: skip
        assert rule in rules


def test_every_problem_is_reported_at_once_and_sorted(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for case in CASES:
        if case.id in ("unknown key", "unknown substitution", "clinic email", "clinic hours order"):
            case.change(root)
    code, out, err = run_cli(["--content", str(root)], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines == sorted(lines, key=lambda text: (text.split(":")[0], int(text.split(":")[1])))
    assert [text.split("] ")[0].split("[")[1] for text in lines] == [
        "page.unknown-key",
        "substitution.unknown",
        "clinic.format",
        "clinic.hours-order",
    ]
    assert err == "4 problems to fix.\n"


def test_a_problem_in_a_page_is_found_while_the_clinic_file_is_broken(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Substitution names then come from the schema's example settings."""
    replace("clinic.yaml", "closes: 17", "closes: [17]")(root)
    replace("safety.md", "Ask us if", "Call {{clinic_fax}}. Ask us if")(root)
    code, out, _ = run_cli(["--content", str(root)], capsys)
    assert code == 1
    assert f"{root}/clinic.yaml:14: [clinic.type]" in out
    assert f"{root}/safety.md:23: [substitution.unknown]" in out
    assert out.count("[substitution.unknown]") == 1


def test_a_broken_front_matter_does_not_also_lose_the_pages_topic(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace("safety.md", "title: Staying safe", "title: Staying: safe")(root)
    code, out, _ = run_cli(["--content", str(root)], capsys)
    assert code == 1
    assert "[yaml.syntax]" in out and "[topic.missing]" not in out, out


def test_clinic_option_and_default(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = root.parent / "settings.yaml"
    (root / "clinic.yaml").rename(elsewhere)
    code, out, _ = run_cli(["--content", str(root)], capsys)
    assert code == 1 and f"{root}/clinic.yaml:1: [clinic.missing]" in out
    code, out, _ = run_cli(["--content", str(root), "--clinic", str(elsewhere)], capsys)
    assert code == 0, out


def test_max_grade_option_and_report(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["--content", str(root), "--report"], capsys)
    assert code == 0
    table = out.splitlines()
    assert table[0].split() == ["page", "audience", "words", "grade", "status"]
    assert len(table) == 1 + 22 + 1  # header, one row a page, the summary
    trainer = next(row for row in table if "trainer-notes.md" in row)
    assert "no limit (trainer)" in trainer
    code, out, _ = run_cli(["--content", str(root), "--max-grade", "1"], capsys)
    assert code == 1
    assert "[readability.grade] reading grade" in out and "above the limit of 1 " in out


@pytest.mark.parametrize(
    "args",
    [
        ["--no-such-option"],
        ["--max-grade", "abc"],
        ["--max-grade", "-3"],
        ["--content", "/no/such"],
    ],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(args, capsys)
    assert code == 2
    assert err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["--help"], capsys)
    assert code == 0 and "--max-grade" in out


def test_the_command_line_entry_point(root: Path) -> None:
    replace("safety.md", "Ask us if", "Call {{clinic_fax}}. Ask us if")(root)
    done = subprocess.run(
        [sys.executable, "-m", "build_tools", "validate", "--content", str(root)],
        capture_output=True,
        text=True,
        cwd=root.parent,  # paths print relative to the working folder
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("root/safety.md:23: [substitution.unknown] ")
    assert "Traceback" not in done.stderr


def test_the_build_stops_with_the_same_messages_and_keeps_the_last_good_site(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import run_build

    out = tmp_path / "html"
    out.mkdir()
    (out / "index.html").write_text("the last good site", encoding="utf-8")
    replace("safety.md", "Ask us if", "[Ask](http://example.org) us if")(root)
    replace("clinic.yaml", "closes: 21", "closes: 25")(root)
    expected = [str(problem) for problem in validate_project(root, root / "clinic.yaml")]
    assert len(expected) == 2

    code, printed = run_build(root, out)

    assert code != 0
    for line in expected:
        assert line in printed, printed
    # Sphinx 9 wraps any exception from an event handler in a crash report.
    assert "Traceback" not in printed and "Versions" not in printed, printed
    assert (out / "index.html").read_text(encoding="utf-8") == "the last good site"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["html", "root"]


def test_the_valid_root_builds(tmp_path: Path) -> None:
    """What the validator accepts, the strict Sphinx build accepts too."""
    from conftest import run_build

    code, printed = run_build(VALID, tmp_path / "html")
    assert code == 0, printed


def test_the_excluded_names_follow_conf_py() -> None:
    conf = runpy.run_path(str(REPO / "conf.py"))
    assert tuple(conf["exclude_patterns"]) == EXCLUDE_PATTERNS


def test_substitution_names_from_the_example_match_the_real_ones() -> None:
    settings = yaml.safe_load((VALID / "clinic.yaml").read_text(encoding="utf-8"))
    assert substitution_names(None) == set(clinic.substitutions(settings))


# Hypothesis: whatever is in the front matter or the clinic file, no traceback.

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates().map(str),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=8,
)
KEYS = st.sampled_from(
    ["topic", "title", "audience", "summary", "last_reviewed", "reviewed_by", "reading_minutes"]
) | st.text(max_size=12)


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("fuzz") / "root"
    shutil.copytree(VALID, copy)
    return copy


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    front=st.one_of(
        st.dictionaries(KEYS, VALUES, max_size=8).map(dump),
        st.text(max_size=200),
        st.lists(VALUES, max_size=3).map(dump),
    ),
    body=st.text(max_size=200),
)
def test_random_front_matter_never_crashes(fuzz_root: Path, front: str, body: str) -> None:
    (fuzz_root / "fuzz.md").write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    for problem in validate_project(fuzz_root, fuzz_root / "clinic.yaml"):
        assert problem.line >= 1 and problem.rule and problem.message


def mutate_clinic(data: dict[str, object], path: list[str], value: object, delete: bool) -> object:
    node: object = data
    for key in path[:-1]:
        if not isinstance(node, dict) or key not in node:
            return data
        node = node[key]
    if isinstance(node, dict):
        if delete:
            node.pop(path[-1], None)
        else:
            node[path[-1]] = value
    return data


CLINIC = yaml.safe_load((VALID / "clinic.yaml").read_text(encoding="utf-8"))
CLINIC_PATHS = [[section, key] for section, block in CLINIC.items() for key in block] + [
    ["clinic", "office_hours", "opens"],
    ["program", "skills_group", "starts"],
    ["extra"],
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(CLINIC_PATHS), VALUES, st.booleans()), min_size=1, max_size=4
    ),
    raw=st.one_of(st.none(), st.text(max_size=200), st.binary(max_size=50)),
)
def test_random_clinic_files_never_crash(
    fuzz_root: Path, changes: list[tuple[list[str], object, bool]], raw: str | bytes | None
) -> None:
    target = fuzz_root / "clinic.yaml"
    if raw is None:
        data = json.loads(json.dumps(CLINIC))
        for path, value, delete in changes:
            mutate_clinic(data, path, value, delete)
        target.write_text(dump(data), encoding="utf-8")
    elif isinstance(raw, bytes):
        target.write_bytes(raw)
    else:
        target.write_text(raw, encoding="utf-8")
    for problem in validate_project(fuzz_root, target):
        assert problem.line >= 1 and problem.rule and problem.message


def test_the_broken_root_stops_the_build_with_every_problem(build_root: Any) -> None:
    """tests/roots/validate-broken has a problem of most kinds; the build lists them all."""
    root = REPO / "tests" / "roots" / "validate-broken"
    expected = [str(problem) for problem in validate_project(root, root / "clinic.yaml")]
    rules = {line.split("[")[1].split("]")[0] for line in expected}
    assert {
        "topic.missing", "clinic.type", "page.unknown-key", "link.insecure",
        "substitution.unknown", "content.raw-html", "readability.grade", "section.missing",
    } <= rules  # fmt: skip
    printed = build_root("validate-broken", expect_failure=True)
    for line in expected:
        assert line in printed

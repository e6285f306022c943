"""Check content/clinic.yaml: readable, valid YAML, the schema, and what a schema cannot say."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import schema_problems
from .frontmatter import FileProblem, read_text
from .grade_cache import GradeCache
from .problems import Problem
from .yamllines import Located, YamlSyntaxError, parse

# Blocks with an opening and a closing hour; JSON Schema cannot compare two values.
HOUR_BLOCKS = (("clinic", "office_hours"), ("coaching",))


def check_clinic(
    path: Path, cache: GradeCache | None = None
) -> tuple[list[Problem], dict[str, Any] | None]:
    """(problems, settings); settings only when there is no problem. ``cache``: checks
    remembered by the file's text (an incremental build's), so an unchanged file is
    only parsed."""
    if not path.is_file():
        what = "is a folder, not a file" if path.is_dir() else "is missing"
        return [
            Problem(
                path,
                1,
                "clinic.missing",
                f"the clinic settings file {what}; copy content/clinic.yaml from the project "
                "and fill in your clinic's values",
            )
        ], None
    try:
        text = read_text(path)
    except FileProblem as problem:
        return [Problem(path, problem.line, problem.rule, problem.message)], None
    if not text.strip():
        return [Problem(path, 1, "clinic.empty", "the clinic settings file is empty")], None
    try:
        located = parse(text)
    except YamlSyntaxError as error:
        return [Problem(path, error.line, "yaml.syntax", error.message)], None
    problems = [Problem(path, *issue) for issue in located.issues]
    if located.data is None:  # only comments
        located.data = {}
    known = cache.problems_for(text, CLINIC_KEY) if cache is not None else None
    if known is None:
        found = checked(path, located)
        known = [(problem.line, problem.rule, problem.message) for problem in found]
        if cache is not None:
            cache.put_problems(text, CLINIC_KEY, known)
    problems += [Problem(path, *problem) for problem in known]
    return problems, (located.data if not problems else None)


# The clinic file's checks share the cache's front-matter table under this "line".
CLINIC_KEY = 0


def checked(path: Path, located: Located) -> list[Problem]:
    """The schema, the hours and the phone numbers (phonenumbers loads on first use)."""
    problems = schema_problems.check(located.data, located, path, "clinic.schema.json", "clinic")
    problems += hours_order(path, located)
    if not problems:
        from .phone_check import check_phones

        # Only on values the schema passed: their shape is known to be a phone number's.
        problems += check_phones(path, located)
    return problems


def hours_order(path: Path, located: Located) -> list[Problem]:
    problems = []
    for block_path in HOUR_BLOCKS:
        block: Any = located.data
        for key in block_path:
            block = block.get(key) if isinstance(block, dict) else None
        if not isinstance(block, dict):
            continue
        opens, closes = block.get("opens"), block.get("closes")
        if not isinstance(opens, int | float) or not isinstance(closes, int | float):
            continue  # the schema has already reported it
        if opens >= closes and not isinstance(opens, bool) and not isinstance(closes, bool):
            where = ".".join(block_path)
            problems.append(
                Problem(
                    path,
                    located.line_of((*block_path, "closes")),
                    "clinic.hours-order",
                    f"'{where}.closes' ({closes}) must be later than '{where}.opens' ({opens}); "
                    "hours run from 0 to 24, so 9 pm is 21 (open all day: opens 0, closes 24)",
                )
            )
    return problems

"""Check every page and the clinic settings before a build, and report every problem at once.

The promise: if validation passes, every required agreement has its page with
its labelled sections, every page's front matter is whole, the clinic's
settings are whole and sane, nothing unsafe is on a page, and client pages
read at or below the grade limit. Each problem prints as
``path:line: [rule] message``; the same lines stop the Sphinx build
(build_tools.site calls ``validate_project`` on config-inited).
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.util.matching import get_matching_files

from .. import clinic
from ..config import OPTIONS
from ..content_guard.links import links_out_of
from . import schema_problems, signoff
from .clinic_check import check_clinic
from .grade_cache import GradeCache
from .page_check import PageResult, check_page
from .problems import Problem, display_path
from .topic_check import check_topics, load_manifest
from .translation_check import Reading, check_translations, translation_codes


def configured_default(name: str = "dbt_max_reading_grade") -> float:
    """The CLI's default limit is the Sphinx option's default, declared once in config.py."""
    option = next(o for o in OPTIONS if o.name == name)
    assert isinstance(option.default, int | float)
    return float(option.default)


DEFAULT_MAX_GRADE = configured_default()
DEFAULT_MIN_EASE = configured_default("dbt_min_reading_ease")


@dataclass
class Outcome:
    problems: list[Problem]
    pages: list[PageResult]
    clinic_file: Path
    readings: list[Reading] = field(default_factory=list)
    # Client pages past the clinic's review period: warnings, not problems (signoff.py).
    stale: list[Problem] = field(default_factory=list)
    # The translations the clinic enables, when its settings could be read.
    translations: list[str] = field(default_factory=list)


# The same patterns as conf.py's exclude_patterns (a test keeps them in step), matched
# the way Sphinx matches them, so the validator checks exactly the pages Sphinx reads.
EXCLUDE_PATTERNS = ("**/_*", "**/.*")


def page_files(content: Path) -> list[Path]:
    """Every .md page Sphinx would read from ``content``."""
    found = get_matching_files(content, ("**.md",), EXCLUDE_PATTERNS)
    return sorted(content / name for name in found)


def substitution_names(settings: Mapping[str, Any] | None) -> Collection[str]:
    """The names pages may use. From the clinic's own settings when they are valid,
    else from the schema's example, so pages are still checked while clinic.yaml is broken."""
    example = schema_problems.load_schema("clinic.schema.json")["examples"][0]
    return frozenset(clinic.substitutions(settings if settings is not None else example))


def run(
    content: Path,
    clinic_file: Path,
    *,
    max_grade: float = DEFAULT_MAX_GRADE,
    min_ease: float = DEFAULT_MIN_EASE,
    grade_all: bool = True,
    translations: Sequence[str] | None = None,
    grades: GradeCache | None = None,
) -> Outcome:
    # Checking makes many short-lived objects and almost no reference cycles; the
    # cycle collector would only slow it down (by a third on 1,000 pages).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return run_checks(
            content, clinic_file, max_grade, min_ease, grade_all, translations, grades
        )
    finally:
        if enabled:
            gc.enable()


def run_checks(
    content: Path,
    clinic_file: Path,
    max_grade: float,
    min_ease: float,
    grade_all: bool,
    translations: Sequence[str] | None,
    grades: GradeCache | None = None,
) -> Outcome:
    problems, settings = check_clinic(clinic_file, grades)
    if settings is not None:
        try:
            names = substitution_names(settings)
        except (KeyError, TypeError, ValueError, IndexError) as error:
            # The schema and clinic.py disagree: report it rather than crash.
            problems.append(
                Problem(
                    clinic_file, 1, "clinic.unusable", f"the settings cannot be used: {error!r}"
                )
            )
            names = substitution_names(None)
    else:
        names = substitution_names(None)
    language = str((settings or {}).get("site", {}).get("language", "en"))
    if not content.is_dir():
        problems.append(Problem(content, 1, "content.missing", "the content folder is missing"))
        return Outcome(sorted(set(problems)), [], clinic_file)
    problems += [
        Problem(
            link,
            1,
            "content.file-access",
            "a symbolic link out of the content folder is not allowed: replace it with the "
            "file itself",
        )
        for link in links_out_of(content)
    ]
    pages = [
        check_page(
            path,
            max_grade=max_grade,
            names=names,
            grade_all=grade_all,
            root=content,
            language=language,
            grades=grades,
        )
        for path in page_files(content)
    ]

    for page in pages:
        problems.extend(page.problems)
    facts = [page.facts for page in pages if page.facts is not None]
    problems.extend(check_topics(load_manifest(cache=grades), facts))
    if grades is not None:
        grades.save()
    readings: list[Reading] = []
    if settings is not None:
        client_pages = [page.path for page in pages if page.audience == "client"]
        found, readings = check_translations(
            content,
            clinic_file,
            settings,
            client_pages,
            min_ease=min_ease,
            only=translations,
            names=names,
        )
        problems += found
    reviews = [(p.path, *p.reviewed) for p in pages if p.audience == "client" and p.reviewed]
    late = signoff.stale(reviews, signoff.review_every(settings), signoff.today())
    codes = translation_codes(settings) if settings is not None else []
    return Outcome(sorted(set(problems)), pages, clinic_file, readings, late, codes)


def validate_project(
    content: Path,
    clinic_file: Path,
    *,
    max_grade: float = DEFAULT_MAX_GRADE,
    min_ease: float = DEFAULT_MIN_EASE,
    translations: Sequence[str] | None = None,
    warnings: list[Problem] | None = None,
    grade_cache: Path | None = None,
) -> list[Problem]:
    """Every problem in ``content`` and ``clinic_file``, sorted; empty when all is well.

    ``translations``: the translations to check (None: every one clinic.yaml enables).
    ``warnings``: if given, receives what does not stop a build (pages due a review).
    ``grade_cache``: a file of grades measured before (an incremental build's doctree
    folder keeps one), so unchanged pages are not measured again.
    """
    # Problems only: trainer pages' grades (no limit) are left unmeasured.
    outcome = run(
        content,
        clinic_file,
        max_grade=max_grade,
        min_ease=min_ease,
        grade_all=False,
        translations=translations,
        grades=GradeCache(grade_cache) if grade_cache is not None else None,
    )
    if warnings is not None:
        warnings.extend(outcome.stale)
    return outcome.problems


def stale_reviews(content: Path, clinic_file: Path) -> tuple[list[Problem], list[Problem]]:
    """(problems, client pages due a clinical review) for ``make dist``."""
    late: list[Problem] = []
    return validate_project(content, clinic_file, warnings=late), late


def grade_limit(text: str) -> float:
    value = float(text)
    if not 0 < value <= 30:
        raise argparse.ArgumentTypeError("must be a grade above 0 and at most 30")
    return value


def report(outcome: Outcome, max_grade: float) -> str:
    rows = [("page", "audience", "words", "grade", "status")]
    for page in outcome.pages:
        if page.score is None:
            rows.append((display_path(page.path), "?", "-", "-", "unreadable"))
            continue
        words, grade = page.score.words, page.score.grade
        if page.audience != "client":
            status = "no limit (trainer)"
        elif not words:
            status = "no prose"
        else:
            status = "ok" if grade <= max_grade else f"above {max_grade:g}"
        rows.append((display_path(page.path), page.audience, str(words), f"{grade:.1f}", status))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for row in rows:
        cells = [
            row[i].rjust(widths[i]) if i in (2, 3) else row[i].ljust(widths[i]) for i in range(5)
        ]
        lines.append("  ".join(cells).rstrip())
    for reading in outcome.readings:
        lines.append(
            f"{display_path(reading.path)}  {reading.language}  {reading.words} words  "
            f"reading ease {reading.ease:.1f} (Szigriszt-Pazos/INFLESZ)"
        )
    return "\n".join(lines)


def summary(outcome: Outcome, max_grade: float) -> str:
    graded = [p.score.grade for p in outcome.pages if p.score and p.audience == "client"]
    highest = (
        f"; highest client reading grade {max(graded):.1f} (limit {max_grade:g})" if graded else ""
    )
    count = len(outcome.pages)
    return (
        f"Valid: {count} page{'s' if count != 1 else ''} and "
        f"{display_path(outcome.clinic_file)}{highest}."
    )


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_tools validate",
        description="Check the pages and clinic settings; list every problem as "
        "path:line: [rule] message. Exit 0 when valid, 1 with problems, 2 on a usage error.",
    )
    parser.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        metavar="DIR",
        help="the pages (default: content)",
    )
    parser.add_argument(
        "--clinic",
        type=Path,
        default=None,
        metavar="FILE",
        help="the clinic settings (default: DIR/clinic.yaml)",
    )
    parser.add_argument(
        "--max-grade",
        type=grade_limit,
        default=DEFAULT_MAX_GRADE,
        metavar="N",
        help=f"highest reading grade for client pages (default: {DEFAULT_MAX_GRADE:g})",
    )
    parser.add_argument(
        "--report", action="store_true", help="also print every page's reading grade and word count"
    )
    parser.add_argument(
        "--conf", type=Path, default=Path.cwd(), metavar="DIR", help="folder with conf.py"
    )
    try:
        options = parser.parse_args(list(argv))
    except SystemExit as stop:  # --help (0) or a usage error (2): return, do not exit
        return 0 if stop.code in (0, None) else 2
    content: Path = options.content
    if not content.is_dir():
        print(f"error: the content folder {content} does not exist", file=sys.stderr)
        return 2
    clinic_file: Path = options.clinic or content / "clinic.yaml"
    outcome = run(content, clinic_file, max_grade=options.max_grade)
    if outcome.translations:
        # Only the command: a build sees changed messages itself (languages.untranslated).
        from ..languages.stale import stale_messages

        stale = stale_messages(
            content, clinic_file.resolve(), outcome.translations, confdir=options.conf
        )
        if outcome.problems:
            # Broken pages may not extract at all; their own problems say why.
            stale = [p for p in stale if p.rule != "translation.extract"]
        outcome.problems = sorted({*outcome.problems, *stale})
    if options.report:
        print(report(outcome, options.max_grade))
    for problem in outcome.problems:
        print(problem)
    if outcome.problems:
        count = len(outcome.problems)
        print(f"{count} problem{'s' if count != 1 else ''} to fix.", file=sys.stderr)
        return 1
    print(summary(outcome, options.max_grade))
    return 0

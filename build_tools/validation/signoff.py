"""Clinical sign-off: each client page names the clinician who reviewed it, and is
reviewed again within the clinic's period.

A clinic puts its name on these pages only when a clinician has read and signed them,
so ``reviewed_by`` is a person and a role ("Dr. Ana Ruiz, Clinical director"): a role
alone, or a placeholder, signs nothing. Validation refuses those.

A page whose ``last_reviewed`` is older than ``clinical_review.review_every_months``
(clinic.yaml) is a warning while the clinic edits and previews (``make html``), and
stops ``make dist`` (the package a clinic publishes) unless someone overrides it with
a stated reason, which the package then carries.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable
from pathlib import Path

from .problems import Problem

REVIEWER_RULE = "signoff.reviewer"
STALE_RULE = "signoff.stale"
EXAMPLE = '"Dr. Ana Ruiz, Clinical director"'
DEFAULT_MONTHS = 12

# Words that make a role, never a person's name.
ROLE_WORDS = frozenset(
    {
        "clinical", "clinician", "clinic", "director", "directors", "therapist", "therapists",
        "team", "staff", "program", "lead", "leader", "manager", "supervisor", "psychologist",
        "psychiatrist", "coordinator", "training", "trainer", "dbt", "consultation", "senior",
        "chief", "medical", "head", "reviewer", "reviewers", "author", "authors", "suite",
        "test", "tests", "office", "intake", "counselor", "nurse", "doctor", "social",
        "worker", "administrator", "admin",
    }
)  # fmt: skip
PLACEHOLDERS = frozenset(
    {
        "tbd", "todo", "tba", "xxx", "n/a", "na", "none", "name", "your name", "full name",
        "first last", "firstname lastname", "first name last name", "jane doe", "john doe",
        "someone", "anyone", "placeholder", "reviewer name", "name here", "lorem ipsum",
    }
)  # fmt: skip
# A name's words: letters, with inner hyphens, apostrophes (' or U+2019) and dots.
WORD = re.compile(r"[^\W\d_]+(?:[-'\u2019.][^\W\d_]+)*\.?")


def reviewer_problem(value: str) -> str | None:
    """Why ``value`` does not sign a page, or None when it names a person and a role."""
    name, comma, role = (part.strip() for part in value.partition(","))
    if not comma or not role:
        return (
            f"reviewed_by {value!r} needs the reviewer's name and role, separated by a "
            f"comma, such as {EXAMPLE}"
        )
    words = WORD.findall(name)
    plain = " ".join(word.lower().rstrip(".") for word in words)
    if plain in PLACEHOLDERS or role.lower() in PLACEHOLDERS:
        return f"reviewed_by {value!r} is a placeholder: write who reviewed it, such as {EXAMPLE}"
    if len(words) < 2 or not any(c.isupper() for c in name):
        return (
            f"reviewed_by {value!r}: {name!r} is not a person's full name; write the "
            f"reviewer's name, then their role, such as {EXAMPLE}"
        )
    if all(word.lower().rstrip(".") in ROLE_WORDS for word in words):
        return (
            f"reviewed_by {value!r} names a role, not a person: write the reviewer's "
            f"name before the role, such as {EXAMPLE}"
        )
    return None


def today() -> datetime.date:
    """The date reviews are judged against: DBT_REVIEW_DATE (YYYY-MM-DD) when set, so a
    test suite or a rebuild of an old release gives the same answer on any day."""
    fixed = os.environ.get("DBT_REVIEW_DATE", "").strip()
    return datetime.date.fromisoformat(fixed) if fixed else datetime.date.today()


def as_date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None  # the schema reports it


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - 28 always exists


def review_every(settings: dict[str, object] | None) -> int:
    block = (settings or {}).get("clinical_review")
    months = block.get("review_every_months") if isinstance(block, dict) else None
    return months if isinstance(months, int) and not isinstance(months, bool) else DEFAULT_MONTHS


def stale(
    reviews: Iterable[tuple[Path, int, object]], months: int, today: datetime.date
) -> list[Problem]:
    """Pages (path, line of last_reviewed, its value) whose review is older than ``months``."""
    problems = []
    for path, line, value in reviews:
        reviewed = as_date(value)
        if reviewed is None:
            continue
        due = add_months(reviewed, months)
        if due < today:
            problems.append(
                Problem(
                    path,
                    line,
                    STALE_RULE,
                    f"last reviewed {reviewed.isoformat()}: clinical_review asks for a review "
                    f"every {months} months (due {due.isoformat()}); have a clinician review "
                    "the page, then update last_reviewed and reviewed_by",
                )
            )
    return sorted(problems)


def override_problem(reason: str) -> str | None:
    """Why an override reason is not a stated reason, or None when it is one."""
    words = WORD.findall(reason)
    if len(words) < 4 or reason.strip().lower() in PLACEHOLDERS:
        return (
            "--review-override needs a stated reason of a few words, such as "
            '"Clinical director on leave; review booked for 2027-01-15"'
        )
    return None

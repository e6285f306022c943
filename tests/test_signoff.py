"""Clinical sign-off: reviewed_by names a person and a role; a page past the clinic's
review period warns in the build and stops make dist unless a stated reason is given."""

from __future__ import annotations

import contextlib
import datetime
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from build_tools.publish.dist import DistFailed, make_dist, review_gate
from build_tools.validation import signoff
from build_tools.validation.validate import main
from conftest import REPO, ROOTS

VALID = ROOTS / "validate-valid"
REASON = "Clinical director on leave; review booked for 2027-01-15"


@pytest.mark.parametrize(
    "value",
    [
        "Dr. Ana Ruiz, Clinical director",
        "María José Pérez-Gómez, Psychologist",
        "Sam O'Neil, DBT team lead",
        "Dr. Alex Morgan, Clinical director",
    ],
)
def test_a_person_and_a_role_sign_the_page(value: str) -> None:
    assert signoff.reviewer_problem(value) is None


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("Clinical director", "name and role, separated by a comma"),
        ("Dr. Ana Ruiz,", "name and role, separated by a comma"),
        ("Clinical director, DBT program", "names a role, not a person"),
        ("Test suite, clinical reviewer", "names a role, not a person"),
        ("TBD, Clinical director", "placeholder"),
        ("Jane Doe, Therapist", "placeholder"),
        ("Your name, Your role", "placeholder"),
        ("Ana, Therapist", "not a person's full name"),
        ("ana ruiz, therapist", "not a person's full name"),
    ],
)
def test_a_role_alone_or_a_placeholder_signs_nothing(value: str, says: str) -> None:
    problem = signoff.reviewer_problem(value)
    assert problem is not None and says in problem, problem


def copy_valid(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(VALID, root)
    return root


def set_front(page: Path, key: str, value: str) -> int:
    """Set one front-matter key; return its line."""
    lines = page.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[at] = f"{key}: {value}"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


def test_validate_refuses_a_role_alone_on_a_client_page_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_valid(tmp_path)
    line = set_front(root / "safety.md", "reviewed_by", "Clinical director")
    set_front(root / "trainer-notes.md", "reviewed_by", "Training director")
    code = main(["--content", str(root)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"safety.md:{line}: [signoff.reviewer] reviewed_by 'Clinical director'" in out
    assert "trainer-notes.md" not in out


def test_a_review_is_due_after_the_clinics_period() -> None:
    reviews = [
        (Path("a.md"), 6, "2025-01-31"),
        (Path("b.md"), 6, datetime.date(2025, 11, 28)),
        (Path("c.md"), 6, "2026-06-01"),
    ]
    today = datetime.date(2026, 11, 28)
    late = signoff.stale(reviews, 12, today)
    assert [(p.path.name, p.line, p.rule) for p in late] == [("a.md", 6, "signoff.stale")]
    assert "due 2026-01-31" in late[0].message
    assert [p.path.name for p in signoff.stale(reviews, 6, today)] == ["a.md", "b.md"]
    assert signoff.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert signoff.review_every({"clinical_review": {"review_every_months": 6}}) == 6
    assert signoff.review_every({}) == signoff.DEFAULT_MONTHS


def test_the_review_date_can_be_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DBT_REVIEW_DATE", "2030-05-01")
    assert signoff.today() == datetime.date(2030, 5, 1)
    monkeypatch.delenv("DBT_REVIEW_DATE")
    assert signoff.today() == datetime.date.today()


def test_make_dist_stops_for_a_page_past_its_review_without_building(tmp_path: Path) -> None:
    root = copy_valid(tmp_path)
    line = set_front(root / "safety.md", "last_reviewed", "2020-01-15")
    with pytest.raises(DistFailed) as stopped:
        review_gate(root, root / "clinic.yaml", None)
    assert f"safety.md:{line}: [signoff.stale] last reviewed 2020-01-15" in str(stopped.value)
    assert "REVIEW_OVERRIDE=" in str(stopped.value)
    with pytest.raises(DistFailed, match="stated reason"):
        review_gate(root, root / "clinic.yaml", "because")
    assert review_gate(VALID, VALID / "clinic.yaml", None) is None


def test_with_a_stated_reason_the_package_is_made_and_carries_it(tmp_path: Path) -> None:
    root = copy_valid(tmp_path)
    set_front(root / "safety.md", "last_reviewed", "2020-01-15")
    printed = io.StringIO()
    with contextlib.redirect_stderr(printed), contextlib.redirect_stdout(printed):
        target = make_dist(
            root, tmp_path / "dist", confdir=REPO, colour=False, review_override=REASON
        )
    # The build itself only warns about the page (make html does the same).
    assert "[signoff.stale]" in printed.getvalue()
    assert "a warning: make dist stops until it is reviewed" in printed.getvalue()
    with zipfile.ZipFile(target) as package:
        names = package.namelist()
        carried = next(n for n in names if n.endswith("REVIEW-OVERRIDE.txt"))
        text = package.read(carried).decode("utf-8")
    assert REASON in text and "safety.md" in text

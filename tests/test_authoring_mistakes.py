"""Mistakes caught where they are made: in the English build, before any Spanish one,
and with a message that points the right way (issue 16). The line-by-line cases of
``make validate`` are in test_validate.py's CASES; these need a build or a catalog."""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from build_tools.clinic import tel
from build_tools.validation.clinic_check import check_clinic
from build_tools.validation.translation_check import check_catalog
from conftest import REPO, ROOTS, run_build

VALID_CLINIC = ROOTS / "validate-valid" / "clinic.yaml"


def test_an_empty_statement_stops_the_english_build_at_its_line(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root, ignore=shutil.ignore_patterns("*.mo", "locales"))
    text = (root / "clinic.yaml").read_text("utf-8")
    # English only: the mistake must not wait for a Spanish build to be found.
    (root / "clinic.yaml").write_text(text.replace("translations: [es]", "translations: []"))
    page = root / "agreements" / "attendance.md"
    lines = page.read_text("utf-8").splitlines(keepends=True)
    opening = next(i for i, line in enumerate(lines) if line.startswith(":::{acknowledgment}"))
    lines.insert(opening + 1, "- [diary-card]\n")
    page.write_text("".join(lines), "utf-8")
    code, printed = run_build(root, tmp_path / "html")
    assert code != 0
    expected = f"{page}:{opening + 2}: [ack.empty-statement] the statement [diary-card] has no"
    assert expected in printed, printed
    assert not (tmp_path / "html").exists()


def test_a_phone_with_an_extension_is_accepted_and_dialled_after_a_pause(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic.yaml"
    text = VALID_CLINIC.read_text("utf-8")
    clinic.write_text(text.replace('"(555) 010-0100"', '"(555) 010-0142 ext. 3"', 1), "utf-8")
    problems, settings = check_clinic(clinic)
    assert problems == [] and settings is not None
    assert settings["clinic"]["phone"] == "(555) 010-0142 ext. 3"
    assert tel("(555) 010-0142 ext. 3") == "5550100142,3"
    assert tel("555 010 0142 x12") == "5550100142,12"
    assert tel("+44 20 7946 0958") == "+442079460958"


def test_other_countries_are_checked_by_their_own_plan(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic.yaml"
    text = VALID_CLINIC.read_text("utf-8").replace(
        '  phone: "(555) 010-0100"\n', '  phone: "020 7946 0958"\n  country: GB\n', 1
    )
    clinic.write_text(text, "utf-8")
    problems, _ = check_clinic(clinic)
    # A London number is whole in Britain, and so is the 10-digit coaching number; the US
    # crisis lines (988 to call and text, 911) are not British short numbers.
    assert [(p.line, p.rule) for p in problems] == [
        (48, "clinic.phone"),
        (49, "clinic.phone"),
        (51, "clinic.phone"),
    ]
    assert "'crisis.phone' \"988\"" in problems[0].message
    assert "short number used in GB" in problems[0].message


def test_a_msgstr_copied_from_its_english_is_refused_at_its_line(tmp_path: Path) -> None:
    po = tmp_path / "index.po"
    shutil.copy(ROOTS / "translated" / "locales" / "es" / "LC_MESSAGES" / "index.po", po)
    with po.open("rb") as handle:
        catalog = read_po(handle)
    copied = next(m for m in catalog if isinstance(m.id, str) and m.id.startswith("I will come"))
    copied.string = copied.id
    # A short name may read the same in both languages.
    short = next(m for m in catalog if isinstance(m.id, str) and m.id and m is not copied)
    with po.open("wb") as handle:
        write_po(handle, catalog, width=76)
    with po.open("rb") as handle:
        line = next(m.lineno for m in read_po(handle) if m.id == copied.id)
    problems, _ = check_catalog(po, "es")
    assert [(p.line, p.rule) for p in problems] == [(line, "translation.copy")]
    assert "is the English text itself: write it in es" in problems[0].message
    assert short.string != short.id

"""Reading grades remembered between builds: an unchanged page is not measured again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from build_tools.validation import readability
from build_tools.validation.grade_cache import GradeCache
from build_tools.validation.validate import validate_project
from conftest import ROOTS

VALID = ROOTS / "validate-valid"


def test_unchanged_pages_take_their_grades_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "root"
    shutil.copytree(VALID, root)
    cache = tmp_path / "doctrees" / "grades.json"
    assert validate_project(root, root / "clinic.yaml", grade_cache=cache) == []
    stored = json.loads(cache.read_text("utf-8"))
    assert (
        stored["version"].startswith("1/textstat-")
        and "/checks-" in stored["version"]
        and len(stored["grades"]) >= 5
    )

    def no_dictionary() -> Any:
        raise AssertionError("textstat was needed for a page whose text did not change")

    monkeypatch.setattr(readability, "textstat", no_dictionary)
    assert validate_project(root, root / "clinic.yaml", grade_cache=cache) == []
    # An edited page is measured again, and only that page needs the dictionary.
    page = root / "safety.md"
    page.write_text(page.read_text("utf-8").replace("Ask us if", "Please ask us if"), "utf-8")
    with pytest.raises(AssertionError, match="did not change"):
        validate_project(root, root / "clinic.yaml", grade_cache=cache)


def test_a_cache_from_another_textstat_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "grades.json"
    path.write_text(json.dumps({"version": "0/textstat-0.1", "grades": {"k": [3.0, 10]}}))
    assert GradeCache(path).grades == {}
    path.write_text("not json")
    assert GradeCache(path).grades == {}
    cache = GradeCache(path)
    cache.put("Some words to read.", 2.5, 4)
    cache.save()
    assert GradeCache(path).get("Some words to read.") == (2.5, 4)


def test_a_cached_front_matter_problem_is_reported_again(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(VALID, root)
    page = root / "attendance.md"
    page.write_text(
        page.read_text("utf-8").replace("audience: client\n", "audience: client\ncolour: blue\n", 1)
    )
    cache = tmp_path / "grades.json"
    first = [str(p) for p in validate_project(root, root / "clinic.yaml", grade_cache=cache)]
    assert any("[page.unknown-key]" in p for p in first)
    assert json.loads(cache.read_text("utf-8"))["front_matter"]
    again = [str(p) for p in validate_project(root, root / "clinic.yaml", grade_cache=cache)]
    assert again == first


def test_an_edited_page_with_known_words_is_graded_without_the_dictionary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The words' entries come from the cache, and the grade is textstat's own."""
    cache = GradeCache(tmp_path / "grades.json")
    first = "Please call the clinic before your session. Tell us why you cannot come today."
    edited = "Tell the clinic today why you cannot come. Please call us before your session."
    measured = readability.measured_with_known_words(first, cache)
    full = readability.textstat()
    assert measured == (round(float(full.flesch_kincaid_grade(first)), 1), 14)
    assert cache.pronunciations({"clinic", "cannot"}) is not None

    def no_dictionary() -> Any:
        raise AssertionError("the dictionary was loaded for words the cache knows")

    monkeypatch.setattr(readability, "textstat", no_dictionary)
    # Graded before textstat has ever seen this text (it caches counts by text).
    graded = readability.measured_with_known_words(edited, cache)
    with pytest.raises(AssertionError, match="the dictionary was loaded"):
        readability.measured_with_known_words("A brand new phrase appears.", cache)
    monkeypatch.undo()
    assert graded == (round(float(full.flesch_kincaid_grade(edited)), 1), 14)

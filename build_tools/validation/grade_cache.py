"""Reading grades and front-matter checks remembered between builds, keyed by text.

Measuring a grade needs textstat's pronouncing dictionary, which takes about half a
second to load: an incremental build (``make serve``, a rebuild after one edit) would
pay it to measure pages that did not change. The build keeps each page's grade in
its own doctree folder, keyed by a hash of the plain text the grade was measured on
(and textstat's version); a page whose text is unchanged takes its grade from there,
and the dictionary is loaded only when some page's text is new. A clean build starts
with an empty folder, so it measures everything.

The same file keeps each page's front-matter schema problems, keyed by the front
matter's text and first line, and clinic.yaml's (checking them against the JSON
Schemas is most of what validating unchanged files costs). Its version names a hash
of the schemas and of the checks' code, so an edit to either checks everything again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

FILE_NAME = "dbt-reading-grades.json"
# Bump when what is measured changes (readability.plain, the passages kept).
FORMAT = 1


SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
CHECKS = Path(__file__).resolve().parent
# (line, rule, message) of each problem found in one front matter.
FrontMatterProblems = list[tuple[int, str, str]]


def measured_with() -> str:
    """What the remembered results depend on besides the text: textstat's version, the
    schemas, and the checks' own code (an edit to either makes everything checked
    again)."""
    try:
        version = metadata.version("textstat")
    except metadata.PackageNotFoundError:
        version = "unknown"
    digest = hashlib.sha256()
    for path in sorted([*SCHEMAS.glob("*.json"), *CHECKS.glob("*.py")]):
        with contextlib.suppress(OSError):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{FORMAT}/textstat-{version}/checks-{digest.hexdigest()[:16]}"


class GradeCache:
    """text hash -> (grade, words), and front matter hash -> its schema problems,
    loaded from and saved to one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.version = measured_with()
        self.grades: dict[str, tuple[float, int]] = {}
        self.fronts: dict[str, FrontMatterProblems] = {}
        self.used: set[str] = set()
        self.used_fronts: set[str] = set()
        # Each word measured: its first CMU pronunciation, or None if it has none.
        self.words: dict[str, list[str] | None] = {}
        self.changed = False
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored["version"] == self.version:
                entries = stored["grades"].items()
                self.grades = {key: (float(grade), int(words)) for key, (grade, words) in entries}
                self.words = {
                    str(word): (None if phones is None else [str(p) for p in phones])
                    for word, phones in stored.get("words", {}).items()
                }
                self.fronts = {
                    key: [(int(line), str(rule), str(text)) for line, rule, text in found]
                    for key, found in stored.get("front_matter", {}).items()
                }

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, text: str) -> tuple[float, int] | None:
        key = self.key(text)
        found = self.grades.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def put(self, text: str, grade: float, words: int) -> None:
        key = self.key(text)
        self.grades[key] = (grade, words)
        self.used.add(key)
        self.changed = True

    def problems_for(self, text: str, first_line: int) -> FrontMatterProblems | None:
        key = self.key(f"{first_line}\n{text}")
        found = self.fronts.get(key)
        if found is not None:
            self.used_fronts.add(key)
        return found

    def put_problems(self, text: str, first_line: int, found: FrontMatterProblems) -> None:
        key = self.key(f"{first_line}\n{text}")
        self.fronts[key] = found
        self.used_fronts.add(key)
        self.changed = True

    def pronunciations(self, words: set[str]) -> dict[str, list[str] | None] | None:
        """The entries of ``words``, or None when any of them was never looked up."""
        if not words <= self.words.keys():
            return None
        return {word: self.words[word] for word in words}

    def put_pronunciations(self, entries: dict[str, list[str] | None]) -> None:
        self.words.update(entries)
        self.changed = True

    def save(self) -> None:
        """Write what this run used (old texts drop out), replacing the file whole."""
        unused = self.used != set(self.grades) or self.used_fronts != set(self.fronts)
        if not self.changed and not unused:
            return
        stored = {
            "version": self.version,
            "grades": {key: self.grades[key] for key in sorted(self.used)},
            "front_matter": {key: self.fronts[key] for key in sorted(self.used_fronts)},
            # Words are kept while the folder lives: a word left out of one page today
            # is often back in the next edit.
            "words": dict(sorted(self.words.items())),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        partial.write_text(json.dumps(stored), encoding="utf-8")
        partial.replace(self.path)

"""Reading grades remembered between builds, keyed by the exact text measured.

Measuring a grade needs textstat's pronouncing dictionary, which takes about half a
second to load: an incremental build (``make serve``, a rebuild after one edit) would
pay it to measure pages that did not change. The build keeps each page's grade in
its own doctree folder, keyed by a hash of the plain text the grade was measured on
(and textstat's version); a page whose text is unchanged takes its grade from there,
and the dictionary is loaded only when some page's text is new. A clean build starts
with an empty folder, so it measures everything.
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


def measured_with() -> str:
    try:
        version = metadata.version("textstat")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"{FORMAT}/textstat-{version}"


class GradeCache:
    """text hash -> (grade, words), loaded from and saved to one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.version = measured_with()
        self.grades: dict[str, tuple[float, int]] = {}
        self.used: set[str] = set()
        self.changed = False
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored["version"] == self.version:
                self.grades = {
                    key: (float(grade), int(words))
                    for key, (grade, words) in stored["grades"].items()
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

    def save(self) -> None:
        """Write what this run used (old texts drop out), replacing the file whole."""
        if not self.changed and self.used == set(self.grades):
            return
        kept = {key: self.grades[key] for key in sorted(self.used)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        partial.write_text(json.dumps({"version": self.version, "grades": kept}), encoding="utf-8")
        partial.replace(self.path)

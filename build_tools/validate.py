"""Placeholder until the validation issue lands: only checks that the clinic file loads."""

from __future__ import annotations

from pathlib import Path

from .problems import Problem


def validate_project(content: Path, clinic_file: Path, *, max_grade: float = 8.0) -> list[Problem]:
    if not clinic_file.is_file():
        return [Problem(clinic_file, 1, "clinic.missing", "the clinic settings file is missing")]
    return []


def main(argv: object) -> int:
    problems = validate_project(Path("content"), Path("content/clinic.yaml"))
    for problem in problems:
        print(problem)
    return 1 if problems else 0

"""One content problem, printed the same way by the CLI and the Sphinx build."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}: [{self.rule}] {self.message}"


def display_path(path: Path) -> str:
    """Relative to the working folder when inside it, so messages stay short."""
    resolved = path.resolve()
    here = Path.cwd()
    return str(resolved.relative_to(here)) if resolved.is_relative_to(here) else str(path)

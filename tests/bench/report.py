"""Figures, their budgets, the printed table and _build/bench.json."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import lighthouse
import weights


@dataclass
class Figure:
    label: str
    value: float | None
    unit: str
    budget: str  # as printed: "<= 1.3", "< 3", "-" when the figure has none
    limit: float | None  # the same budget as a number, for whoever reads the JSON
    status: str  # PASS, FAIL, INFO (no budget) or SKIP (not measured, the note says why)
    note: str = ""

    @property
    def key(self) -> str:
        return re.sub(r"[^a-z0-9]+", "_", self.label.lower()).strip("_")


def budget_text(operator: str, limit: float, unit: str) -> str:
    return f"{operator} {limit:g} {unit}".strip()


def at_most(label: str, value: float, unit: str, limit: float, note: str = "") -> Figure:
    status = "PASS" if value <= limit else "FAIL"
    return Figure(label, value, unit, budget_text("<=", limit, unit), limit, status, note)


def below(label: str, value: float, unit: str, limit: float, note: str = "") -> Figure:
    status = "PASS" if value < limit else "FAIL"
    return Figure(label, value, unit, budget_text("<", limit, unit), limit, status, note)


def at_least(label: str, value: float, unit: str, limit: float, note: str = "") -> Figure:
    status = "PASS" if value >= limit else "FAIL"
    return Figure(label, value, unit, budget_text(">=", limit, unit), limit, status, note)


def info(label: str, value: float, unit: str, note: str = "") -> Figure:
    return Figure(label, value, unit, "-", None, "INFO", note)


def skipped(label: str, why: str, unit: str = "", limit: float | None = None) -> Figure:
    budget = budget_text("<=", limit, unit) if limit is not None else "-"
    return Figure(label, None, unit, budget, limit, "SKIP", why)


def shown(figure: Figure) -> str:
    value = figure.value
    if value is None:
        return "-"
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"
    return f"{text} {figure.unit}".strip()


def table(figures: list[Figure]) -> str:
    rows = [("figure", "value", "budget", "result", "note")]
    rows += [(f.label, shown(f), f.budget, f.status, f.note) for f in figures]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = ["  ".join([*(row[i].ljust(widths[i]) for i in range(4)), row[4]]) for row in rows]
    lines.insert(1, "-" * (sum(widths) + 8 + len("note")))
    return "\n".join(line.rstrip() for line in lines)


def command_output(command: list[str]) -> str | None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None


def machine(repo: Path) -> dict[str, Any]:
    """What the numbers depend on. The load average matters: the machine is shared, and
    other work running at the same time slows every build down."""
    facts: dict[str, Any] = {
        "nproc": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average_start": os.getloadavg(),
    }
    for package in ("sphinx", "myst-parser", "sphinx-design", "furo", "playwright"):
        facts[package] = version(package)
    chromium = weights.chromium_path()
    facts["chromium"] = command_output([str(chromium), "--version"]) if chromium else None
    facts["node"] = command_output(["node", "--version"])
    facts["lighthouse"] = lighthouse.VERSION
    facts["commit"] = command_output(
        ["git", "-C", str(repo), "describe", "--always", "--dirty", "--abbrev=12"]
    )
    return facts


def write(path: Path, figures: list[Figure], raw: dict[str, Any], facts: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {
        **facts,
        "figures": [{"key": figure.key, **asdict(figure)} for figure in figures],
        "raw": raw,
    }
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

"""Validating 1,000 pages takes under 3 seconds, measured in a fresh process (cold caches,
the pronouncing dictionary loaded once), next to parsing the same front matter with
``yaml.safe_load`` alone.

The time is the process's own CPU time, not the wall clock: on a shared machine
another process's work stretches the wall clock, and a test that passes or fails
with the neighbours' load says nothing about the code. Validation reads a few
megabytes from files just written (in the page cache), so its CPU time is its time.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from build_tools.validation.validate import page_files

REPO = Path(__file__).resolve().parent.parent
VALID = REPO / "tests" / "roots" / "validate-valid"
PAGES = 1000
LIMIT_SECONDS = 3.0
RUNS = 3

WORDS = [
    *("you", "we", "your", "therapist", "group", "session", "skills", "card", "plan", "help"),
    *("call", "week", "time", "come", "bring", "talk", "practice", "tell", "ask", "read"),
    *("tick", "agree", "keep", "safe", "hard", "feel", "use", "learn", "try", "each", "every"),
]

TIMER = """
import json, sys, time
from pathlib import Path
root = Path(sys.argv[1])
from build_tools.validation.validate import validate_project  # Sphinx and jsonschema: not timed
start = time.process_time()
problems = validate_project(root, root / "clinic.yaml")  # cold: the dictionary loads here
validated = time.process_time() - start

import yaml
from build_tools.validation.validate import page_files
files = page_files(root)
start = time.process_time()
for path in files:
    text = path.read_text(encoding="utf-8")
    yaml.safe_load(text.split("---\\n")[1])
parsed = time.process_time() - start
print(json.dumps({"validate": validated, "yaml": parsed, "problems": [str(p) for p in problems]}))
"""


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(5, 14))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    lines = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
    return lines.replace(" call ", " call {{clinic_phone}} ", 1)


def trainer_page(number: int, topic: str, rng: random.Random) -> str:
    """A page of the size and shape of ours: headings, labels, lists, a dropdown, code."""
    parts = [
        "---",
        f"topic: {topic}",
        f"title: Trainer notes {number}",
        "audience: trainer",
        f"summary: Notes for trainers, number {number}, generated for the timing test.",
        "last_reviewed: 2026-11-20",
        "reviewed_by: Sam Rivera, Test reviewer",
        "reading_minutes: 4",
        "---",
        "",
        f"# Trainer notes {number}",
        "",
        paragraph(rng),
    ]
    for section in range(4):
        parts += ["", f"(notes-{number}-{section})=", f"## Part {section}", "", paragraph(rng), ""]
        parts += [f"- {sentence(rng)}" for _ in range(3)] + ["- A short fragment", ""]
        parts += [paragraph(rng)]
    parts += ["", ":::{dropdown} A common question", paragraph(rng), ":::", ""]
    parts += ["```text", "code is not prose <b>", "```", "", paragraph(rng), ""]
    return "\n".join(parts)


def make_site(root: Path) -> None:
    shutil.copytree(VALID, root)
    topics = json.loads((REPO / "schemas" / "topics.json").read_text(encoding="utf-8"))
    # Extra trainer pages may share a client topic; a trainer topic has exactly one page.
    ids = [t["id"] for t in topics["topics"] if t.get("audience", "client") == "client"]
    have = len(page_files(root))
    rng = random.Random(1)
    for number in range(PAGES - have):
        folder = root / "trainer" / f"part-{number // 100}"
        folder.mkdir(parents=True, exist_ok=True)
        text = trainer_page(number, ids[number % len(ids)], rng)
        (folder / f"notes-{number}.md").write_text(text, encoding="utf-8")
    assert len(page_files(root)) == PAGES


def cold_run(root: Path) -> dict[str, Any]:
    """One timing in a fresh Python process, so nothing is cached or already loaded."""
    done = subprocess.run(
        [sys.executable, "-c", TIMER, str(root)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    timing: dict[str, Any] = json.loads(done.stdout)
    return timing


def test_a_thousand_pages_validate_in_under_three_seconds(tmp_path: Path) -> None:
    root = tmp_path / "site"
    make_site(root)
    # The best of up to three fresh runs: the machine is shared, and a neighbour's
    # burst of work should not decide the number. A run under the limit ends the trial.
    runs: list[dict[str, Any]] = []
    while len(runs) < RUNS and not any(run["validate"] < LIMIT_SECONDS for run in runs):
        runs.append(cold_run(root))
    best = min(runs, key=lambda timing: timing["validate"])
    ratio = best["validate"] / best["yaml"]
    every = ", ".join(f"{run['validate']:.2f}" for run in runs)
    print(
        f"\n{PAGES} pages: validate_project {best['validate']:.2f} s (runs: {every}), "
        f"yaml.safe_load alone {best['yaml']:.2f} s, ratio {ratio:.1f}x"
    )
    assert best["problems"] == []
    assert best["validate"] < LIMIT_SECONDS

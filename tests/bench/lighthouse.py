"""Lighthouse scores for built pages, run offline against the system Chromium.

The npm package is installed once into .venv/lighthouse (ignored by git, like .venv/vnu).
Pinned: lighthouse 13 needs Node 22.19 or newer and Debian's Node here is 20, so 12.8.2,
the newest release that runs on Node 18 to 20; its audits change between releases, so a
new pin is a deliberate bump.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from weights import CHROMIUM_FLAGS

VERSION = "12.8.2"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Audits that carry no pass or fail of their own.
NOT_SCORED = {"informative", "manual", "notApplicable", "error"}


def installed(prefix: Path) -> Path | None:
    """The lighthouse CLI, installing it first if needed; None without node and npm."""
    cli = prefix / "node_modules" / ".bin" / "lighthouse"
    if cli.is_file():
        return cli
    if not (shutil.which("node") and shutil.which("npm")):
        return None
    # Pinned, and no package's install script runs: an install is data, not code.
    command = ["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund"]
    command += ["--ignore-scripts", "--save-exact"]
    subprocess.run([*command, "--silent", f"lighthouse@{VERSION}"], check=True, timeout=300)
    return cli if cli.is_file() else None


def failing_audits(report: dict[str, Any], category: str) -> list[dict[str, Any]]:
    """The category's audits that scored under 1, weighted ones first, with Lighthouse's
    own words on each (the id alone rarely says what to fix)."""
    audits = report["audits"]
    refs = sorted(report["categories"][category]["auditRefs"], key=lambda ref: -ref["weight"])
    failing = []
    for ref in refs:
        audit = audits.get(ref["id"], {})
        score = audit.get("score")
        if audit.get("scoreDisplayMode") in NOT_SCORED or score is None or score >= 1:
            continue
        failing.append(
            {
                "id": ref["id"],
                "weight": ref["weight"],
                "score": score,
                "value": audit.get("displayValue"),
                "explanation": audit.get("explanation"),
            }
        )
    return failing


class LighthouseFailed(RuntimeError):
    pass


def run(cli: Path, url: str, chromium: Path) -> dict[str, Any]:
    """``{"scores": {category: 0-100}, "failing": {category: [audits]}}`` for one URL."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as work:
        output = Path(work) / "report.json"
        command = [
            str(cli),
            url,
            "--output=json",
            f"--output-path={output}",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
        ]
        # Its own temporary profile under the work folder, removed with it.
        env = {**os.environ, "CHROME_PATH": str(chromium), "TMPDIR": work}
        # Twice at most: on a busy machine Lighthouse's own load timers can run out
        # (seen once on attendance.html, which passed when run again by hand).
        for _ in range(2):
            done = subprocess.run(command, env=env, timeout=180, capture_output=True, text=True)
            if done.returncode == 0:
                break
        else:
            last = " ".join(done.stderr.strip().splitlines()[-3:])
            raise LighthouseFailed(f"Lighthouse failed twice on {url}: {last}")
        report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    failing = {name: failing_audits(report, name) for name in CATEGORIES if scores[name] < 100}
    return {"scores": scores, "failing": failing}

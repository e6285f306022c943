"""Every built page passes the current Nu HTML Checker (vnu.jar from the npm registry)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EDITIONS, REPO, edition_site

DEFAULT_JAR = REPO / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar"

# Messages about markup we do not own and cannot override: (message start, reason).
IGNORED: dict[str, str] = {}


def vnu_errors(*sites: Path) -> list[str]:
    """Every error on every page of ``sites``, in one run of the checker (one JVM start)."""
    jar = Path(os.environ.get("VNU_JAR") or DEFAULT_JAR)
    java = shutil.which("java")
    if not jar.is_file() or not java:
        pytest.fail(f"the Nu HTML Checker needs Java and {jar}: run `make test` to install both")
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "json"]
        + [str(site) for site in sites],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = []
    for message in messages:
        if any(message["message"].startswith(start) for start in IGNORED):
            continue
        where = Path(message.get("url", "").removeprefix("file:"))
        errors.append(f"{where}:{message.get('lastLine', '?')}: {message['message']}")
    return errors


def test_every_page_of_both_editions_passes_the_nu_html_checker() -> None:
    print(f"Nu HTML Checker ignore list: {len(IGNORED)} entries")
    sites = [edition_site(edition) for edition in EDITIONS]
    assert vnu_errors(*sites) == []

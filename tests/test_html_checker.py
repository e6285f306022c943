"""Every built page passes the current Nu HTML Checker (vnu.jar from the npm registry)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

DEFAULT_JAR = REPO / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar"

# Messages about markup we do not own and cannot override: (message start, reason).
IGNORED: dict[str, str] = {}


def vnu_errors(site: Path) -> list[str]:
    jar = Path(os.environ.get("VNU_JAR") or DEFAULT_JAR)
    java = shutil.which("java")
    if not jar.is_file() or not java:
        pytest.fail(f"the Nu HTML Checker needs Java and {jar}: run `make test` to install both")
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "json", str(site)],
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
        where = Path(message.get("url", "").removeprefix("file:")).relative_to(site.resolve())
        errors.append(f"{where}:{message.get('lastLine', '?')}: {message['message']}")
    return errors


def test_every_page_passes_the_nu_html_checker(built_site: Path) -> None:
    print(f"Nu HTML Checker ignore list: {len(IGNORED)} entries")
    assert vnu_errors(built_site) == []

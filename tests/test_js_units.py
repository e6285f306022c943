"""The JavaScript unit tests (tests/js/*.test.mjs) run under Node's own test runner."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

JS_TESTS = Path(__file__).parent / "js"


def test_node_unit_tests_pass() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the JavaScript unit tests need Node 18 or later")
    files = sorted(str(path) for path in JS_TESTS.glob("*.test.mjs"))
    assert files, f"no JavaScript tests found in {JS_TESTS}"
    result = subprocess.run(
        [node, "--test", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    summary = [line for line in result.stdout.splitlines() if line.startswith("# ")]
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in summary, result.stdout

"""The bench's bare twin knows every directive the extension adds.

Found when `make bench` stopped on {acknowledgment-print}: a directive added without
a plain-Sphinx equivalent breaks the bare build the bench compares against.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_every_directive_of_the_extension_has_a_plain_form() -> None:
    spec = importlib.util.spec_from_file_location("plain", REPO / "tests/bench/plain.py")
    assert spec is not None and spec.loader is not None
    plain = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plain)
    handled = set(plain.DROPPED) | set(plain.REWRITES)
    registered = {
        name
        for file in (REPO / "build_tools").rglob("*.py")
        for name in re.findall(r'add_directive\(\s*"([a-z-]+)"', file.read_text("utf-8"))
    }
    assert registered and registered <= handled, sorted(registered - handled)

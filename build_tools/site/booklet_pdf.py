"""``make booklet``: each language's paper booklet as PDF files, ready to print in bulk.

The booklet page itself is part of every site build (the index links to it); this
prints it from a built site with Chromium, the browser the pages are tested in, at
A4 and US Letter, for a clinic with paper intake that prints stacks of copies:
``_build/booklet/booklet-<language>-<paper>.pdf``. Nothing is fetched: the pages are
opened from disk.

Usage: ``python -m build_tools booklet --site _build/html --out _build/booklet``
(Playwright and a Chromium: ``make booklet`` installs both).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..chromium import HOW_TO_GET_ONE, QUIET_FLAGS, find
from .booklet import PAGENAME

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PAPER = ("A4", "Letter")
LANGUAGE = re.compile(r'<html[^>]*\blang="([^"]+)"')


def booklet_pages(site: Path) -> dict[str, Path]:
    """Each language's booklet in a built site: the root's and each language folder's."""
    found: dict[str, Path] = {}
    for page in sorted(site.glob(f"{PAGENAME}.html")) + sorted(site.glob(f"*/{PAGENAME}.html")):
        match = LANGUAGE.search(page.read_text(encoding="utf-8"))
        found.setdefault(match.group(1) if match else page.parent.name, page)
    return found


def print_booklets(browser: Browser, site: Path, out: Path) -> list[Path]:
    """Print every language's booklet at every paper size; return the files written."""
    written = []
    out.mkdir(parents=True, exist_ok=True)
    tab = browser.new_page()
    try:
        for language, page in booklet_pages(site).items():
            tab.goto(page.resolve().as_uri())
            for paper in PAPER:
                target = out / f"booklet-{language}-{paper.lower()}.pdf"
                tab.pdf(path=str(target), format=paper)
                written.append(target)
    finally:
        tab.close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools booklet", description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("_build/html"), help="a built site")
    parser.add_argument("--out", type=Path, default=Path("_build/booklet"))
    options = parser.parse_args(argv)
    if not booklet_pages(options.site):
        print(f"No booklet in {options.site}: build the site first (make html-all).")
        return 1
    found, path = find()
    if not found:
        print(HOW_TO_GET_ONE, file=sys.stderr)
        return 1
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("Playwright is missing: run make booklet (it installs it).", file=sys.stderr)
        return 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path or None, args=list(QUIET_FLAGS))
        try:
            written = print_booklets(browser, options.site, options.out)
        finally:
            browser.close()
    for target in written:
        print(f"Wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

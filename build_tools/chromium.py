"""Find a Chromium for the browser tests, or install Debian's when allowed.

Order: ``$CHROMIUM``, then ``/usr/bin/chromium``, then the browser Playwright
downloaded itself (``playwright install``). Prints the path (empty for
Playwright's own browser, which Playwright then finds by itself).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
# Keep Chromium quiet on a closed network (see GUIDE.md, section 2): the tests, the bench
# and Lighthouse all start it with these.
QUIET_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

HOW_TO_GET_ONE = (
    "No Chromium found: set CHROMIUM=/path/to/chromium, run 'sudo apt-get install chromium', "
    "or run '.venv/bin/playwright install chromium'."
)


def playwright_browser() -> Path | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as playwright:
        path = Path(playwright.chromium.executable_path)
    return path if path.is_file() else None


def find() -> tuple[bool, str]:
    """(found, path); an empty path means Playwright's own browser."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return Path(configured).is_file(), configured
    if SYSTEM_CHROMIUM.is_file():
        return True, str(SYSTEM_CHROMIUM)
    if playwright_browser():
        return True, ""
    return False, ""


def install_debian_chromium() -> bool:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    print("Installing Debian's chromium for the browser tests...", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        if subprocess.run(command, env=env, stdout=subprocess.DEVNULL).returncode != 0:
            return False
    return SYSTEM_CHROMIUM.is_file()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.chromium", description=__doc__)
    parser.add_argument("--install", action="store_true", help="install Debian's if none found")
    options = parser.parse_args(argv)
    found, path = find()
    if not found and options.install and not os.environ.get("CHROMIUM"):
        found, path = install_debian_chromium(), str(SYSTEM_CHROMIUM)
    if not found:
        print(HOW_TO_GET_ONE, file=sys.stderr)
        return 1
    if not options.install:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

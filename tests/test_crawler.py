"""A page a clinic adds is found by the crawler and gets every check, with no test change."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

import page_checks
from conftest import ROOTS, run_build
from site_crawl import broken_links, discover_pages

EXTRA_PAGE = """---
topic: welcome
title: Parking and getting here
audience: client
summary: Where to park and how to find our door on your first visit.
last_reviewed: 2026-11-20
reviewed_by: Sam Rivera, Test reviewer
---

# Parking and getting here

There is free parking behind the building. Our door is on the left as you come in.
If you get lost, call us on {{clinic_phone}} and we will guide you.
"""

TOCTREE = "\n```{toctree}\n:hidden:\nextra\n```\n"


@pytest.fixture(scope="module")
def extended_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("extended") / "content"
    shutil.copytree(ROOTS / "minimal", source)
    (source / "extra.md").write_text(EXTRA_PAGE, encoding="utf-8")
    with (source / "index.md").open("a", encoding="utf-8") as index:
        index.write(TOCTREE)
    out = source.parent / "html"
    code, printed = run_build(source, out, ("dbt_validate=0",))
    assert code == 0, printed
    return out


@pytest.mark.browser
def test_an_added_page_gets_every_check(
    extended_site: Path, serve_dir: Callable[[Path], str], page: Page, browser: Browser
) -> None:
    pages = discover_pages(extended_site)
    assert pages == ["extra.html", "index.html"]
    url = serve_dir(extended_site)
    assert broken_links(extended_site, "extra.html") == []
    page_checks.check_security_meta(extended_site, "extra.html")
    page_checks.check_renders_privately(page, url, "extra.html")
    page_checks.check_axe(page, url, "extra.html")
    page.goto(url + "extra.html")
    page_checks.check_reflow(page, "extra.html")
    page_checks.check_keyboard(page, url, "extra.html")
    no_js = browser.new_context(java_script_enabled=False)
    page_checks.check_without_javascript(no_js.new_page(), url, "extra.html")
    no_js.close()
    page_checks.check_print(page, url, "extra.html")

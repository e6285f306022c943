"""Every page of the built site in Chromium: axe in both colour schemes at desktop and
phone width, the crisis help at the top, every focusable element by keyboard, print;
and reflow at 320 px and 200% zoom.

The crawl's slowest checks: `make test` hands them, one page at a time, to whichever
of its two workers is free (conftest.py, pytest_xdist_make_scheduler).
``site_page`` is parametrized from the pages the build actually wrote.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

import page_checks
from test_crisis_banner import check_banner_at_the_top


@pytest.mark.browser
def test_axe_crisis_help_keyboard_and_print(tab: Page, site_url: str, site_page: str) -> None:
    """Four checks on one load of the page, each failure reported with the others.

    The order leaves each check the page it needs: axe changes only the width and the
    colour scheme; the crisis help must be at the top before anything scrolls; the
    keyboard walk moves focus and scroll; print media comes last. A load per check
    cost about a quarter of the crawl's time."""
    failures = []
    checks: list[Callable[[], None]] = [
        lambda: page_checks.check_axe(tab, site_url, site_page),
        lambda: check_banner_at_the_top(tab, site_page),
        lambda: page_checks.check_keyboard(tab, site_url, site_page, loaded=True),
        lambda: page_checks.check_print(tab, site_url, site_page, loaded=True),
    ]
    for check in checks:
        try:
            check()
        except AssertionError as failure:
            failures.append(str(failure))
    assert not failures, "\n\n".join(failures)


@pytest.mark.browser
def test_reflow_at_320_px_and_200_percent_zoom(
    reflow_tabs: list[Page], site_url: str, site_page: str
) -> None:
    page_checks.check_reflow(reflow_tabs, site_url, site_page)

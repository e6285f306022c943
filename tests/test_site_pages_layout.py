"""Every page of the built site in Chromium, on one load: it renders and stays private,
axe in both colour schemes at desktop and phone width, the crisis help at the top,
reflow at 320 px and 200% zoom, every focusable element by keyboard, print.

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
def test_each_page_in_chromium(tab: Page, site_url: str, site_page: str) -> None:
    """Six checks on one load of the page, each failure reported with the others.

    The load is made with the first axe pass's settings and watched until the end for
    console errors, failed or off-site requests and anything a script sends. The order
    leaves each check the page it needs: axe changes only the width and the colour
    scheme; the crisis help must be at the top before anything scrolls; reflow changes
    the width again; the keyboard walk moves focus and scroll; print media comes last.
    A load per check cost about a third of the crawl's time."""
    page_checks.start_axe_passes(tab)
    watch = page_checks.load_privately(tab, site_url, site_page)
    failures = []
    checks: list[Callable[[], None]] = [
        lambda: page_checks.check_axe(tab, site_url, site_page, loaded=True),
        lambda: check_banner_at_the_top(tab, site_page),
        lambda: page_checks.check_reflow(tab, site_page),
        lambda: tab.evaluate("scrollTo(0, 0)"),
        lambda: page_checks.check_keyboard(tab, site_url, site_page, loaded=True),
        lambda: page_checks.check_print(tab, site_url, site_page, loaded=True),
        watch.finish,
    ]
    for check in checks:
        try:
            check()
        except AssertionError as failure:
            failures.append(str(failure))
    assert not failures, "\n\n".join(failures)

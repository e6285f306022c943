"""Every page of the built site in Chromium: axe in both colour schemes at desktop and
phone width, and reflow at 320 px and 200% zoom.

The crawl's slowest checks, kept in a module of their own so that the suite's two
workers (`make test` runs pytest-xdist by file) share the crawl between them.
``site_page`` is parametrized from the pages the build actually wrote.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

import page_checks


@pytest.mark.browser
def test_axe_light_and_dark_at_desktop_and_phone_width(
    tab: Page, site_url: str, site_page: str
) -> None:
    page_checks.check_axe(tab, site_url, site_page)


@pytest.mark.browser
def test_reflow_at_320_px_and_200_percent_zoom(
    reflow_tabs: list[Page], site_url: str, site_page: str
) -> None:
    page_checks.check_reflow(reflow_tabs, site_url, site_page)

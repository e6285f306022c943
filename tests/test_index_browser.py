"""The home page in a real browser.

axe, privacy and the other checks every page gets run in test_site_pages.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browser_checks import collect_console_errors

pytestmark = pytest.mark.browser


def test_index_shows_title_and_clinic_name(page: Page, site_url: str) -> None:
    errors = collect_console_errors(page)
    page.goto(site_url)
    # The page, then the site (issue 17: the home page's title names the page too).
    assert page.title() == "Before your first session - Riverside DBT Program"
    assert page.locator("h1").inner_text() == "Before your first session"
    assert "Riverside DBT Program" in page.locator("footer").inner_text()
    assert errors == []

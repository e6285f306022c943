"""The home page in a real browser: it renders, is accessible and stays on this server."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browser_checks import assert_no_axe_violations, collect_console_errors, record_requests

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}


def test_index_shows_title_and_clinic_name(page: Page, site_url: str) -> None:
    errors = collect_console_errors(page)
    page.goto(site_url)
    assert page.title() == "Riverside DBT Program"
    assert page.locator("h1").inner_text() == "Before your first session"
    assert "Riverside DBT Program" in page.locator("footer").inner_text()
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_index_has_no_axe_violations(page: Page, site_url: str, scheme: str, viewport: str) -> None:
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(site_url)
    assert_no_axe_violations(page, f"index ({scheme}, {viewport})")


def test_index_requests_only_the_test_server(page: Page, site_url: str) -> None:
    recorder = record_requests(page, site_url)
    page.goto(site_url, wait_until="networkidle")
    assert recorder.requests, "the recorder saw nothing"
    assert recorder.off_site() == []
    assert recorder.failed == []

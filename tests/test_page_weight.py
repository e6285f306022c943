"""Page weight is measured, not assumed: every byte a page loads, against a budget."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Response

# Clients read on phones, often on metered data. furo's own weight is about
# 170 KB a page (GUIDE.md); the budget leaves room for our checklist assets.
BUDGET_BYTES = 300_000


@pytest.mark.browser
def test_index_page_weight(page: Page, site_url: str) -> None:
    sizes: dict[str, int] = {}

    def on_response(response: Response) -> None:
        sizes[response.url] = len(response.body())

    page.on("response", on_response)
    page.goto(site_url, wait_until="networkidle")
    total = sum(sizes.values())
    heaviest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
    print(f"index page weight: {total} bytes in {len(sizes)} requests; heaviest: {heaviest}")
    assert total < BUDGET_BYTES, f"{total} bytes is over the {BUDGET_BYTES} budget: {heaviest}"

"""Crisis help is on every page, in the same place, visible without scrolling or a menu."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from build_tools.clinic import crisis_context, load_clinic
from build_tools.languages.catalog import tr
from build_tools.languages.settings import settings_for
from build_tools.site.crisis_banner import CALL_LINK, CHAT, TEXT_LINK
from conftest import REPO
from site_crawl import page_language

SETTINGS = load_clinic(REPO / "content" / "clinic.yaml")
CRISIS = crisis_context(SETTINGS)


def crisis_for(site_page: str) -> dict[str, str]:
    """The crisis line as the page's language edition shows it (988 in Spanish: AYUDA)."""
    language, _ = page_language(site_page)
    return crisis_context(settings_for(SETTINGS, language)) if language else CRISIS


def link_names(site_page: str) -> list[str]:
    """Each link says what it does: the number called and the number texted are two
    links with two names (WCAG 2.4.9), not two links named "988"."""
    crisis, language = crisis_for(site_page), page_language(site_page)[0] or "en"
    keyword = crisis.get("text_keyword", "")
    return [
        tr(language, CALL_LINK, phone=crisis["phone"]),
        tr(language, TEXT_LINK[bool(keyword)], text=crisis["text"], keyword=keyword),
        tr(language, CALL_LINK, phone=crisis["emergency"]),
    ]


SIZES = {"phone": (390, 844), "desktop": (1280, 800)}


def test_every_built_page_has_the_banner_once(built_site: Path, site_page: str) -> None:
    html = (built_site / site_page).read_text(encoding="utf-8")
    assert html.count('class="dbt-crisis"') == 1
    banner = html[html.index('class="dbt-crisis"') : html.index('class="page"')]
    crisis = crisis_for(site_page)
    for key in ("phone_href", "text_href", "chat_url", "emergency_href"):
        assert f'href="{crisis[key]}"' in banner, f"{key} missing from the banner"
    assert html.index('class="dbt-crisis"') < html.index("<h1"), "banner after the heading"


def check_banner_at_the_top(page: Page, site_page: str) -> None:
    """On the page as loaded, before any scrolling: the crawl runs this on the load its
    axe passes use (test_site_pages_layout.py)."""
    banner = page.locator(".dbt-crisis")
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        expect(banner).to_be_in_viewport(ratio=1)
        box = page.locator(".announcement").bounding_box()
        assert box is not None
        # The same place on every page: the top of the window, above the header and menu.
        assert (box["x"], box["y"], box["width"]) == (0, 0, width), size
        assert box["height"] < height / 4, f"banner takes too much of a {size} screen"
        assert page.evaluate("window.scrollY") == 0
        expect(banner.get_by_role("heading", level=2)).to_be_visible()
        for name in link_names(site_page):
            expect(banner.get_by_role("link", name=name, exact=True)).to_be_visible()
        chat = tr(page_language(site_page)[0] or "en", CHAT)
        expect(banner.get_by_role("link", name=chat)).to_have_attribute(
            "href", crisis_for(site_page)["chat_url"]
        )
    region = tr(page_language(site_page)[0] or "en", "Help in a crisis")
    expect(page.get_by_role("region", name=region)).to_have_count(1)

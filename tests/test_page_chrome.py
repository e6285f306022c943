"""The page around the content (templates/page.html over furo), read from the built site:
what a screen reader and a keyboard meet before and after each page's own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import client_site
from html_tree import parse
from site_crawl import discover_pages


@pytest.fixture(scope="module")
def site() -> Path:
    return client_site()


def page_html(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["index.html", "agreements/safety.html", "es/privacy.html"])
def test_the_drawers_open_with_named_buttons_that_say_their_state(site: Path, name: str) -> None:
    page = parse(site / name)
    buttons = page.find_all("button")
    drawers = [b for b in buttons if b.attrs.get("data-dbt-drawer")]
    assert {b.attrs["data-dbt-drawer"] for b in drawers} == {"__navigation", "__toc"}
    for button in drawers:
        assert button.attrs["type"] == "button"
        assert button.attrs["aria-expanded"] == "false"
        assert page.find_all(id=button.attrs["aria-controls"]), "controls a drawer that exists"
        assert button.find_all(class_="visually-hidden")[0].text().strip(), "it has a name"
        assert button.has("hidden"), "shown by page.js; without it, furo's labels in noscript"
    (pages,) = page.find_all("nav", id="dbt-pages")
    assert pages.attrs["aria-label"] and pages.find_all(class_="sidebar-tree")
    (toc,) = page.find_all("nav", id="dbt-toc")
    assert toc.attrs["aria-label"]
    assert not page.find_all("aside"), "no nameless complementary landmark"
    # furo's state checkboxes are out of the Tab order and the accessibility tree.
    for box in page.find_all("input", class_="sidebar-toggle"):
        assert box.attrs["tabindex"] == "-1" and box.attrs["aria-hidden"] == "true"


def test_icons_carry_no_title_and_previous_comes_before_next(site: Path) -> None:
    for name in discover_pages(site):
        html = page_html(site, name)
        assert "<title>Expand</title>" not in html and "<title>Menu</title>" not in html, name
        if 'class="prev-page"' in html and 'class="next-page"' in html:
            assert html.index('class="prev-page"') < html.index('class="next-page"'), name
        for svg in re.findall(r"<svg class=\"furo-related-icon\"[^>]*>", html):
            assert 'aria-hidden="true"' in svg, name


def test_every_page_title_names_the_page(site: Path) -> None:
    titles = [
        re.search(r"<title>([^<]*)</title>", page_html(site, n)) for n in discover_pages(site)
    ]
    assert all(t and " - " in t.group(1) for t in titles), titles
    assert "<title>Before your first session - " in page_html(site, "index.html")


def test_checklist_pages_have_a_skip_link_to_the_checklist(site: Path) -> None:
    for name in discover_pages(site):
        html = page_html(site, name)
        has_checklist = "data-ack-block" in html
        assert ('href="#dbt-checklist"' in html) == has_checklist, name
        if has_checklist:
            assert 'id="dbt-checklist"' in html


def test_card_titles_are_headings(site: Path) -> None:
    html = page_html(site, "agreements/safety.html")
    found = re.search(r'<div aria-level="(\d)" class="sd-card-title[^"]*" role="heading">', html)
    assert found and found.group(1) == "3", "the card sits in an h2 section"


def test_english_words_in_spanish_text_are_marked(site: Path) -> None:
    html = page_html(site, "es/privacy.html")
    assert '<span lang="en">site data</span>' in html
    assert '<span lang="en">cookies and site data</span>' in html
    assert '<span lang="en">coaching</span>' in page_html(site, "es/agreements/phone-coaching.html")


def test_the_crisis_help_has_a_heading_and_links_that_say_what_they_do(site: Path) -> None:
    page = parse(site / "index.html")
    (crisis,) = page.find_all("section", class_="dbt-crisis")
    assert crisis.attrs["aria-label"] == "Help in a crisis"
    assert crisis.find_all("h2")[0].text() == "Need help now?"
    names = [a.text() for a in crisis.find_all("a")]
    assert names[:2] == ["Call 988", "text 988"] and "Call 911" in names

"""Every page of the built site, discovered from the site itself, checked in Chromium.

A clinic that adds a page gets all of these checks with no test change:
``site_page`` is parametrized from the pages the build actually wrote.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from playwright.sync_api import Page

import page_checks
from browser_checks import AXE_ALLOWLIST
from build_tools.languages.catalog import tr
from build_tools.site import booklet
from conftest import REPO
from site_crawl import broken_links, page_language


def test_every_page_on_disk_is_in_the_navigation(built_site: Path, site_page: str) -> None:
    language, page = page_language(site_page)
    if page == "index.html":
        return
    index = (built_site / language / "index.html").read_text(encoding="utf-8")
    nav = index[index.index('class="sidebar-tree"') :]
    assert f'href="{page}"' in nav, f"{site_page} is built but no menu links to it"


def test_internal_links_and_anchors_resolve(built_site: Path, site_page: str) -> None:
    assert broken_links(built_site, site_page) == []


def test_security_meta(built_site: Path, site_page: str) -> None:
    page_checks.check_security_meta(built_site, site_page)


def test_meta_description_is_the_front_matter_summary(built_site: Path, site_page: str) -> None:
    """In a translation, the summary's translation from the page's catalog."""
    language, page = page_language(site_page)
    if page == booklet.PAGENAME + ".html":
        # Made by the tool, not from a page: its lead, in the tool's words.
        lead = tr(language or "en", booklet.LEAD)
        assert page_checks.front_matter_summary(built_site, site_page) == lead
        return
    source = REPO / "content" / Path(page).with_suffix(".md")
    front_matter = yaml.safe_load(source.read_text(encoding="utf-8").split("---")[1])
    summary = " ".join(front_matter["summary"].split())
    if language:
        po = REPO / "content" / "locales" / language / "LC_MESSAGES" / Path(page).with_suffix(".po")
        with po.open("rb") as handle:
            summary = read_po(handle)[summary].string
    shown = page_checks.front_matter_summary(built_site, site_page) or ""
    # The lead paragraph is typeset like the page (docutils' smart quotes): U+2019 for '.
    assert shown.replace("\u2019", "'") == summary


@pytest.mark.browser
def test_without_javascript(no_js_tab: Page, site_url: str, site_page: str) -> None:
    page_checks.check_without_javascript(no_js_tab, site_url, site_page)


@pytest.mark.browser
def test_content_security_policy_blocks_inline_script(page: Page, site_url: str) -> None:
    page.goto(site_url)
    # Trusted Types: a string can no longer become script text at all.
    refused = page.evaluate(
        """() => { try { document.createElement('script').textContent = 'x'; return null; }
                   catch (error) { return error.name; } }"""
    )
    assert refused == "TypeError"
    # Built from DOM nodes instead, the script is still refused, and reported.
    outcome = page.evaluate(
        """() => new Promise((resolve) => {
          document.addEventListener('securitypolicyviolation',
            (event) => resolve({blocked: event.violatedDirective, ran: !!window.__injected}));
          const script = document.createElement('script');
          script.append(document.createTextNode('window.__injected = true'));
          document.body.append(script);
          setTimeout(() => resolve({blocked: null, ran: !!window.__injected}), 2000);
        })"""
    )
    assert outcome["ran"] is False
    assert outcome["blocked"] in {"script-src-elem", "require-trusted-types-for"}, outcome


def test_axe_allowlist_is_reasoned() -> None:
    print(f"axe allowlist entries: {len(AXE_ALLOWLIST)}")
    assert all(len(reason) > 20 for reason in AXE_ALLOWLIST.values())

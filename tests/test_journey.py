"""The client's whole journey, as a keyboard and screen-reader user on a phone makes it.

390 px wide, keyboard only, in English and then in Spanish, in one page: from the home
page through every agreement to the summary. At each step the test reads what a
screen reader would announce from Chromium's accessibility tree (the focused element's
role and accessible name, through the DevTools Accessibility domain), checks that the
focused element is on screen and not covered (by the sticky header, say), and reads
the live region after each action. Each page's heading and landmark outline is checked,
and the Tab presses from the top of each agreement page to its first box are counted.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, CDPSession, Page, expect

from build_tools.acknowledgment.markup import (
    CLEAR_LABEL,
    CLEAR_NO,
    CLEAR_TITLE,
    CLEAR_YES,
    REMEMBER_LABEL,
    SCRIPT_TEXT,
    UNDO_LABEL,
)
from build_tools.languages.catalog import tr

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# With the skip link: Tab, Enter, then the Tabs through the page's own links.
MOST_TABS_TO_FIRST_BOX = 9
SUMMARY = "acknowledge.html"

# Where focus is once the page has stopped moving (furo slides its skip link and
# drawers in): on screen, and the element itself is what a click at its middle hits.
FOCUS_JS = """async () => {
  const moving = document.getAnimations().map((a) => a.finished.catch(() => {}));
  const second = new Promise((r) => setTimeout(r, 1000));
  if (moving.length) await Promise.race([Promise.all(moving), second]);
  const el = document.activeElement;
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  // Within a pixel: scrolling into view can leave a fraction of one outside.
  const inside = (r) => r.width > 0 && r.height > 0 && r.top >= -1 && r.left >= -1
    && r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1;
  // Smooth scrolling is not an animation: wait until the page holds still with the
  // element in view, or half a second (the journey runs with reduced motion: at once).
  const settled = (still) => still && inside(el.getBoundingClientRect());
  for (let still = 1, last = scrollY, i = 0; i < 30 && !settled(still); i++) {
    await frame();
    still = scrollY == last ? still + 1 : 0;
    last = scrollY;
  }
  const r = el.getBoundingClientRect();
  const x = r.left + Math.min(r.width / 2, 8), y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  return {
    inside: inside(r),
    covered: !hit || !(el.contains(hit) || hit.contains(el)
      || [...(el.labels || [])].some((label) => label.contains(hit))),
    hit: hit ? hit.outerHTML.slice(0, 80) : "",
    rect: [r.left, r.top, r.right, r.bottom, innerWidth, innerHeight, scrollY],
  };
}"""


class Reader:
    """What a screen reader gets from the page: Chromium's accessibility tree."""

    def __init__(self, page: Page, cdp: CDPSession) -> None:
        self.page, self.cdp = page, cdp

    def focused(self) -> tuple[str, str]:
        """(role, accessible name) of the focused element."""
        handle = self.cdp.send(
            "Runtime.evaluate", {"expression": "document.activeElement", "objectGroup": "j"}
        )
        object_id = handle["result"]["objectId"]
        tree = self.cdp.send(
            "Accessibility.getPartialAXTree", {"objectId": object_id, "fetchRelatives": False}
        )
        node = next(n for n in tree["nodes"] if not n.get("ignored"))
        return str(node["role"]["value"]), str(node.get("name", {}).get("value", ""))

    def outline(self) -> list[tuple[str, str]]:
        """Headings (with their level) and landmarks, in document order. Read once on each
        page, so it also lets go of the handles ``focused`` took on the last one (one
        release per page rather than a round trip per step)."""
        self.cdp.send("Runtime.releaseObjectGroup", {"objectGroup": "j"})
        landmarks = {"banner", "main", "navigation", "region", "complementary", "contentinfo"}
        out = []
        for node in self.cdp.send("Accessibility.getFullAXTree")["nodes"]:
            if node.get("ignored"):
                continue
            role = node["role"]["value"]
            name = node.get("name", {}).get("value", "")
            if role == "heading":
                level = next(
                    (
                        p["value"]["value"]
                        for p in node.get("properties", [])
                        if p["name"] == "level"
                    ),
                    0,
                )
                out.append((f"h{level}", name))
            elif role in landmarks:
                out.append((role, name))
        return out

    def step(self, key: str, role: str, name: str | None = None, contains: str = "") -> str:
        """Press ``key``; the focused element must have this role and name, and be seen."""
        self.page.keyboard.press(key)
        return self.expect_focus(role, name, contains, f"after {key}")

    def expect_focus(self, role: str, name: str | None, contains: str = "", when: str = "") -> str:
        got_role, got_name = self.focused()
        assert got_role == role, f"{when}: focus on a {got_role} {got_name!r}, not a {role}"
        if name is not None:
            assert got_name == name, f"{when}: focus on {got_name!r}, not {name!r}"
        assert contains in got_name, f"{when}: {got_name!r} does not say {contains!r}"
        seen = self.page.evaluate(FOCUS_JS)
        assert seen["inside"], f"{when}: {got_role} {got_name!r} is off screen"
        assert not seen["covered"], f"{when}: {got_name!r} is covered by {seen['hit']}"
        return got_name

    def tab_until(self, role: str, limit: int = 40) -> tuple[int, str]:
        """Tab until a ``role`` has focus; every stop on the way must be on screen."""
        for presses in range(1, limit + 1):
            self.page.keyboard.press("Tab")
            got_role, got_name = self.focused()
            seen = self.page.evaluate(FOCUS_JS)
            assert seen["inside"] and not seen["covered"], (
                f"Tab stop {presses}, {got_role} {got_name!r}, is hidden: {seen}"
            )
            if got_role == role:
                return presses, got_name
        raise AssertionError(f"no {role} within {limit} Tab presses")


@pytest.fixture(scope="module")
def reader(browser: Browser) -> Iterator[Reader]:
    """One page for the whole journey, as one person's one tab."""
    # Reduced motion: no smooth scrolling to wait for at each step (dbt.css honours it).
    context = browser.new_context(viewport=PHONE, service_workers="block", reduced_motion="reduce")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Accessibility.enable")
    yield Reader(page, cdp)
    context.close()


def say(language: str, message: str, **values: object) -> str:
    return tr(language, message, **values)


def live(page: Page, selector: str) -> str:
    return (page.locator(selector).first.text_content() or "").strip()


def check_outline(reader: Reader, language: str, title: str) -> None:
    outline = reader.outline()
    headings = [(kind, name) for kind, name in outline if kind.startswith("h")]
    assert headings[0] == ("h2", say(language, "Need help now?")), "crisis help comes first"
    assert [name for kind, name in headings if kind == "h1"] == [title]
    levels = [int(kind[1]) for kind, _ in headings[1:]]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), headings
    landmarks = [(kind, name) for kind, name in outline if not kind.startswith("h")]
    assert ("region", say(language, "Help in a crisis")) in landmarks
    assert ("navigation", say(language, "Previous and next page")) in landmarks
    assert [k for k, _ in landmarks].count("main") == 1
    unnamed = [kind for kind, name in landmarks if not name and kind in {"navigation", "region"}]
    assert not unnamed, f"unnamed landmarks: {landmarks}"
    assert "complementary" not in [k for k, _ in landmarks], landmarks
    # Closed drawers are inert: out of the tree at this width.
    assert ("navigation", say(language, "Pages")) not in landmarks


def open_and_close_drawer(reader: Reader, language: str) -> None:
    """The page list: a named button, focus in on open, Escape closes and returns focus."""
    page = reader.page
    pages = say(language, "Pages")
    reader.tab_until("button")  # the page list's button is the header's first
    reader.expect_focus("button", pages)
    button = page.locator(".nav-overlay-icon.dbt-drawer-button")
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    role, name = reader.focused()
    assert role == "link", f"focus did not move into the open drawer: {role} {name!r}"
    assert page.evaluate("document.activeElement.closest('.sidebar-drawer') !== null")
    assert ("navigation", pages) in reader.outline()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    reader.expect_focus("button", pages, when="after Escape")
    assert page.locator(".sidebar-drawer").evaluate("e => e.inert")


def walk_checklist(reader: Reader, language: str, url: str) -> int:
    """Skip link, then every box by Tab and Space, then back up, then on to Next."""
    page = reader.page
    if page.url != url:
        page.goto(url)
    title = page.locator("h1").first.inner_text().strip()
    check_outline(reader, language, title)
    reader.step("Tab", "link", say(language, "Skip to content"))
    reader.step("Tab", "link", say(language, "Skip to the checklist"))
    page.keyboard.press("Enter")
    presses, first = reader.tab_until("checkbox")
    tabs = presses + 2  # and the Tabs to the skip links
    total = page.locator("input[data-ack-item]").count()
    progress = "[data-ack-block] [data-ack-progress]"
    for ticked in range(1, total + 1):
        if ticked > 1:
            _, _name = reader.tab_until("checkbox", limit=6)
        page.keyboard.press("Space")
        count = say(language, SCRIPT_TEXT["count"], agreed=ticked, total=total)
        expect(page.locator(progress).first).to_have_text(count)
    _, switch = reader.tab_until("switch", limit=4)  # past a link in the last hint
    assert switch == say(language, REMEMBER_LABEL)
    # Backwards to the first box: nothing hides under the sticky header (WCAG 2.4.11).
    for _ in range(20):
        page.keyboard.press("Shift+Tab")
        role, name = reader.focused()
        seen = page.evaluate(FOCUS_JS)
        assert seen["inside"] and not seen["covered"], f"Shift+Tab to {role} is hidden: {seen}"
        if name == first:
            break
    reader.expect_focus("checkbox", first, when="back at the first box")
    return tabs


def go_next(reader: Reader, language: str) -> None:
    page = reader.page
    following = page.locator(".related-pages a.next-page")
    title = following.locator(".title").inner_text().strip()
    target = following.evaluate("a => a.href")
    # Past the Remember switch and the page's footer links (only the last stop is read).
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('next-page')"):
            break
    else:
        raise AssertionError("no Next link")
    reader.expect_focus("link", f"{say(language, 'Next')} {title}")
    page.keyboard.press("Enter")
    page.wait_for_url(target)


def summary_and_clear(reader: Reader, language: str, answers: int) -> None:
    page = reader.page
    status = "[data-ack-clear-status]"
    clear = say(language, CLEAR_LABEL)
    page.locator("[data-ack-clear]").focus()
    reader.expect_focus("button", clear)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=say(language, CLEAR_TITLE))
    expect(dialog).to_be_visible()
    reader.expect_focus("button", say(language, CLEAR_NO), when="the dialog opened")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    reader.expect_focus("button", clear, when="the dialog closed")
    page.keyboard.press("Enter")
    reader.step("Shift+Tab", "button", say(language, CLEAR_YES))
    page.keyboard.press("Enter")
    cleared = say(language, SCRIPT_TEXT["cleared"], count=answers)
    expect(page.locator(status)).to_have_text(cleared)
    reader.expect_focus("button", say(language, UNDO_LABEL), when="after clearing")
    page.keyboard.press("Enter")
    expect(page.locator(status)).to_have_text(say(language, SCRIPT_TEXT["restored"]))
    reader.expect_focus("button", clear, when="after undo")


def agreement_pages(page: Page, base: str) -> list[str]:
    page.goto(base + SUMMARY)
    data = json.loads(page.locator("#dbt-ack-data").text_content() or "{}")
    return [base + topic["uri"] for topic in data["topics"]]


def walk(reader: Reader, language: str, base: str, tabs: dict[str, int]) -> int:
    """Home page, the page list, every agreement in order; returns the boxes ticked."""
    page = reader.page
    urls = agreement_pages(page, base)
    page.goto(base + "index.html")
    check_outline(reader, language, page.locator("h1").first.inner_text().strip())
    open_and_close_drawer(reader, language)
    theme = page.locator(".theme-toggle-header .theme-toggle")
    expect(theme).to_have_attribute("aria-label", say(language, "Color theme: automatic"))
    ticked = 0
    for url in urls:
        tabs[language + ":" + url.removeprefix(base)] = walk_checklist(reader, language, url)
        ticked += page.locator("input[data-ack-item]").count()
        go_next(reader, language)
    return ticked


def test_the_whole_journey_by_keyboard_at_phone_width(reader: Reader, site_url: str) -> None:
    page = reader.page
    tabs: dict[str, int] = {}
    answers = walk(reader, "en", site_url, tabs)
    page.goto(site_url + SUMMARY)
    check_outline(reader, "en", page.locator("h1").first.inner_text().strip())
    agreed = page.locator("li[data-ack-item][data-ack-state=agreed]")
    expect(agreed).to_have_count(answers)
    page.get_by_label("Your name (optional)").focus()
    page.keyboard.type("Sam")
    summary_and_clear(reader, "en", answers)

    # To Spanish by the language link: the same tab keeps the ticks and the name.
    page.locator(".dbt-languages a").focus()
    reader.expect_focus("link", "Español")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page).to_have_url(site_url + "es/" + SUMMARY)
    expect(page.get_by_label(say("es", "Your name (optional)"))).to_have_value("Sam")
    expect(agreed).to_have_count(answers)
    summary_and_clear(reader, "es", answers)
    page.locator("[data-ack-clear]").click()
    page.get_by_role("button", name=say("es", CLEAR_YES)).click()
    expect(agreed).to_have_count(0)

    assert walk(reader, "es", site_url + "es/", tabs) == answers
    page.goto(site_url + "es/" + SUMMARY)
    expect(agreed).to_have_count(answers)
    print("Tab presses from the top of each agreement page to its first box:", tabs)
    assert max(tabs.values()) <= MOST_TABS_TO_FIRST_BOX, tabs

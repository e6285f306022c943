"""Checks every page of a built site must pass; the crawler applies them to each page.

Each function takes the page's path relative to the site root, so the same
checks run on the clinic's site and on any test root (see test_crawler.py).
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from playwright.sync_api import ConsoleMessage, Error, Page, Request, expect

from browser_checks import COLOUR_RULES, RequestRecorder, axe_violations, format_violations

VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
SCHEMES: tuple[Literal["light", "dark"], ...] = ("light", "dark")

# Records every way a script could send something: fetch, XHR, beacons, forms.
SEND_TRAP = """
(() => {
  const sent = [];
  window.__dbtSent = sent;
  const note = (kind, target) => sent.push(kind + " " + String(target));
  const wrap = (owner, name, kind, target) => {
    const original = owner[name];
    if (typeof original !== "function") return;
    owner[name] = function (...args) {
      note(kind, target(this, args));
      return original.apply(this, args);
    };
  };
  wrap(window, "fetch", "fetch", (self, args) => args[0]);
  wrap(XMLHttpRequest.prototype, "open", "xhr", (self, args) => args[1]);
  wrap(Navigator.prototype, "sendBeacon", "beacon", (self, args) => args[0]);
  wrap(HTMLFormElement.prototype, "submit", "form", (self) => self.action);
  document.addEventListener("submit", (event) => note("form", event.target.action), true);
})();
"""


def front_matter_summary(site: Path, page: str) -> str | None:
    match = re.search(r'<meta name="description" content="([^"]*)"', (site / page).read_text())
    return html.unescape(match.group(1)) if match else None


@dataclass
class Traffic:
    """Requests in flight, and when the last one started or ended."""

    open: int = 0
    last: float = field(default_factory=time.monotonic)

    def started(self, request: Request) -> None:
        self.open += 1
        self.last = time.monotonic()

    def ended(self, request: Request) -> None:
        self.open -= 1
        self.last = time.monotonic()


def wait_until_quiet(page: Page, traffic: Traffic, quiet: float = 0.2, limit: float = 10) -> None:
    """Like Playwright's "networkidle", which waits 500 ms, with a shorter quiet spell:
    the test server is local, so 200 ms without a request is long enough."""
    deadline = time.monotonic() + limit
    while traffic.open > 0 or time.monotonic() - traffic.last < quiet:
        assert time.monotonic() < deadline, f"requests still open after {limit} s"
        page.wait_for_timeout(25)


class PrivateWatch:
    """Console errors, failed or off-site requests and anything a script sent, from a
    page's load until ``finish``: a crawl test keeps it open over all its checks, so
    what the keyboard walk or print set off is caught too, and the wait for the network
    to go quiet comes at the end, when it has long been quiet."""

    def __init__(self, page: Page, site_url: str) -> None:
        self.page = page
        self.errors: list[str] = []
        self.recorder = RequestRecorder(origin=site_url.rstrip("/"))
        self.traffic = Traffic()
        self.handlers: list[tuple[str, Callable[..., None]]] = [
            ("console", self.on_console),
            ("pageerror", self.on_page_error),
            ("request", self.recorder.on_request),
            ("requestfailed", self.recorder.on_failed),
            ("request", self.traffic.started),
            ("requestfinished", self.traffic.ended),
            ("requestfailed", self.traffic.ended),
        ]
        for event, handler in self.handlers:
            page.on(event, handler)  # type: ignore[call-overload]

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location})")

    def on_page_error(self, error: Error) -> None:
        self.errors.append(f"pageerror: {error}")

    def finish(self) -> None:
        try:
            wait_until_quiet(self.page, self.traffic)
            # Messages written out: pytest rewrites the asserts of test modules, not these.
            assert not self.errors, f"errors: {self.errors}"
            failed = self.recorder.failures(self.page)
            assert not failed, f"failed requests: {failed}"
            off_site = self.recorder.off_site()
            assert not off_site, f"requests off the site: {off_site}"
            assert self.recorder.requests, "no request was recorded: the recorder is not listening"
            sent = self.page.evaluate("window.__dbtSent")
            assert not sent, f"a script sent: {sent}"
        finally:
            self.stop()

    def stop(self) -> None:
        for event, handler in self.handlers:
            self.page.remove_listener(event, handler)


# Favicons already fetched and found to be images: every page names the same one.
FAVICONS_SEEN: set[str] = set()


def load_privately(page: Page, site_url: str, site_page: str) -> PrivateWatch:
    """Load the page (whose context runs SEND_TRAP) under a PrivateWatch, and check what
    every page's head and body must have."""
    watch = PrivateWatch(page, site_url)
    try:
        response = page.goto(site_url + site_page)
        assert response is not None and response.ok, f"{site_page} did not load"
        head = page.evaluate(
            """() => ({
              h1: document.querySelectorAll('h1').length,
              title: document.title.trim(),
              lang: document.documentElement.lang,
              descriptions: [...document.querySelectorAll('meta[name="description"]')]
                .map((meta) => meta.content),
              icon: document.querySelector('link[rel~="icon"]')?.href || '',
              forms: document.querySelectorAll('form[action]').length,
            })"""
        )
        assert head["h1"] == 1, f"a page needs exactly one h1, not {head['h1']}"
        assert head["title"], "no title"
        assert head["lang"], "no lang on <html>"
        descriptions = head["descriptions"]
        assert len(descriptions) == 1, "the front-matter summary is the meta description"
        assert len(descriptions[0]) >= 20, f"description too short: {descriptions[0]!r}"
        assert head["icon"], "no favicon"
        if head["icon"] not in FAVICONS_SEEN:
            favicon = page.request.get(head["icon"])
            kind = favicon.headers.get("content-type", "")
            assert favicon.ok and kind.startswith("image/"), f"favicon: {favicon.status} {kind}"
            FAVICONS_SEEN.add(head["icon"])
        assert head["forms"] == 0, "a form that posts somewhere"
    except AssertionError:
        watch.stop()
        raise
    return watch


def check_renders_privately(
    page: Page, site_url: str, site_page: str, *, trap_installed: bool = False
) -> None:
    """``trap_installed``: the page's context already runs SEND_TRAP on every load."""
    if not trap_installed:
        page.add_init_script(SEND_TRAP)
    load_privately(page, site_url, site_page).finish()


# Each running transition or animation, named by what it changes and on which element.
RUNNING_ANIMATIONS = """document.getAnimations().map((a) =>
  (a.transitionProperty || a.animationName) + ' on .' + (a.effect?.target?.className || '?'))"""


# Every WCAG A/AA rule runs at each width and in each scheme (desktop light, phone dark):
# what a rule finds can change with the layout, or with what a scheme shows (the theme
# button's icon). The colour rules, whose findings change with the colours, run at all
# four combinations: at desktop in dark and at phone width in light they run alone,
# which saves a third of the axe time for the same findings.
AXE_PASSES = (
    ("desktop", "light", None),
    ("desktop", "dark", COLOUR_RULES),
    ("phone", "dark", None),
    ("phone", "light", COLOUR_RULES),
)


def axe_failures(page: Page, label: str, site_url: str = "", site_page: str = "") -> list[str]:
    """AXE_PASSES on the open page (or, given ``site_page``, on its load after the first
    pass's settings, which the open page may already have: see ``start_axe_passes``):
    the width is a viewport change and the scheme a media query, so neither needs a
    reload.

    With reduced motion asked, as a reader may ask for it, nothing on the page may move
    (the drawers' slides, the dropdown chevron's turn): that is checked after each switch,
    and it lets axe measure the settled page at once instead of waiting about 0.25 s per
    switch for transitions to end (half a minute over the crawl)."""
    failures = []
    for index, (viewport, scheme, rules) in enumerate(AXE_PASSES):
        width, height = VIEWPORTS[viewport]
        page.set_viewport_size({"width": width, "height": height})
        page.emulate_media(color_scheme=scheme, reduced_motion="reduce")  # type: ignore[arg-type]
        if index == 0 and site_page:
            page.goto(site_url + site_page)
        moving = page.evaluate(RUNNING_ANIMATIONS)
        if moving:
            failures.append(f"{label}: still moving with reduced motion asked: {moving}")
        violations = axe_violations(page, rules=rules)
        if violations:
            where = f"{label} ({scheme}, {viewport} {width}px)"
            failures.append(f"axe violations on {where}:\n{format_violations(violations)}")
    return failures


def start_axe_passes(page: Page) -> None:
    """The first axe pass's width, scheme and motion, for a page about to be loaded."""
    viewport, scheme, _ = AXE_PASSES[0]
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")  # type: ignore[arg-type]


def check_axe(page: Page, site_url: str, site_page: str, *, loaded: bool = False) -> None:
    """``loaded``: the page is open, loaded after ``start_axe_passes``."""
    failures = axe_failures(page, site_page, site_url, "" if loaded else site_page)
    assert not failures, "\n".join(failures)


HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


# WCAG 1.4.10: 320 CSS px wide. 200% zoom on a 1280 x 800 screen lays out like a
# 640 x 400 viewport (at twice the pixel density, which changes the layout only through
# resolution media queries or srcset: check_reflow makes sure the page has neither).
REFLOW_SIZES = ((320, 640), (640, 400))

# Media conditions and image sources that would lay a page out differently at twice the
# pixel density than at one.
DENSITY_DEPENDENT = """(() => {
  const found = [];
  const walk = (rules) => { for (const rule of rules) {
    const media = rule.media ? rule.media.mediaText : (rule.conditionText || '');
    if (/resolution|pixel-ratio/.test(media)) found.push('@media ' + media);
    if (rule.cssRules) walk(rule.cssRules);
  } };
  for (const sheet of document.styleSheets) {
    try { walk(sheet.cssRules); } catch (e) { found.push('unreadable ' + sheet.href); }
  }
  for (const el of document.querySelectorAll('[srcset], picture source[media]')) {
    found.push(el.outerHTML.slice(0, 80));
  }
  return found;
})()"""


def check_reflow(page: Page, site_page: str) -> None:
    """On the open page, at the top: each reflow size is a viewport change, no reload."""
    density = page.evaluate(DENSITY_DEPENDENT)
    assert not density, f"{site_page} lays out by pixel density, so 200% zoom needs it: {density}"
    for width, height in REFLOW_SIZES:
        page.set_viewport_size({"width": width, "height": height})
        overflow = page.evaluate(HORIZONTAL_OVERFLOW)
        assert overflow <= 0, f"{site_page} scrolls sideways by {overflow}px at {width}px"
        size = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('article p, article li')"
            " || document.body).fontSize)"
        )
        assert size >= 14, f"body text is {size}px at {width}px wide"
        expect(page.locator("h1")).to_be_in_viewport()


FOCUSABLE = """
[...document.querySelectorAll(
  'a[href], button:not([disabled]), input:not([disabled]), select, textarea, summary, [tabindex]'
)].filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0
  && getComputedStyle(el).visibility !== 'hidden'
  // A radio group is one Tab stop: its checked radio, or its first while none is
  // checked (so each unanswered check is a stop too); arrow keys move inside it.
  && (el.type !== 'radio' || el === (
    document.querySelector(`input[type=radio][name="${CSS.escape(el.name)}"]:checked`)
    || document.querySelector(`input[type=radio][name="${CSS.escape(el.name)}"]`)))
  // Inside a closed dropdown only its summary can take focus.
  && !(el.closest('details:not([open])') && el.tagName !== 'SUMMARY'))
 .map((el, i) => { el.dataset.kb = String(i);
   return el.tagName + '.' + el.className + ' ' + (el.textContent || '').trim().slice(0, 40); })
"""

# Records what each focus lands on, in the page, so a Tab costs one round trip.
RECORD_FOCUS = """
(() => {
  window.__dbtFocus = [];
  document.addEventListener('focusin', () => {
    const el = document.activeElement;
    if (!el || el === document.body) return;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow && style.boxShadow !== 'none';
    // Link cards draw their focus ring on a pseudo-element covering the card.
    const after = getComputedStyle(el, '::after');
    const cardRing = after.outlineStyle !== 'none' && parseFloat(after.outlineWidth) > 0;
    const text = (el.textContent || '').trim().slice(0, 40);
    window.__dbtFocus.push(
      {kb: el.dataset.kb ?? null, tag: el.tagName, cls: String(el.className), text,
       visible: outline || ring || cardRing});
  });
})()
"""


def check_keyboard(page: Page, site_url: str, site_page: str, *, loaded: bool = False) -> None:
    """``loaded``: the page is already open, scrolled to the top, with nothing focused."""
    page.set_viewport_size({"width": 1280, "height": 800})
    if not loaded:
        page.goto(site_url + site_page)
    focusable = page.evaluate(FOCUSABLE)
    page.evaluate(RECORD_FOCUS)
    for _ in range(len(focusable) + 5):
        page.keyboard.press("Tab")
    focused = page.evaluate("window.__dbtFocus")
    first = focused[0]["cls"] if focused else "nothing"
    assert "skip-to-content" in first, f"the first Tab stop is {first!r}, not the skip link"
    reached: set[str] = set()
    invisible: list[str] = []
    for active in focused:
        if active["kb"] is not None:
            reached.add(active["kb"])
        if not active["visible"]:
            invisible.append(f"{active['tag']} {active['text']!r}")
    missed = [name for i, name in enumerate(focusable) if str(i) not in reached]
    assert not missed, f"{len(missed)} of {len(focusable)} focusable never got focus: {missed}"
    assert not invisible, f"no visible focus indicator on: {invisible}"

    # The first Tab stop, the skip link, works: from the top, Enter moves to the content.
    page.evaluate("scrollTo(0, 0)")
    page.locator(".skip-to-content").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#furo-main-content"
    expect(page.locator("#furo-main-content")).to_be_in_viewport()


def check_without_javascript(page: Page, site_url: str, site_page: str) -> None:
    """``page`` comes from a context with JavaScript turned off."""
    page.goto(site_url + site_page)
    expect(page.locator("h1")).to_be_visible()
    assert len(page.locator("article").inner_text()) > 100
    crisis = page.locator(".dbt-crisis")
    expect(crisis).to_be_visible()
    assert crisis.locator('a[href^="tel:"]').count() >= 2


def check_print(page: Page, site_url: str, site_page: str, *, loaded: bool = False) -> None:
    if not loaded:
        page.goto(site_url + site_page)
    page.emulate_media(media="print")
    expect(page.locator(".dbt-crisis")).to_be_visible()
    expect(page.locator("article h1")).to_be_visible()
    for chrome in (".sidebar-drawer", ".toc-drawer", ".mobile-header", ".related-pages"):
        expect(page.locator(chrome)).to_be_hidden()


def check_security_meta(built_site: Path, site_page: str) -> None:
    html = (built_site / site_page).read_text(encoding="utf-8")
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert match, "no Content-Security-Policy meta element"
    policy = dict(
        (part.split()[0], part.split()[1:]) for part in match.group(1).split("; ") if part
    )
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["connect-src"] == ["'none'"] and policy["form-action"] == ["'none'"]
    assert html.index("Content-Security-Policy") < html.index("<script"), "policy after a script"
    assert '<meta name="referrer" content="no-referrer">' in html

"""The shared browser checks: the request recorder, the axe colour rules, reflow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest
from playwright.sync_api import Page, Request

from browser_checks import AXE, COLOUR_RULES, WCAG_TAGS, RequestRecorder
from page_checks import SEND_TRAP, check_reflow, load_privately

ORIGIN = "http://127.0.0.1:8000"


@dataclass
class Failed:
    url: str
    failure: str


@dataclass
class Answer:
    status: int

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class Requests:
    def __init__(self, statuses: dict[str, int]) -> None:
        self.statuses = statuses
        self.asked: list[str] = []

    def get(self, url: str) -> Answer:
        self.asked.append(url)
        return Answer(self.statuses[url])


@dataclass
class FakePage:
    request: Requests


def test_an_aborted_request_counts_only_if_it_fails_when_asked_again() -> None:
    recorder = RequestRecorder(origin=ORIGIN)
    icon, gone = f"{ORIGIN}/_static/favicon.svg", f"{ORIGIN}/_static/gone.css"
    for url, failure in (
        (icon, "net::ERR_ABORTED"),
        (icon, "net::ERR_ABORTED"),
        (gone, "net::ERR_ABORTED"),
        (f"{ORIGIN}/blocked.js", "net::ERR_BLOCKED_BY_CLIENT"),
    ):
        recorder.on_failed(cast(Request, Failed(url, failure)))
    requests = Requests({icon: 200, gone: 404})
    page = cast(Page, cast(Any, FakePage(requests)))
    assert recorder.failures(page) == [
        f"{ORIGIN}/blocked.js (net::ERR_BLOCKED_BY_CLIENT)",
        f"{gone} (aborted, then 404 when asked again)",
    ]
    assert requests.asked == [icon, gone], "each aborted address is asked for once"


def test_the_colour_rules_are_axes_own_colour_rules(page: Page) -> None:
    """The crawl runs only COLOUR_RULES in two of its four axe passes: a rule axe adds to
    its colour category in an upgrade must join them."""
    page.set_content("<p>text</p>")
    page.evaluate(AXE.axe_script)
    found = page.evaluate(
        "tags => axe.getRules(tags).filter(r => r.tags.includes('cat.color')).map(r => r.ruleId)",
        WCAG_TAGS,
    )
    assert sorted(found) == sorted(COLOUR_RULES)


REFLOWING = "<h1>Title</h1><article><p>Words that wrap.</p></article>"


@pytest.mark.parametrize(
    ("extra", "found"),
    [
        ("", None),
        ('<div style="width:500px">wide</div>', "scrolls sideways by"),
        ("<style>@media (min-resolution: 2dppx) { p { width: 900px } }</style>", "pixel density"),
        ('<img alt="" srcset="a.png 1x, b.png 2x">', "pixel density"),
    ],
    ids=["reflows", "too-wide", "resolution-query", "srcset"],
)
def test_reflow_is_checked_by_width_alone_only_where_density_cannot_matter(
    page: Page, extra: str, found: str | None
) -> None:
    """The crawl checks 200% zoom as a 640 px viewport on the page it already has open:
    a page that lays out by pixel density, or is too wide, fails."""
    page.set_content(f"<!doctype html><html><body>{REFLOWING}{extra}</body></html>")
    if found is None:
        check_reflow(page, "test.html")
    else:
        with pytest.raises(AssertionError, match=found):
            check_reflow(page, "test.html")


HEAD = (
    '<html lang="en"><head><title>T</title><link rel="icon" href="icon.svg">'
    '<meta name="description" content="A page made to test the private rendering check.">'
    "</head><body><h1>T</h1>{}</body></html>"
)
ICON = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>'


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("<p>Plain.</p>", None),
        ("<script>console.error('broken')</script>", "console: broken"),
        ("<script>setTimeout(() => navigator.sendBeacon('/x', 'hi'), 300)</script>", "POST|beacon"),
        ('<img alt="" src="https://example.invalid/pixel.png">', "example.invalid"),
    ],
    ids=["private", "console-error", "late-beacon", "off-site"],
)
def test_the_watch_over_a_page_catches_what_happens_after_its_load(
    page: Page, tmp_path: Path, serve_dir: Callable[[Path], str], body: str, found: str | None
) -> None:
    """The crawl opens the watch at the load and closes it after its other checks: a
    beacon sent later, as by a script on a timer, is caught like one sent at once."""
    (tmp_path / "page.html").write_text(HEAD.format(body), encoding="utf-8")
    (tmp_path / "icon.svg").write_text(ICON, encoding="utf-8")
    page.add_init_script(SEND_TRAP)
    watch = load_privately(page, serve_dir(tmp_path), "page.html")
    page.wait_for_timeout(500)  # the crawl's other checks, in the meantime
    if found is None:
        watch.finish()
    else:
        with pytest.raises(AssertionError, match=found):
            watch.finish()

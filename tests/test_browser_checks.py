"""The request recorder tells a site's failed request from one a navigation cut off."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from playwright.sync_api import Page, Request

from browser_checks import AXE, COLOUR_RULES, WCAG_TAGS, RequestRecorder

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

"""Page weight: every byte a page loads in Chromium, its request count, and any request
that leaves 127.0.0.1 (the site promises none)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from serve import served

from build_tools.chromium import QUIET_FLAGS, find, playwright_browser

if TYPE_CHECKING:  # imported when measuring, so a machine without Playwright can skip
    from playwright.sync_api import BrowserContext, Request, Response

CHROMIUM_FLAGS = list(QUIET_FLAGS)


def chromium_path() -> Path | None:
    """The project's own lookup ($CHROMIUM, Debian's, then Playwright's download), as a
    path Lighthouse can use too; None when there is none (the figures are then skipped)."""
    found, path = find()
    if not found:
        return None
    return Path(path) if path else playwright_browser()


@dataclass
class Load:
    page: str
    bytes: int = 0
    requests: int = 0
    external: list[str] = field(default_factory=list)
    heaviest: list[tuple[str, int]] = field(default_factory=list)


def measure(context: BrowserContext, base: str, page: str) -> Load:
    """Load ``page`` in a fresh tab of ``context`` (an empty cache) and count what it loads."""
    load = Load(page)
    sizes: dict[str, int] = {}
    tab = context.new_page()

    def on_request(request: Request) -> None:
        load.requests += 1
        if urlsplit(request.url).hostname not in ("127.0.0.1", None):
            load.external.append(request.url)

    def on_response(response: Response) -> None:
        try:
            sizes[response.url] = len(response.body())
        except Exception:  # a redirect or an aborted response has no body to count
            sizes.setdefault(response.url, 0)

    tab.on("request", on_request)
    tab.on("response", on_response)
    tab.goto(base + page, wait_until="networkidle")
    tab.close()
    load.bytes = sum(sizes.values())
    top = sorted(sizes.items(), key=lambda item: -item[1])[:3]
    load.heaviest = [(url.removeprefix(base), size) for url, size in top]
    return load


def page_weights(sites: dict[str, Path], pages: list[str], chromium: Path) -> dict[str, Any]:
    """``{site: {page: Load as dict}}`` for each built site, each page loaded cold."""
    from playwright.sync_api import sync_playwright

    result: dict[str, Any] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_FLAGS)
        try:
            for name, folder in sites.items():
                with served(folder) as base:
                    loads = {}
                    for page in pages:
                        # A new context per load: nothing cached from the page before.
                        context = browser.new_context()
                        loads[page] = asdict(measure(context, base, page))
                        context.close()
                    result[name] = loads
        finally:
            browser.close()
    return result

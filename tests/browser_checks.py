"""Browser assertions shared by the test modules: axe-core, network and console."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import ConsoleMessage, Page, Request

# WCAG 2.0, 2.1 and 2.2, levels A and AA: what we promise, nothing looser.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()

# Narrow exceptions: (page path suffix, rule id, target selector) -> why it is acceptable.
# Keep this empty unless a violation is in markup we do not own and cannot override.
AXE_ALLOWLIST: dict[tuple[str, str, str], str] = {}


# The WCAG A/AA rules whose result depends on the colours in use, and so on the colour
# scheme (axe's "color" category within those tags).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(
    page: Page, context: str | None = None, rules: list[str] | None = None
) -> list[dict[str, object]]:
    """``rules``: only these (each one of the WCAG A/AA rules); otherwise all of them."""
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    options = {"runOnly": only, "resultTypes": ["violations"]}
    # axe-playwright-python injects its 570 KB axe.min.js on every run; once per page
    # load is enough when a test runs axe several times (light, dark, two widths).
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.axe_script)
    response = page.evaluate(
        "([context, options]) => axe.run(context || document, options)", [context, options]
    )
    path = urlsplit(page.url).path
    kept = []
    for violation in response["violations"]:
        nodes = [
            node
            for node in violation["nodes"]
            if not any(
                path.endswith(page_suffix) and violation["id"] == rule and target in node["target"]
                for (page_suffix, rule, target) in AXE_ALLOWLIST
            )
        ]
        if nodes:
            kept.append({**violation, "nodes": nodes})
    return kept


def tick_every_box(page: Page, selector: str) -> int:
    """Tick every unticked box on the open page with one call, as clicks the page's own
    handlers receive, and return how many boxes it has. For tests of what ticking does
    (counts, the summary, storage): how a person ticks (Tab and Space on every box, in
    both languages) is the journey's test, and one Playwright click per box cost a
    round trip and an actionability wait each."""
    count: int = page.evaluate(
        """(selector) => {
          const boxes = [...document.querySelectorAll(selector)];
          for (const box of boxes) if (!box.checked) box.click();
          return boxes.length;
        }""",
        selector,
    )
    return count


def format_violations(violations: list[dict[str, object]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:  # type: ignore[attr-defined]
            lines.append(f"    target: {node['target']}\n    {node['failureSummary']}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page, label: str = "", context: str | None = None) -> None:
    violations = axe_violations(page, context)
    assert not violations, (
        f"axe violations on {label or page.url}:\n{format_violations(violations)}"
    )


@dataclass
class RequestRecorder:
    """Every request a page makes, and those that failed or left the test server."""

    origin: str
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    # Requests the browser gave up on itself (net::ERR_ABORTED): a navigation cancels
    # whatever the last page still had in flight, such as a late favicon.
    aborted: list[str] = field(default_factory=list)

    def on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def on_failed(self, request: Request) -> None:
        if request.failure and "ERR_ABORTED" in request.failure:
            self.aborted.append(request.url)
        else:
            self.failed.append(f"{request.url} ({request.failure})")

    def failures(self, page: Page) -> list[str]:
        """Every failed request, and every aborted one that fails when asked for again.

        An aborted request says nothing about the site: how many there are depends on
        how busy the machine is when the next navigation starts. So each one is
        requested again, to the end, and counts only if it fails then.
        """
        found = list(self.failed)
        for url in dict.fromkeys(self.aborted):
            if url.startswith(self.origin):
                again = page.request.get(url)
                if not again.ok:
                    found.append(f"{url} (aborted, then {again.status} when asked again)")
        return found

    def off_site(self) -> list[str]:
        return [
            url
            for url in self.requests
            if not url.startswith(self.origin) and not url.startswith(("data:", "blob:"))
        ]


def record_requests(page: Page, origin: str) -> RequestRecorder:
    """Start recording; ``origin`` is the test server's base URL."""
    recorder = RequestRecorder(origin=origin.rstrip("/"))
    page.on("request", recorder.on_request)
    page.on("requestfailed", recorder.on_failed)
    return recorder


def collect_console_errors(page: Page) -> list[str]:
    """A list that fills with console errors and uncaught exceptions as they happen."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"console: {message.text} ({message.location})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    return errors

"""The trainer edition's record check in Chromium (issue 20), on one page for the module.

A record made by the real client edition (a tick, a question mark, a typed question,
a quick check left unclear), downloaded, then opened in the check page; the same text
with a statement whose words changed, with words edited, cut short and with a line
removed; files that are not records; and a trainee's onboarding record. Every outcome
is said in the live region, and no script error or request leaves the page.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_checks import assert_no_axe_violations, collect_console_errors, record_requests
from conftest import edition_site
from page_checks import SCHEMES, VIEWPORTS

CHECK = "trainer/check-record.html"
STATUS = "[data-rc-status]"
RESULTS = "[data-rc-results]"
CODE = re.compile(r" \[([a-z0-9-]+/[a-z0-9-]+) ([0-9a-f]{12}) ([0-9a-f]{12}) (\w+)( \?)?\]$")

pytestmark = pytest.mark.browser


def words_hash(words: str) -> str:
    """As build_tools.acknowledgment.doctree.statement_hash."""
    return hashlib.sha256(" ".join(words.split()).encode("utf-8")).hexdigest()[:12]


@pytest.fixture(scope="module")
def urls(serve_dir: Callable[[Path], str]) -> dict[str, str]:
    return {
        "client": serve_dir(edition_site("client")),
        "trainer": serve_dir(edition_site("trainer")),
    }


@pytest.fixture(scope="module")
def tab(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[Page]:
    """One page for every test here: the suite's time is spent on page loads."""
    context = browser.new_context(**browser_context_args, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def errors(tab: Page) -> list[str]:
    return collect_console_errors(tab)


def download(page: Page, summary: str) -> str:
    page.goto(summary)
    with page.expect_download() as info:
        page.locator("[data-ack-download]").click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def check_text(page: Page, text: str) -> None:
    page.locator("[data-rc-text]").fill(text)
    page.locator("[data-rc-check]").click()


def open_file(page: Page, name: str, content: bytes, mime: str = "text/plain") -> None:
    page.locator("[data-rc-file]").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": content}]
    )


def part(page: Page, title: str) -> Any:
    return page.locator(".dbt-rc__part").filter(has=page.get_by_role("heading", name=title))


def test_a_client_record_checks_against_the_current_pages(
    tab: Page, urls: dict[str, str], errors: list[str]
) -> None:
    page = tab
    client = urls["client"]
    recorder = record_requests(page, client)
    page.goto(client + "agreements/attendance.html")
    title = page.locator("h1").inner_text().strip()
    page.locator("input[data-ack-item]").first.check()
    ticked = page.locator(".dbt-ack__label").first.inner_text().strip()
    asked = page.locator(".dbt-ack__label").nth(1).inner_text().strip()
    page.locator("[data-ack-ask]").nth(1).click()
    page.locator("[data-ack-questions]").fill("What if my bus is late?")
    quick = page.locator("[data-kc][data-kc-client]").first
    quick.locator("[data-kc-option]:not([data-kc-right])").first.check()
    quick.locator("[data-kc-check]").click()
    unclear = quick.locator("legend").inner_text().strip()
    text = download(page, client + "acknowledge.html")
    assert text.startswith("[dbt-record 2 client en ")

    page.goto(urls["trainer"] + CHECK)
    open_file(page, "my-treatment-agreements.txt", text.encode("utf-8"))
    status = page.locator(STATUS)
    expect(status).to_contain_text("Record checked:")
    expect(status).to_contain_text("0 outdated")
    start = part(page, "Start here: questions and unclear points")
    expect(start).to_contain_text(f"Question: {title}: What if my bus is late?")
    expect(start).to_contain_text(f"Has a question about: {title}: {asked}")
    expect(start).to_contain_text(f"Still unclear: {unclear}")
    expect(part(page, "Agreed, with the words of the current pages")).to_contain_text(ticked)
    expect(part(page, "Not ticked")).to_contain_text(f"Not ticked: {title}: {asked}")
    expect(part(page, "Outdated")).to_contain_text("None: every statement matches")
    expect(part(page, "About this record")).to_contain_text("A client's record")
    expect(part(page, "About this record")).to_contain_text("in English.")
    expect(part(page, "About this record")).to_contain_text("is the current one")
    # The crawl runs axe on the empty page in both schemes at both widths; with results,
    # light at desktop width and dark at phone width cover each of them once.
    for scheme, viewport in zip(SCHEMES, VIEWPORTS, strict=True):
        width, height = VIEWPORTS[viewport]
        page.set_viewport_size({"width": width, "height": height})
        page.emulate_media(color_scheme=scheme)
        assert_no_axe_violations(page, f"record check with results ({scheme}, {viewport})")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.emulate_media(color_scheme="light")

    # The clinic changed a statement since: new words, and the code made from them.
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if ticked in line and CODE.search(line))
    match = CODE.search(lines[index])
    assert match
    new_words = ticked + " Every week."
    changed = lines[index].replace(ticked, new_words).replace(match[2], words_hash(new_words))
    outdated = [line if line != lines[index] else changed for line in lines]
    check_text(page, "\n".join(outdated))
    expect(part(page, "Outdated")).to_contain_text(
        f"The words have changed since: {title}: {new_words}"
    )
    expect(page.locator(STATUS)).to_contain_text("1 outdated")

    # Words edited in the file, the code left as it was.
    edited = [line.replace(ticked, "I will come when I feel like it.") for line in lines]
    check_text(page, "\n".join(edited))
    expect(page.locator(STATUS)).to_contain_text("the words do not match their codes")
    expect(part(page, "Outdated")).to_contain_text("Words edited in the file:")

    # Cut short, and a coded line removed.
    check_text(page, "\n".join(lines[: len(lines) // 2]))
    expect(page.locator(STATUS)).to_contain_text("cut short")
    check_text(page, "\n".join(lines[:index] + lines[index + 1 :]))
    expect(page.locator(STATUS)).to_contain_text("lines were removed, added or damaged")
    # Only the two local sites were asked for anything: the file went nowhere.
    assert [u for u in recorder.off_site() if not u.startswith(urls["trainer"])] == []
    assert recorder.failed == []
    assert errors == []


NOT_RECORDS = [
    ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "image/png", "not a text file"),
    ("form.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "application/pdf", "not a text file"),
    ("notes.txt", b"Dear therapist,\nhere are my notes.\n", "text/plain", "not a record from"),
    ("empty.txt", b"", "text/plain", "nothing to check"),
    ("huge.txt", b"[dbt-record 2\n" + b"x" * 1_100_000, "text/plain", "too large to be a record"),
]


def test_files_that_are_not_records_are_named_plainly(
    tab: Page, urls: dict[str, str], errors: list[str]
) -> None:
    page = tab
    if not page.url.endswith(CHECK):
        page.goto(urls["trainer"] + CHECK)
    for name, content, mime, said in NOT_RECORDS:
        open_file(page, name, content, mime)
        expect(page.locator(STATUS), name).to_contain_text(said)
        expect(page.locator(RESULTS), name).to_be_hidden()
    # By keyboard: type into the text box, then Tab to the button and press Enter.
    page.locator("[data-rc-text]").fill("")
    page.locator("[data-rc-text]").focus()
    page.keyboard.type("Riverside DBT Program\nEdition: 8148-9bee-1e6b\n[x] I will come.\n")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(STATUS)).to_contain_text("made by an older version of the site")
    assert errors == []


def test_a_trainee_record_reads_the_same_way(
    tab: Page, urls: dict[str, str], errors: list[str]
) -> None:
    page = tab
    trainer = urls["trainer"]
    page.goto(trainer + "trainer/therapist-agreements.html")
    page.locator("input[data-ack-item]").first.check()
    ticked = page.locator(".dbt-ack__label").first.inner_text().strip()
    page.goto(trainer + "trainer/four-miss-rule.html")
    check = page.locator("[data-kc]").first
    check.locator("[data-kc-option][data-kc-right]").check()
    check.locator("[data-kc-check]").click()
    question = check.locator("legend").inner_text().strip()
    text = download(page, trainer + "trainer/record.html")
    assert text.startswith("[dbt-record 2 trainer en ")
    page.goto(trainer + CHECK)
    open_file(page, "my-onboarding-record.txt", text.encode("utf-8"))
    expect(page.locator(STATUS)).to_contain_text("Record checked:")
    expect(part(page, "About this record")).to_contain_text("A trainee's onboarding record")
    expect(part(page, "Agreed, with the words of the current pages")).to_contain_text(ticked)
    expect(part(page, "Quick checks and knowledge checks")).to_contain_text(
        f"Answered right: {question}"
    )
    assert errors == []

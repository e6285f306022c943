"""The acknowledgment checklists and summary in Chromium: ticking, storage, privacy, a11y.

Most tests use the client site built from content/ (one build per session); the
changed-statement tests serve tests/roots/ack-basic and ack-changed (the same
pages with one statement reworded) from one origin, as two editions of a site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

import page_checks
from browser_checks import collect_console_errors, record_requests, tick_every_box

pytestmark = pytest.mark.browser

PREFIX = "dbt-ack:"
NO_VALIDATION = ("dbt_validate=0",)
BOXES = "input[data-ack-item]"
SUMMARY = "acknowledge.html"
STORAGE_JS = """() => {
  const dump = (s) => Object.fromEntries(
    Array.from({length: s.length}, (_, i) => [s.key(i), s.getItem(s.key(i))]));
  return {session: dump(sessionStorage), local: dump(localStorage)};
}"""


def site_data(page: Page) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(page.locator("#dbt-ack-data").text_content() or "")
    return data


def storage(page: Page) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = page.evaluate(STORAGE_JS)
    return result


def ours(keys: dict[str, str]) -> list[str]:
    return sorted(k for k in keys if k.startswith(PREFIX))


def checklist_pages(page: Page, base: str) -> list[str]:
    page.goto(base + SUMMARY)
    return [base + topic["uri"] for topic in site_data(page)["topics"]]


def tick_all(page: Page, urls: list[str]) -> int:
    count = 0
    for url in urls:
        page.goto(url)
        total = tick_every_box(page, BOXES)
        expect(page.locator("[data-ack-progress]").first).to_contain_text(
            f"{total} of {total} agreed"
        )
        count += total
    return count


def new_context(browser: Browser, **kwargs: Any) -> BrowserContext:
    return browser.new_context(service_workers="block", **kwargs)


@pytest.fixture(scope="module")
def editions(
    build_root: Callable[..., Path],
    serve_dir: Callable[[Path], str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, str]]:
    """Two editions of one small site on one origin: /v1/ and /v2/ (one statement reworded)."""
    root = tmp_path_factory.mktemp("editions")
    (root / "v1").symlink_to(build_root("ack-basic", overrides=NO_VALIDATION))
    (root / "v2").symlink_to(build_root("ack-changed", overrides=NO_VALIDATION))
    base = serve_dir(root)
    yield base + "v1/", base + "v2/"


# --- ticking, the summary and where ticks are kept -------------------------------------


def test_tick_every_page_then_the_summary_shows_all_agreed(page: Page, site_url: str) -> None:
    errors = collect_console_errors(page)
    urls = checklist_pages(page, site_url)
    assert len(urls) >= 8
    total = tick_all(page, urls)

    # The navigation shows each page's progress in words.
    badges = page.locator(".sidebar-tree .dbt-ack-nav")
    assert badges.count() == len(urls)
    for text in badges.all_inner_texts():
        assert re.fullmatch(r"\((\d+) of \1 agreed\)", text.strip()), text

    page.goto(site_url + SUMMARY)
    items = page.locator("li[data-ack-item]")
    assert items.count() == total
    expect(page.locator("[data-ack-summary] [data-ack-progress]")).to_have_text(
        f"{total} of {total} agreed"
    )
    assert set(items.evaluate_all("els => els.map(e => e.dataset.ackState)")) == {"agreed"}
    assert set(page.locator("[data-ack-status]").all_inner_texts()) == {"Agreed"}
    expect(page.locator("[data-ack-go]:visible")).to_have_count(0)

    # The same tab keeps the ticks over a reload, in sessionStorage only.
    page.reload()
    expect(page.locator("[data-ack-summary] [data-ack-progress]")).to_have_text(
        f"{total} of {total} agreed"
    )
    kept = storage(page)
    assert ours(kept["session"]) == ["dbt-ack:ticks"]
    assert ours(kept["local"]) == []
    assert len(json.loads(kept["session"]["dbt-ack:ticks"])["items"]) == total
    assert errors == []
    # All ticked: the other states are checked where they are made (nothing ticked by
    # the crawl, partly ticked with a question by the questions test below).
    axe_everywhere(page, "summary (all ticked)")
    page.goto(urls[-1])
    axe_everywhere(page, f"{urls[-1]} (all ticked)")


def test_a_new_tab_or_browser_sees_no_ticks_until_remember_is_on(
    page: Page, context: BrowserContext, browser: Browser, site_url: str
) -> None:
    urls = checklist_pages(page, site_url)
    total = sum(len(topic["items"]) for topic in site_data(page)["topics"])
    # One page's ticks stand for all: the storage rules do not depend on the page.
    ticked = tick_all(page, urls[:1])
    assert ours(storage(page)["local"]) == [], "nothing on the device before the client chooses"

    other_tab = context.new_page()
    other_tab.goto(urls[0])
    expect(other_tab.locator(f"{BOXES}:checked")).to_have_count(0)
    assert ours(storage(other_tab)["session"]) == []

    # A later browser session on this device: localStorage carries over, sessionStorage not.
    later = new_context(browser, storage_state=context.storage_state())
    try:
        later_page = later.new_page()
        later_page.goto(site_url + SUMMARY)
        expect(later_page.locator("[data-ack-summary] [data-ack-progress]")).to_have_text(
            f"0 of {total} agreed"
        )
    finally:
        later.close()

    page.goto(site_url + SUMMARY)
    switch = page.get_by_label("Remember my answers on this device")
    expect(switch).not_to_be_checked()
    switch.check()
    expect(page.locator("[data-ack-summary] [data-ack-progress]")).to_contain_text("kept")
    kept = storage(page)
    assert ours(kept["local"]) == ["dbt-ack:remember", "dbt-ack:ticks"]
    assert ours(kept["session"]) == []

    other_tab.reload()
    expect(other_tab.locator(f"{BOXES}:checked")).to_have_count(other_tab.locator(BOXES).count())
    later = new_context(browser, storage_state=context.storage_state())
    try:
        later_page = later.new_page()
        later_page.goto(site_url + SUMMARY)
        expect(later_page.locator("[data-ack-summary] [data-ack-progress]")).to_have_text(
            f"{ticked} of {total} agreed"
        )
        expect(later_page.get_by_label("Remember my answers on this device")).to_be_checked()
    finally:
        later.close()

    # Turning it off again forgets them on the device but keeps them in this tab.
    switch.uncheck()
    kept = storage(page)
    assert ours(kept["local"]) == []
    assert ours(kept["session"]) == ["dbt-ack:ticks"]
    expect(page.locator("[data-ack-summary] [data-ack-progress]")).to_contain_text(
        f"{ticked} of {total} agreed"
    )


def test_tabs_stay_in_step_when_remembering(
    page: Page, context: BrowserContext, site_url: str
) -> None:
    url = checklist_pages(page, site_url)[0]
    page.goto(url)
    page.get_by_label("Remember my answers on this device").check()
    other = context.new_page()
    other.goto(url)
    page.locator(BOXES).first.check()
    # The storage event updates the other tab without a reload.
    expect(other.locator(BOXES).first).to_be_checked()
    other.locator(BOXES).first.uncheck()
    expect(page.locator(BOXES).first).not_to_be_checked()


CLEAR = "Clear my answers on all pages"


def clear_all(page: Page) -> None:
    """Clear every answer from a page that has the button, and confirm."""
    page.get_by_role("button", name=CLEAR).click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, clear them").click()


def focused(page: Page) -> str:
    return str(page.evaluate("document.activeElement.textContent.trim()"))


def test_clear_asks_first_removes_every_key_and_can_be_undone(page: Page, site_url: str) -> None:
    urls = checklist_pages(page, site_url)
    page.goto(urls[0])
    expect(page.get_by_role("button", name=CLEAR)).to_have_count(0)  # not next to "Next"
    page.evaluate("localStorage.setItem('not-ours', '1'); sessionStorage.setItem('not-ours', '1')")
    page.locator(BOXES).first.check()
    page.get_by_label("Remember my answers on this device").check()
    page.goto(urls[1])
    page.locator(BOXES).nth(0).check()
    page.locator(BOXES).nth(1).check()
    page.evaluate(f"sessionStorage.setItem('{PREFIX}ticks', '{{}}')")
    page.goto(site_url + SUMMARY)
    page.get_by_label("Your name (optional)").fill("Sam")
    before = storage(page)
    assert ours(before["local"]) and ours(before["session"])
    assert before["local"][f"{PREFIX}name"] == "Sam", "the name is kept like the ticks"

    # Asked first: focus moves into the dialog, on the safe answer; Escape keeps everything.
    page.get_by_role("button", name=CLEAR).click()
    dialog = page.get_by_role("dialog", name="Clear your answers on all pages?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("(3 in all)")
    assert focused(page) == "No, keep them"
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert focused(page) == CLEAR, "focus goes back to the button"
    assert storage(page) == before

    page.get_by_role("button", name=CLEAR).click()
    page.get_by_role("button", name="Yes, clear them").click()
    after = storage(page)
    assert ours(after["local"]) == [] and ours(after["session"]) == []
    assert after["local"].get("not-ours") == "1" and after["session"].get("not-ours") == "1"
    status = page.locator("[data-ack-clear-status]")
    expect(status).to_have_text(
        "Answers cleared from all pages on this device: 3. You can undo this"
    )
    expect(page.get_by_label("Your name (optional)")).to_have_value("")
    expect(page.get_by_label("Remember my answers on this device")).not_to_be_checked()
    expect(page.locator("li[data-ack-item][data-ack-state=agreed]")).to_have_count(0)
    assert focused(page) == "Undo: bring my answers back"

    page.keyboard.press("Enter")  # undo, right after
    assert storage(page) == before
    expect(status).to_have_text("Your answers are back")
    expect(page.get_by_label("Your name (optional)")).to_have_value("Sam")
    expect(page.get_by_label("Remember my answers on this device")).to_be_checked()
    expect(page.locator("li[data-ack-item][data-ack-state=agreed]")).to_have_count(3)
    expect(page.locator("[data-ack-undo]")).to_be_hidden()
    assert focused(page) == CLEAR

    # The privacy page has the same button.
    page.goto(site_url + "privacy.html")
    clear_all(page)
    assert ours(storage(page)["local"]) == []
    # Nothing to clear: no dialog, it says so.
    page.get_by_role("button", name=CLEAR).click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.locator("[data-ack-clear-status]")).to_have_text(
        "There are no answers on this device to clear"
    )


def test_the_name_is_kept_like_the_ticks(page: Page, site_url: str) -> None:
    page.goto(site_url + SUMMARY)
    page.get_by_label("Your name (optional)").fill("Sam")
    assert storage(page)["session"][f"{PREFIX}name"] == "Sam"
    assert f"{PREFIX}name" not in storage(page)["local"], "this tab only, by default"
    page.goto(site_url + "index.html")
    page.goto(site_url + SUMMARY)
    expect(page.get_by_label("Your name (optional)")).to_have_value("Sam")
    page.get_by_label("Your name (optional)").fill("")
    assert f"{PREFIX}name" not in storage(page)["session"]


def test_returning_with_back_resyncs_the_boxes(page: Page, site_url: str) -> None:
    urls = checklist_pages(page, site_url)
    page.goto(urls[0])
    page.locator(BOXES).first.check()
    page.goto(site_url + SUMMARY)
    clear_all(page)
    page.go_back()
    expect(page.locator(BOXES).first).not_to_be_checked()
    expect(page.locator("[data-ack-progress]").first).to_contain_text("0 of")


# --- a statement changed in a later edition -----------------------------------------


def test_a_changed_statement_shows_as_changed_and_no_longer_counts(
    page: Page, editions: tuple[str, str]
) -> None:
    v1, v2 = editions
    errors = collect_console_errors(page)
    page.goto(v1 + "attendance.html")
    for box in page.locator(BOXES).all():
        box.check()
    expect(page.locator("[data-ack-progress]")).to_contain_text("3 of 3 agreed")

    page.goto(v2 + "attendance.html")
    changed = page.locator("#ack-attendance-come-to-sessions")
    expect(changed).not_to_be_checked()
    note = page.locator("#ack-attendance-come-to-sessions-changed")
    expect(note).to_be_visible()
    expect(note).to_contain_text("This changed after you ticked it")
    expect(page.locator("[data-ack-progress]")).to_contain_text("2 of 3 agreed")
    # The note is part of the box's description for screen readers.
    assert "come-to-sessions-changed" in (changed.get_attribute("aria-describedby") or "")

    page.goto(v2 + SUMMARY)
    item = page.locator('li[data-ack-item="attendance/come-to-sessions"]')
    expect(item.locator("[data-ack-status]")).to_have_text("Changed since you ticked it")
    expect(item.locator("[data-ack-go]")).to_be_visible()
    expect(page.locator("[data-ack-summary-topic=attendance] [data-ack-count]")).to_have_text(
        "2 of 3 agreed"
    )

    # Ticking it again agrees to the new text.
    page.goto(v2 + "attendance.html")
    changed.check()
    expect(note).to_be_hidden()
    expect(page.locator("[data-ack-progress]")).to_contain_text("3 of 3 agreed")
    assert errors == []


# --- storage that fails ------------------------------------------------------------

BROKEN_STORAGE = {
    "corrupt": """
        sessionStorage.setItem('dbt-ack:ticks', '{"items": {"a/b": 5, "x": {"h": 1}}');
        localStorage.setItem('dbt-ack:remember', 'maybe');
        localStorage.setItem('dbt-ack:ticks', 'not json at all');
    """,
    "set-throws": """
        Storage.prototype.setItem = function () {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
    """,
    "all-throw": """
        for (const name of ['getItem', 'setItem', 'removeItem', 'key']) {
            Storage.prototype[name] = function () {
                throw new DOMException('denied', 'SecurityError');
            };
        }
    """,
    "blocked": """
        for (const name of ['localStorage', 'sessionStorage']) {
            Object.defineProperty(window, name, {
                get() { throw new DOMException('denied', 'SecurityError'); },
            });
        }
    """,
}


# Storage that throws on read, or is blocked outright, also breaks furo's inline
# theme script (not ours): for these, only errors from our files fail the test.
THEME_BREAKS = {"all-throw", "blocked"}
ERROR_SOURCES = """
    window.__errorSources = [];
    addEventListener("error", (e) => window.__errorSources.push(e.filename || ""));
"""


@pytest.mark.parametrize("kind", sorted(BROKEN_STORAGE))
def test_broken_storage_leaves_the_checklists_usable(page: Page, site_url: str, kind: str) -> None:
    errors = collect_console_errors(page)
    urls = checklist_pages(page, site_url)
    page.add_init_script(ERROR_SOURCES)
    page.add_init_script(BROKEN_STORAGE[kind])
    page.goto(urls[0])
    boxes = page.locator(BOXES)
    total = boxes.count()
    expect(page.locator("[data-ack-progress]").first).to_contain_text(f"0 of {total} agreed")
    boxes.first.check()
    expect(boxes.first).to_be_checked()
    expect(page.locator("[data-ack-progress]").first).to_contain_text(f"1 of {total} agreed")
    switch = page.get_by_label("Remember my answers on this device")
    if kind == "corrupt":
        switch.check()
        assert ours(storage(page)["local"]) == ["dbt-ack:remember", "dbt-ack:ticks"]
    else:
        # The page says it cannot keep the ticks, and the switch will not pretend to.
        expect(page.locator("[data-ack-progress]").first).to_contain_text("not letting the site")
        switch.click()
        expect(switch).not_to_be_checked()
        expect(page.locator("[data-ack-progress]").first).to_contain_text("not letting the site")
    page.goto(site_url + SUMMARY)
    expect(page.locator("[data-ack-summary] [data-ack-progress]")).to_contain_text("0 of")
    # Nothing reached this page's storage (the init script breaks it again on each load).
    page.get_by_role("button", name=CLEAR).click()
    expect(page.locator("[data-ack-clear-status]")).to_have_text(
        "There are no answers on this device to clear"
    )
    sources = page.evaluate("window.__errorSources")
    assert not [src for src in sources if "/_static/ack" in src], sources
    if kind in THEME_BREAKS:
        # furo's own inline theme script reads localStorage unguarded; ours do not throw.
        assert all(src == "" for src in sources), sources
    else:
        assert errors == []


# --- keyboard, print, no JavaScript, download ---------------------------------------


def tab_to(page: Page, selector: str, limit: int = 250) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return True
    return False


# Every box by keyboard: the journey (test_journey.py) ticks them all with Tab and Space in
# both languages, and the crawl reaches every control of every page with visible focus.


def test_print_shows_the_record_without_navigation(page: Page, site_url: str) -> None:
    urls = checklist_pages(page, site_url)
    page.goto(urls[0])
    page.locator(BOXES).first.check()
    first = page.locator(".dbt-ack__label").first.inner_text()
    page.goto(site_url + SUMMARY)
    page.get_by_label("Your name (optional)").fill("Sam Example")
    edition = site_data(page)["edition"]
    page.emulate_media(media="print")
    record = page.locator("[data-ack-record]")
    expect(record).to_be_visible()
    text = record.inner_text()
    assert "Riverside DBT Program" in text and edition in text
    assert "not a signed legal record" in text
    assert re.search(r"Made on .*\d", text)
    expect(page.get_by_label("Your name (optional)")).to_be_visible()
    expect(page.get_by_label("Your name (optional)")).to_have_value("Sam Example")
    expect(page.get_by_label("Date")).to_be_visible()
    assert "Agreed" in text and first in text and "Not ticked yet" in text
    for hidden in (
        ".sidebar-drawer",
        ".toc-drawer",
        ".mobile-header",
        ".related-pages",
        "[data-ack-actions]",
        "[data-ack-controls]",
        "[data-ack-go]",
    ):
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()

    # A checklist page prints its statements, not its controls.
    page.goto(urls[0])
    expect(page.locator("fieldset[data-ack-topic]")).to_be_visible()
    expect(page.locator(".dbt-ack__label").first).to_be_visible()
    expect(page.locator("[data-ack-controls]")).to_be_hidden()


def test_without_javascript_boxes_tick_and_the_page_says_what_needs_it(
    browser: Browser, site_url: str
) -> None:
    context = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "agreements/attendance.html")
        box = page.locator(BOXES).first
        page.locator(".dbt-ack__label").first.click()
        expect(box).to_be_checked()
        expect(page.locator("[data-ack-nojs]")).to_be_visible()
        expect(page.locator("[data-ack-nojs]")).to_contain_text("JavaScript")
        expect(page.locator("[data-ack-controls]")).to_be_hidden()
        page.emulate_media(media="print")
        expect(page.locator(".dbt-ack__label").first).to_be_visible()
        page.emulate_media(media="screen")
        page.goto(site_url + SUMMARY)
        expect(page.locator("[data-ack-summary] [data-ack-nojs]")).to_be_visible()
        # No button that is not there is named; the page says what to do instead.
        expect(page.locator("[data-ack-print]")).to_be_hidden()
        expect(page.locator("[data-ack-clear]")).to_be_hidden()
        expect(page.get_by_text("use your browser's Print command")).to_be_visible()
        expect(page.get_by_text("there is nothing to clear")).to_be_visible()
        expect(page.locator("li[data-ack-item]").first).to_be_visible()
    finally:
        context.close()


def test_download_is_a_text_copy_made_in_the_browser(page: Page, site_url: str) -> None:
    urls = checklist_pages(page, site_url)
    page.goto(urls[0])
    page.locator(BOXES).first.check()
    statement = page.locator(".dbt-ack__label").first.inner_text().strip()
    page.goto(site_url + SUMMARY)
    page.get_by_label("Your name (optional)").fill("Sam Example")
    recorder = record_requests(page, site_url)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download a copy").click()
    download = info.value
    assert download.suggested_filename.endswith(".txt")
    text = Path(download.path()).read_text(encoding="utf-8")
    edition = site_data(page)["edition"]
    # Format 2: a first line naming the format, the edition and the language; each
    # statement's code beside it; a last line counting the codes.
    assert text.startswith(f"[dbt-record 2 client en {edition} ")
    assert text.splitlines()[1] == "Riverside DBT Program"
    assert f"Edition: {edition}" in text
    assert re.search(r"^\[end \d+\]$", text.splitlines()[-1])
    assert "Your name (optional): Sam Example" in text
    assert re.search(r"^Date: \d{4}-\d{2}-\d{2}$", text, re.M)
    assert f"[x] {statement}" in text
    unticked = [line for line in text.splitlines() if line.startswith("[ ] ")]
    # Each unticked statement twice: first in what to talk about, then on its page's list.
    assert len(unticked) == 2 * (page.locator("li[data-ack-item]").count() - 1)
    assert text.index("To talk about in my first session") < text.index(f"[x] {statement}")
    assert [u for u in recorder.requests if not u.startswith("blob:")] == []


# --- accessibility in every state ---------------------------------------------------


def axe_everywhere(page: Page, label: str) -> None:
    """The crawl's axe passes (both schemes, both widths) on the page as it is now."""
    failures = page_checks.axe_failures(page, label)
    assert not failures, "\n".join(failures)


def test_changed_state_passes_axe(page: Page, editions: tuple[str, str]) -> None:
    v1, v2 = editions
    page.goto(v1 + "attendance.html")
    for box in page.locator(BOXES).all():
        box.check()
    page.goto(v2 + "attendance.html")
    expect(page.locator(".dbt-ack__changed:visible")).to_have_count(1)
    axe_everywhere(page, "checklist (changed)")
    page.goto(v2 + SUMMARY)
    axe_everywhere(page, "summary (changed)")


# --- the client's questions (issue 20) -----------------------------------------------

QUESTION_WORDS = {
    "": {
        "pressed": "I have a question about this",
        "questions": "My questions",
        "download": "my-treatment-agreements.txt",
    },
    "es/": {
        "pressed": "Tengo una pregunta sobre esto",
        "questions": "Mis preguntas",
        "download": "mis-acuerdos-del-tratamiento.txt",
    },
}


@pytest.mark.parametrize("edition", ["", "es/"], ids=["english", "spanish"])
def test_questions_by_keyboard_lead_the_summary_print_and_download_until_cleared(
    page: Page, site_url: str, edition: str
) -> None:
    words = QUESTION_WORDS[edition]
    base = site_url + edition
    urls = checklist_pages(page, base)
    recorder = record_requests(page, site_url)
    page.goto(urls[0])
    title = page.locator("h1").inner_text().strip()
    statement = page.locator(".dbt-ack__label").first.inner_text().strip()
    asks = page.locator("[data-ack-ask]")
    expect(asks).to_have_count(page.locator(BOXES).count())
    assert tab_to(page, "[data-ack-ask]"), "the question button is out of reach"
    page.keyboard.press("Enter")
    expect(asks.first).to_have_attribute("aria-pressed", "true")
    expect(asks.nth(1)).to_have_attribute("aria-pressed", "false")
    expect(page.locator(BOXES).first).not_to_be_checked()  # a second control, not a state
    assert tab_to(page, "[data-ack-questions]"), "the questions box is out of reach"
    page.keyboard.type("What if I am late?")
    # Kept like the ticks: in this tab only, nothing on the device.
    kept = storage(page)
    assert ours(kept["local"]) == []
    items = json.loads(kept["session"][PREFIX + "ticks"])["items"]
    topic = page.locator("[data-ack-questions]").get_attribute("data-ack-questions")
    assert items[f"{topic}?"]["n"] == "What if I am late?"
    assert sum(key.endswith("?") for key in items) == 2
    if not edition:
        # Partly ticked, one question marked and one typed: every state a box can be in.
        page.locator(BOXES).nth(1).check()
        axe_everywhere(page, "a checklist partly ticked, with a question")

    page.goto(base + SUMMARY)
    talk = page.locator("[data-ack-talk]")
    expect(talk).to_be_visible()
    expect(talk).to_contain_text(f"{words['pressed']}. {statement}")
    expect(talk).to_contain_text(f"{words['questions']}, {title}: What if I am late?")
    # The conversation comes before the statements, page by page.
    assert page.evaluate(
        """() => !!(document.querySelector('[data-ack-talk]').compareDocumentPosition(
            document.querySelector('[data-ack-summary-topic]'))
            & Node.DOCUMENT_POSITION_FOLLOWING)"""
    )
    if not edition:
        axe_everywhere(page, "the summary with questions")
        page.set_viewport_size({"width": 1280, "height": 800})
        page.emulate_media(color_scheme="light")
    page.emulate_media(media="print")
    expect(talk).to_be_visible()
    expect(talk).to_contain_text("What if I am late?")
    page.emulate_media(media="screen")

    assert tab_to(page, "[data-ack-download]")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == words["download"]
    text = Path(info.value.path()).read_text(encoding="utf-8")
    first_topic = page.locator("[data-ack-summary-topic] h2").first.inner_text().strip()
    talk_title = talk.locator("h2").inner_text().strip()
    assert text.index(talk_title) < text.index(f"\n{first_topic}\n")
    assert f"[?] {statement}" in text
    assert f"{words['questions']}: {title}: What if I am late?" in text

    assert tab_to(page, "[data-ack-clear]")
    page.keyboard.press("Enter")
    assert tab_to(page, "[data-ack-clear-yes]")
    page.keyboard.press("Enter")
    expect(talk).not_to_contain_text("What if I am late?")
    assert ours(storage(page)["session"]) == []
    page.goto(urls[0])
    expect(page.locator("[data-ack-ask]").first).to_have_attribute("aria-pressed", "false")
    expect(page.locator("[data-ack-questions]")).to_have_value("")
    assert recorder.off_site() == [] and recorder.failed == []

"""Knowledge checks in Chromium: answered by keyboard alone, feedback announced in a live
region, counts kept per module and on the trainer's record, and answers without JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from browser_checks import assert_no_axe_violations, collect_console_errors, record_requests
from build_tools.acknowledgment.markup import CLEAR_TITLE, CLEAR_YES
from build_tools.knowledge.markup import CLIENT_SCRIPT_TEXT
from build_tools.languages.catalog import tr
from conftest import edition_site
from page_checks import SCHEMES

MODULE = "trainer/four-miss-rule.html"
RECORD = "trainer/record.html"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def trainer_url(serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(edition_site("trainer"))


def first_check(page: Page) -> Locator:
    return page.locator("[data-kc]").first


def tab_until(page: Page, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches ``selector``: the keyboard's way there."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_check_answered_wrongly_then_rightly_by_keyboard_alone(
    page: Page, trainer_url: str
) -> None:
    errors = collect_console_errors(page)
    recorder = record_requests(page, trainer_url)
    page.goto(trainer_url + MODULE)
    check = first_check(page)
    feedback = check.locator("[data-kc-feedback]")
    expect(feedback).to_have_attribute("role", "status")  # a polite live region
    options = check.locator("[data-kc-option]")
    right = check.locator("[data-kc-option][data-kc-right]")
    wrong = check.locator("[data-kc-option]:not([data-kc-right])").first
    assert right.count() == 1 and options.count() >= 3

    # Tab into the radio group; the arrow keys move the choice (and check the option).
    tab_until(page, f"#{check.get_attribute('id')} [data-kc-option]")
    for _ in range(options.count()):
        if wrong.is_checked():
            break
        page.keyboard.press("ArrowDown")
    expect(wrong).to_be_checked()
    page.keyboard.press("Tab")
    expect(check.locator("[data-kc-check]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(feedback).to_contain_text("Not quite.")
    wrong_id = wrong.get_attribute("value")
    why = check.locator(f'[data-kc-answer="{wrong_id}"] [data-kc-why]').inner_text().strip()
    expect(feedback).to_contain_text(why)
    expect(feedback).to_contain_text("try again")
    progress = page.locator("[data-kc-progress]")
    expect(progress).to_contain_text("0 of")

    page.keyboard.press("Shift+Tab")  # back to the group, on its checked option
    expect(wrong).to_be_focused()
    for _ in range(options.count()):
        if right.is_checked():
            break
        page.keyboard.press("ArrowDown")
    expect(right).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(feedback).to_contain_text("Right.")
    expect(feedback).not_to_contain_text("Not quite.")
    expect(progress).to_contain_text("1 of")
    expect(check.locator("[data-kc-before]")).to_be_visible()

    page.reload()  # kept for this tab
    expect(page.locator("[data-kc-progress]")).to_contain_text("1 of")
    assert errors == [] and recorder.off_site() == [] and recorder.failures(page) == []


def test_several_right_answers_must_all_be_chosen(page: Page, trainer_url: str) -> None:
    page.goto(trainer_url + MODULE)
    check = page.locator("[data-kc]:has(input[type=checkbox])").first
    right = check.locator("[data-kc-right]")
    assert right.count() >= 2
    right.first.check()
    check.locator("[data-kc-check]").click()
    feedback = check.locator("[data-kc-feedback]")
    expect(feedback).to_contain_text("Not quite.")
    expect(feedback).to_contain_text("At least one more answer is right too.")
    for index in range(right.count()):
        right.nth(index).check()
    check.locator("[data-kc-check]").click()
    expect(feedback).to_contain_text("Right.")


def test_checking_with_nothing_chosen_asks_for_a_choice(page: Page, trainer_url: str) -> None:
    page.goto(trainer_url + MODULE)
    check = first_check(page)
    check.locator("[data-kc-check]").click()
    expect(check.locator("[data-kc-feedback]")).to_have_text(
        "Choose an answer first, then press Check my answer."
    )


def test_the_record_counts_right_answers_per_module_until_cleared(
    page: Page, trainer_url: str
) -> None:
    page.goto(trainer_url + "trainer/safety.html")
    safety = page.locator("[data-kc]").count()
    page.goto(trainer_url + MODULE)
    total = page.locator("[data-kc]").count()  # the module's checks, as built
    check = first_check(page)
    check.locator("[data-kc-right]").first.check()
    check.locator("[data-kc-check]").click()
    expect(check.locator("[data-kc-feedback]")).to_contain_text("Right.")

    page.goto(trainer_url + RECORD)
    expect(page.locator("[data-ack-record]")).to_contain_text("Trainer edition:")
    line = page.locator("[data-kc-record='kc-module-trainer-four-miss-rule']")
    expect(line).to_contain_text(f"1 of {total} checks answered right")
    other = page.locator("[data-kc-record='kc-module-trainer-safety']")
    expect(other).to_contain_text(f"0 of {safety} checks answered right")
    assert page.evaluate("Object.keys(localStorage).length") == 0, "kept in the tab only"

    with page.expect_download() as download:
        page.locator("[data-ack-download]").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert f"The four-miss rule: 1 of {total} checks answered right" in text
    assert "Trainer edition:" in text

    page.locator("[data-ack-clear]").click()
    page.locator("[data-ack-clear-yes]").click()
    expect(line).to_contain_text(f"0 of {total} checks answered right")
    page.locator("[data-ack-undo]").click()
    expect(line).to_contain_text(f"1 of {total} checks answered right")


def test_answers_are_in_details_without_javascript(browser: Browser, trainer_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(trainer_url + MODULE)
    check = first_check(page)
    expect(check.locator("[data-kc-check]")).to_be_hidden()
    expect(check.locator("legend")).to_be_visible()
    answer = check.locator("details")
    expect(answer).not_to_have_attribute("open", "")
    right = check.locator("[data-kc-answer] .dbt-kc__verdict").get_by_text("Right:", exact=True)
    expect(right).to_be_hidden()
    summary = answer.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(right).to_be_visible()
    expect(check.locator("[data-kc-answer]").first.locator("[data-kc-why]")).to_be_visible()
    expect(page.locator("[data-kc-progress]")).to_contain_text("Turn on JavaScript")
    context.close()


def test_answered_checks_pass_axe_in_light_and_dark(page: Page, trainer_url: str) -> None:
    page.goto(trainer_url + MODULE)
    for check in page.locator("[data-kc]").all():
        check.locator("[data-kc-option]").first.check()
        check.locator("[data-kc-check]").click()
        check.locator("summary").click()
    expect(page.locator("[data-kc-feedback]").first).not_to_be_empty()
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        page.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")
        assert_no_axe_violations(page, f"{MODULE} answered ({scheme})")


@pytest.fixture(scope="module")
def client_check_url(build_root: Callable[..., Path], serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(build_root("kc-client", overrides=("dbt_validate=0",)))


def test_a_client_quick_check_is_gentle_and_keeps_what_is_still_unclear(
    page: Page, client_check_url: str
) -> None:
    """Issue 20: a miss is met warmly and kept as still unclear; a later try counts."""
    errors = collect_console_errors(page)
    page.goto(client_check_url + "agreement.html")
    check = first_check(page)
    feedback = check.locator("[data-kc-feedback]")
    wrong = check.locator("[data-kc-option]:not([data-kc-right])")
    tab_until(page, f"#{wrong.get_attribute('id')}")
    page.keyboard.press("Space")
    tab_until(page, "[data-kc-check]")
    page.keyboard.press("Enter")
    expect(feedback).to_contain_text("Not quite, and that is fine")
    expect(feedback).to_contain_text("first session")
    expect(feedback).not_to_contain_text("wrong")
    key = check.get_attribute("data-kc-key")
    stored = page.evaluate("(k) => JSON.parse(sessionStorage['dbt-ack:ticks']).items[k].h", key)
    assert stored == "unclear"
    # The summary's record holds it, on paper and in the download, for the first session.
    question = check.locator("legend").inner_text().strip()
    page.goto(client_check_url + "acknowledge.html")
    quick = page.locator(f'[data-kc-state][data-kc-key="{key}"]')
    expect(quick).to_have_text(f"Still unclear to me: {question}")
    page.emulate_media(media="print")
    expect(quick).to_be_visible()
    page.emulate_media(media="screen")
    tab_until(page, "[data-ack-download]")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    saved = Path(info.value.path()).read_text(encoding="utf-8")
    assert f"Still unclear to me: {question}" in saved
    page.go_back()
    check = first_check(page)
    feedback = check.locator("[data-kc-feedback]")
    expect(check.locator("[data-kc-option]:checked")).to_have_count(1)  # the back cache
    tab_until(page, "[data-kc-check]")
    # Back to the options (one radio group, one stop), and the arrow key to the other one.
    page.keyboard.press("Shift+Tab")
    if not page.evaluate("document.activeElement.matches('[data-kc-option]')"):
        tab_until(page, "[data-kc-option]")
    page.keyboard.press("ArrowDown")
    expect(check.locator("[data-kc-option][data-kc-right]")).to_be_checked()
    tab_until(page, "[data-kc-check]")
    page.keyboard.press("Enter")
    expect(feedback).to_contain_text("Yes, you got it.")
    stored = page.evaluate("(k) => JSON.parse(sessionStorage['dbt-ack:ticks']).items[k].h", key)
    assert stored == check.get_attribute("data-kc-hash")
    assert_no_axe_violations(page, "a client quick check after two tries")
    page.goto(client_check_url + "acknowledge.html")
    expect(quick).to_have_text(f"I got this: {question}")
    assert_no_axe_violations(page, "the summary with a quick check")
    assert errors == []


def test_a_spanish_quick_check_by_keyboard_then_clear_everything(page: Page, site_url: str) -> None:
    """Issue 20, in Spanish, in the client site as published: the gentle feedback and the
    record speak Spanish, and Clear everything takes the answer off storage, the summary
    and the page the client answered it on."""
    said = {name: tr("es", CLIENT_SCRIPT_TEXT[name]) for name in ("wrong", "again", "s_changed")}
    assert all(said[name] != CLIENT_SCRIPT_TEXT[name] for name in said), "not translated"
    errors = collect_console_errors(page)
    spanish = site_url + "es/"
    page.goto(spanish + "agreements/phone-coaching.html")
    check = first_check(page)
    block = f"#{check.get_attribute('id')}"
    wrong = check.locator("[data-kc-option]:not([data-kc-right])")
    # The skip link to the checklist, then on into the radio group (one Tab stop), and
    # the arrow keys to the answer to give.
    tab_until(page, "a[href='#dbt-checklist']")
    page.keyboard.press("Enter")
    tab_until(page, f"{block} [data-kc-option]")
    page.keyboard.press("Space")
    for _ in range(check.locator("[data-kc-option]").count()):
        if wrong.is_checked():
            break
        page.keyboard.press("ArrowDown")
    expect(wrong).to_be_checked()
    tab_until(page, f"{block} [data-kc-check]")
    page.keyboard.press("Enter")
    feedback = check.locator("[data-kc-feedback]")
    expect(feedback).to_contain_text(said["wrong"])
    expect(feedback).to_contain_text(said["again"])
    why = check.locator(f'[data-kc-answer="{wrong.get_attribute("value")}"] [data-kc-why]')
    expect(feedback).to_contain_text(why.inner_text().strip())
    assert_no_axe_violations(page, "a Spanish quick check answered")

    key = check.get_attribute("data-kc-key")
    question = check.locator("legend").inner_text().strip()
    page.goto(spanish + "acknowledge.html")
    quick = page.locator(f'[data-kc-state][data-kc-key="{key}"]')
    expect(quick).to_have_text(f"{said['s_changed']} {question}")
    # The crawl checks the whole summary; here, the part the answer changed (axe over the
    # whole of this long page would cost seconds).
    assert_no_axe_violations(page, "the Spanish summary's quick checks", ".dbt-kc-summary")
    page.emulate_media(media="print")
    expect(quick).to_be_visible()
    page.emulate_media(media="screen")
    # Focus to the button, then the key (the English test Tabs the whole way there).
    page.locator("[data-ack-download]").focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert f"{said['s_changed']} {question}" in Path(info.value.path()).read_text("utf-8")

    # Clear everything, by keyboard: the button, then Yes in the dialog that asks first.
    tab_until(page, "[data-ack-clear]")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=tr("es", CLEAR_TITLE))
    expect(dialog).to_be_visible()
    yes = dialog.get_by_role("button", name=tr("es", CLEAR_YES))
    for _ in range(4):
        if page.evaluate("document.activeElement.matches('[data-ack-clear-yes]')"):
            break
        page.keyboard.press("Shift+Tab")
    expect(yes).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(quick).to_have_text(f"{tr('es', CLIENT_SCRIPT_TEXT['s_open'])} {question}")
    kept = "() => [sessionStorage, localStorage].flatMap((s) => Object.keys(s))"
    assert page.evaluate(kept) == [], "the site keeps nothing once cleared"
    page.go_back()  # the answered page, as the back button shows it
    check = first_check(page)
    expect(check.locator("[data-kc-option]:checked")).to_have_count(0)
    expect(check.locator("[data-kc-feedback]")).to_be_empty()
    assert errors == []

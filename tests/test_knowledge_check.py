"""Knowledge checks and editions, from the files alone: validation, markup, assets, fallback.

tests/roots/kc-basic is a small site with one client page (with a trainer-only
section), two trainer modules and the trainer's record, built in both editions;
tests/roots/kc-errors has one mistake a module. They hold a few topics, not every
required one, so the content validator is switched off for builds; the
directive's own checks still fail the build, and the validator is tested on the
files directly.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from build_tools.knowledge.order import (
    crowded,
    distribution,
    right_is_longest,
    shuffled,
    too_often_longest,
)
from build_tools.validation.page_check import check_page
from build_tools.validation.validate import substitution_names
from conftest import ROOTS, client_site, run_build
from html_tree import Element, parse

CLIENT = ("dbt_validate=0",)
TRAINER = ("dbt_validate=0", "dbt_edition=trainer")
MARKER = "Marker-trainer"

# (page, line, validator rule); the build reports the same line as a warning.
MISTAKES = [
    ("no-right.md", 12, "knowledge-check.no-right-answer", "has no right answer"),
    ("no-explanation.md", 17, "knowledge-check.explanation", "has no explanation"),
    ("duplicate-option.md", 17, "knowledge-check.duplicate", "repeats the option on line 14"),
    ("no-marker.md", 17, "knowledge-check.marker", "starts with [x]"),
    ("one-option.md", 12, "knowledge-check.options", "at least two options"),
    ("no-wrong.md", 12, "knowledge-check.no-wrong-answer", "has no wrong option"),
    ("too-many-right.md", 12, "knowledge-check.too-many-right", "at least 2 wrong options"),
]
BUILD_ONLY = [
    ("duplicate-id.md", 22, "duplicate knowledge check id 'same'"),
    ("cross-page-b.md", 12, "is also on page 'cross-page-a'"),
    ("not-a-list.md", 12, "one bullet list of options"),
    ("bad-id.md", 12, "may use only lowercase letters"),
    # Every check on it keeps its authored order with the right answer first.
    ("crowded.md", 12, "a right answer is at place 1 in"),
]


def every_file_text(site: Path) -> dict[str, str]:
    """Every file of a build as text; objects.inv is unpacked, since zlib hides its words."""
    texts = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.name == "objects.inv":
            head, _, packed = raw.partition(b"zlib.\n")
            raw = head + zlib.decompress(packed)
        texts[path.relative_to(site).as_posix()] = raw.decode("utf-8", errors="replace")
    return texts


# --- validation ------------------------------------------------------------------------


@pytest.mark.parametrize(("page", "line", "rule", "words"), MISTAKES)
def test_the_validator_reports_each_mistake_at_its_line(
    page: str, line: int, rule: str, words: str
) -> None:
    result = check_page(ROOTS / "kc-errors" / page, max_grade=8, names=substitution_names(None))
    found = [(p.line, p.rule) for p in result.problems]
    assert found == [(line, rule)], result.problems
    assert words in str(result.problems[0])


def test_valid_checks_pass_the_validator() -> None:
    for page in ("module.md", "team.md", "../kc-errors/crowded.md"):
        result = check_page(ROOTS / "kc-basic" / page, max_grade=8, names=substitution_names(None))
        assert result.problems == []


def test_the_build_reports_every_mistake_at_its_line(build_root: Callable[..., Any]) -> None:
    printed = build_root("kc-errors", overrides=TRAINER, expect_failure=True)
    expected = [(page, line, words) for page, line, _, words in MISTAKES] + BUILD_ONLY
    for page, line, words in expected:
        where = f"{page}:{line}: WARNING:"
        lines = [text for text in printed.splitlines() if where in text]
        assert lines, f"no warning at {where}:\n{printed}"
        assert words in lines[0] and lines[0].rstrip().endswith("[dbt.knowledge-check]")


# --- the order of options ------------------------------------------------------------


def test_the_shuffle_is_a_fixed_permutation_of_each_check() -> None:
    keys = [f"kc-topic/check-{n}" for n in range(200)]
    for key in keys:
        order = shuffled(key, 4)
        assert sorted(order) == [0, 1, 2, 3]
        assert shuffled(key, 4) == order, "the same key gives the same order"
    orders = {tuple(shuffled(key, 4)) for key in keys}
    assert len(orders) > 12, "different ids give different orders"
    # Where the first authored option lands: spread over every place, none crowded.
    landing = [shuffled(key, 4).index(0) for key in keys]
    assert all(20 < landing.count(place) < 80 for place in range(4)), landing
    assert shuffled("kc-topic/one", 1) == [0]


def test_a_place_is_crowded_only_past_half_of_enough_checks() -> None:
    total, counts = distribution([[1], [1, 2], [2], [3], [1], [3], [2], [1]])
    assert (total, dict(counts)) == (8, {1: 4, 2: 3, 3: 2})
    assert crowded(total, counts) == [], "exactly half is allowed"
    total, counts = distribution([[1], [1, 2], [2], [3], [1], [3], [1], [1]])
    assert crowded(total, counts) == [1]
    total, counts = distribution([[1], [1], [1]])
    assert crowded(total, counts) == [], "too few checks to judge"


def test_the_length_cue_is_a_right_answer_as_long_as_every_wrong_one() -> None:
    assert right_is_longest([("A long right answer.", True), ("Short.", False)])
    assert not right_is_longest([("Right.", True), ("A longer wrong one.", False)])
    assert right_is_longest([("Same size", True), ("size same", False)]), "a tie is a cue"
    # Several right answers: the cue is whether the longest option is one of them.
    assert right_is_longest(
        [("Short.", True), ("The longest of them all.", True), ("A wrong one.", False)]
    )
    # Whitespace from line wrapping is not length a reader sees.
    assert not right_is_longest([("Two   words", True), ("Two words!", False)])


def test_the_length_cue_fails_only_past_half_of_enough_checks() -> None:
    assert not too_often_longest(8, 4), "exactly half is allowed"
    assert too_often_longest(8, 5)
    assert not too_often_longest(3, 3), "too few checks to judge"


def test_the_build_fails_when_the_right_answer_is_usually_the_longest(
    build_root: Callable[..., Any],
) -> None:
    printed = build_root("kc-longest", overrides=TRAINER, expect_failure=True)
    # The warning points at the edition's last check that gives the cue.
    (warning,) = [line for line in printed.splitlines() if "WARNING: the right answer" in line]
    assert "longest.md:124: WARNING:" in warning, warning
    assert warning.rstrip().endswith("[dbt.knowledge-check]")
    report = [line for line in printed.splitlines() if line.startswith("8 knowledge checks;")]
    assert "8 knowledge checks; the right answer is the longest option in 8" in report


def labels(check: Element) -> list[str]:
    return [label.text() for label in check.find_all("label")]


def test_the_build_orders_the_options_by_the_check_id(build_root: Callable[..., Any]) -> None:
    module = parse(build_root("kc-basic", overrides=TRAINER) / "module.html")
    check = checks_on(module)[1]
    authored = [
        "Not coming to group at all that week.",
        "Cancelling group that week because of a cold.",
        "Coming twenty minutes late and staying to the end.",
        "Moving to another group the same week and attending it.",
    ]
    order = shuffled(check.attrs["data-kc-key"] or "", 4)
    assert order[:2] != [0, 1], "pick a check the shuffle moves, or the test proves nothing"
    assert labels(check) == [authored[i] for i in order]
    inputs = check.find_all("input", data_kc_option=True)
    assert [i.attrs["value"] for i in inputs] == ["1", "2", "3", "4"]
    assert [i.has("data-kc-right") for i in inputs] == [i < 2 for i in order]
    answers = check.find_all("li", data_kc_answer=True)
    assert [a.attrs["data-kc-answer"] for a in answers] == ["1", "2", "3", "4"]
    assert [a.find_all("span", data_kc_text=True)[0].text() for a in answers] == labels(check)


def test_keep_order_shows_the_authored_order(build_root: Callable[..., Any]) -> None:
    (check,) = checks_on(parse(build_root("kc-basic", overrides=TRAINER) / "team.html"))
    assert shuffled(check.attrs["data-kc-key"] or "", 3) != [0, 1, 2], "the test needs a move"
    assert labels(check) == [
        "The fallibility agreement.",
        "The consistency agreement.",
        "Neither of the two above.",
    ]


def test_the_build_reports_where_the_right_answers_are(build_root: Callable[..., Any]) -> None:
    printed = build_root("kc-errors", overrides=TRAINER, expect_failure=True)
    (report,) = [line for line in printed.splitlines() if "at each place" in line]
    # crowded.md's eight, cross-page-a and -b, the first of duplicate-id.md's.
    assert report.startswith("11 knowledge checks; checks with a right answer at each place: 1:")
    reports = [line for line in printed.splitlines() if line.startswith("11 knowledge checks;")]
    assert any("; the right answer is the longest option in " in line for line in reports)


# --- markup ----------------------------------------------------------------------------


def checks_on(page: Element) -> list[Element]:
    return page.find_all("div", data_kc=True)


def test_a_check_is_a_labelled_group_with_answers_that_work_without_javascript(
    build_root: Callable[..., Any],
) -> None:
    module = parse(build_root("kc-basic", overrides=TRAINER) / "module.html")
    single, multiple = checks_on(module)
    for check, kind, right in ((single, "radio", 1), (multiple, "checkbox", 2)):
        (fieldset,) = check.find_all("fieldset")
        (legend,) = fieldset.find_all("legend")
        assert legend.text().endswith("?")
        hint = fieldset.attrs["aria-describedby"]
        assert check.find_all("p", id=hint), "the hint the fieldset names is missing"
        inputs = fieldset.find_all("input", data_kc_option=True)
        assert {i.attrs["type"] for i in inputs} == {kind}
        assert len({i.attrs["name"] for i in inputs}) == 1
        assert sum(i.has("data-kc-right") for i in inputs) == right
        for box in inputs:
            assert not box.has("checked")
            (label,) = fieldset.find_all("label", for_=box.attrs["id"])
            assert label.text()
        (button,) = check.find_all("button", data_kc_check=True)
        assert button.attrs["type"] == "button"
        (controls,) = check.find_all(data_kc_controls=True)
        assert controls.has("hidden"), "Check needs JavaScript: hidden until it runs"
        (live,) = check.find_all(data_kc_feedback=True)
        assert live.attrs["role"] == "status" and not live.text()
        (details,) = check.find_all("details")
        assert details.find_all("summary")[0].text() == "Show the answer"
        answers = details.find_all("li", data_kc_answer=True)
        assert len(answers) == len(inputs)
        verdicts = [a.find_all("strong")[0].text() for a in answers]
        assert verdicts.count("Right:") == right
        assert all(a.find_all(data_kc_why=True)[0].text() for a in answers)
    assert "limit of four weeks" in single.text(), "substitutions work in explanations"
    (progress,) = module.find_all("p", data_kc_progress=True)
    assert progress.attrs["data-kc-progress"] == "kc-module-module"


def test_the_data_lists_each_module_with_its_checks(build_root: Callable[..., Any]) -> None:
    site = build_root("kc-basic", overrides=TRAINER)
    module = parse(site / "module.html")
    (script,) = module.find_all("script", id="dbt-kc-data")
    data = json.loads(script.text())
    keys = {m["id"]: [key for key, _ in m["items"]] for m in data["modules"]}
    assert keys == {
        "kc-module-module": ["kc-attendance/two-weeks", "kc-attendance/what-counts"],
        "kc-module-team": ["kc-consultation-team/which-agreement-says-every-therapist-can"],
    }
    hashes = {c.attrs["data-kc-key"]: c.attrs["data-kc-hash"] for c in checks_on(module)}
    assert hashes == dict(data["modules"][0]["items"])
    assert "{agreed}" in data["text"]["module"]


def test_assets_only_where_a_page_has_checks(build_root: Callable[..., Any]) -> None:
    site = build_root("kc-basic", overrides=TRAINER)
    for page, wanted in (("module.html", True), ("record.html", True), ("agreement.html", False)):
        html = (site / page).read_text(encoding="utf-8")
        assert ("_static/kc.js" in html) is wanted, page
        assert ('id="dbt-kc-data"' in html) is wanted, page
    assert (site / "_static" / "kc.js").is_file()
    client = build_root("kc-basic", overrides=CLIENT)
    assert not (client / "_static" / "kc.js").exists()
    assert not (client / "_static" / "kc.css").exists()


def test_the_trainer_record_names_its_edition_and_counts_each_module(
    build_root: Callable[..., Any],
) -> None:
    site = build_root("kc-basic", overrides=TRAINER)
    record = parse(site / "record.html")
    (summary,) = record.find_all(data_ack_summary=True)
    (inside,) = summary.find_all(data_ack_record=True)
    edition = inside.find_all("p", class_="dbt-ack-record__edition")[0].text()
    assert edition.startswith("Trainer edition:")
    assert "onboarding record" in inside.text()
    items = [li.attrs["data-ack-item"] for li in inside.find_all("li", data_ack_item=True)]
    assert items == ["consultation-team/fallibility"], "the record lists the trainer's own"
    modules = [li.attrs["data-kc-record"] for li in inside.find_all("li", data_kc_record=True)]
    assert modules == ["kc-module-module", "kc-module-team"]
    assert all(li.has("data-ack-line") for li in inside.find_all("li", data_kc_record=True))


def test_the_client_summary_is_the_same_in_both_editions(build_root: Callable[..., Any]) -> None:
    def summary(site: Path) -> tuple[str, list[str]]:
        page = parse(site / "acknowledge.html")
        edition = page.find_all("span", data_ack_edition=True)[0].text()
        return edition, [
            li.attrs["data-ack-item"] or "" for li in page.find_all("li", data_ack_item=True)
        ]

    client = summary(build_root("kc-basic", overrides=CLIENT))
    trainer = summary(build_root("kc-basic", overrides=TRAINER))
    assert client == trainer
    assert client[1] == ["attendance/come"]


def test_the_text_builder_writes_questions_and_verdicts(tmp_path: Path) -> None:
    out = tmp_path / "text"
    code, printed = run_build(ROOTS / "kc-basic", out, TRAINER, builder="text")
    assert code == 0, printed
    text = (out / "module.txt").read_text(encoding="utf-8")
    assert "A client misses group for two weeks in a row. What do you do now?" in text
    assert "**Right:** Reach out this week and solve the problem together." in text
    assert "**Not right:** Wait until the client misses a third week." in text


# --- editions --------------------------------------------------------------------------


def test_the_client_edition_holds_no_trainer_page_section_or_text(
    build_root: Callable[..., Any],
) -> None:
    client = build_root("kc-basic", overrides=CLIENT)
    trainer = build_root("kc-basic", overrides=TRAINER)
    assert {p.name for p in client.glob("*.html")} == {
        "index.html",
        "agreement.html",
        "acknowledge.html",
        "booklet.html",  # the client checklists on paper (site/booklet.py)
    }
    assert {"module.html", "team.html", "record.html"} <= {p.name for p in trainer.glob("*.html")}
    leaks = [name for name, text in every_file_text(client).items() if MARKER in text]
    assert leaks == []
    found = {name for name, text in every_file_text(trainer).items() if MARKER in text}
    assert {"agreement.html", "module.html"} <= found, "the markers must be real"
    assert "For trainers" not in (client / "index.html").read_text(encoding="utf-8")


# --- the onboarding guide's list of modules --------------------------------------------


def test_the_guide_lists_each_agreement_with_its_module_or_no_module_yet(
    build_root: Callable[..., Any],
) -> None:
    guide = parse(build_root("module-guide", overrides=TRAINER) / "guide.html")
    agreements, others = [
        ul for ul in guide.find_all("ul") if "dbt-modules" in (ul.attrs.get("class") or "").split()
    ]
    rows = [" ".join(li.text().split()) for li in agreements.find_all("li")]
    assert rows == [
        "Coming to sessions: Teaching attendance",
        "Paying for treatment: no module yet",
    ]
    hrefs = [a.attrs["href"] for a in agreements.find_all("a")]
    assert hrefs == ["attendance.html", "attendance-module.html", "fees.html"]
    assert [li.text().strip() for li in others.find_all("li")] == ["The DBT model"]
    assert [a.attrs["href"] for a in others.find_all("a")] == ["model.html"]


def test_a_client_page_gets_a_gentle_quick_check_without_a_score(
    build_root: Callable[..., Any],
) -> None:
    """Issue 20: on a client page the directive speaks to the client, keeps no score."""
    site = build_root("kc-client", overrides=CLIENT)
    page = parse(site / "agreement.html")
    (check,) = checks_on(page)
    assert check.has("data-kc-client")
    hint = check.find_all("p", class_="dbt-kc__hint")[0].text()
    assert hint == "A quick check, if you like. Choose one answer."
    (button,) = check.find_all("button", data_kc_check=True)
    assert button.text() == "See if I got it"
    verdicts = [v.text() for v in check.find_all("strong", class_="dbt-kc__verdict")]
    assert sorted(verdicts) == ["Not quite:", "This one fits:"]
    # Options that begin with Yes or No read plainly after their verdict (not "Yes: No.").
    shown = [" ".join(li.text().split()) for li in check.find_all("li", class_="dbt-kc__explains")]
    assert any(line.startswith("This one fits: No. It is short help") for line in shown), shown
    assert not page.find_all(data_kc_progress=True), "no count of right answers"
    (script,) = page.find_all("script", id="dbt-kc-data")
    text = json.loads(script.text())["text"]
    assert text["right"] == "Yes, you got it."
    words = " ".join(text.values()).lower()
    assert "wrong" not in words and "not right" not in words and "of {total}" not in words
    assert "first session" in text["again"]
    # The trainer edition's checks keep their own words.
    trainer = parse(build_root("kc-basic", overrides=TRAINER) / "module.html")
    assert not any(c.has("data-kc-client") for c in checks_on(trainer))


def test_the_client_summary_lists_each_quick_check_on_the_record(
    build_root: Callable[..., Any],
) -> None:
    site = build_root("kc-client", overrides=CLIENT)
    page = parse(site / "acknowledge.html")
    (record,) = page.find_all(data_ack_record=True)
    (item,) = record.find_all("li", data_kc_state=True)
    assert item.attrs["data-kc-key"] == "kc-phone-coaching/emergency"
    assert item.text() == "Is phone coaching an emergency service?"
    assert item.has("data-ack-line"), "it goes into the downloaded copy"
    assert "_static/kc.js" in (site / "acknowledge.html").read_text(encoding="utf-8")
    # The trainer's own record keeps its module counts and lists each of its own checks,
    # with its key and hash for the record's code (the record check reads it), and no
    # client's quick check.
    trainer = build_root("kc-basic", overrides=TRAINER)
    own = {
        (c.attrs["data-kc-key"], c.attrs["data-kc-hash"])
        for name in ("module.html", "team.html", "team-notes.html", "agreement.html")
        if (trainer / name).exists()
        for c in checks_on(parse(trainer / name))
        if not c.has("data-kc-client")
    }
    listed = parse(trainer / "record.html").find_all("li", data_kc_state=True)
    assert own and {(li.attrs["data-kc-key"], li.attrs["data-kc-hash"]) for li in listed} == own
    assert all(li.has("data-ack-line") for li in listed)


def test_each_language_summary_names_its_quick_checks_as_their_pages_ask_them() -> None:
    """The record asks each quick check in its page's words: in Spanish on the Spanish
    summary, with clinic values filled in (it once listed the English question there)."""
    site = client_site()
    for root in (site, site / "es"):
        asked = {
            check.attrs["data-kc-key"]: check.find_all("legend")[0].text()
            for page in root.glob("agreements/*.html")
            for check in checks_on(parse(page))
        }
        listed = {
            item.attrs["data-kc-key"]: item.text()
            for item in parse(root / "acknowledge.html").find_all("li", data_kc_state=True)
        }
        assert asked and listed == asked, root

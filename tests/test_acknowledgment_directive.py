"""Build tests for the acknowledgment checklist and summary directives.

Roots: tests/roots/ack-basic (five topics, one page with two checklists),
ack-changed (the same with one statement reworded) and ack-errors (one mistake a
page). They hold a few topics, not every required one, so the content validator
is switched off for them; the directive's own checks still fail the build.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.cmd.build import build_main

from build_tools.site.build import build_site
from conftest import REPO, ROOTS
from html_tree import Element, parse

NO_VALIDATION = ("dbt_validate=0",)
STATIC = REPO / "build_tools" / "acknowledgment" / "static"
KC_STATIC = REPO / "build_tools" / "knowledge" / "static"
ASSETS = ("ack-state.js", "ack.js", "ack.css")


def short_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:12]


def ack_data(page: Element) -> dict[str, Any]:
    (script,) = page.find_all("script", id="dbt-ack-data")
    assert script.attrs["type"] == "application/json"
    data: dict[str, Any] = json.loads(script.text())
    return data


@pytest.fixture(scope="module")
def basic(build_root: Callable[..., Path]) -> Path:
    return build_root("ack-basic", overrides=NO_VALIDATION)


@pytest.fixture(scope="module")
def changed(build_root: Callable[..., Path]) -> Path:
    return build_root("ack-changed", overrides=NO_VALIDATION)


def statement_boxes(page: Element) -> list[Element]:
    return [e for e in page.find_all("input") if e.has("data-ack-item")]


def test_checklist_is_a_fieldset_with_a_legend_and_labelled_unticked_boxes(basic: Path) -> None:
    page = parse(basic / "attendance.html")
    (fieldset,) = page.find_all("fieldset")
    assert fieldset.attrs["data-ack-topic"] == "attendance"
    legend = fieldset.children[0]
    assert isinstance(legend, Element) and legend.tag == "legend"
    assert legend.text() == "What I agree to"

    boxes = statement_boxes(fieldset)
    assert [b.attrs["data-ack-item"] for b in boxes] == [
        "attendance/come-to-sessions",
        "attendance/i-will-call-at-least-cancellation",
        "attendance/i-know-that-missing-missed-weeks",
    ]
    for box in boxes:
        assert box.attrs["type"] == "checkbox"
        assert not box.has("checked"), "nothing is pre-ticked"
        (label,) = page.find_all("label", for_=box.attrs["id"])
        assert box.attrs["data-ack-hash"] == short_hash(label.text())
        described = (box.attrs["aria-describedby"] or "").split()
        for ref in described:
            assert page.find_all(id=ref), f"aria-describedby points at a missing id {ref}"

    labels = [page.find_all("label", for_=b.attrs["id"])[0] for b in boxes]
    # Substitutions expand and inline markup survives inside the label.
    assert labels[1].text() == "I will call at least 24 hours ahead if I cannot come."
    assert "<strong>four weeks in a row</strong>" in labels[2].html()
    # The hint is linked by aria-describedby and carries the clinic's phone link.
    hint_id = f"{boxes[1].attrs['id']}-hint"
    assert hint_id in (boxes[1].attrs["aria-describedby"] or "").split()
    (hint,) = page.find_all(id=hint_id)
    assert "(555) 010-0100" in hint.text()
    assert hint.find_all("a", href="tel:5550100100")
    assert f"{boxes[0].attrs['id']}-hint" not in (boxes[0].attrs["aria-describedby"] or "")


def test_without_javascript_the_page_says_what_needs_it_and_hides_the_controls(basic: Path) -> None:
    page = parse(basic / "attendance.html")
    (note,) = page.find_all(data_ack_nojs=True)
    assert "JavaScript" in note.text()
    (controls,) = page.find_all(data_ack_controls=True)
    assert controls.has("hidden")
    # A question button per statement and the page's questions box need the script too.
    shown_by_script = page.find_all(data_ack_js=True)
    boxes = page.find_all("input", data_ack_item=True)
    assert len(shown_by_script) == len(boxes) + 1
    assert all(el.has("hidden") for el in shown_by_script)
    (progress,) = controls.find_all(data_ack_progress=True)
    assert progress.attrs["role"] == "status"
    (switch,) = controls.find_all("input", data_ack_remember=True)
    assert switch.attrs["type"] == "checkbox" and not switch.has("checked")
    assert page.find_all("label", for_=switch.attrs["id"])[0].text() == (
        "Remember my answers on this device"
    )
    # Clearing every page's answers is not one Tab away from "Next" (issue 17).
    assert not page.find_all("button", data_ack_clear=True)
    # The note comes before the boxes, where it is read before anything is ticked.
    html = (basic / "attendance.html").read_text(encoding="utf-8")
    assert html.index("data-ack-nojs") < html.index('class="dbt-ack__input"')


def test_print_and_clear_sit_under_the_pages_own_words(basic: Path) -> None:
    page = parse(basic / "acknowledge.html")
    html = (basic / "acknowledge.html").read_text(encoding="utf-8")
    # The record, then "Print or save" with its buttons, then the clear button.
    order = [
        html.index("data-ack-record"),
        html.index('id="print-or-save-your-copy"'),
        html.index("data-ack-print"),
        html.index('id="on-a-shared-device"'),
        html.index("data-ack-clear"),
    ]
    assert order == sorted(order), order
    (clear,) = page.find_all("button", data_ack_clear=True)
    assert clear.attrs["type"] == "button"
    assert clear.text() == "Clear my answers on all pages"
    (dialog,) = page.find_all("dialog", data_ack_confirm=True)
    assert dialog.attrs["aria-labelledby"] == "ack-clear-title"
    assert dialog.find_all(data_ack_clear_no=True)[0].has("autofocus"), "No is the safe default"
    (undo,) = page.find_all("button", data_ack_undo=True)
    assert undo.has("hidden")


def test_two_checklists_on_a_page_and_a_custom_legend(basic: Path) -> None:
    page = parse(basic / "communication.html")
    fieldsets = page.find_all("fieldset")
    assert [f.find_all("legend")[0].text() for f in fieldsets] == [
        "How I will reach you",
        "What I know about answers",
    ]
    assert [len(statement_boxes(f)) for f in fieldsets] == [1, 2]
    assert (
        "<em>not</em>" in page.find_all("label", for_="ack-communication-not-emergency")[0].html()
    )
    ids = [e.attrs["id"] for e in page.iter() if e.attrs.get("id")]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, f"duplicate ids on the page: {duplicates}"


def test_statements_reach_javascript_as_json_data_on_every_page(basic: Path) -> None:
    pages = sorted(basic.glob("*.html"))
    datas = [ack_data(parse(p)) for p in pages]
    assert all(d == datas[0] for d in datas), "every page carries the same data"
    data = datas[0]
    assert re.fullmatch(r"[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}", data["edition"])
    # Topics in reading (toctree) order, with the page's address and every statement.
    assert [t["topic"] for t in data["topics"]] == [
        "attendance",
        "skills-practice",
        "skills-group",
        "communication",
    ]
    assert data["topics"][0]["uri"] == "attendance.html"
    on_pages = {}
    for topic in data["topics"]:
        page = parse(basic / topic["uri"])
        on_pages.update(
            {b.attrs["data-ack-item"]: b.attrs["data-ack-hash"] for b in statement_boxes(page)}
        )
    assert {key: hash_ for t in data["topics"] for key, hash_, _ in t["items"]} == on_pages
    assert len(on_pages) == 10
    assert set(data["text"]) >= {"count", "agreed", "open", "changed", "changed_note", "cleared"}


def test_summary_lists_every_statement_with_the_record_fields(basic: Path) -> None:
    page = parse(basic / "acknowledge.html")
    data = ack_data(page)
    (summary,) = page.find_all(data_ack_summary=True)
    (record,) = summary.find_all(data_ack_record=True)
    text = record.text()
    assert "Riverside DBT Program" in text
    assert "It is not a signed legal record." in text
    assert summary.find_all(data_ack_edition=True)[0].text() == data["edition"]
    for field, kind in (("ack-summary-name", "text"), ("ack-summary-date", "date")):
        (box,) = record.find_all("input", id=field)
        assert box.attrs["type"] == kind
        assert record.find_all("label", for_=field)
    assert "optional" in record.find_all("label", for_="ack-summary-name")[0].text()

    talk, *sections = summary.find_all("section")
    # The conversation comes first: the script fills its list.
    assert talk.has("data-ack-talk") and talk.has("hidden")
    assert talk.find_all("h2")[0].text() == "To talk about in my first session"
    assert [s.attrs["data-ack-summary-topic"] for s in sections] == [
        t["topic"] for t in data["topics"]
    ]
    assert [s.find_all("h2")[0].text() for s in sections] == [
        "Coming to sessions",
        "Practising skills",
        "Skills group",
        "Staying in touch",
    ]
    items = summary.find_all("li")
    assert [
        (i.attrs["data-ack-item"], i.attrs["data-ack-hash"], i.attrs["data-ack-source"])
        for i in items
    ] == [tuple(item) for t in data["topics"] for item in t["items"]]
    first = items[0]
    assert "I will come to every session I can." in first.text()
    (go,) = first.find_all("a", data_ack_go=True)
    assert go.attrs["href"] == "attendance.html#ack-attendance-come-to-sessions"
    # Named by its words and the statement's: no two links alike (WCAG 2.4.9).
    assert go.attrs["aria-labelledby"] == (
        "go-ack-attendance-come-to-sessions sum-ack-attendance-come-to-sessions"
    )
    assert first.find_all(id="sum-ack-attendance-come-to-sessions")
    assert not [s for s in sections if s.attrs.get("aria-labelledby")], "no region landmarks"
    # Print, Download and Clear are placed by the page, under its own words.
    assert not summary.find_all("button")
    (actions,) = page.find_all("div", data_ack_actions=True, class_="dbt-ack-summary__actions")
    assert [b.text() for b in actions.find_all("button")] == [
        "Print or save as PDF",
        "Download a copy",
    ]
    assert actions.has("hidden"), "the buttons need JavaScript, so they start hidden"


def test_a_reworded_statement_changes_its_hash_and_the_edition_only(
    basic: Path, changed: Path
) -> None:
    before, after = ack_data(parse(basic / "index.html")), ack_data(parse(changed / "index.html"))
    old = {key: hash_ for t in before["topics"] for key, hash_, _ in t["items"]}
    new = {key: hash_ for t in after["topics"] for key, hash_, _ in t["items"]}
    assert old.keys() == new.keys()
    assert [k for k in old if old[k] != new[k]] == ["attendance/come-to-sessions"]
    assert before["edition"] != after["edition"]


def test_each_statement_has_a_question_toggle_and_the_page_a_questions_box(basic: Path) -> None:
    page = parse(basic / "attendance.html")
    boxes = page.find_all("input", data_ack_item=True)
    asks = page.find_all("button", data_ack_ask=True)
    assert len(asks) == len(boxes) > 0
    for box, ask in zip(boxes, asks, strict=True):
        # A second control beside the box, not a third state of it.
        assert ask.attrs["type"] == "button" and ask.attrs["aria-pressed"] == "false"
        assert ask.text() == "I have a question about this"
        (label,) = page.find_all("label", for_=box.attrs["id"])
        assert ask.attrs["aria-describedby"] == label.attrs["id"]
    (area,) = page.find_all("textarea", data_ack_questions=True)
    assert area.attrs["data-ack-questions"] == "attendance"
    (label,) = page.find_all("label", for_=area.attrs["id"])
    assert label.text() == "Questions for my therapist (optional)"
    assert area.attrs["aria-describedby"] == f"{area.attrs['id']}-hint"


def test_assets_are_linked_present_and_small(basic: Path) -> None:
    page = (basic / "attendance.html").read_text(encoding="utf-8")
    for name in ASSETS:
        assert (basic / "_static" / name).is_file()
        assert f"_static/{name}?v=" in page
    for name in ("ack-state.js", "ack.js"):
        source = (STATIC / name).read_text(encoding="utf-8")
        assert source.startswith("// @ts-check"), name
    total = sum((STATIC / name).stat().st_size for name in ASSETS)
    # 12,500: raised by 500 bytes when ack.js began to share its state and helpers with
    # the trainer edition's kc.js, which no longer carries a copy of its own; 14,000
    # when ticks began to carry their language, to count across language editions;
    # 17,000 for clearing that cannot surprise (a confirmation dialog, undo, the whole
    # count said) and the summary's name kept by the same rules as the ticks (issue 17);
    # 17,500 when the knowledge checks' button, option and focus styles moved into ack.css
    # (kc.css lost more) and the client's questions came (issue 20).
    assert total < 17_500, f"the checklist's JavaScript and CSS weigh {total} bytes"
    knowledge = sum(p.stat().st_size for p in KC_STATIC.iterdir() if p.suffix in {".js", ".css"})
    # With the knowledge checks: under 20 KB, issue 20's budget. Issue 17's confirmation,
    # undo and kept name had taken it to 22 KB; issue 20 added the client's questions and
    # made room by compacting (shared styles in ack.css, kc.js rendering through ack.js's
    # hooks and JSON reader, shorter comments), no minifier and no build step.
    assert total + knowledge < 20_000, f"checklists and knowledge checks: {total + knowledge}"


def test_text_builder_falls_back_to_plain_lists(tmp_path: Path) -> None:
    out = tmp_path / "text"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = build_site(
            ROOTS / "ack-basic", out, confdir=REPO, overrides=NO_VALIDATION, builder="text"
        )
    assert code == 0, printed.getvalue()
    attendance = (out / "attendance.txt").read_text(encoding="utf-8")
    assert "What I agree to" in attendance
    assert "* I will come to every session I can." in attendance
    assert "You can call (555) 010-0100 or leave a message." in attendance
    summary = (out / "acknowledge.txt").read_text(encoding="utf-8")
    assert "Edition " in summary and "* I will fill in my diary card every day." in summary


def test_parallel_build_collects_the_same_statements(basic: Path, tmp_path: Path) -> None:
    out = tmp_path / "parallel"
    printed = io.StringIO()
    args = ["-b", "html", "-j", "2", "-W", "--keep-going", "-q", "-c", str(REPO)]
    args += ["-d", str(tmp_path / "doctrees"), "-D", NO_VALIDATION[0]]
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = build_main([*args, str(ROOTS / "ack-basic"), str(out)])
    assert code == 0, printed.getvalue()
    assert ack_data(parse(out / "index.html")) == ack_data(parse(basic / "index.html"))
    serial = parse(basic / "acknowledge.html").find_all(data_ack_summary=True)[0]
    parallel = parse(out / "acknowledge.html").find_all(data_ack_summary=True)[0]
    strip = lambda e: re.sub(r"\s+", " ", e.html())  # noqa: E731
    assert strip(parallel) == strip(serial)


def test_an_incremental_build_rewrites_every_page_when_a_statement_changes(
    tmp_path: Path,
) -> None:
    """`make serve` rebuilds in place: pages that did not change still get the new hashes."""
    source = tmp_path / "src"
    shutil.copytree(ROOTS / "ack-basic", source)
    out = tmp_path / "html"
    args = ["-b", "html", "-W", "-q", "-c", str(REPO), "-d", str(tmp_path / "doctrees")]
    args += ["-D", NO_VALIDATION[0], str(source), str(out)]

    def build() -> dict[str, Any]:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            assert build_main(args) == 0, printed.getvalue()
        return ack_data(parse(out / "skills-practice.html"))

    before = build()
    page = source / "attendance.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("every session I can", "each session I can"),
        encoding="utf-8",
    )
    after = build()
    assert after != before
    assert after == ack_data(parse(out / "attendance.html"))
    summary = parse(out / "acknowledge.html").text()
    assert "I will come to each session I can." in summary


EXPECTED_ERRORS = [
    ("unknown-option.md:13", "Unknown option key: 'colour'", "[myst.directive_option]"),
    ("empty.md:14", "this acknowledgment is empty", "[dbt.acknowledgment]"),
    ("not-a-list.md:12", "one bullet list and nothing else", "[dbt.acknowledgment]"),
    ("duplicate-id.md:14", "duplicate acknowledgment id 'same'", "[dbt.acknowledgment]"),
    ("derived-duplicate.md:17", "duplicate acknowledgment id", "[dbt.acknowledgment]"),
    ("bad-id.md:15", "acknowledgment id [Bad_Id]", "[dbt.acknowledgment]"),
    ("nested-list.md:13", "only a hint paragraph may follow", "[dbt.acknowledgment]"),
    ("unknown-option.md:14", "is also on page 'cross-page'", "[dbt.acknowledgment]"),
    ("link-in-statement.md:16", "a link is inside a checklist statement", "[dbt.acknowledgment]"),
    ("empty-statement.md:14", "the statement [diary-card] has no words", "[dbt.acknowledgment]"),
]


@pytest.mark.parametrize(("where", "message", "kind"), EXPECTED_ERRORS)
def test_mistakes_fail_the_build_with_a_location_and_type(
    build_root: Callable[..., str], where: str, message: str, kind: str
) -> None:
    printed = build_root("ack-errors", overrides=NO_VALIDATION, expect_failure=True)
    lines = [line for line in printed.splitlines() if where in line]
    assert lines, f"no warning at {where}:\n{printed}"
    assert message in lines[0] and lines[0].rstrip().endswith(kind), lines[0]


@pytest.mark.parametrize("language", ["", "es"])
def test_the_client_site_has_every_statement_in_its_summary(
    built_site: Path, language: str
) -> None:
    """In each language edition; the same statement has the same source hash in both."""
    edition = built_site / language
    boxes: dict[str, tuple[str, str]] = {}
    for path in edition.rglob("*.html"):
        if not language and path.relative_to(edition).parts[0] == "es":
            continue
        for box in statement_boxes(parse(path)):
            assert not box.has("checked")
            boxes[box.attrs["data-ack-item"] or ""] = (
                box.attrs["data-ack-hash"] or "",
                box.attrs["data-ack-source"] or "",
            )
    summary = parse(edition / "acknowledge.html")
    listed = {
        li.attrs["data-ack-item"]: (li.attrs["data-ack-hash"], li.attrs["data-ack-source"])
        for li in summary.find_all("li")
        if li.has("data-ack-item")
    }
    assert boxes and listed == boxes
    if language:
        english = {
            li.attrs["data-ack-item"]: li.attrs["data-ack-source"]
            for li in parse(built_site / "acknowledge.html").find_all("li")
            if li.has("data-ack-item")
        }
        assert {key: source for key, (_, source) in boxes.items()} == english
        assert all(boxes[key][0] != english[key] for key in boxes), "same words in Spanish?"

"""The paper booklet, as Chromium prints it to PDF at A4 and US Letter, in each language.

What a clinic hands out is the printed sheet, so the checks read the PDF's text
(pypdf), not the HTML: each agreement starts a new sheet, every statement of the
pages has an empty printed box, and every sheet carries the crisis help and the
edition. The expected words come from the built agreement pages and the clinic's
settings, not from the booklet itself.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils import nodes
from markupsafe import Markup
from playwright.sync_api import Browser
from pypdf import PdfReader
from sphinx.cmd.build import build_main

from build_tools.clinic import crisis_context, load_clinic
from build_tools.languages.settings import settings_for
from build_tools.site import booklet
from build_tools.site.booklet_pdf import PAPER, booklet_pages, print_booklets
from build_tools.site.booklet_pdf import main as booklet_main
from build_tools.site.crisis_banner import banner_html
from conftest import LANGUAGES, REPO, ROOTS
from html_tree import parse

SETTINGS = load_clinic(REPO / "content" / "clinic.yaml")
TICKED = ("\u2611", "\u2612")  # a ticked or crossed box must never be printed


def folded(text: str) -> str:
    return " ".join(text.split())


def agreements(site: Path, folder: str) -> list[tuple[str, list[str]]]:
    """(title, statements) of each page on the index's reading path that asks for ticks."""
    index = parse(site / folder / "index.html")
    lists = index.find_all("ol")
    path = next(e for e in lists if "dbt-reading-path" in (e.attrs.get("class") or ""))
    found = []
    for link in path.find_all("a"):
        page = parse(site / folder / str(link.attrs["href"]))
        labels = [folded(e.text()) for e in page.find_all("label", class_="dbt-ack__label")]
        if labels:
            found.append((folded(page.find_all("h1")[0].text()), labels))
    return found


def crisis_words(language: str) -> str:
    crisis = crisis_context(settings_for(SETTINGS, language) if language else SETTINGS)
    return folded(Markup(banner_html(crisis, language or "en")).striptags())


# Session-scoped, like test_dist's package: printed once even when the workers of make
# test run this module's tests apart.
@pytest.fixture(scope="session")
def printed(
    browser: Browser, built_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], list[str]]:
    """Each sheet's text, per (language folder, paper size), from the PDF files that
    `make booklet` writes (booklet_pdf.print_booklets, in the session's browser)."""
    out = tmp_path_factory.mktemp("booklet")
    written = print_booklets(browser, built_site, out)
    folders = {
        code: page.parent.relative_to(built_site).as_posix().strip(".")
        for code, page in booklet_pages(built_site).items()
    }
    sheets = {}
    for code, folder in folders.items():
        for paper in PAPER:
            pdf = out / f"booklet-{code}-{paper.lower()}.pdf"
            assert pdf in written
            texts = [folded(sheet.extract_text()) for sheet in PdfReader(pdf).pages]
            print(f"booklet {code} {paper}: {len(texts)} sheets")
            sheets[folder, paper] = texts
    return sheets


@pytest.mark.browser
@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_printed_booklet(
    printed: dict[tuple[str, str], list[str]], built_site: Path, language: str, paper: str
) -> None:
    sheets = printed[language, paper]
    expected = agreements(built_site, language)
    assert len(expected) >= 5, "the reading path lost its agreements"
    edition = parse(built_site / language / f"{booklet.PAGENAME}.html").find_all(
        "p", class_="dbt-booklet__edition"
    )[0]
    running = folded(edition.text())
    help_words = crisis_words(language)
    for number, text in enumerate(sheets, start=1):
        assert help_words in text, f"sheet {number} ({paper}) has no crisis help"
        assert running in text, f"sheet {number} ({paper}) has no edition line"
        assert not any(mark in text for mark in TICKED)

    # Each agreement opens a sheet of its own (right under the running edition line),
    # in the index's reading order.
    openings = [text[text.index(running) + len(running) :].lstrip() for text in sheets]
    starts = []
    for title, _ in expected:
        opened = [n for n, text in enumerate(openings) if text.startswith(title)]
        assert opened, f"{title!r} does not start a new sheet ({paper})"
        starts.append(opened[0])
    assert starts == sorted(starts) and starts[0] > 0, "agreements out of reading order"

    # Every statement of every page, behind an empty box, on its agreement's sheets.
    whole = " ".join(sheets)
    boxes = sum(len(statements) for _, statements in expected)
    assert whole.count(booklet.BOX) == boxes
    ends = [*starts[1:], len(sheets)]
    for (title, statements), start, end in zip(expected, starts, ends, strict=True):
        own = " ".join(sheets[start:end])
        for statement in statements:
            assert f"{booklet.BOX} {statement}" in own, f"{title}: no box for {statement!r}"


def test_booklet_words_come_from_the_pages(built_site: Path) -> None:
    """The Spanish booklet holds the Spanish statements, not the English ones."""
    english = [s for _, group in agreements(built_site, "") for s in group]
    spanish = [s for _, group in agreements(built_site, "es") for s in group]
    page = parse(built_site / "es" / f"{booklet.PAGENAME}.html")
    words = [folded(e.text()) for e in page.find_all("div", class_="dbt-booklet__words")]
    assert len(words) == len(spanish) == len(english)
    assert all(w.startswith(s) for w, s in zip(words, spanish, strict=True))
    assert not set(words) & set(english)


def test_booklet_command_needs_a_built_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert booklet_main(["--site", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    assert "build the site first" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


def client_build(source: Path, out: Path, doctrees: Path) -> None:
    args = ["-b", "html", "-W", "-q", "-c", str(REPO), "-d", str(doctrees)]
    args += ["-D", "dbt_validate=0", "-D", "dbt_edition=client", str(source), str(out)]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        assert build_main(args) == 0, printed.getvalue()


def test_a_rebuild_rewrites_the_booklet_only_when_what_it_shows_changes(tmp_path: Path) -> None:
    source, out, doctrees = tmp_path / "src", tmp_path / "html", tmp_path / "doctrees"
    shutil.copytree(ROOTS / "kc-basic", source)
    client_build(source, out, doctrees)
    page = out / f"{booklet.PAGENAME}.html"
    before = page.stat().st_mtime_ns
    assert f"{booklet.BOX}</span>" in page.read_text(encoding="utf-8")

    client_build(source, out, doctrees)
    assert page.stat().st_mtime_ns == before, "nothing changed, yet the booklet was rewritten"

    agreement = source / "agreement.md"
    text = agreement.read_text(encoding="utf-8")
    agreement.write_text(text.replace("each session I can", "every session I can"))
    client_build(source, out, doctrees)
    assert "I will come to every session I can." in page.read_text(encoding="utf-8")


def test_a_statement_is_copied_without_the_rest_of_its_page() -> None:
    """statement_html renders copies of the statement's nodes. copy.deepcopy follows each
    node's parent, and so copied the whole page for every statement: half the time of a
    build. What reaches the renderer must hold the statement's words and nothing more."""
    from build_tools.acknowledgment.doctree import ack_hint, ack_item, ack_statement

    page = nodes.document(None, None)
    page += [nodes.paragraph("", f"Other words {n}.") for n in range(200)]
    item = ack_item()
    item += ack_statement("", "", nodes.Text("I will call 988 first."))
    item += ack_hint("", nodes.paragraph("", "Save the number."))
    page += item
    seen: list[nodes.Node] = []

    class Renderer:
        def render_partial(self, node: nodes.Node) -> dict[str, str]:
            seen.append(node)
            return {"fragment": node.astext()}

    app = SimpleNamespace(builder=Renderer())
    words, hint = booklet.statement_html(app, item)  # type: ignore[arg-type]
    assert (words, hint) == ("I will call 988 first.", "Save the number.")
    for node in seen:
        top = node
        while top.parent is not None:
            top = top.parent
        copied = sum(1 for _ in top.findall(nodes.Text))
        assert copied == 1, f"rendering {node.astext()!r} copied {copied} texts of the page"
    assert len(page.children) == 201 and item.parent is page  # the page itself is untouched

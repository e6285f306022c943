"""Languages that never dangle, between commands and while a translation is pending.

- A build links only to the language editions in its own output: `make html` after
  `make html-all` (English alone, over a site that had Spanish) leaves no link, hreflang
  or sitemap line pointing at the `es/` folder it removed.
- A page whose translation is pending: `make validate` names what is missing, the
  English build (`make html`, the documented preview route) still works, and the
  commands that publish every language (`make html-all`, `make dist`) refuse, listing
  every missing message as `po:line`.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from build_tools import gettext_command
from build_tools.publish import dist
from build_tools.site import build
from build_tools.validation import validate
from conftest import REPO, ROOTS, run_build
from site_crawl import broken_links, discover_pages

TRANSLATED = ROOTS / "translated"
NO_VALIDATION = "dbt_validate=0"
LANGUAGE_LINK = re.compile(r'<a href="[^"]*" hreflang="\w+" lang="\w+">')


def quietly(command: Callable[[Sequence[str]], int], argv: Sequence[str]) -> tuple[int, str]:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = command(list(argv))
    return code, printed.getvalue()


def language_links(site: Path) -> dict[str, list[str]]:
    found = {}
    for page in discover_pages(site):
        text = (site / page).read_text(encoding="utf-8")
        links = LANGUAGE_LINK.findall(text) + re.findall(r'<link rel="alternate"[^>]*>', text)
        if links:
            found[page] = links
    return found


def test_one_language_after_all_of_them_leaves_no_link_to_the_removed_one(
    tmp_path: Path,
) -> None:
    root = tmp_path / "translated"
    shutil.copytree(TRANSLATED, root, ignore=shutil.ignore_patterns("*.mo"))
    text = (root / "clinic.yaml").read_text("utf-8")
    # With a base address, so the hreflang alternates and the sitemap lines are written too.
    site_block = "site:\n"
    (root / "clinic.yaml").write_text(
        text.replace(site_block, site_block + "  base_url: https://dbt.example.org/\n", 1),
        encoding="utf-8",
    )
    out = tmp_path / "html"
    overrides = ["dbt_clinic_file=clinic.yaml", NO_VALIDATION]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = build.build_languages(root, out, ["", "es"], confdir=REPO, overrides=overrides)
    assert code == 0
    # make html-all: each edition links to the other, and robots.txt names both sitemaps.
    assert (out / "es" / "index.html").is_file()
    # Every page, the paper booklet of each edition included.
    assert set(language_links(out)) == {
        "index.html",
        "es/index.html",
        "booklet.html",
        "es/booklet.html",
    }
    assert "es/sitemap.xml" in (out / "robots.txt").read_text("utf-8")
    # make html, into the same folder: English alone.
    code, printed = run_build(root, out, tuple(overrides))
    assert code == 0, printed
    assert not (out / "es").exists()
    assert language_links(out) == {}, "a link to the removed Spanish edition"
    assert "es/" not in (out / "robots.txt").read_text("utf-8")
    for page in discover_pages(out):
        assert broken_links(out, page) == [], page
    # make html LANGUAGE=es, on its own: no link up to an English edition it is not beside.
    code, printed = run_build(root, tmp_path / "html-es", (*overrides, "dbt_language=es"))
    assert code == 0, printed
    assert language_links(tmp_path / "html-es") == {}


@pytest.fixture(scope="module")
def pending(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """content/ with one page's Spanish catalog gone, as for a page just written: its
    translation is pending."""
    root = tmp_path_factory.mktemp("pending") / "content"
    shutil.copytree(REPO / "content", root, ignore=shutil.ignore_patterns("*.mo"))
    (root / "locales" / "es" / "LC_MESSAGES" / "privacy.po").unlink()
    return root


def test_validate_names_the_page_without_a_catalog(pending: Path) -> None:
    code, printed = quietly(validate.main, ["--content", str(pending), "--conf", str(REPO)])
    assert code == 1
    (line,) = [line for line in printed.splitlines() if "[translation." in line]
    assert line.startswith(f"{pending / 'privacy.md'}:1: [translation.no-catalog] ")
    assert "make gettext" in line


def test_the_english_pages_preview_while_the_translation_is_pending(
    pending: Path, tmp_path: Path
) -> None:
    """The documented route: `make html` builds and checks the English edition alone."""
    code, printed = quietly(
        build.main, ["--source", str(pending), "--out", str(tmp_path / "html"), "--conf", str(REPO)]
    )
    assert code == 0, printed
    assert (tmp_path / "html" / "privacy.html").is_file()
    assert "es not built or checked" in printed and "make html-all" in printed
    assert language_links(tmp_path / "html") == {}


@pytest.fixture(scope="module")
def extracted(pending: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pending copy after `make gettext`: privacy.po exists, every msgstr empty."""
    pot = tmp_path_factory.mktemp("pot")
    code, printed = quietly(
        gettext_command.main, ["--source", str(pending), "--conf", str(REPO), "--pot", str(pot)]
    )
    assert code == 0, printed
    return pending / "locales" / "es" / "LC_MESSAGES" / "privacy.po"


def empty_messages(po: Path) -> list[str]:
    with po.open("rb") as handle:
        catalog = read_po(handle)
    return sorted(f"{po}:{m.lineno}" for m in catalog if m.id and not m.string)


def listed(printed: str, rule: str) -> list[str]:
    return sorted(
        m.group(1) for m in re.finditer(rf"^(\S+\.po:\d+): \[{re.escape(rule)}\] ", printed, re.M)
    )


def test_publishing_every_language_refuses_and_lists_each_missing_message(
    pending: Path, extracted: Path, tmp_path: Path
) -> None:
    missing = empty_messages(extracted)
    assert len(missing) > 3
    code, printed = quietly(validate.main, ["--content", str(pending), "--conf", str(REPO)])
    assert code == 1 and listed(printed, "translation.missing") == missing
    out = tmp_path / "dist"
    out.mkdir()
    code, printed = quietly(
        dist.main, ["--source", str(pending), "--out", str(out), "--conf", str(REPO)]
    )
    assert code != 0
    assert listed(printed, "translation.missing") == missing
    assert "was left as it was" in printed and list(out.iterdir()) == []
    code, printed = quietly(
        build.main,
        [
            "--source",
            str(pending),
            "--out",
            str(tmp_path / "all"),
            "--conf",
            str(REPO),
            "--all-languages",
        ],
    )
    assert code != 0 and listed(printed, "translation.missing") == missing
    assert not (tmp_path / "all").exists()
    # Refused by the first edition's checks, before minutes of building English.
    assert "Building the es language edition" not in printed
    assert not re.search(r"^writing output", printed, re.M)


def test_validate_reports_a_page_changed_since_make_gettext(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root, ignore=shutil.ignore_patterns("*.mo"))
    page = root / "privacy.md"
    lines = page.read_text("utf-8").splitlines(keepends=True)
    title = next(i for i, line in enumerate(lines) if line.startswith("# "))
    # A new paragraph under the title, written after the last `make gettext`.
    lines.insert(title + 1, "\nWe added this line after the catalogs were made.\n")
    page.write_text("".join(lines), "utf-8")
    code, printed = quietly(validate.main, ["--content", str(root), "--conf", str(REPO)])
    assert code == 1
    (problem,) = [p for p in printed.splitlines() if "[translation." in p]
    expected = f"{page}:{title + 3}: [translation.stale] 'We added this line after"
    assert problem.startswith(expected), problem
    assert "locales/es/LC_MESSAGES/privacy.po" in problem and "make gettext" in problem

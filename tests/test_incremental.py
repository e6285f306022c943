"""Rebuilding in place (make serve) re-reads only edited pages, and rewrites every page
only when something every page shows (a title, a statement, a check) has changed."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

from sphinx.cmd.build import build_main

from conftest import REPO, ROOTS


def build(source: Path, out: Path, doctrees: Path) -> str:
    args = ["-b", "html", "-W", "-v", "-c", str(REPO), "-d", str(doctrees)]
    args += ["-D", "dbt_validate=0", "-D", "dbt_edition=trainer", str(source), str(out)]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        assert build_main(args) == 0, printed.getvalue()
    return printed.getvalue()


def written(out: Path, since: dict[str, int]) -> set[str]:
    return {name for name, time in stamps(out).items() if time != since.get(name)}


def stamps(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.glob("*.html")}


def test_a_reworded_sentence_rewrites_one_page_and_a_new_title_all(tmp_path: Path) -> None:
    source, out, doctrees = tmp_path / "src", tmp_path / "html", tmp_path / "doctrees"
    shutil.copytree(ROOTS / "kc-basic", source)
    build(source, out, doctrees)
    before = stamps(out)
    page = source / "team-notes.md"
    page.write_text(page.read_text().replace("every week", "each week"), encoding="utf-8")
    build(source, out, doctrees)
    # Sphinx also rewrites the page whose toctree holds the edited one.
    assert written(out, before) == {"team-notes.html", "team.html"}

    before = stamps(out)
    page.write_text(page.read_text().replace("# Notes on the team", "# Notes for the team"))
    build(source, out, doctrees)
    assert written(out, before) == set(before), "every menu shows the new title"
    assert "Notes for the team agreements" in (out / "index.html").read_text(encoding="utf-8")

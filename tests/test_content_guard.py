"""Content is data, never code: every attack in tests/roots/attacks is stopped.

The corpus is written as an attacker with edit access to content/ (pages, a trainer
page, Spanish catalogs) would write it. Each attack carries its expectation beside
it; this module fills in a marker file (created if any payload ever runs) and a
secret file outside the content folder, then checks three things: `make validate`
reports each attack at its line, the build reports each one itself at its line even
with validation turned off, and nothing ran, nothing outside content/ was published,
and the last good site was left as it was.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.cmd.build import build_main

from build_tools.site.allowed_code import AllowedCode
from build_tools.site.inline_code import InlineCode
from build_tools.site.security import foreign_code
from build_tools.validation.markdown_lines import Kind, classify
from build_tools.validation.safety import check_lines
from build_tools.validation.validate import run
from conftest import REPO, ROOTS, run_build

ATTACKS = ROOTS / "attacks"
PAGE_EXPECT = re.compile(r"^% expect (?:\+(\d+)|@(\d+)) validate=(\S+) build=(\S+?)(?:\+(\d+))?$")
CATALOG_EXPECT = re.compile(r"^# expect validate=(\S+) build=(\S+)$")
# Filled in per run, so a hit can only come from this run's payloads.
CANARY = f"canary-{uuid.uuid4().hex}"
SECRET = f"secret-{uuid.uuid4().hex}"
BENIGN = "Esta oración tiene una traducción sencilla."
# Added to file-access.md by the fixture, beside the symbolic link it shows.
LINKED_IMAGE = "\n![A picture that is a link to the secret](picture.png)\n"
LINKS = ("leak.md", "picture.png")


@dataclass(frozen=True)
class Attack:
    file: str  # relative to the content folder
    validate_line: int
    validate: str | None  # rule id, or None where validation cannot see it
    build_line: int | None  # None: a translated message (reported at the page)
    build: str | None  # our warning subtype, or "docutils" for docutils' own


def page_attacks() -> list[Attack]:
    found = []
    for page in sorted(ATTACKS.rglob("*.md")):
        for number, text in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            expect = PAGE_EXPECT.match(text)
            if not expect:
                continue
            offset, absolute, validate, build, build_offset = expect.groups()
            line = int(absolute) if absolute else number + int(offset)
            build_line = number + int(build_offset) if build_offset else line
            found.append(
                Attack(
                    page.relative_to(ATTACKS).as_posix(),
                    line,
                    optional(validate),
                    build_line,
                    optional(build),
                )
            )
    return found


def catalog_attacks() -> list[Attack]:
    found = []
    for po in sorted(ATTACKS.rglob("*.po")):
        lines = po.read_text(encoding="utf-8").splitlines()
        for number, text in enumerate(lines, 1):
            expect = CATALOG_EXPECT.match(text)
            if not expect:
                continue
            msgid = next(
                n for n in range(number, len(lines) + 1) if lines[n - 1].startswith("msgid")
            )
            # The header (msgid "") is the catalog as a whole: reported at its first line.
            line = 1 if lines[msgid - 1] == 'msgid ""' else msgid
            found.append(
                Attack(
                    po.relative_to(ATTACKS).as_posix(),
                    line,
                    optional(expect[1]),
                    None,
                    optional(expect[2]),
                )
            )
    return found


def optional(value: str) -> str | None:
    return None if value == "-" else value


ALL = page_attacks() + catalog_attacks()


def test_the_corpus_holds_every_class_of_attack() -> None:
    files = {attack.file for attack in ALL}
    assert {
        "code-execution.md",
        "file-access.md",
        "raw-output.md",
        "front-matter.md",
        "trainer-attacks.md",
        "locales/es/LC_MESSAGES/translated.po",
        "locales/es/LC_MESSAGES/sphinx.po",
    } <= files
    assert len(ALL) >= 45
    assert all(attack.validate or attack.build for attack in ALL)


@pytest.fixture(scope="module")
def attack_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus in a folder of its own, with the secret beside content/ (outside it)
    and a stale compiled catalog, newer than its source, that carries a payload."""
    work = tmp_path_factory.mktemp("attacks")
    shutil.copytree(ATTACKS, work / "content")
    (work / "secret.txt").write_text(SECRET, encoding="utf-8")
    marker = work / "marker-executed"
    for file in (work / "content").rglob("*"):
        if file.suffix in {".md", ".po"}:
            text = file.read_text(encoding="utf-8")
            text = text.replace("@MARKER@", str(marker)).replace("@SECRET@", "secret.txt")
            file.write_text(text, encoding="utf-8")
    po = work / "content/locales/es/LC_MESSAGES/translated.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    catalog["This sentence has a plain translation."].string = (
        f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}} "
        '<script>alert("stale")</script>'
    )
    stale = po.with_suffix(".mo")
    with stale.open("wb") as handle:
        write_mo(handle, catalog)
    later = po.stat().st_mtime + 3600
    os.utime(stale, (later, later))
    # Links out of content/, as a pull request can add them: a page and an image.
    (work / "content" / "leak.md").symlink_to(work / "secret.txt")
    (work / "content" / "picture.png").symlink_to(work / "secret.txt")
    page = work / "content" / "file-access.md"
    page.write_text(page.read_text(encoding="utf-8") + LINKED_IMAGE, encoding="utf-8")
    return work


def sphinx(source: Path, out: Path, *overrides: str) -> str:
    """sphinx-build itself, strict, validation off, into a folder kept for inspection."""
    args = ["-b", "html", "-W", "--keep-going", "-q", "--no-color", "-c", str(REPO)]
    args += ["-d", str(out.with_name(out.name + "-doctrees"))]  # as the real build: not in out
    for override in ("dbt_validate=0", *overrides):
        args += ["-D", override]
    printed = io.StringIO()
    os.environ["DBT_ATTACK_CANARY"] = CANARY  # what /proc/self/environ would give away
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            code = build_main([*args, str(source), str(out)])
    finally:
        del os.environ["DBT_ATTACK_CANARY"]
    assert code != 0, "a build of the attack corpus succeeded"
    return printed.getvalue()


BUILDS = {"client": (), "es": ("dbt_language=es",), "trainer": ("dbt_edition=trainer",)}


@pytest.fixture(scope="module")
def attack_builds(attack_site: Path) -> dict[str, str]:
    return {
        name: sphinx(attack_site / "content", attack_site / f"out-{name}", *overrides)
        for name, overrides in BUILDS.items()
    }


def test_validate_reports_every_attack_at_its_line(attack_site: Path) -> None:
    content = attack_site / "content"
    outcome = run(content, content / "clinic.yaml", max_grade=8.0)
    found = {(p.path.resolve(), p.line, p.rule) for p in outcome.problems}
    links = {(p.path, p.rule) for p in outcome.problems if p.line == 1}
    assert {(content / name, "content.file-access") for name in LINKS} <= links
    missed = [
        f"{a.file}:{a.validate_line}: [{a.validate}]"
        for a in ALL
        if a.validate and ((content / a.file).resolve(), a.validate_line, a.validate) not in found
    ]
    assert not missed, "make validate missed:\n" + "\n".join(missed)


@pytest.mark.parametrize("build", BUILDS)
def test_the_build_itself_stops_every_attack_at_its_line(
    attack_builds: dict[str, str], attack_site: Path, build: str
) -> None:
    printed = attack_builds[build]
    lines = printed.splitlines()
    content = attack_site / "content"
    missed = []
    for attack in ALL:
        if not attack.build or not applies(attack, build):
            continue
        tag = "" if attack.build == "docutils" else f"[dbt.{attack.build}]"
        if attack.build_line is None:  # a translated message: reported on its page
            page = content / Path(attack.file).with_suffix(".md").name
            if attack.file.endswith("sphinx.po"):
                start = f"{content / attack.file}:1: "
            else:
                start = f"{page}:"
        else:
            start = f"{content / attack.file}:{attack.build_line}: "
        if not any(line.startswith(start) and tag in line for line in lines):
            missed.append(f"{start}... {tag}")
    for name in LINKS:
        start = f"{content / name}:1: "
        if not any(line.startswith(start) and "[dbt.file-access]" in line for line in lines):
            missed.append(f"{start}... [dbt.file-access]")
    assert not missed, f"the {build} build missed:\n" + "\n".join(missed) + "\n" + printed


def applies(attack: Attack, build: str) -> bool:
    if attack.file.endswith(".po"):
        return build == "es"
    if attack.file.startswith("trainer-"):
        return build == "trainer"
    return True


def test_nothing_ran_and_nothing_outside_content_was_published(
    attack_builds: dict[str, str], attack_site: Path
) -> None:
    assert not (attack_site / "marker-executed").exists(), "a payload ran on the build machine"
    outputs = [attack_site / f"out-{name}" for name in BUILDS]
    for out in outputs:
        assert out.is_dir()
        for file in out.rglob("*"):
            if not file.is_file():
                continue
            data = file.read_bytes()
            assert SECRET.encode() not in data, f"{file} holds a file from outside content/"
            assert CANARY.encode() not in data, f"{file} holds the build's environment"
            assert b"attacker.example" not in data, f"{file} loads or links the attacker's host"
        assert not (out / "_downloads").exists() and not (out / "_images").exists()
    spanish = (attack_site / "out-es" / "translated.html").read_text(encoding="utf-8")
    assert BENIGN in spanish, "the stale compiled catalog was used instead of the checked one"
    assert "stale" not in spanish


def test_a_failed_attack_build_leaves_the_last_good_site(attack_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "html"
    code, printed = run_build(ROOTS / "minimal", out, ("dbt_validate=0",))
    assert code == 0, printed
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    for overrides in [(), ("dbt_validate=0",), ("dbt_validate=0", "dbt_language=es")]:
        code, printed = run_build(attack_site / "content", out, overrides)
        assert code != 0 and "Traceback" not in printed
        after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
        assert after == before
    assert not (attack_site / "marker-executed").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["html"]  # no half-written folder left


def test_only_the_templates_inline_code_is_allowed() -> None:
    allowed = AllowedCode()
    allowed.add_template(
        '<script>theme()</script><style>p{}</style><svg style="display: none;"></svg>'
        '<script>var x = "{{ pagename }}";</script>'
    )
    page = (
        '<script>theme()</script><style>p{}</style><svg style="display: none;"></svg>'
        '<meta http-equiv="Content-Security-Policy" content="x">'
    )
    assert foreign_code(page, InlineCode.of(page), allowed) == []
    for added, what in [
        ("<script>steal()</script>", "inline script"),
        ('<script type="text/ecmascript">steal()</script>', "inline script"),
        ("<style>.dbt-crisis{display:none}</style>", "inline style element"),
        ('<div style="display:none">', "style attribute"),
        ('<img src="x" alt="" onerror="steal()">', "event handler"),
        ('<meta http-equiv="refresh" content="0;url=https://x.example/">', "http-equiv"),
        ('<script>var x = "index";</script>', "inline script"),  # what a Jinja part rendered
    ]:
        tampered = page + added
        problems = foreign_code(tampered, InlineCode.of(tampered), allowed)
        assert len(problems) == 1 and what in problems[0], (added, problems)
    data = page + '<script type="application/json" id="d">{"a": 1}</script>'
    assert foreign_code(data, InlineCode.of(data), allowed) == []


def test_inline_code_the_templates_do_not_fix_fails_the_build(tmp_path: Path) -> None:
    templates = ROOTS / "inline-code-template"
    code, printed = run_build(
        ROOTS / "minimal", tmp_path / "html", ("dbt_validate=0", f"templates_path={templates}")
    )
    assert code != 0
    assert "index.md: WARNING: an inline script that is not the theme's or ours" in printed
    assert "[dbt.inline-code]" in printed and "Traceback" not in printed


def test_the_installed_build_packages_are_the_pinned_ones() -> None:
    """make html and make test install with constraints.txt: a package that decides what
    a page can become is never upgraded without this file changing."""
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.strip()] = version.strip()
    assert {"Sphinx", "docutils", "myst-parser", "markdown-it-py", "Jinja2", "furo"} <= set(pins)
    installed = {name: metadata.version(name) for name in pins}
    assert installed == pins


@pytest.mark.parametrize("first", ["---", "***", "___", "- - -"])
def test_a_rule_as_the_first_line_of_a_body_is_classified(first: str) -> None:
    """Found by the accessibility journey's author: a body opening with a thematic break
    crashed the line scan (IndexError) instead of being read."""
    lines = classify([first, "Text.", "<b>bold</b>"], 9)
    assert [line.number for line in lines] == [9, 10, 11]
    assert lines[0].kind is Kind.RULE
    problems = list(check_lines(Path("page.md"), lines))
    assert [(p.line, p.rule) for p in problems] == [(11, "content.raw-html")]

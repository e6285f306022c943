"""The build is strict and all-or-nothing: a warning fails it and keeps the last good site."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOTS, run_build

# These roots hold one page, not every required topic: they test Sphinx's own
# strictness, so the content validator (tested on its own) is switched off.
NO_VALIDATION = ("dbt_validate=0",)


def test_minimal_root_builds_with_the_clinic_name(tmp_path: Path) -> None:
    out = tmp_path / "html"
    code, printed = run_build(ROOTS / "minimal", out, NO_VALIDATION)
    assert code == 0, printed
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "This site belongs to Riverside DBT Program." in page
    assert "<title>A minimal site - Riverside DBT Program</title>" in page
    # The front-matter summary is written once and shown twice: lead line and meta description.
    summary = "The smallest site that builds, used to test the build itself."
    assert f'<h1>A minimal site</h1>\n<p class="dbt-summary">{summary}</p>' in page
    assert f'<meta name="description" content="{summary}">' in page
    assert not list(tmp_path.glob(".html-building-*")), "the temporary build folder was left"


def test_a_warning_fails_the_build_and_keeps_the_last_good_site(tmp_path: Path) -> None:
    out = tmp_path / "html"
    code, printed = run_build(ROOTS / "minimal", out, NO_VALIDATION)
    assert code == 0, printed
    good = (out / "index.html").read_bytes()

    code, printed = run_build(ROOTS / "broken-substitution", out, NO_VALIDATION)

    assert code != 0
    assert "index.md:12" in printed and "clinic_fax" in printed, printed
    assert (out / "index.html").read_bytes() == good, "the last good site was changed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html"], "half-written files were left"


def test_a_second_failure_still_fails(tmp_path: Path) -> None:
    """Sphinx can hide a warning on a rebuild; every build starts from a fresh folder."""
    out = tmp_path / "html"
    first, _ = run_build(ROOTS / "broken-substitution", out, NO_VALIDATION)
    second, printed = run_build(ROOTS / "broken-substitution", out, NO_VALIDATION)
    assert first != 0 and second != 0, printed
    assert not out.exists()


def test_the_live_preview_can_turn_the_policy_off(tmp_path: Path) -> None:
    """make serve's reload script is inline and uses a socket, which the policy blocks."""
    out = tmp_path / "html"
    code, printed = run_build(
        ROOTS / "minimal", out, (*NO_VALIDATION, "dbt_content_security_policy=0")
    )
    assert code == 0, printed
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" not in page
    assert "dbt-csp-placeholder" not in page


def test_one_content_folder_builds_another_clinics_site(tmp_path: Path) -> None:
    """make html CLINIC=... OUT=...: the build command's --clinic, with the pages left as
    they are."""
    import contextlib
    import io

    from build_tools.site.build import main

    out = tmp_path / "harborview"
    second = ROOTS / "second-clinic" / "clinic.yaml"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = main(
            [
                "--source",
                str(ROOTS / "minimal"),
                "--out",
                str(out),
                "--clinic",
                str(second),
                "-D",
                "dbt_validate=0",
                "-D",
                "dbt_content_security_policy=0",
            ]
        )
    assert code == 0, printed.getvalue()
    page = (out / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>[^<]+ - Harborview Skills Collective</title>", page)
    assert "Riverside" not in page

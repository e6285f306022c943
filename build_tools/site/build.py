"""Strict, all-or-nothing site build.

Sphinx writes into a fresh temporary folder beside the target; only a build
with no warning replaces the published folder. A failed build never leaves a
half-written site where the last good one was, and a fresh folder each time
means no cached environment can hide a warning from an earlier run.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from sphinx import locale
from sphinx.cmd.build import build_main

from ..config import EDITIONS
from ..languages.settings import clinic_file, translations_enabled


@contextlib.contextmanager
def staging(out: Path, label: str) -> Iterator[Path]:
    """A fresh folder beside ``out`` to build in, removed afterwards whatever happens."""
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-{label}-", dir=out.parent))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def swap_in(site: Path, out: Path, work: Path) -> None:
    """Replace ``out`` with the finished ``site`` (the old one goes into ``work``)."""
    if out.exists():
        out.rename(work / "previous")
    site.rename(out)


def build_site(
    source: Path,
    out: Path,
    *,
    confdir: Path | None = None,
    overrides: Sequence[str] = (),
    builder: str = "html",
    colour: bool | None = None,
) -> int:
    """Build ``source`` into ``out``; return Sphinx's exit code (0 on success).

    ``colour`` None lets Sphinx decide (it colours when CI=true, even into a pipe);
    False gives plain text for output that is read back, as tests do.
    """
    out = out.resolve()
    with staging(out, "building") as work:
        site = work / "site"
        args = ["-b", builder, "-W", "--keep-going", "-q", "-d", str(work / "doctrees")]
        args += ["-c", str(confdir or Path.cwd())]
        if colour is not None:
            args.append("--color" if colour else "--no-color")
        for override in overrides:
            args += ["-D", override]
        # Sphinx keeps its message catalogs in a module-level cache that a second
        # build in the same process would reuse, in the first build's language.
        locale.translators.clear()
        try:
            code = build_main([*args, str(source), str(site)])
        except SystemExit as stop:  # invalid content: the problems are printed already
            code = stop.code if isinstance(stop.code, int) else 1
        if code != 0:
            return code
        # Sphinx's record for incremental builds: every build here starts fresh, so it
        # is only a leftover that would be uploaded with the pages.
        (site / ".buildinfo").unlink(missing_ok=True)
        swap_in(site, out, work)
        return 0


def build_languages(
    source: Path,
    out: Path,
    codes: Sequence[str],
    *,
    confdir: Path | None = None,
    overrides: Sequence[str] = (),
    colour: bool | None = None,
) -> int:
    """Every language edition into one site: the first at the root, the others in
    folders named by their codes, swapped in only when every one has built. Only
    these editions are linked from one another."""
    out = out.resolve()
    built_together = "dbt_output_languages=" + ",".join(codes)
    with staging(out, "languages") as work:
        site = work / "site"
        for index, code in enumerate(codes):
            target = site if index == 0 else site / code
            print(f"Building the {code or 'source'} language edition…", flush=True)
            result = build_site(
                source,
                target,
                confdir=confdir,
                overrides=[*overrides, f"dbt_language={code}", built_together],
                colour=colour,
            )
            if result != 0:
                return result
        swap_in(site, out, work)
        return 0


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools build", description=__doc__)
    parser.add_argument("--source", type=Path, default=Path("content"), help="default: content")
    parser.add_argument(
        "--out", type=Path, default=Path("_build/html"), help="default: _build/html"
    )
    parser.add_argument("--conf", type=Path, default=Path.cwd(), help="folder with conf.py")
    parser.add_argument(
        "--clinic",
        type=Path,
        default=None,
        metavar="FILE",
        help="another clinic's settings for the same pages (default: SOURCE/clinic.yaml)",
    )
    parser.add_argument(
        "--edition",
        choices=EDITIONS,
        default="client",
        help="client (default) or trainer: every page plus the onboarding material",
    )
    languages = parser.add_mutually_exclusive_group()
    languages.add_argument(
        "--language",
        default="",
        metavar="CODE",
        help="one of clinic.yaml's site.translations, such as es (default: the pages' own)",
    )
    languages.add_argument(
        "--all-languages",
        action="store_true",
        help="the pages' own language at OUT, and each translation in OUT/<code>/",
    )
    parser.add_argument(
        "-D",
        dest="overrides",
        action="append",
        default=[],
        metavar="name=value",
        help="override a configuration value, as with sphinx-build",
    )
    options = parser.parse_args(argv)
    clinic = clinic_file(options.source, options.clinic)
    overrides = [f"dbt_edition={options.edition}", *options.overrides]
    if options.clinic is not None:
        overrides.append(f"dbt_clinic_file={clinic}")
    if options.all_languages:
        codes = ["", *translations_enabled(clinic)]
        code = build_languages(
            options.source, options.out, codes, confdir=options.conf, overrides=overrides
        )
        what = f"every language edition ({len(codes)})"
    else:
        if options.language:
            overrides.append(f"dbt_language={options.language}")
        code = build_site(options.source, options.out, confdir=options.conf, overrides=overrides)
        what = f"the {options.edition} edition" + (
            f" in {options.language}" if options.language else ""
        )
        others = [c for c in translations_enabled(clinic) if c != options.language]
        if code == 0 and others and options.edition == "client":
            # One language alone links to no other; say where the others are built.
            what += (
                f" alone, without language links ({', '.join(others)} not built or checked: "
                "`make html-all` builds and checks every language)"
            )
    if code == 0:
        print(f"Built {what} into {options.out}")
    else:
        print(f"The build failed; {options.out} was left as it was.", file=sys.stderr)
    return code

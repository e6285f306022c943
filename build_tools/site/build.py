"""Strict, all-or-nothing site build.

Sphinx writes into a fresh temporary folder beside the target; only a build
with no warning replaces the published folder. A failed build never leaves a
half-written site where the last good one was, and a fresh folder each time
means no cached environment can hide a warning from an earlier run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from sphinx.cmd.build import build_main

from ..config import EDITIONS


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
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
    try:
        site = work / "site"
        args = ["-b", builder, "-W", "--keep-going", "-q", "-d", str(work / "doctrees")]
        args += ["-c", str(confdir or Path.cwd())]
        if colour is not None:
            args.append("--color" if colour else "--no-color")
        for override in overrides:
            args += ["-D", override]
        try:
            code = build_main([*args, str(source), str(site)])
        except SystemExit as stop:  # invalid content: the problems are printed already
            code = stop.code if isinstance(stop.code, int) else 1
        if code != 0:
            return code
        if out.exists():
            out.rename(work / "previous")
        site.rename(out)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


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
    parser.add_argument(
        "-D",
        dest="overrides",
        action="append",
        default=[],
        metavar="name=value",
        help="override a configuration value, as with sphinx-build",
    )
    options = parser.parse_args(argv)
    overrides = [f"dbt_edition={options.edition}", *options.overrides]
    if options.clinic is not None:
        overrides.append(f"dbt_clinic_file={options.clinic.resolve()}")
    code = build_site(options.source, options.out, confdir=options.conf, overrides=overrides)
    if code == 0:
        print(f"Built the {options.edition} edition into {options.out}")
    else:
        print(f"The build failed; {options.out} was left as it was.", file=sys.stderr)
    return code

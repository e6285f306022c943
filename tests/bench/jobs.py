"""What one fresh benchmark process does: ``python tests/bench/jobs.py JOB ...``.

Every build runs in its own Python process (as ``make html`` does), so no import,
cache or parsed page carries over from one measurement to the next. The parent times
the whole process (wall time, imports included); ``validate`` also reports the time
of the call alone, which is what its budget is about.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def sphinx_args(doctrees: Path, confdir: Path) -> list[str]:
    """The arguments build_site passes to Sphinx (build_tools/site/build.py), minus -q:
    the rebuild reads the progress lines to count the pages read again."""
    strict = ["-b", "html", "-W", "--keep-going", "--no-color"]
    return [*strict, "-d", str(doctrees), "-c", str(confdir)]


def overrides(values: Sequence[str]) -> list[str]:
    return [arg for value in values for arg in ("-D", value)]


def build_ours(options: argparse.Namespace) -> int:
    from build_tools.site.build import build_site

    return build_site(
        options.source, options.out, confdir=REPO, overrides=options.define, colour=False
    )


def build_plain(options: argparse.Namespace) -> int:
    """Sphinx's own build_main: for the bare build, -j auto, and the incremental rebuild
    (build_site always starts from a fresh folder and has no jobs parameter)."""
    from sphinx.cmd.build import build_main

    args = sphinx_args(options.doctrees, options.conf)
    args += overrides(options.define)
    if options.jobs:
        args += ["-j", options.jobs]
    if options.quiet:
        args.append("-q")
    return build_main([*args, str(options.source), str(options.out)])


def validate(options: argparse.Namespace) -> int:
    from build_tools.validation.validate import validate_project

    start = time.perf_counter()
    problems = validate_project(options.source, options.source / "clinic.yaml")
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "problems": [str(p) for p in problems[:10]]}))
    return 1 if problems else 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(description=__doc__)
    jobs = top.add_subparsers(dest="job", required=True)
    ours = jobs.add_parser("ours")
    ours.add_argument("source", type=Path)
    ours.add_argument("out", type=Path)
    ours.add_argument("-D", dest="define", action="append", default=[])
    ours.set_defaults(run=build_ours)
    plain = jobs.add_parser("sphinx")
    plain.add_argument("source", type=Path)
    plain.add_argument("out", type=Path)
    plain.add_argument("--doctrees", type=Path, required=True)
    plain.add_argument("--conf", type=Path, required=True)
    plain.add_argument("--jobs", default="")
    plain.add_argument("--quiet", action="store_true")
    plain.add_argument("-D", dest="define", action="append", default=[])
    plain.set_defaults(run=build_plain)
    check = jobs.add_parser("validate")
    check.add_argument("source", type=Path)
    check.set_defaults(run=validate)
    return top


def main(argv: Sequence[str]) -> int:
    options = parser().parse_args(argv)
    code: int = options.run(options)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

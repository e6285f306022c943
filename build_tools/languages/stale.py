"""Catalogs older than their pages: messages a page has that its catalog lacks.

A page edited after ``make gettext`` has paragraphs its catalog does not know yet;
a translated build would show them in English, and the build's own check
(``languages.untranslated``) stops it. ``make validate`` reports them before any
build: it extracts the pages' messages exactly as ``make gettext`` does (Sphinx's
gettext builder, into a temporary folder; about a second for a dozen pages) and
names each new message at its line in the page.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from collections.abc import Sequence
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from ..validation.problems import Problem, display_path

SHOWN = 60


def message_ids(catalog: Path) -> set[str] | None:
    """The message ids of a ``.po``/``.pot`` file; None if it cannot be read."""
    try:
        with catalog.open("rb") as handle:
            return {str(m.id) for m in read_po(handle) if m.id and isinstance(m.id, str)}
    except (OSError, PoFileError, ValueError):
        return None


def extract(content: Path, clinic_file: Path, confdir: Path, pot: Path) -> tuple[int, str]:
    """Write the pages' ``.pot`` templates into ``pot`` as ``make gettext`` does."""
    from ..site.build import build_site  # Sphinx only when there is a translation to check

    overrides = ["dbt_edition=client", "dbt_validate=0", f"dbt_clinic_file={clinic_file}"]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = build_site(
            content, pot, confdir=confdir, overrides=overrides, builder="gettext", colour=False
        )
    return code, printed.getvalue()


def stale_messages(
    content: Path, clinic_file: Path, codes: Sequence[str], *, confdir: Path
) -> list[Problem]:
    """A ``translation.stale`` problem for each message of a page that a language's
    catalog of that page does not have, at the message's line in the page."""
    if not codes:
        return []
    with tempfile.TemporaryDirectory(prefix="dbt-stale-") as work:
        pot = Path(work) / "gettext"
        code, printed = extract(content, clinic_file, confdir, pot)
        if code != 0:
            last = printed.strip().splitlines()[-1:] or ["(no output)"]
            return [
                Problem(
                    content,
                    1,
                    "translation.extract",
                    f"the pages' messages could not be extracted to compare with the "
                    f"catalogs: {last[0]}",
                )
            ]
        return compare(content, pot, codes)


def compare(content: Path, pot: Path, codes: Sequence[str]) -> list[Problem]:
    problems: list[Problem] = []
    for template in sorted(pot.rglob("*.pot")):
        relative = template.relative_to(pot).with_suffix(".po")
        try:
            with template.open("rb") as handle:
                messages = [m for m in read_po(handle) if m.id and isinstance(m.id, str)]
        except (OSError, PoFileError, ValueError):
            continue
        for code in codes:
            po = content / "locales" / code / "LC_MESSAGES" / relative
            known = message_ids(po)
            if known is None:
                continue  # no catalog, or unreadable: translation_check reports it
            for message in messages:
                if str(message.id) in known:
                    continue
                page = relative.with_suffix(".md")
                line = line_in(page.as_posix(), message.locations)
                text = str(message.id)
                shown = text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
                problems.append(
                    Problem(
                        content / page,
                        line,
                        "translation.stale",
                        f"{shown!r} is not in {display_path(po)} (the page changed since "
                        "`make gettext`): run `make gettext`, then translate it",
                    )
                )
    return problems


def line_in(page: str, locations: Sequence[tuple[str, int | None]]) -> int:
    """The message's line in ``page`` (a path relative to the content folder).

    Sphinx writes locations relative to the folder it built into, which the strict
    build renames afterwards, so the page is recognised by the end of the path.
    """
    for filename, line in locations:
        if filename.replace("\\", "/").endswith("/" + page) and line:
            return line
    return 1

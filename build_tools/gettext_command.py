"""``python -m build_tools gettext``: extract every client page's messages, update the catalogs.

Sphinx's gettext builder writes one ``.pot`` template per page (client edition
only: a trainer page or section never reaches a client catalog) into
``_build/gettext``; sphinx-intl then merges each template into
``content/locales/<language>/LC_MESSAGES/<page>.po`` for every language the clinic
enables (``site.translations`` in clinic.yaml), keeping what is translated and
marking changed messages fuzzy. A translator fills in the ``msgstr`` lines; the
build fails until none is empty or fuzzy.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .languages.settings import clinic_file, translations_enabled
from .site.build import build_site

POT_DIR = Path("_build/gettext")


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools gettext", description=__doc__)
    parser.add_argument("--source", type=Path, default=Path("content"), help="default: content")
    parser.add_argument("--conf", type=Path, default=Path.cwd(), help="folder with conf.py")
    parser.add_argument("--clinic", type=Path, default=None, metavar="FILE")
    parser.add_argument(
        "--language",
        action="append",
        default=None,
        metavar="CODE",
        help="update this language's catalogs (default: every one clinic.yaml enables)",
    )
    parser.add_argument("--pot", type=Path, default=POT_DIR, help=f"default: {POT_DIR}")
    options = parser.parse_args(argv)
    clinic = clinic_file(options.source, options.clinic)
    languages = options.language or translations_enabled(clinic)
    overrides = ["dbt_edition=client", f"dbt_clinic_file={clinic}"]
    code = build_site(
        options.source, options.pot, confdir=options.conf, overrides=overrides, builder="gettext"
    )
    if code != 0:
        print(
            "Extracting the messages failed; the catalogs were left as they were.", file=sys.stderr
        )
        return code
    # Templates' words are the tool's own (build_tools/languages/locale), not the clinic's.
    (options.pot / "sphinx.pot").unlink(missing_ok=True)
    if not languages:
        print(
            f"Wrote the message templates into {options.pot}; clinic.yaml enables no translation."
        )
        return 0
    from sphinx_intl.basic import update

    locale_dir = options.source / "locales"
    update(str(locale_dir), str(options.pot), tuple(languages), jobs=1)
    print(f"Updated the catalogs in {locale_dir} for: {', '.join(languages)}")
    return 0

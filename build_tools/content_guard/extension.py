"""The Sphinx side of the content guard (see the package's docstring).

Kept apart from the package so the validator can import the rules and link check
without loading the parser.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .catalogs import compile_catalogs
from .document import CheckDocument
from .links import links_out_of
from .parser import SafeMystParser
from .rules import WARNING_TYPE

logger = logging.getLogger(__name__)


def refuse_links_out(app: Sphinx, config: Config) -> None:
    """Reported, and left out of the build, so the file behind it is never read."""
    srcdir = Path(app.srcdir)
    for link in links_out_of(srcdir):
        config.exclude_patterns = [*config.exclude_patterns, link.relative_to(srcdir).as_posix()]
        logger.warning(
            "a symbolic link out of the content folder is not allowed: replace it with "
            "the file itself",
            location=f"{link}:1",
            type=WARNING_TYPE,
            subtype="file-access",
        )


def setup(app: Sphinx) -> None:
    app.add_source_parser(SafeMystParser, override=True)
    app.add_transform(CheckDocument)
    app.connect("config-inited", refuse_links_out)
    # Before Sphinx compiles catalogs (in build()), after the builder exists.
    app.connect("builder-inited", compile_catalogs)

"""Sphinx extension for DBT agreement sites: clinic settings, crisis banner, checks.

The subpackages are the architecture: ``validation`` (everything checked before a
build), ``acknowledgment`` (checklists and the client's record), ``knowledge``
(the trainer edition's knowledge checks) and ``site`` (settings, editions, security
headers and the build command).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import acknowledgment, knowledge, languages, record_check
from .config import add_options
from .content_guard.extension import setup as setup_content_guard
from .site.assets import setup_assets
from .site.booklet import setup_booklet
from .site.edition import DropTrainerSections
from .site.foreign_words import setup_foreign_words
from .site.incremental import setup_incremental
from .site.markup_fixes import setup_markup_fixes
from .site.navigation import setup_navigation
from .site.page_summary import setup_page_summary
from .site.reading_path import setup_reading_path
from .site.search_engines import setup_search_engines
from .site.security import write_policies
from .site.settings import add_static_files, load_settings, page_context

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    add_options(app)
    setup_content_guard(app)
    setup_markup_fixes(app)
    setup_reading_path(app)
    setup_booklet(app)
    setup_page_summary(app)
    setup_assets(app)
    setup_navigation(app)
    setup_search_engines(app)
    setup_incremental(app)
    setup_foreign_words(app)
    # Runs before myst-parser reads its configuration, so the clinic's
    # substitutions are in place when the first page is parsed.
    app.connect("config-inited", load_settings, priority=400)
    app.connect("builder-inited", add_static_files)
    app.connect("html-page-context", page_context)
    app.add_transform(DropTrainerSections)
    acknowledgment.setup(app)
    knowledge.setup(app)
    record_check.setup(app)
    languages.setup(app)
    app.connect("build-finished", write_policies)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

"""Wire the clinic's settings into Sphinx: substitutions, tags, theme context, assets."""

from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import Any, NoReturn

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config

from .. import clinic
from ..validation.problems import Problem
from ..validation.validate import validate_project
from .edition import apply_edition, check_edition, edition_of
from .security import CSP_ELEMENT

PACKAGE = Path(__file__).parent


def clinic_path(app: Sphinx, config: Config) -> Path:
    return (Path(app.srcdir) / str(config.dbt_clinic_file)).resolve()


def stop_for(problems: list[Problem]) -> NoReturn:
    """Print every problem as ``path:line: [rule] message`` and end the build.

    Sphinx 9 prints a crash report with a traceback for any exception an event
    handler raises, SphinxError included. A clinic needs the list of what to
    fix and nothing else, so the build ends with SystemExit, which Sphinx lets
    through untouched (``build_site`` turns it back into an exit code).
    """
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s) to fix before the site can be built.", file=sys.stderr)
    raise SystemExit(1)


def load_settings(app: Sphinx, config: Config) -> None:
    path = clinic_path(app, config)
    wrong_edition = check_edition(config)
    if wrong_edition:
        stop_for([Problem(Path(app.confdir) / "conf.py", 1, "config.edition", wrong_edition)])
    if config.dbt_validate:
        problems = validate_project(
            Path(app.srcdir), path, max_grade=float(config.dbt_max_reading_grade)
        )
        if problems:
            stop_for(problems)
    settings = clinic.load_clinic(path)
    config.myst_substitutions = {**config.myst_substitutions, **clinic.substitutions(settings)}
    for tag in clinic.tags(settings):
        app.tags.add(tag)
    name = settings["clinic"]["name"]
    config.project = name
    config.html_title = name
    config.copyright = name
    config.language = settings["site"]["language"]
    # Sphinx gives each page <link rel="canonical"> from it; sitemap.xml uses it too.
    config.html_baseurl = str(settings["site"].get("base_url", ""))
    apply_edition(app, config)
    config.html_context = {
        **config.html_context,
        "dbt_clinic": clinic.clinic_context(settings),
        "dbt_crisis": clinic.crisis_context(settings),
        "dbt_csp_element": CSP_ELEMENT,
        "dbt_edition": edition_of(config),
        "dbt_search_engines": bool(settings["site"].get("search_engines", True)),
    }
    if not config.html_favicon:
        config.html_favicon = str(PACKAGE / "static" / "favicon.svg")
    config.templates_path = [*config.templates_path, str(PACKAGE / "templates")]
    config.html_static_path = [*config.html_static_path, str(PACKAGE / "static")]
    # furo only renders its announcement block when this is set; our template fills it.
    config.html_theme_options = {**config.html_theme_options, "announcement": "crisis"}


def add_static_files(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    if isinstance(app.builder, StandaloneHTMLBuilder):
        # A dozen pages need no search; its index and scripts would only add weight.
        app.builder.search = False
    app.add_css_file("dbt.css")


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    summary = app.env.metadata.get(pagename, {}).get("summary")
    if summary:
        tag = f'<meta name="description" content="{html.escape(str(summary), quote=True)}">'
        context["metatags"] = context.get("metatags", "") + tag

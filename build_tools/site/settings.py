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
from ..languages import settings as languages
from ..languages.page import edition_folder
from ..validation.grade_cache import FILE_NAME as GRADES_FILE
from ..validation.problems import Problem
from ..validation.validate import validate_project
from .crisis_banner import banner_html
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
        late: list[Problem] = []
        problems = validate_project(
            Path(app.srcdir),
            path,
            max_grade=float(config.dbt_max_reading_grade),
            min_ease=float(config.dbt_min_reading_ease),
            translations=checked_translations(config),
            warnings=late,
            # Kept with the build's doctrees: a rebuild measures only pages whose text
            # changed (a clean build's folder is new, so it measures them all).
            grade_cache=Path(app.doctreedir) / GRADES_FILE,
        )
        if problems:
            stop_for(problems)
        # Once per site (a translation's build would only repeat it); not a Sphinx
        # warning, which -W would turn into a failed build.
        if not config.dbt_language:
            for page in late:
                print(f"{page} (a warning: make dist stops until it is reviewed)", file=sys.stderr)
    shared = clinic.load_clinic(path)
    language = str(config.dbt_language) or languages.source_language(shared)
    if language not in languages.languages(shared):
        message = (
            f"there is no {language!r} edition: add {language} to site.translations "
            "(and its words under translations:)"
        )
        stop_for([Problem(path, 1, "config.language", message)])
    settings = languages.settings_for(shared, language)
    config.language = language
    config.myst_substitutions = {
        **config.myst_substitutions,
        **clinic.substitutions(settings, language),
    }
    for tag in clinic.tags(settings, translated=language != languages.source_language(shared)):
        app.tags.add(tag)
    name = settings["clinic"]["name"]
    config.project = name
    config.html_title = name
    config.copyright = name
    site_base = str(settings["site"].get("base_url", ""))
    source = languages.source_language(shared)
    # Sphinx gives each page <link rel="canonical"> from it; sitemap.xml uses it too.
    # A translation is published in a folder named by its code under the site's root.
    config.html_baseurl = site_base + edition_folder(language, source) if site_base else ""
    apply_edition(app, config)
    if edition_of(config) != "client" and language != source:
        message = f"the trainer edition is in {source} only: build it without a language"
        stop_for([Problem(path, 1, "config.language", message)])
    config.html_context = {
        **config.html_context,
        "dbt_clinic": clinic.clinic_context(settings),
        "dbt_crisis_banner": banner_html(clinic.crisis_context(settings), language),
        "dbt_csp_element": CSP_ELEMENT,
        "dbt_edition": edition_of(config),
        # The client edition links to each of its languages; the trainer edition has one.
        "dbt_languages": (
            languages.languages(shared) if edition_of(config) == "client" else [language]
        ),
        # The editions in this build's output, the pages' own first when it is there.
        "dbt_linked_languages": (
            output_languages(config, shared, language) if edition_of(config) == "client" else []
        ),
        "dbt_site_base": site_base,
        # A statement's identity across languages (acknowledgment.doctree.source_hash).
        "dbt_source_substitutions": clinic.substitutions(
            languages.settings_for(shared, source), source
        ),
        "dbt_search_engines": bool(settings["site"].get("search_engines", True)),
    }
    if not config.html_favicon:
        config.html_favicon = str(PACKAGE / "static" / "favicon.svg")
    config.templates_path = [*config.templates_path, str(PACKAGE / "templates")]
    config.html_static_path = [*config.html_static_path, str(PACKAGE / "static")]
    # furo only renders its announcement block when this is set; our template fills it.
    config.html_theme_options = {**config.html_theme_options, "announcement": "crisis"}


def checked_translations(config: Config) -> list[str]:
    """The catalogs a build checks: its own language's; the first edition of several
    built together (make html-all, make dist) checks every one of them, so a missing
    translation stops the whole run before minutes of building. No other: make gettext
    builds before a new language has any catalog."""
    if config.dbt_language:
        return [str(config.dbt_language)]
    listed = str(config.dbt_output_languages)
    return [code.strip() for code in listed.split(",") if code.strip()]


def output_languages(config: Config, shared: dict[str, Any], language: str) -> list[str]:
    """The language editions beside this one in the output, from ``dbt_output_languages``
    (an empty entry is the pages' own language), in clinic.yaml's order."""
    source = languages.source_language(shared)
    listed = str(config.dbt_output_languages)
    given = {code.strip() or source for code in listed.split(",")} if listed else set()
    given.add(language)
    return [code for code in languages.languages(shared) if code in given]


def add_static_files(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    if isinstance(app.builder, StandaloneHTMLBuilder):
        # A dozen pages need no search; its index and scripts would only add weight.
        app.builder.search = False
    app.add_css_file("dbt.css")
    # The drawers' buttons and the theme button's name (templates/page.html).
    app.add_js_file("page.js", loading_method="defer")


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    summary = app.env.metadata.get(pagename, {}).get("summary")
    if summary:
        tag = f'<meta name="description" content="{html.escape(str(summary), quote=True)}">'
        context["metatags"] = context.get("metatags", "") + tag

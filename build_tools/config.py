"""Every configuration value the extension reads, declared once with its type and default."""

from __future__ import annotations

from dataclasses import dataclass

from sphinx.application import Sphinx


@dataclass(frozen=True)
class Option:
    name: str
    default: object
    types: tuple[type, ...]
    help: str


OPTIONS: tuple[Option, ...] = (
    Option(
        "dbt_clinic_file",
        "clinic.yaml",
        (str,),
        "The clinic's settings, relative to the source folder (or absolute).",
    ),
    Option(
        "dbt_validate",
        True,
        (bool,),
        "Check content against the schemas before reading any page; stop on problems.",
    ),
    Option(
        "dbt_content_security_policy",
        True,
        (bool,),
        "Write a Content-Security-Policy meta element on every page. Only the live "
        "preview (make serve) turns it off: its reload script is inline and uses a socket.",
    ),
    Option(
        "dbt_edition",
        "client",
        (str,),
        "Which edition to build: 'client' (the default; pages with audience trainer and "
        "trainer-only sections are left out) or 'trainer' (every page, for onboarding).",
    ),
    Option(
        "dbt_language",
        "",
        (str,),
        "The language edition to build: '' (the default) for the language the pages are "
        "written in (site.language in clinic.yaml), or one of site.translations.",
    ),
    Option(
        "dbt_output_languages",
        "",
        (str,),
        "The language editions built into the same output, comma-separated, '' standing for "
        "the pages' own (make html-all and make dist set it). Language links and hreflang "
        "point only to these, so no page links to an edition that is not there; '' (the "
        "default): this edition alone, with no language links.",
    ),
    Option(
        "dbt_min_reading_ease",
        55.0,
        (float, int),
        "Lowest Szigriszt-Pazos (INFLESZ) reading ease a translated Spanish client page may "
        "have: 55 and up reads as 'normal' or easier on the INFLESZ scale.",
    ),
    Option(
        "dbt_shared_navigation",
        True,
        (bool,),
        "Render furo's navigation once per build and mark each page's entry, instead of "
        "once per page (quadratic in the number of pages). Off gives furo's own.",
    ),
    Option(
        "dbt_max_reading_grade",
        8.0,
        (float, int),
        "Highest Flesch-Kincaid grade a client page may have.",
    ),
)


EDITIONS = ("client", "trainer")


def add_options(app: Sphinx) -> None:
    for option in OPTIONS:
        # "env": a change of clinic file or limit must re-read every page.
        app.add_config_value(option.name, option.default, "env", option.types, option.help)

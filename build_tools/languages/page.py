"""Per page: the tool's words in the edition's language, the language links and hreflang.

Published, the pages' own language sits at the site's root and each translation
in a folder named by its code (``es/``), which is what ``make html-all`` builds;
so the same page in another language is always a fixed relative path away.

furo writes a few words into its templates without a message catalog; page.html
writes its page body itself, every word through ``dbt_`` (the tool's catalog).
"""

from __future__ import annotations

import functools
from html import escape
from typing import Any

from babel import Locale
from sphinx.application import Sphinx

from .catalog import tr


def language_name(code: str, in_language: str | None = None) -> str:
    """A language's name, by default in that language, as its readers look for it: 'Español'.

    Named in another language (``in_language``), it goes inside a sentence, so it keeps
    that language's own case: 'Spanish' in English, but 'inglés' in Spanish.
    """
    sep = "-" if "-" in code else "_"
    name = Locale.parse(code, sep=sep).get_display_name(
        Locale.parse(in_language or code, sep="-" if "-" in (in_language or code) else "_")
    )
    name = name or code
    return name if in_language else name[:1].upper() + name[1:]


def edition_folder(language: str, source: str) -> str:
    return "" if language == source else f"{language}/"


def add_language_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    language = str(app.config.language)
    source = app.config.html_context.get("dbt_languages", [language])[0]
    # Only the editions built into this output: a link never leads to a missing folder.
    codes: list[str] = app.config.html_context.get("dbt_linked_languages", [language])
    context["dbt_"] = functools.partial(tr, language)
    page = app.builder.get_target_uri(pagename)
    # From this page up to the site root: up to its edition's root, then out of its folder.
    up = "../" * pagename.count("/") + ("../" if language != source else "")
    context["dbt_other_languages"] = [
        {
            "code": code,
            "name": language_name(code),
            "href": f"{up}{edition_folder(code, source)}{page}",
        }
        for code in codes
        if code != language
    ]
    base = str(app.config.html_context.get("dbt_site_base", ""))
    if base and len(codes) > 1:
        links = [
            f'<link rel="alternate" hreflang="{escape(code)}"'
            f' href="{escape(base + edition_folder(code, source) + page)}">'
            for code in codes
        ]
        links.append(f'<link rel="alternate" hreflang="x-default" href="{escape(base + page)}">')
        context["metatags"] = context.get("metatags", "") + "".join(links)

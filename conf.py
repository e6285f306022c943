"""Sphinx configuration. The clinic's own values live in content/clinic.yaml."""

from __future__ import annotations

import sys
from pathlib import Path

# The extension lives beside this file; installing the project also provides it.
sys.path.insert(0, str(Path(__file__).parent))

extensions = [
    "myst_parser",
    "sphinx_design",
    "build_tools",
]

# build_tools sets project, title, language and substitutions from clinic.yaml.
project = "DBT agreements"
root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = ["**/_*", "**/.*"]

myst_enable_extensions = ["colon_fence", "substitution", "deflist"]
myst_heading_anchors = 3
# Only these become links; anything else (http: included) is a broken reference,
# which the strict build turns into an error.
myst_url_schemes = ["https", "mailto", "tel", "sms"]

html_theme = "furo"
html_permalinks = False
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
# No search (build_tools turns the page off): clients read a handful of pages.
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}
html_use_index = False
html_domain_indices = False

# Translations (make gettext; make html LANGUAGE=es): one catalog per page, kept
# with sphinx-intl under content/locales/<language>/LC_MESSAGES/.
locale_dirs = ["locales"]
gettext_compact = False
# Not "fuzzy": a guessed translation is not one; the build fails on it instead.
gettext_allow_fuzzy_translations = False

# Pages say who reviewed them and when; this keeps builds reproducible.
html_last_updated_fmt = None

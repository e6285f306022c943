"""Two editions from one source: the client site, and the trainer site for onboarding.

A page's front matter says who it is for (``audience: client`` or ``trainer``).
The client edition leaves every trainer page out of the build altogether (Sphinx
never reads it), so no trainer word can reach a client's browser. The trainer
edition reads every page and sets the ``trainer`` tag, so a client page can
carry a section for trainers only::

    :::{only} trainer
    A note shown only in the trainer edition.
    :::

and ``index.md`` lists the trainer pages in a toctree inside the same block.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import Locale
from sphinx.util.tags import Tags

from ..config import EDITIONS
from ..validation.frontmatter import FileProblem, read_text, split
from ..validation.validate import page_files

TRAINER = "trainer"
EDITION_NAMES = {"client": "Client edition", "trainer": "Trainer edition"}


# Read line by line when the YAML is broken elsewhere: a typo in a trainer page's
# summary must not let the page into a client build (with validation switched off).
AUDIENCE_LINE = re.compile(r"^audience:\s*[\"']?trainer[\"']?\s*(?:#.*)?$", re.MULTILINE)


def audience_of(path: Path) -> str:
    """The page's audience: trainer, or client (the validator reports unreadable pages)."""
    try:
        front_matter = split(path, read_text(path)).front
    except FileProblem:
        return "client"
    try:
        front = yaml.safe_load(front_matter)
    except yaml.YAMLError:
        return TRAINER if AUDIENCE_LINE.search(front_matter) else "client"
    audience = front.get("audience") if isinstance(front, dict) else None
    return TRAINER if audience == TRAINER else "client"


def trainer_pages(source: Path) -> list[str]:
    """Paths, relative to ``source``, of every page written for trainers."""
    return [
        path.relative_to(source).as_posix()
        for path in page_files(source)
        if audience_of(path) == TRAINER
    ]


def edition_of(config: Config) -> str:
    return str(config.dbt_edition)


def check_edition(config: Config) -> str | None:
    """A problem with the ``dbt_edition`` setting, or None."""
    edition = edition_of(config)
    if edition not in EDITIONS:
        return f"dbt_edition is {edition!r}; use one of: {', '.join(EDITIONS)}"
    return None


def apply_edition(app: Sphinx, config: Config) -> None:
    """Leave trainer pages out of a client build; tag and title a trainer build."""
    if edition_of(config) == TRAINER:
        app.tags.add(TRAINER)
        config.html_title = f"{config.html_title} · {EDITION_NAMES[TRAINER]}"
        return
    excluded = trainer_pages(Path(app.srcdir))
    if excluded:
        config.exclude_patterns = [*config.exclude_patterns, *excluded]
        # index.md lists the trainer pages in a toctree inside {only} trainer; in the
        # client edition those entries name pages left out on purpose, which is not
        # a mistake. A toctree entry for a page that does not exist still fails.
        config.suppress_warnings = [*config.suppress_warnings, "toc.excluded"]


class DropTrainerSections(SphinxTransform):
    """In the client edition, remove ``{only} trainer`` blocks as soon as a page is parsed.

    Sphinx would drop them only when writing, after resolving their links (a link to
    a trainer page would then fail the build) and after storing their text in the
    build's doctrees; removed here, before translation too, no trainer word goes
    further than the parser, and a client catalog never asks for one.
    """

    default_priority = Locale.default_priority - 10

    def apply(self, **kwargs: object) -> None:
        drop_trainer_sections(self.config, self.env._tags, self.document)


def drop_trainer_sections(config: Config, tags_set: Tags, doctree: nodes.document) -> None:
    if edition_of(config) == TRAINER:
        return
    # The gettext builder's tags say yes to everything (to extract every {only}
    # block); a client catalog must hold only what clients read, so the condition
    # is evaluated against the tags actually set.
    tags = Tags(list(tags_set))
    for only in list(doctree.findall(addnodes.only)):
        expression = str(only["expr"])
        if TRAINER in expression.split() and not tags.eval_condition(expression):
            only.parent.remove(only)

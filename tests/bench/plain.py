"""The "bare" twin of a site: the same pages for Sphinx + myst-parser + sphinx-design + furo.

Our directives become the plain Markdown a writer would use without build_tools: a
checklist becomes a bold legend and a bullet list (ids dropped), a knowledge check a
bold question and its options, and the generated blocks (reading path, summaries)
disappear. ``{{name}}`` substitutions are expanded as text with the clinic's own values
(build_tools.clinic.substitutions), so both builds show the same words.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from build_tools.clinic import load_clinic, substitutions, tags

# An opening colon or backtick fence of a directive: (fence, name, argument).
OPENING = re.compile(r"^(:{3,}|`{3,})\{([a-z-]+)\}\s*(.*)$")
ID_MARKER = re.compile(r"^([-*+][ \t]+)\[[^\]\s]*\][ \t]+")
ANSWER_MARKER = re.compile(r"^([-*+][ \t]+)\[[ xX]\][ \t]+")
SUBSTITUTION = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
DROPPED = {
    "reading-path",
    "acknowledgment-summary",
    "knowledge-summary",
    "acknowledgment-print",
    "acknowledgment-clear",
    "trainer-modules",
    "record-check",
}
DEFAULT_LEGEND = "What I agree to"


def checklist(argument: str, body: list[str]) -> list[str]:
    legend = next(
        (line.split(":", 2)[2].strip() for line in body if line.startswith(":legend:")), ""
    )
    items = [ID_MARKER.sub(r"\1", line) for line in body if not line.startswith(":legend:")]
    return [f"**{legend or DEFAULT_LEGEND}**", "", *items]


def knowledge_check(argument: str, body: list[str]) -> list[str]:
    options = [ANSWER_MARKER.sub(r"\1", line) for line in body if not line.startswith(":id:")]
    return [f"**{argument}**", "", *options]


REWRITES: dict[str, Callable[[str, list[str]], list[str]]] = {
    "acknowledgment": checklist,
    "knowledge-check": knowledge_check,
}


def closing(lines: list[str], start: int, fence: str) -> int:
    """Index of the line that closes the fence opened at ``start`` (same fence, alone)."""
    for index in range(start + 1, len(lines)):
        if lines[index].strip() == fence:
            return index
    raise ValueError(f"unclosed {fence} fence at line {start + 1}")


def rewrite_blocks(lines: list[str], trainer: bool) -> Iterator[str]:
    index = 0
    while index < len(lines):
        match = OPENING.match(lines[index])
        name = match.group(2) if match else ""
        is_ours = name in DROPPED or name in REWRITES
        # The client edition drops trainer-only blocks as it reads (build_tools.site.edition);
        # Sphinx's own {only} would still resolve their links to the missing trainer pages.
        trainer_only = name == "only" and match is not None and match.group(3) == "trainer"
        if match is None or not (is_ours or (trainer_only and not trainer)):
            yield lines[index]
            index += 1
            continue
        end = closing(lines, index, match.group(1))
        if name in REWRITES:
            yield from REWRITES[name](match.group(3), lines[index + 1 : end])
        index = end + 1


def plain_page(text: str, values: dict[str, str], trainer: bool) -> str:
    text = SUBSTITUTION.sub(lambda m: values[m.group(1)], text)
    return "\n".join(rewrite_blocks(text.split("\n"), trainer))


def conf_text(title: str, tags_on: list[str]) -> str:
    """A minimal conf.py: our conf.py's plain Sphinx and theme settings, no build_tools.

    The settings that change what is written (no copied sources, no index pages, the
    same sidebar) are kept so both builds write the same kind of site; search stays on,
    as it is in stock Sphinx (build_tools turns it off)."""
    return "\n".join(
        [
            'extensions = ["myst_parser", "sphinx_design"]',
            f"project = html_title = {title!r}",
            'root_doc = "index"',
            'source_suffix = {".md": "markdown"}',
            'exclude_patterns = ["**/_*", "**/.*"]',
            'myst_enable_extensions = ["colon_fence", "deflist"]',
            "myst_heading_anchors = 3",
            'myst_url_schemes = ["https", "mailto", "tel", "sms"]',
            'html_theme = "furo"',
            "html_permalinks = False",
            "html_copy_source = False",
            "html_show_sourcelink = False",
            "html_show_sphinx = False",
            "html_use_index = False",
            "html_domain_indices = False",
            'html_sidebars = {"**": ["sidebar/brand.html", "sidebar/scroll-start.html",'
            ' "sidebar/navigation.html", "sidebar/scroll-end.html"]}',
            *(f"tags.add({tag!r})" for tag in tags_on),
            "",
        ]
    )


def make_plain(source: Path, target: Path, confdir: Path, *, trainer: bool) -> None:
    """Write the bare twin of ``source`` into ``target`` and its conf.py into ``confdir``."""
    settings = load_clinic(source / "clinic.yaml")
    values = substitutions(settings)
    for path in sorted(source.rglob("*.md")):
        out = target / path.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(plain_page(path.read_text(encoding="utf-8"), values, trainer), "utf-8")
    shutil.copy2(source / "clinic.yaml", target / "clinic.yaml")
    tags_on = sorted(tags(settings)) + (["trainer"] if trainer else [])
    confdir.mkdir(parents=True, exist_ok=True)
    (confdir / "conf.py").write_text(conf_text(settings["clinic"]["name"], tags_on), "utf-8")

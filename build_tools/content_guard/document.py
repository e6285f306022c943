"""Check the parsed document, not its lines.

A line scan and the Markdown parser can disagree (HTML split across lines, an
escaped backtick, an indented comment); translated messages are parsed again when
the page is read in another language. So after parsing and translation, before
Sphinx collects images and downloads on ``doctree-read``, the tree itself is checked:
whatever got through is reported at its source line and removed, and the strict
build fails on the report.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .rules import LINK_SCHEMES, WARNING_TYPE, link_scheme

logger = logging.getLogger(__name__)

# The raw nodes myst-parser writes itself (a hard line break, strikethrough), never
# from a page's text.
PARSER_RAW = frozenset(
    {("html", "<br />\n"), ("latex", "\\\\\n"), ("html", "<s>"), ("html", "</s>")}
)
SHOWN = 40


def shown(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= SHOWN else text[: SHOWN - 1] + "…")


def line_of(node: nodes.Node) -> int | None:
    while node is not None:
        if node.line:
            return int(node.line)
        node = node.parent
    return None


class CheckDocument(SphinxTransform):
    # After Locale (20) has put the translations in; before DoctreeReadEvent (880),
    # whose image and download collectors would copy files into the site.
    default_priority = 870

    def apply(self, **kwargs: object) -> None:
        srcdir = Path(self.env.srcdir).resolve()
        here = (srcdir / self.env.docname).parent
        for node in list(self.document.findall(nodes.raw)):
            if (node.get("format", ""), node.astext()) not in PARSER_RAW:
                self.refuse(node, "raw-html", f"raw output {shown(node.astext())} is not allowed")
        for node in list(self.document.findall(addnodes.download_reference)):
            target = node.get("reftarget", "")
            self.refuse(node, "file-access", f"a download of {shown(target)} is not allowed")
        for node in list(self.document.findall(nodes.meta)):
            self.refuse(node, "head-metadata", "metadata in the page's head is not allowed")
        for node in list(self.document.findall(nodes.image)):
            self.check_image(node, srcdir, here)
        for ref in list(self.document.findall(nodes.Element)):
            if isinstance(ref, nodes.reference | nodes.target) and "refuri" in ref:
                self.check_link(ref)

    def check_image(self, node: nodes.image, srcdir: Path, here: Path) -> None:
        uri = str(node.get("uri", ""))
        if link_scheme(uri) is not None:
            self.refuse(
                node,
                "remote-image",
                f"the image {shown(uri)} is not in the content folder: put the file in "
                "content/ and give its path (the site loads nothing from elsewhere)",
            )
            return
        base = srcdir if uri.startswith("/") else here
        path = (base / uri.lstrip("/")).resolve()
        if not path.is_relative_to(srcdir):
            self.refuse(
                node,
                "file-access",
                f"the image {shown(uri)} is outside the content folder; only files inside "
                "content/ can be published",
            )

    def check_link(self, node: nodes.Element) -> None:
        target = str(node["refuri"])
        scheme = link_scheme(target)
        if scheme is None or scheme in LINK_SCHEMES:
            return
        allowed = ", ".join(f"{name}:" for name in sorted(LINK_SCHEMES))
        self.refuse(
            node,
            "link-scheme",
            f"the link {shown(target)} is not allowed: links use {allowed} or a page of this site",
            keep_text=True,
        )

    def refuse(
        self, node: nodes.Element, subtype: str, message: str, keep_text: bool = False
    ) -> None:
        logger.warning(
            message,
            location=(self.env.docname, line_of(node)),
            type=WARNING_TYPE,
            subtype=subtype,
        )
        if node.parent is None:
            return
        if keep_text and node.children:
            node.replace_self(nodes.inline("", "", *node.children))
        else:
            node.parent.remove(node)

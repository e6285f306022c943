"""Read a page file safely and split its YAML front matter from its Markdown body.

Every way a file can be unreadable (not UTF-8, binary, empty, no front matter)
becomes a ``FileProblem`` with a line, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FENCE = "---"


class FileProblem(Exception):
    def __init__(self, line: int, rule: str, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.rule = rule
        self.message = message


@dataclass(frozen=True)
class Page:
    path: Path
    front: str  # the YAML between the fences
    front_first_line: int  # 1-based line of the first YAML line
    body: list[str]  # the Markdown lines after the closing fence
    body_first_line: int  # 1-based line of body[0]


def read_text(path: Path) -> str:
    """The file as text; utf-8 only (with or without a byte-order mark)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FileProblem(1, "file.unreadable", f"cannot read the file: {error.strerror}") from None
    if b"\0" in raw[:8192]:
        raise FileProblem(1, "file.binary", "this is a binary file, not a text page")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise FileProblem(
            line,
            "file.encoding",
            f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
        ) from None
    return text


def split(path: Path, text: str) -> Page:
    """Split a page into front matter and body; the front matter must open on line 1."""
    if not text.strip():
        raise FileProblem(1, "page.empty", "the page is empty; it needs front matter and text")
    # Lines as editors and MyST count them: only \n ends a line (not \f, \x85 or U+2028).
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines[0].rstrip() != FENCE:
        raise FileProblem(
            1,
            "page.no-front-matter",
            "the page must start with front matter: a '---' line, the keys "
            "(topic, title, audience, summary, last_reviewed, reviewed_by), and '---'",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            return Page(path, "\n".join(lines[1:index]), 2, lines[index + 1 :], index + 2)
    raise FileProblem(
        1, "page.front-matter-unclosed", "the front matter opened on line 1 never closes with '---'"
    )

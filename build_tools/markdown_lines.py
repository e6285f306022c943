"""Sort a page's Markdown lines into kinds, with one cheap pass and no full Markdown parse.

The safety, substitution, section-label and readability checks all ask the same
questions (is this line code? a heading? a label? inside which directive?), so the
answers are worked out once here. A line scanner is an approximation of MyST, but
it is exact for the Markdown our pages use and it keeps 1,000 pages well under a
second.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class Kind(enum.Enum):
    BLANK = "blank"
    PROSE = "prose"  # a paragraph line (or a lazy continuation of a list item)
    LIST_ITEM = "list-item"  # the first line of a bullet or numbered item
    DEFINITION = "definition"  # ": text" under a definition-list term
    TERM = "term"  # a definition-list term
    HEADING = "heading"
    LABEL = "label"  # (target)=
    COMMENT = "comment"  # % comment
    TABLE = "table"
    RULE = "rule"  # thematic break or setext underline
    LINK_DEFINITION = "link-definition"
    FENCE = "fence"  # opens or closes a code block or directive
    OPTION = "option"  # a directive option (:key: value, or a --- YAML block)
    CODE = "code"  # inside a code block or a directive whose body is not prose


# Directives whose body is code, data or file names rather than sentences to read.
LITERAL_DIRECTIVES = frozenset(
    {
        "code",
        "code-block",
        "code-cell",
        "sourcecode",
        "literalinclude",
        "include",
        "math",
        "raw",
        "eval-rst",
        "toctree",
        "csv-table",
        "list-table",
        "image",
        "figure",
        "mermaid",
        "graphviz",
    }
)

FENCE_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})\s*(?P<info>.*?)\s*$")
DIRECTIVE_INFO = re.compile(r"^\{(?P<name>[\w:.+-]+)\}\s*(?P<argument>.*)$")
HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6})(?:\s+(?P<text>.*?))?\s*#*\s*$")
LABEL = re.compile(r"^\s{0,3}\((?P<name>[^()\s]+)\)=\s*$")
LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d{1,9}[.)])(?:\s+|$)")
SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
THEMATIC = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
OPTION = re.compile(r"^\s*:[\w-]+:(?:\s|$)")
LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S")


@dataclass
class Line:
    number: int  # 1-based line in the file
    kind: Kind
    text: str
    directive: str | None  # the innermost open directive, if any
    directives: tuple[str, ...] = ()  # every open directive, outermost first
    argument: str = ""  # on a FENCE line that opens a directive: its argument (title)
    opens: str | None = None  # on a FENCE line that opens a directive: its name


@dataclass
class Fence:
    char: str
    length: int
    directive: str | None  # None for a plain code block
    literal: bool  # body is not Markdown


def classify(body: list[str], first_line: int) -> list[Line]:
    """One ``Line`` per body line, in order."""
    result: list[Line] = []
    stack: list[Fence] = []
    in_options = False  # just after a directive opened: option lines may follow
    in_yaml_options = False

    def names() -> tuple[str, ...]:
        return tuple(f.directive for f in stack if f.directive)

    for offset, text in enumerate(body):
        number = first_line + offset
        inner = names()
        directive = inner[-1] if inner else None
        top = stack[-1] if stack else None
        stripped = text.strip()

        def add(kind: Kind, argument: str = "", opens: str | None = None) -> None:
            result.append(Line(number, kind, text, directive, inner, argument, opens))  # noqa: B023

        # A closing fence: the same character, at least as long, nothing after it.
        if top and stripped and set(stripped) == {top.char} and len(stripped) >= top.length:
            stack.pop()
            in_options = in_yaml_options = False
            add(Kind.FENCE)
            continue
        if top and top.literal:
            add(Kind.CODE)
            continue
        if in_yaml_options:
            in_yaml_options = stripped != "---"
            add(Kind.OPTION)
            continue
        if in_options:
            if stripped == "---" and result and result[-1].kind is Kind.FENCE:
                in_yaml_options = True
                add(Kind.OPTION)
                continue
            if OPTION.match(text):
                add(Kind.OPTION)
                continue
            in_options = False

        opened = FENCE_OPEN.match(text)
        if opened and (opened["fence"][0] != ":" or opened["info"].startswith("{")):
            fence = opened["fence"]
            info = DIRECTIVE_INFO.match(opened["info"])
            if fence[0] == "`" and "`" in opened["info"]:
                pass  # not a fence: an info string may not contain backticks
            else:
                name = info["name"] if info else None
                literal = name is None or name in LITERAL_DIRECTIVES
                stack.append(Fence(fence[0], len(fence), name, literal))
                in_options = name is not None
                add(Kind.FENCE, argument=info["argument"] if info else "", opens=name)
                continue

        if not stripped:
            add(Kind.BLANK)
        elif LABEL.match(text):
            add(Kind.LABEL)
        elif HEADING.match(text):
            add(Kind.HEADING)
        elif stripped.startswith("%"):
            add(Kind.COMMENT)
        elif SETEXT.match(text) and result and result[-1].kind is Kind.PROSE:
            result[-1].kind = Kind.HEADING  # the line above is a setext heading
            add(Kind.RULE)
        elif THEMATIC.match(text) or stripped == "+++":
            add(Kind.RULE)
        elif LIST_ITEM.match(text):
            add(Kind.LIST_ITEM)
        elif stripped.startswith("|"):
            add(Kind.TABLE)
        elif LINK_DEFINITION.match(text):
            add(Kind.LINK_DEFINITION)
        elif stripped.startswith(": ") or stripped == ":":
            # A definition; the paragraph line just above it is its term.
            if result and result[-1].kind is Kind.PROSE:
                result[-1].kind = Kind.TERM
            add(Kind.DEFINITION)
        else:
            add(Kind.PROSE)
    return result


def heading_text(line: str) -> str:
    found = HEADING.match(line)
    return (found["text"] or "") if found else line.strip()


def label_name(line: str) -> str | None:
    found = LABEL.match(line)
    return found["name"] if found else None

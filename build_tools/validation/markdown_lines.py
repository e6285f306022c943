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

FENCE_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,}|:{3,})\s*(?P<info>.*?)\s*$")
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


# Only lines starting with one of these can be anything but a paragraph line:
# checking the first character first keeps the common case free of regexes.
MARKUP_STARTS = frozenset("(#%=-*+_|[:0123456789")
FENCE_STARTS = frozenset("`~:")


def classify(body: list[str], first_line: int) -> list[Line]:
    """One ``Line`` per body line, in order."""
    result: list[Line] = []
    stack: list[Fence] = []
    inner: tuple[str, ...] = ()  # names of the open directives, outermost first
    in_options = False  # just after a directive opened: option lines may follow
    in_yaml_options = False

    for number, text in enumerate(body, first_line):
        directive = inner[-1] if inner else None
        top = stack[-1] if stack else None
        stripped = text.strip()
        first = stripped[:1]

        # A closing fence: the same character, at least as long, nothing after it.
        if top and first == top.char and stripped == first * max(len(stripped), top.length):
            result.append(Line(number, Kind.FENCE, text, directive, inner))
            stack.pop()
            inner = tuple(f.directive for f in stack if f.directive)
            in_options = in_yaml_options = False
            continue
        if in_yaml_options:
            in_yaml_options = stripped != "---"
            result.append(Line(number, Kind.OPTION, text, directive, inner))
            continue
        if in_options:
            if (stripped == "---" and result[-1].kind is Kind.FENCE) or OPTION.match(text):
                in_yaml_options = stripped == "---"
                result.append(Line(number, Kind.OPTION, text, directive, inner))
                continue
            in_options = False

        if top and top.literal:
            result.append(Line(number, Kind.CODE, text, directive, inner))
            continue
        if first in FENCE_STARTS:
            opened = FENCE_OPEN.match(text)
            if opened and is_fence(opened["fence"], opened["info"]):
                info = DIRECTIVE_INFO.match(opened["info"])
                name = info["name"] if info else None
                argument = info["argument"] if info else ""
                result.append(Line(number, Kind.FENCE, text, directive, inner, argument, name))
                stack.append(
                    Fence(opened["fence"][0], len(opened["fence"]), name, literal_body(name))
                )
                inner = tuple(f.directive for f in stack if f.directive)
                in_options = name is not None
                continue

        if not first:
            kind = Kind.BLANK
        elif first not in MARKUP_STARTS:
            kind = Kind.PROSE
        else:
            kind = markup_kind(text, stripped, result[-1].kind if result else None)
            if (
                kind is Kind.RULE
                and SETEXT.match(text)
                and result
                and result[-1].kind is Kind.PROSE
            ):
                result[-1].kind = Kind.HEADING  # the line above is a setext heading
            elif kind is Kind.DEFINITION and result and result[-1].kind is Kind.PROSE:
                result[-1].kind = Kind.TERM  # the paragraph line above is its term
        result.append(Line(number, kind, text, directive, inner))
    return result


def is_fence(fence: str, info: str) -> bool:
    if fence[0] == ":":
        return info.startswith("{")  # a colon fence is always a directive
    return not (fence[0] == "`" and "`" in info)  # a backtick info string has no backticks


def literal_body(directive: str | None) -> bool:
    return directive is None or directive in LITERAL_DIRECTIVES


def markup_kind(text: str, stripped: str, previous: Kind | None) -> Kind:
    """The kind of a non-blank line that starts with a Markdown markup character."""
    if LABEL.match(text):
        return Kind.LABEL
    if HEADING.match(text):
        return Kind.HEADING
    if stripped.startswith("%") and len(text) - len(text.lstrip()) <= 3:
        return Kind.COMMENT  # indented further, it is paragraph text (or code)
    if SETEXT.match(text) and previous is Kind.PROSE:
        return Kind.RULE
    if THEMATIC.match(text) or stripped == "+++":
        return Kind.RULE
    if LIST_ITEM.match(text):
        return Kind.LIST_ITEM
    if stripped.startswith("|"):
        return Kind.TABLE
    if LINK_DEFINITION.match(text):
        return Kind.LINK_DEFINITION
    if stripped.startswith(": ") or stripped == ":":
        return Kind.DEFINITION
    return Kind.PROSE


def heading_text(line: str) -> str:
    found = HEADING.match(line)
    return (found["text"] or "") if found else line.strip()


def label_name(line: str) -> str | None:
    found = LABEL.match(line)
    return found["name"] if found else None


def client_lines(lines: list[Line]) -> list[Line]:
    """The lines a client edition shows: without ``{only} trainer`` blocks, which only
    the trainer edition renders (and which are not held to the client reading grade)."""
    kept: list[Line] = []
    depth = 0  # while inside a trainer-only block: the number of directives open in it
    for line in lines:
        if depth:
            if line.kind is Kind.FENCE and line.opens is None and len(line.directives) == depth:
                depth = 0  # its closing fence
            continue
        if line.opens == "only" and line.argument.strip() == "trainer":
            depth = len(line.directives) + 1
            continue
        kept.append(line)
    return kept

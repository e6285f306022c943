"""Parse YAML and remember the line of every key, so a schema error can name the line to fix.

``yaml.safe_load`` throws the positions away; composing the node tree keeps them.
Dates become ISO strings (as MyST shows them), keys stay exactly as written
(``yes:`` stays the key "yes", not True), and a duplicate key is reported
instead of silently keeping the last value.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import yaml

# The C parser keeps marks too and is several times faster (1,000 pages must
# validate in well under three seconds).
Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

JsonPath = tuple[str | int, ...]

# Guards against alias bombs ("billion laughs") and absurd nesting: no real
# settings file comes close, and neither may crash the check.
MAX_NODES = 50_000
MAX_DEPTH = 50
# libyaml's composer recurses in C and crashes the process on some 25,000 levels
# of nesting (at least 2 characters each). Text that long goes to the pure-Python
# parser, whose recursion ends in a RecursionError we can report.
C_PARSER_LIMIT = 32_000


class YamlSyntaxError(Exception):
    """The text is not YAML we can read; ``line`` is 1-based in the whole file."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Located:
    """The parsed value, the line of each key or list item, and problems that did not stop us."""

    data: Any
    lines: dict[JsonPath, int]
    first_line: int
    issues: list[tuple[int, str, str]] = field(default_factory=list)  # (line, rule, message)

    def line_of(self, path: JsonPath) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, self.first_line)


# Errors inside one token (a quoted value, a [list] or {map} written inline, a key):
# the context mark is where that token starts.
TOKEN_CONTEXTS = (
    "while scanning a quoted scalar",
    "while scanning a block scalar",
    "while scanning a simple key",
    "while parsing a flow",
    "while scanning an anchor",
    "while scanning an alias",
    "while scanning a tag",
)

HINTS = {
    "mapping values are not allowed": "a value that contains ': ' must be put in quotes",
    "found undefined alias": "a value starting with * must be put in quotes",
    "while scanning a quoted scalar": "a quote opened on this line is never closed",
    "did not find expected": "check the brackets and quotes on this line",
    "unknown escape character": "use single quotes, or write \\\\ for a backslash",
}


def quote_ending_on(text: str, line: int) -> int | None:
    """The 0-based line where a quoted value that runs over several lines and ends on
    ``line`` starts, if there is one."""
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            start, end = token.start_mark.line, token.end_mark.line
            if start > line:
                break
            quoted = isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
            if quoted and end == line and start < line:
                return int(start)
    except yaml.YAMLError:
        pass
    return None


def syntax_message(error: yaml.YAMLError, text: str, first_line: int = 1) -> tuple[int, str]:
    """(0-based line, readable message) for a PyYAML error in ``text``.

    The line is where the broken token starts: an unclosed quote or bracket is
    noticed only where the file ends or the next key begins, often many lines on,
    so a token's own start (the error's context) is the line to fix; otherwise it
    is where the parser stopped.
    """
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    token_start = getattr(error, "context_mark", None)
    stopped = getattr(error, "problem_mark", None)
    starts_token = str(context or "").startswith(TOKEN_CONTEXTS)
    mark = (token_start if starts_token else None) or stopped or token_start
    line = mark.line if mark is not None else 0
    opened = None if starts_token or stopped is None else quote_ending_on(text, stopped.line)
    if opened is not None and stopped is not None:
        # A quote left open runs on to the next quote character, and the parser
        # stops there: the line to fix is the one where the quote opened.
        closes = stopped.line + first_line
        return opened, (
            f"not valid YAML: a quote opened on this line is closed only on line {closes}: "
            "give this value its closing quote"
        )
    message = f"{context}: {problem}" if context else str(problem)
    lines = text.splitlines()
    if "\t" in (lines[line] if line < len(lines) else ""):
        # The C parser does not name the character; a tab is by far the usual one.
        message += " (indent with spaces, not tabs)"
    else:
        message += next((f" ({hint})" for known, hint in HINTS.items() if known in message), "")
    return line, f"not valid YAML: {message}"


def parse(text: str, *, first_line: int = 1) -> Located:
    """Parse ``text`` whose first line is line ``first_line`` of its file."""
    loader = (Loader if len(text) <= C_PARSER_LIMIT else yaml.SafeLoader)(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as error:
            line, message = syntax_message(error, text, first_line)
            raise YamlSyntaxError(line + first_line, message) from None
        except RecursionError:
            raise YamlSyntaxError(first_line, "the YAML is nested too deeply") from None
        located = Located(None, {(): first_line}, first_line)
        if node is not None:
            located.lines[()] = node.start_mark.line + first_line
            located.data = Builder(loader, located).build(node, ())
        return located
    finally:
        loader.dispose()


class Builder:
    """Turn composed nodes into plain data, recording lines as it goes."""

    def __init__(self, loader: yaml.SafeLoader, located: Located) -> None:
        self.loader = loader
        self.located = located
        self.ancestors: set[int] = set()
        self.count = 0

    def line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + self.located.first_line

    def build(self, node: yaml.Node, path: JsonPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlSyntaxError(self.line(node), "the YAML is too large (too many values)")
        if len(path) > MAX_DEPTH:
            raise YamlSyntaxError(self.line(node), "the YAML is nested too deeply")
        if id(node) in self.ancestors:
            raise YamlSyntaxError(self.line(node), "a value refers to itself through an alias")
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        self.ancestors.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return self.sequence(node, path)
            assert isinstance(node, yaml.MappingNode)  # the only other kind PyYAML makes
            return self.mapping(node, path)
        finally:
            self.ancestors.discard(id(node))

    def scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            value = self.loader.construct_object(node, deep=True)
        except ValueError:
            # An impossible date such as 2026-13-45: keep the text so the
            # schema's date check reports it at its line.
            return node.value
        except yaml.YAMLError as error:
            _, message = syntax_message(error, "")
            self.located.issues.append((self.line(node), "yaml.syntax", message))
            return node.value
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def sequence(self, node: yaml.SequenceNode, path: JsonPath) -> list[Any]:
        items = []
        for index, child in enumerate(node.value):
            self.located.lines[(*path, index)] = self.line(child)
            items.append(self.build(child, (*path, index)))
        return items

    def mapping(self, node: yaml.MappingNode, path: JsonPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = self.line(key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                self.located.issues.append(
                    (line, "yaml.syntax", "keys must be plain words (no lists, maps or '<<')")
                )
                continue
            key = str(key_node.value)
            if key in result:
                where = ".".join(str(part) for part in (*path, key))
                self.located.issues.append(
                    (line, "yaml.duplicate-key", f"'{where}' is given twice; keep only one")
                )
            self.located.lines[(*path, key)] = line
            result[key] = self.build(value_node, (*path, key))
        return result

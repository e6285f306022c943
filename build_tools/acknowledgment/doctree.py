"""The acknowledgment's doctree nodes, its statement record and the ids and hashes it uses.

Shared by the directives (which build the nodes), the HTML writer and the
build-wide data script, so every part names and hashes a statement the same way.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import TypedDict

from docutils import nodes

SLUG_WORDS = 6
HASH_CHARS = 12


class Statement(TypedDict):
    topic: str
    id: str
    hash: str  # of the words in this language edition
    source: str  # of the statement as written in the pages' own language
    text: str
    line: int


class ack_block(nodes.General, nodes.Element):  # type: ignore[misc]  # docutils node naming
    """One checklist: ``fieldset`` + ``legend`` + items, then the JS controls."""


class ack_legend(nodes.Part, nodes.TextElement):  # type: ignore[misc]  # docutils node naming
    pass


class ack_item(nodes.Part, nodes.Element):  # type: ignore[misc]  # docutils node naming
    """One statement: checkbox, label, optional hint, 'changed' note."""


class ack_statement(nodes.Part, nodes.TextElement):  # type: ignore[misc]  # docutils node naming
    """The label's inline content."""


class ack_hint(nodes.Part, nodes.Element):  # type: ignore[misc]  # docutils node naming
    pass


class ack_summary(nodes.General, nodes.Element):  # type: ignore[misc]  # docutils node naming
    """Filled on doctree-resolved with every statement of the build."""


class ack_action(nodes.General, nodes.Element):  # type: ignore[misc]  # docutils node naming
    """A button group placed by the page under its own words: ``kind`` print or clear."""


def statement_hash(text: str) -> str:
    """Short, stable hash of a statement as the client reads it (whitespace folded)."""
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:HASH_CHARS]


SUBSTITUTION = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def source_hash(markdown: str, values: dict[str, str]) -> str:
    """Hash of a statement as written, with the clinic's values in the pages' own language.

    Every language edition computes the same one for the same statement, so a tick
    given while reading one language still counts in another, until the statement
    itself changes.
    """
    filled = SUBSTITUTION.sub(lambda m: values.get(m[1], m[0]), markdown)
    return statement_hash(filled)


def slug(text: str) -> str:
    """'I will call {{clinic_phone}} today' -> 'i-will-call-clinic-phone-today'."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("_", " "))
    return "-".join(words[:SLUG_WORDS])


def edition(statements: Iterable[Statement]) -> str:
    """Fingerprint of every statement of the build, e.g. '3f2a-9c1b-77de'."""
    lines = sorted(f"{s['topic']}/{s['id']} {s['hash']}" for s in statements)
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:12]
    return "-".join(digest[i : i + 4] for i in range(0, 12, 4))


def input_id(topic: str, item: str) -> str:
    return f"ack-{topic}-{item}"

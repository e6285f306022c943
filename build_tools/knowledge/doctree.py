"""The knowledge check's doctree nodes, its record in the build env, and its key and hash.

Shared by the directive (which builds the nodes), the HTML writer and the
build-wide data, so every part names and hashes a check the same way.
"""

from __future__ import annotations

import hashlib
from typing import TypedDict

from docutils import nodes

HASH_CHARS = 12


class Check(TypedDict):
    topic: str
    id: str
    key: str  # the storage key: "kc-<topic>/<id>"
    hash: str
    question: str
    line: int
    places: list[int]  # 1-based places, as shown, that hold a right answer
    kept: bool  # :keep-order: (the authored order is shown)
    longest: bool  # a right answer is at least as long as every wrong option
    client: bool  # on a client page: a quick check


class kc_block(nodes.General, nodes.Element):  # type: ignore[misc]  # docutils node naming
    """One check: ``fieldset`` + ``legend`` + options, then Check, feedback and answers."""


class kc_question(nodes.Part, nodes.TextElement):  # type: ignore[misc]  # docutils node naming
    """The question, as the fieldset's legend."""


class kc_option(nodes.Part, nodes.TextElement):  # type: ignore[misc]  # docutils node naming
    """One option: a radio button or checkbox with its label's inline content."""


class kc_answers(nodes.Part, nodes.Element):  # type: ignore[misc]  # docutils node naming
    """Every option again with its verdict and explanation, inside ``<details>``."""


class kc_answer(nodes.Part, nodes.Element):  # type: ignore[misc]  # docutils node naming
    pass


class kc_answer_text(nodes.Part, nodes.TextElement):  # type: ignore[misc]  # docutils node naming
    pass


class kc_explanation(nodes.Part, nodes.Element):  # type: ignore[misc]  # docutils node naming
    pass


class kc_progress(nodes.General, nodes.Element):  # type: ignore[misc]  # docutils node naming
    """After a page's last check: how many of the module's checks were answered right."""


class kc_summary(nodes.General, nodes.Element):  # type: ignore[misc]  # docutils node naming
    """Filled on doctree-resolved with every module that has checks."""


class kc_quick_record(nodes.General, nodes.Element):  # type: ignore[misc]  # docutils node naming
    """On the client's summary: each quick check, got or still unclear (no score)."""


def storage_key(topic: str, check_id: str) -> str:
    return f"kc-{topic}/{check_id}"


def element_id(topic: str, check_id: str) -> str:
    return f"kc-{topic}-{check_id}"


def module_id(docname: str) -> str:
    """'trainer/safety' -> 'kc-module-trainer-safety'."""
    return "kc-module-" + docname.replace("/", "-")


def check_hash(question: str, options: list[tuple[str, bool]]) -> str:
    """Changes whenever the question, an option or the right answers change, so an
    answer recorded for an older version of a check no longer counts."""
    lines = [" ".join(question.split())]
    lines += [f"{'x' if right else ' '} {' '.join(text.split())}" for text, right in options]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:HASH_CHARS]

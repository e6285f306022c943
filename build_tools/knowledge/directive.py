"""Read a knowledge check into nodes, reporting every mistake in it at its line.

A check is written as::

    :::{knowledge-check} A client misses group for three weeks in a row. What now?
    :id: three-weeks
    - [x] Reach out this week and problem-solve what gets in the way.

      Right: one more miss would end the treatment agreement.
    - [ ] Wait for the fourth week before saying anything.

      Not so: by then it is too late to help.
    :::

Each top-level bullet is an option: ``[x]`` marks a right answer and ``[ ]`` a
wrong one; the paragraph indented under it is its explanation. With one right
answer the options are radio buttons, with several (or ``:multiple:``)
checkboxes. The build shows the options in an order of its own, fixed by the
check's id (see ``order``); ``:keep-order:`` keeps the authored order, for options
such as "both of the above" whose place matters. A check with no right answer or
no wrong one, several right answers and fewer than two wrong, an option without an
explanation, or two options with the same words is reported and the build fails.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..acknowledgment.doctree import slug
from ..page_store import PageStore
from ..validation.knowledge_check import (
    NO_EXPLANATION,
    NO_MARKER,
    NO_RIGHT,
    TOO_FEW,
    answer_problem,
    duplicate_message,
)
from .doctree import (
    Check,
    check_hash,
    element_id,
    kc_answer,
    kc_answer_text,
    kc_answers,
    kc_block,
    kc_explanation,
    kc_option,
    kc_question,
    storage_key,
)
from .order import right_is_longest, right_positions, shuffled

logger = logging.getLogger(__name__)

WARNING_TYPE = "dbt"
WARNING_SUBTYPE = "knowledge-check"
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A top-level bullet, with its [x] or [ ] marker if it has one.
BULLET = re.compile(r"^([-*+][ \t]+)(?:\[([ xX])\](?:[ \t]+|$))?(.*)$")
MIN_OPTIONS = 2  # the validator's TOO_FEW says "two"


def warn(message: str, location: Any) -> None:
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=WARNING_SUBTYPE)


STORE: PageStore[Check] = PageStore("dbt_kc_checks")
env_checks = STORE.of


class KnowledgeCheckDirective(SphinxDirective):
    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {  # noqa: RUF012
        "id": directives.unchanged_required,
        "multiple": directives.flag,
        "keep-order": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        location = self.get_location()
        topic = self.env.metadata.get(self.env.docname, {}).get("topic")
        if not topic or not ID_PATTERN.fullmatch(str(topic)):
            warn("a knowledge check needs the page's front matter to give a `topic`", location)
            return []
        topic = str(topic)
        question = " ".join(self.arguments[0].split())
        check_id = self.options.get("id") or slug(question)
        if not ID_PATTERN.fullmatch(check_id):
            warn(
                f"knowledge check id {check_id!r} may use only lowercase letters, "
                "digits and single hyphens",
                location,
            )
            return []

        # Take the [x] / [ ] marker off each top-level bullet before MyST parses it.
        lines = list(self.content)
        marked: list[tuple[bool, int]] = []  # (right answer?, line)
        ok = True
        for index, line in enumerate(lines):
            match = BULLET.match(line)
            if not match:
                continue
            number = self.lineno + self.content_offset + index + 1
            if match.group(2) is None:
                warn(
                    NO_MARKER,
                    (
                        self.env.docname,
                        number,
                    ),
                )
                ok = False
            lines[index] = match.group(1) + match.group(3)
            marked.append((match.group(2) in ("x", "X"), number))

        parsed = [
            n
            for n in self.parse_text_to_nodes("\n".join(lines))
            if not isinstance(n, nodes.comment)
        ]
        if len(parsed) != 1 or not isinstance(parsed[0], nodes.bullet_list):
            warn(
                "a knowledge check holds one bullet list of options and nothing else "
                "(the question goes after {knowledge-check} on the first line)",
                location,
            )
            return []
        items = [c for c in parsed[0].children if isinstance(c, nodes.list_item)]
        if len(items) != len(marked):
            warn("could not match each bullet to its option: check the indentation", location)
            return []
        if len(items) < MIN_OPTIONS:
            warn(TOO_FEW, location)
            ok = False
        rights = sum(right for right, _ in marked)
        if not rights:
            warn(NO_RIGHT, location)
            ok = False
        problem = answer_problem(rights, len(marked) - rights, "multiple" in self.options)
        if problem:
            warn(problem, location)
            ok = False

        seen: dict[str, int] = {}
        options: list[tuple[nodes.paragraph, list[nodes.Node], bool]] = []
        for (right, line), item in zip(marked, items, strict=True):
            children = list(item.children)
            if not children or not isinstance(children[0], nodes.paragraph):
                warn(
                    "each option starts with its words on the bullet's line",
                    (self.env.docname, line),
                )
                ok = False
                continue
            text = " ".join(children[0].astext().split())
            if text.lower() in seen:
                warn(
                    duplicate_message(seen[text.lower()]),
                    (self.env.docname, line),
                )
                ok = False
            seen.setdefault(text.lower(), line)
            if len(children) < 2:
                warn(
                    NO_EXPLANATION,
                    (self.env.docname, line),
                )
                ok = False
            options.append((children[0], children[1:], right))
        if not ok:
            return []

        known = {c["id"] for c in env_checks(self.env).get(self.env.docname, [])}
        if check_id in known:
            warn(
                f"duplicate knowledge check id {check_id!r} on this page: give each check "
                "its own :id:",
                location,
            )
            return []
        return [self.make_block(topic, check_id, question, options)]

    def make_block(
        self,
        topic: str,
        check_id: str,
        question: str,
        options: list[tuple[nodes.paragraph, list[nodes.Node], bool]],
    ) -> kc_block:
        texts = [(" ".join(first.astext().split()), right) for first, _, right in options]
        digest = check_hash(question, texts)
        key = storage_key(topic, check_id)
        multiple = "multiple" in self.options or sum(right for _, right in texts) > 1
        # On a client page, a gentle quick check (teach-back): no score, never "wrong".
        meta = self.env.metadata.get(self.env.docname, {})
        block = kc_block(
            key=key,
            hash=digest,
            base_id=element_id(topic, check_id),
            multiple=multiple,
            client=meta.get("audience", "client") == "client",
        )
        self.set_source_info(block)
        inline, messages = self.parse_inline(self.arguments[0], lineno=self.lineno)
        # rawsource and a line make the question and options messages for translation.
        asked = kc_question(self.arguments[0], "", *inline)
        self.set_source_info(asked)
        block.append(asked)
        block.extend(messages)
        answers = kc_answers()
        order = (
            list(range(len(options)))
            if "keep-order" in self.options
            else shuffled(key, len(options))
        )
        shown = [options[authored] for authored in order]
        for index, (first, explanation, right) in enumerate(shown, start=1):
            option = kc_option(
                first.rawsource,
                "",
                *[c.deepcopy() for c in first.children],
                index=index,
                right=right,
            )
            option.source, option.line = first.source, first.line
            block.append(option)
            answer = kc_answer(index=index, right=right)
            text = kc_answer_text(first.rawsource, "", *first.children)
            text.source, text.line = first.source, first.line
            answer += text
            answer += kc_explanation("", *explanation)
            answers += answer
        block.append(answers)
        env_checks(self.env).setdefault(self.env.docname, []).append(
            Check(
                topic=topic,
                id=check_id,
                key=key,
                hash=digest,
                question=question,
                line=self.lineno,
                places=right_positions([right for _, _, right in shown]),
                kept="keep-order" in self.options,
                longest=right_is_longest(texts),
                client=bool(block["client"]),
            )
        )
        return block

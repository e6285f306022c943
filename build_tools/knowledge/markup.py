"""The knowledge check's HTML, and every word a trainer sees around it.

Without JavaScript the options still work and "Show the answer" (a native
``<details>``) holds every option's verdict and explanation. With JavaScript a
Check button appears; its feedback is written into a polite live region, so a
screen reader announces it without moving focus.
"""

from __future__ import annotations

import html
from typing import Any, cast

from docutils import nodes

from ..languages.catalog import N_, tr
from .doctree import (
    kc_answer,
    kc_answer_text,
    kc_answers,
    kc_block,
    kc_explanation,
    kc_option,
    kc_progress,
    kc_question,
    kc_quick_record,
    kc_summary,
)

HINT_ONE = "Choose one answer."
HINT_MANY = "Choose every answer that is right."
CHECK_LABEL = "Check my answer"
SHOW_ANSWER = "Show the answer"
VERDICT = {True: "Right:", False: "Not right:"}
NOJS_PROGRESS = "Turn on JavaScript to keep count of the checks you answer."
SUMMARY_TITLE = "Knowledge checks"
# Words the script shows, handed over in the JSON data ({name} fills in a value).
SCRIPT_TEXT = {
    "choose": "Choose an answer first, then press Check my answer.",
    "right": "Right.",
    "wrong": "Not quite.",
    "missed": "At least one more answer is right too.",
    "again": "Read why, then try again. You can also open Show the answer.",
    "chosen": "You chose: {option} {why}",
    "before": "You answered this one right on {when}.",
    "module": "In this module: {agreed} of {total} checks answered right.",
    "record": "{agreed} of {total} checks answered right",
    "failed": "This browser is not letting the site keep your answers: they go when you leave.",
    # On the record, before each check's question (the record check reads its code).
    "s_agreed": "Answered right:",
    "s_changed": "Answered right, but the check has changed since:",
    "s_open": "Not answered right yet:",
}
EACH_TITLE = "Each check"


# A client's quick check (teach-back) speaks gently: no score, never "wrong", optional;
# translated into the edition's language. Which points the client got, or still finds
# unclear, goes on the summary for the first session.
CLIENT_WORDS = {
    "hint_one": N_("A quick check, if you like. Choose one answer."),
    "hint_many": N_("A quick check, if you like. Choose every answer that fits."),
    "check": N_("See if I got it"),
    "show": N_("Show the answer"),
    # Not "Yes:" or "No:": client options often begin with Yes or No themselves.
    True: N_("This one fits:"),
    False: N_("Not quite:"),
}
CLIENT_SCRIPT_TEXT = {
    "choose": N_("Choose an answer first, then press See if I got it."),
    "right": N_("Yes, you got it."),
    "wrong": N_("Not quite, and that is fine: this is what the quick check is for."),
    "missed": N_("Another answer fits too."),
    "again": N_(
        "Read why, then try again if you like. Your summary lists this point, "
        "so you can talk about it in your first session."
    ),
    "chosen": N_("You chose: {option} {why}"),
    "before": N_("You got this one on {when}."),
    "module": "",
    "record": "",
    "failed": N_("This browser is not letting the site keep your answers: they go when you leave."),
    # On the summary, before each quick check's question.
    "s_agreed": N_("I got this:"),
    "s_changed": N_("Still unclear to me:"),
    "s_open": N_("Not tried yet:"),
}


QUICK_TITLE = N_("My quick checks")
QUICK_HINT = N_("Talk about any point that is still unclear in your first session.")


def visit_quick_record(self: Any, node: kc_quick_record) -> None:
    """Each client quick check with its question; kc.js says got, unclear or not tried."""
    language = str(self.builder.config.language)
    parts = [
        '<section class="dbt-kc-summary" aria-labelledby="kc-quick-title">',
        f'<h2 id="kc-quick-title">{esc(tr(language, QUICK_TITLE))}</h2>',
        f"<p>{esc(tr(language, QUICK_HINT))}</p>",
        '<ul class="dbt-kc-summary__list">',
    ]
    parts += [record_line(check) for check in node["checks"]]
    parts.append("</ul></section>")
    self.body.append("".join(parts))
    raise nodes.SkipNode


def client_script_text(language: str) -> dict[str, str]:
    return {k: tr(language, v) if v else "" for k, v in CLIENT_SCRIPT_TEXT.items()}


def words(self: Any, node: kc_block, name: str | bool, trainer: str) -> str:
    """The trainer's word, or the client's in the edition's language."""
    if not node.get("client"):
        return trainer
    return esc(tr(str(self.builder.config.language), CLIENT_WORDS[name]))


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def visit_block(self: Any, node: kc_block) -> None:
    base = esc(node["base_id"])
    self.body.append(
        f'<div class="dbt-kc" id="{base}" data-kc data-kc-key="{esc(node["key"])}"'
        f' data-kc-hash="{esc(node["hash"])}"{" data-kc-client" if node.get("client") else ""}>'
        f'<fieldset class="dbt-kc__fieldset" aria-describedby="{base}-hint">'
    )


def depart_block(self: Any, node: kc_block) -> None:
    self.body.append("</div>")


def visit_question(self: Any, node: kc_question) -> None:
    self.body.append('<legend class="dbt-kc__legend">')


def depart_question(self: Any, node: kc_question) -> None:
    block = cast(kc_block, node.parent)
    hint = (
        words(self, block, "hint_many", HINT_MANY)
        if block["multiple"]
        else words(self, block, "hint_one", HINT_ONE)
    )
    self.body.append(
        f'</legend><p class="dbt-kc__hint" id="{esc(block["base_id"])}-hint">{hint}</p>'
    )


def visit_option(self: Any, node: kc_option) -> None:
    block = cast(kc_block, node.parent)
    base = esc(block["base_id"])
    control = f"{base}-{node['index']}"
    kind = "checkbox" if block["multiple"] else "radio"
    right = " data-kc-right" if node["right"] else ""
    self.body.append(
        f'<div class="dbt-kc__option"><input class="dbt-kc__input" type="{kind}"'
        f' id="{control}" name="{base}" value="{node["index"]}" data-kc-option{right}>'
        f'<label class="dbt-kc__label" for="{control}">'
    )


def depart_option(self: Any, node: kc_option) -> None:
    self.body.append("</label></div>")


def visit_answers(self: Any, node: kc_answers) -> None:
    # The options end here: close the fieldset, then the script's controls and the
    # live region (present from the start, so screen readers follow it).
    block = cast(kc_block, node.parent)
    check_label = words(self, block, "check", CHECK_LABEL)
    show_answer = words(self, block, "show", SHOW_ANSWER)
    self.body.append(
        "</fieldset>"
        '<div class="dbt-kc__controls" data-kc-controls hidden>'
        f'<button type="button" class="dbt-ack__button" data-kc-check>{check_label}</button>'
        "</div>"
        '<div class="dbt-kc__feedback" role="status" data-kc-feedback></div>'
        '<p class="dbt-kc__before" data-kc-before hidden></p>'
        f'<details class="dbt-kc__answer"><summary>{show_answer}</summary>'
        '<ul class="dbt-kc__answers">'
    )


def depart_answers(self: Any, node: kc_answers) -> None:
    self.body.append("</ul></details>")


def visit_answer(self: Any, node: kc_answer) -> None:
    block = cast(kc_block, node.parent.parent)
    right = bool(node["right"])
    verdict = words(self, block, right, VERDICT[right])
    self.body.append(
        f'<li class="dbt-kc__explains" data-kc-answer="{node["index"]}">'
        f'<p><strong class="dbt-kc__verdict">{verdict}</strong> '
    )


def depart_answer(self: Any, node: kc_answer) -> None:
    self.body.append("</li>")


def visit_answer_text(self: Any, node: kc_answer_text) -> None:
    self.body.append("<span data-kc-text>")


def depart_answer_text(self: Any, node: kc_answer_text) -> None:
    self.body.append("</span></p>")


def visit_explanation(self: Any, node: kc_explanation) -> None:
    self.body.append('<div class="dbt-kc__why" data-kc-why>')


def depart_explanation(self: Any, node: kc_explanation) -> None:
    self.body.append("</div>")


def record_line(check: dict[str, str]) -> str:
    """One check on a record: its state (kc.js fills the span) and its question, with
    the key and hash the record's code carries."""
    return (
        f'<li data-kc-state data-kc-key="{esc(check["key"])}"'
        f' data-kc-hash="{esc(check["hash"])}" data-ack-line><span></span>'
        f"{esc(check['question'])}</li>"
    )


def visit_progress(self: Any, node: kc_progress) -> None:
    self.body.append(
        f'<p class="dbt-kc-progress" data-kc-progress="{esc(node["module"])}">{NOJS_PROGRESS}</p>'
    )
    raise nodes.SkipNode


def visit_summary(self: Any, node: kc_summary) -> None:
    if "modules" not in node:
        raise nodes.SkipNode
    parts = [
        '<section class="dbt-kc-summary" aria-labelledby="kc-summary-title">',
        f'<h2 id="kc-summary-title">{SUMMARY_TITLE}</h2>',
        f'<p class="dbt-ack__nojs" data-ack-nojs>{NOJS_PROGRESS}</p>',
        '<ul class="dbt-kc-summary__list">',
    ]
    for module in node["modules"]:
        parts.append(
            f'<li data-kc-record="{esc(module["id"])}" data-ack-line>'
            f'<a href="{esc(module["uri"])}">{esc(module["title"])}</a>: '
            f"<span data-kc-count>{esc(module['total'])} checks</span></li>"
        )
    # Each check on a line of its own, so the record carries its code (kc.js).
    parts.append(f'</ul><h3 id="kc-summary-each">{EACH_TITLE}</h3>')
    parts.append('<ul class="dbt-kc-summary__list">')
    parts += [record_line(check) for module in node["modules"] for check in module["checks"]]
    parts.append("</ul></section>")
    self.body.append("".join(parts))
    raise nodes.SkipNode


def depart_nothing(self: Any, node: nodes.Element) -> None:
    pass

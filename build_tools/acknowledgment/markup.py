"""The acknowledgment's HTML: the checklist markup, its script controls and the summary.

The words the client sees live here too, the script's among them (handed over
in the page's JSON data, the script's catalog), so the wording can be reviewed in
one place. Each is marked with ``N_`` and translated where it is written out,
into the language of the edition being built (``languages.catalog``).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any, cast

from docutils import nodes

from ..languages.catalog import N_, tr
from ..languages.page import language_name
from .doctree import (
    ack_action,
    ack_block,
    ack_hint,
    ack_item,
    ack_legend,
    ack_statement,
    ack_summary,
    input_id,
)

DEFAULT_LEGEND = N_("What I agree to")
NOJS_TEXT = N_(
    "You can tick these boxes without JavaScript. "
    "To keep your ticks and see the summary, turn JavaScript on."
)
REMEMBER_LABEL = N_("Remember my answers on this device")
REMEMBER_HINT = N_(
    "Leave this off on a shared device: your ticks are then forgotten when you close this tab."
)
CLEAR_LABEL = N_("Clear my answers on all pages")
CLEAR_TITLE = N_("Clear your answers on all pages?")
CLEAR_YES = N_("Yes, clear them")
CLEAR_NO = N_("No, keep them")
UNDO_LABEL = N_("Undo: bring my answers back")
PRINT_NOJS = N_("To print this page or save it as a PDF, use your browser's Print command.")
CLEAR_NOJS = N_(
    "With JavaScript off, this site keeps nothing on this device: there is nothing to clear."
)
# Words the script shows, handed over in the JSON data ({name} fills in a value).
SCRIPT_TEXT = {
    "count": N_("{agreed} of {total} agreed"),
    "agreed": N_("Agreed"),
    "open": N_("Not ticked yet"),
    "changed": N_("Changed since you ticked it"),
    "changed_note": N_(
        "This changed after you ticked it on {when}. Read it again, and tick it if you still agree."
    ),
    "agreed_in": N_("Agreed, when you read it in {language}"),
    "made": N_("Made on {when}"),
    "failed": N_("This browser is not letting the site keep your ticks: they go when you leave"),
    "kept": N_("Your ticks are kept on this device until you clear them"),
    "forgotten": N_("Your ticks are forgotten when you close this tab"),
    "cleared": N_("Answers cleared from all pages on this device: {count}. You can undo this"),
    "clear_none": N_("There are no answers on this device to clear"),
    "clear_what": N_(
        "This removes every answer you gave on every page of this site ({count} in all) "
        "from this device, and turns off Remember my answers. You can undo it right after."
    ),
    "restored": N_("Your answers are back"),
    "file": N_("my-treatment-agreements.txt"),
    "legend": N_(
        "[x] = I agree. [ ] = not ticked. [changed] = changed since I ticked it. "
        "[?] = I have a question about it. The code in brackets at the end of a line "
        "lets the clinic check this copy against its pages."
    ),
    # The record's marks, as the legend above explains them.
    "mark_agreed": N_("[x]"),
    "mark_open": N_("[ ]"),
    "mark_changed": N_("[changed]"),
    "mark_ask": N_("[?]"),
    "asked": N_("I have a question about this"),
    "questions": N_("My questions"),
}
SUMMARY_NOJS = N_(
    "This summary needs JavaScript to show your ticks. "
    "Without it, you can still read every statement below."
)
RECORD_WHAT = {
    "client": N_(
        "My treatment agreements: my own copy to bring to my first session and talk about. "
        "It is not a signed legal record."
    ),
    "trainer": N_(
        "My onboarding record, from the trainer edition: my own copy to go over with my "
        "trainer or supervisor. It is not a signed record."
    ),
}
# Marks the fingerprint a record shows, by audience (publish.dist names the package by it).
EDITION_ATTRIBUTE = "data-ack-edition"
EDITION_LABEL = {"client": N_("Edition"), "trainer": N_("Trainer edition")}
LANGUAGE_LABEL = N_("Language")
NAME_LABEL = N_("Your name (optional)")
DATE_LABEL = N_("Date")
GO_LABEL = N_("Read and tick it")
GO_PAGE = N_("on the page {title}")
PRINT_LABEL = N_("Print or save as PDF")
ASK_LABEL = N_("I have a question about this")
QUESTIONS_LABEL = N_("Questions for my therapist (optional)")
QUESTIONS_HINT = N_(
    "Only you can see what you write here, on this device. It goes on your summary, "
    "to talk about in your first session."
)
TALK_TITLE = N_("To talk about in my first session")
TALK_HINT = N_("Statements I have not ticked yet or have a question about, and my questions.")
TALK_NONE = N_("Nothing yet: you ticked every statement and wrote no questions.")
DOWNLOAD_LABEL = N_("Download a copy")


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def script_text(language: str) -> dict[str, str]:
    """The script's words in ``language``: the JSON catalog each page carries."""
    return {name: tr(language, message) for name, message in SCRIPT_TEXT.items()}


def language_of(writer: Any) -> str:
    return str(writer.builder.config.language)


def controls(prefix: str, language: str) -> str:
    """Progress (polite live region), remember switch and clear button; JS un-hides them."""
    remember = f"{prefix}-remember"
    return (
        f'<div class="dbt-ack__controls" data-ack-controls hidden>'
        f'<p class="dbt-ack__progress" role="status" data-ack-progress></p>'
        f'<div class="dbt-ack__remember">'
        f'<input type="checkbox" role="switch" id="{remember}" data-ack-remember'
        f' aria-describedby="{remember}-hint">'
        f'<label for="{remember}">{esc(tr(language, REMEMBER_LABEL))}</label>'
        f'<p class="dbt-ack__hint" id="{remember}-hint">{esc(tr(language, REMEMBER_HINT))}</p>'
        f"</div></div>"
    )


def clear_html(language: str) -> str:
    """Clear every answer on every page: asks first (a modal dialog: focus moves in, Escape
    or No closes and returns it), then offers undo. Only on the summary and privacy pages,
    never next to a checklist's "Next" (GOV.UK's pattern for a destructive action)."""

    def say(message: str) -> str:
        return esc(tr(language, message))

    return (
        f'<p class="dbt-ack__nojs" data-ack-nojs>{say(CLEAR_NOJS)}</p>'
        '<div class="dbt-ack-clear" data-ack-actions hidden>'
        '<button type="button" class="dbt-ack__button" data-ack-clear aria-haspopup="dialog">'
        f"{say(CLEAR_LABEL)}</button>"
        '<div class="dbt-ack__progress" role="status" data-ack-clear-status></div>'
        f'<button type="button" class="dbt-ack__button" data-ack-undo hidden>{say(UNDO_LABEL)}'
        "</button>"
        '<dialog class="dbt-ack-confirm" data-ack-confirm aria-labelledby="ack-clear-title"'
        ' aria-describedby="ack-clear-what">'
        f'<h2 class="dbt-ack-confirm__title" id="ack-clear-title">{say(CLEAR_TITLE)}</h2>'
        '<p id="ack-clear-what" data-ack-clear-what></p>'
        '<button type="button" class="dbt-ack__button" data-ack-clear-yes>'
        f"{say(CLEAR_YES)}</button>"
        '<button type="button" class="dbt-ack__button" data-ack-clear-no autofocus>'
        f"{say(CLEAR_NO)}</button></dialog></div>"
    )


def print_html(language: str) -> str:
    """Print and Download, under the page's own heading and words about them."""
    return (
        f'<p class="dbt-ack__nojs" data-ack-nojs>{esc(tr(language, PRINT_NOJS))}</p>'
        '<div class="dbt-ack-summary__actions" data-ack-actions hidden>'
        '<button type="button" class="dbt-ack__button" data-ack-print>'
        f"{esc(tr(language, PRINT_LABEL))}</button> "
        '<button type="button" class="dbt-ack__button" data-ack-download>'
        f"{esc(tr(language, DOWNLOAD_LABEL))}</button></div>"
    )


CHECKLIST_ID = "dbt-checklist"  # the page's first checklist: a skip link goes there


def visit_block(self: Any, node: ack_block) -> None:
    topic = esc(node["topic"])
    block = f"{CHECKLIST_ID}-{node['block']}" if node["block"] else CHECKLIST_ID
    self.body.append(
        f'<div class="dbt-ack" id="{block}" data-ack-block>'
        f'<fieldset class="dbt-ack__fieldset" data-ack-topic="{topic}">'
    )


def questions_html(topic: str, language: str) -> str:
    """The page's "Questions for my therapist" box: kept like the ticks, so it needs JS
    (data-ack-js: shown by the script, printed, unlike data-ack-controls)."""
    box = f"ack-{esc(topic)}-questions"
    return (
        f'<div class="dbt-ack__questions" data-ack-js hidden>'
        f'<label for="{box}">{esc(tr(language, QUESTIONS_LABEL))}</label>'
        f'<p class="dbt-ack__hint" id="{box}-hint">{esc(tr(language, QUESTIONS_HINT))}</p>'
        f'<textarea id="{box}" rows="4" aria-describedby="{box}-hint"'
        f' data-ack-questions="{esc(topic)}"></textarea></div>'
    )


def depart_block(self: Any, node: ack_block) -> None:
    prefix = f"ack-{node['topic']}-{node['block']}"
    language = language_of(self)
    # One questions box per page, under its first checklist.
    questions = "" if node["block"] else questions_html(node["topic"], language)
    self.body.append(f"</fieldset>{controls(esc(prefix), language)}{questions}</div>")


def visit_legend(self: Any, node: ack_legend) -> None:
    self.body.append('<legend class="dbt-ack__legend">')
    if node.get("default"):
        self.body.append(esc(tr(language_of(self), DEFAULT_LEGEND)))


def depart_legend(self: Any, node: ack_legend) -> None:
    # Before the boxes, where it is read before anything is ticked.
    note = esc(tr(language_of(self), NOJS_TEXT))
    self.body.append(f'</legend><p class="dbt-ack__nojs" data-ack-nojs>{note}</p>')


def visit_item(self: Any, node: ack_item) -> None:
    control = esc(node["input_id"])
    described = [f"{control}-changed"]
    if any(isinstance(child, ack_hint) for child in node.children):
        described.insert(0, f"{control}-hint")
    self.body.append(
        f'<div class="dbt-ack__item">'
        f'<input class="dbt-ack__input" type="checkbox" id="{control}" name="{control}"'
        f' value="agreed" data-ack-item="{esc(node["topic"])}/{esc(node["item_id"])}"'
        f' data-ack-hash="{esc(node["hash"])}" data-ack-source="{esc(node["source"])}"'
        f' aria-describedby="{" ".join(described)}">'
    )


def depart_item(self: Any, node: ack_item) -> None:
    control = esc(node["input_id"])
    # A second control, not a third state of the box: a toggle button, named by its
    # words and described by the statement it is about.
    ask = esc(tr(language_of(self), ASK_LABEL))
    self.body.append(
        f'<p class="dbt-ack__changed" id="{control}-changed" hidden></p>'
        f'<button type="button" class="dbt-ack__button dbt-ack__ask" aria-pressed="false"'
        f' aria-describedby="{control}-label" data-ack-ask data-ack-js hidden>{ask}</button>'
        "</div>"
    )


def visit_statement(self: Any, node: ack_statement) -> None:
    parent = cast(ack_item, node.parent)
    control = esc(parent["input_id"])
    self.body.append(f'<label class="dbt-ack__label" for="{control}" id="{control}-label">')


def depart_statement(self: Any, node: ack_statement) -> None:
    self.body.append("</label>")


def visit_hint(self: Any, node: ack_hint) -> None:
    parent = cast(ack_item, node.parent)
    self.body.append(f'<div class="dbt-ack__hint" id="{esc(parent["input_id"])}-hint">')


def depart_hint(self: Any, node: ack_hint) -> None:
    self.body.append("</div>")


def summary_html(node: ack_summary, language: str) -> Iterator[str]:
    def say(message: str, **values: object) -> str:
        return esc(tr(language, message, **values))

    yield '<div class="dbt-ack-summary" data-ack-summary>'
    yield f'<p class="dbt-ack__nojs" data-ack-nojs>{say(SUMMARY_NOJS)}</p>'
    yield controls("ack-summary", language)
    yield '<div class="dbt-ack-record" data-ack-record>'
    yield f'<p class="dbt-ack-record__clinic" data-ack-line>{esc(node["clinic"])}</p>'
    audience = node.get("audience", "client")
    yield f'<p class="dbt-ack-record__what" data-ack-line>{say(RECORD_WHAT[audience])}</p>'
    yield (
        f'<p class="dbt-ack-record__edition" data-ack-line>{say(EDITION_LABEL[audience])}: '
        f'<span {EDITION_ATTRIBUTE}="{esc(audience)}">{esc(node["edition"])}</span></p>'
    )
    # Which language edition was read: the fingerprint is of the words in it.
    yield (
        f'<p class="dbt-ack-record__language" data-ack-line>{say(LANGUAGE_LABEL)}: '
        f'<span data-ack-language="{esc(language)}">{esc(language_name(language))}</span></p>'
    )
    yield '<div class="dbt-ack-record__fields">'
    yield (
        f'<p><label for="ack-summary-name">{say(NAME_LABEL)}</label>'
        '<input type="text" id="ack-summary-name" autocomplete="name"'
        " data-ack-name data-ack-line></p>"
    )
    yield (
        f'<p><label for="ack-summary-date">{say(DATE_LABEL)}</label>'
        '<input type="date" id="ack-summary-date" data-ack-date data-ack-line></p>'
    )
    yield "</div>"
    yield '<p class="dbt-ack-record__made" data-ack-made data-ack-line></p>'
    # The conversation first: the script lists what is not agreed, or asked about.
    yield (
        '<section class="dbt-ack-talk" data-ack-talk data-ack-js hidden>'
        f'<h2 id="ack-summary-talk">{say(TALK_TITLE)}</h2><p>{say(TALK_HINT)}</p>'
        f"<p data-ack-talk-none>{say(TALK_NONE)}</p><ul></ul></section>"
    )
    for group in node["topics"]:
        topic = esc(group["topic"])
        title = esc(group["title"])
        yield (
            # Not a named region: eight of them would crowd the landmark list.
            f'<section class="dbt-ack-summary__topic" data-ack-summary-topic="{topic}">'
            f'<h2 class="dbt-ack-summary__title" id="ack-summary-{topic}">{title}</h2>'
            f'<p class="dbt-ack-summary__count" data-ack-count></p>'
            '<ul class="dbt-ack-summary__list">'
        )
        for statement in group["statements"]:
            key = f"{topic}/{esc(statement['id'])}"
            control = esc(input_id(statement["topic"], statement["id"]))
            href = f"{esc(group['uri'])}#{control}"
            # The status, then a full stop a screen reader pauses at ("Agreed. I will...");
            # the link is named by its words and the statement's, so no two are alike.
            yield (
                f'<li class="dbt-ack-summary__item" data-ack-item="{key}"'
                f' data-ack-hash="{esc(statement["hash"])}"'
                f' data-ack-source="{esc(statement["source"])}">'
                f'<span class="dbt-ack-summary__status" data-ack-status></span>'
                '<span class="visually-hidden">. </span> '
                f'<span class="dbt-ack-summary__text" id="sum-{control}">'
                f"{esc(statement['text'])}</span> "
                f'<a class="dbt-ack-summary__go" href="{href}" id="go-{control}"'
                f' aria-labelledby="go-{control} sum-{control}" data-ack-go>{say(GO_LABEL)}'
                f'<span class="visually-hidden"> {say(GO_PAGE, title=group["title"])}:</span>'
                "</a></li>"
            )
        yield "</ul></section>"
    # The directive's own content (the trainer's knowledge-check counts) follows
    # inside the record, then summary_end closes it.


def summary_end(language: str) -> str:
    return "</div></div>"


def visit_summary(self: Any, node: ack_summary) -> None:
    if "topics" not in node:
        raise nodes.SkipNode
    self.body.append("".join(summary_html(node, language_of(self))))


def depart_summary(self: Any, node: ack_summary) -> None:
    self.body.append(summary_end(language_of(self)))


def visit_action(self: Any, node: ack_action) -> None:
    language = language_of(self)
    self.body.append(print_html(language) if node["kind"] == "print" else clear_html(language))
    raise nodes.SkipNode

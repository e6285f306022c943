"""The record check's HTML and every word it shows, the script's among them.

Each word is marked with ``N_`` and translated into the edition's language where it is
written out, like the checklists' (``acknowledgment.markup``): the page is English-only
today, and the catalog keeps it ready for another language.
"""

from __future__ import annotations

import html

from ..languages.catalog import N_, tr

NOJS = N_(
    "This check runs in your browser and needs JavaScript, which is off. Without it, "
    "open the record file in any text editor and read it with the client: the words "
    "are all there, but nothing is compared with the current pages."
)
FILE_LABEL = N_("The record file")
FILE_HINT = N_(
    "Choose the text file the client saved with Download a copy. It is read on this "
    "computer and never sent anywhere."
)
PASTE_LABEL = N_("Or paste the record's text")
PASTE_BUTTON = N_("Check the pasted text")
RESULTS_TITLE = N_("What the record shows")

# Words the script shows, handed over in the JSON data ({name} fills in a value).
SCRIPT_TEXT = {
    "reading": N_("Reading the record…"),
    "empty": N_("There is nothing to check: the file or the text is empty."),
    "too_big": N_(
        "This file is too large to be a record ({size} KB). A record is a short text "
        "file, well under {limit} KB. Check that you chose the right file."
    ),
    "not_text": N_(
        "This file is not a text file, so it is not a record. A record is the short "
        "text file the client saved with Download a copy."
    ),
    "not_record": N_(
        "This is not a record from this site: its first line does not name the record "
        "format. Ask the client for the file saved with Download a copy, or paste its text."
    ),
    "old_format": N_(
        "This record was made by an older version of the site, before records carried "
        "codes, so it cannot be compared line by line. Read it with the client as it is."
    ),
    "newer": N_(
        "This record uses format {version}, which is newer than this page. Build the "
        "trainer edition again from the latest version of the site, then check it again."
    ),
    "checked": N_(
        "Record checked: {statements} statements, {questions} questions, "
        "{outdated} outdated, {open} not ticked."
    ),
    "cut": N_(
        "The record looks cut short: its last line is missing. What is shown may be incomplete."
    ),
    "count": N_(
        "The record says it holds {expected} coded lines, but {found} were found: lines "
        "were removed, added or damaged. What is shown may be incomplete."
    ),
    "edited": N_(
        "On {count} lines the words do not match their codes: someone changed them after "
        "the record was made. They are listed under Outdated."
    ),
    "no_digest": N_(
        "This browser cannot compare the words with their codes on this connection "
        "(it needs https or this computer), so edited words are not found."
    ),
    "about": N_("About this record"),
    "kind_client": N_("A client's record"),
    "kind_trainer": N_("A trainee's onboarding record"),
    "made": N_("Made on {date}, in {language}."),
    "edition_same": N_(
        "Its edition code, {code}, is the current one: the pages have not changed since."
    ),
    "edition_other": N_(
        "Its edition code is {code}; the current one is {current}: some pages changed since."
    ),
    "edition_language": N_(
        "Its edition code, {code}, is of the {language} pages; each statement is compared "
        "with the words it was translated from."
    ),
    "edition_label": N_("Edition:"),
    "talk": N_("Start here: questions and unclear points"),
    "talk_none": N_("No questions, and no quick check left unclear."),
    "question": N_("Question:"),
    "asked": N_("Has a question about:"),
    "unclear": N_("Still unclear:"),
    "open_title": N_("Not ticked"),
    "open_none": N_("Every statement on the record is ticked."),
    "s_open": N_("Not ticked:"),
    "s_changed": N_("Ticked for older words, not ticked since:"),
    "outdated_title": N_("Outdated"),
    "outdated_none": N_("None: every statement matches the current pages."),
    "gone": N_("No longer in the current pages:"),
    "changed_words": N_("The words have changed since:"),
    "edited_words": N_("Words edited in the file:"),
    "new_title": N_("New since this record"),
    "new_none": N_("None: the record holds every current statement."),
    "new": N_("Not on the record:"),
    "agreed_title": N_("Agreed, with the words of the current pages"),
    "agreed_none": N_("None."),
    "checks_title": N_("Quick checks and knowledge checks"),
    "checks_none": N_("The record holds no checks."),
    "c_agreed": N_("Answered right:"),
    "c_changed": N_("Unclear, or answered for older words:"),
    "c_open": N_("Not tried:"),
    "c_gone": N_("No longer in the current pages:"),
    "c_outdated": N_("The question has changed since:"),
}


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def script_text(language: str) -> dict[str, str]:
    return {name: tr(language, message) for name, message in SCRIPT_TEXT.items()}


def form_html(language: str) -> str:
    """A file input and a text box; the script un-hides them and fills the results.

    The status line is a polite live region: every outcome, a damaged or foreign file
    included, is said there in words. Results follow under their own heading."""

    def say(message: str) -> str:
        return esc(tr(language, message))

    return (
        '<div class="dbt-rc" data-rc>'
        f'<p class="dbt-ack__nojs" data-rc-nojs>{say(NOJS)}</p>'
        '<div class="dbt-rc__controls" data-rc-controls hidden>'
        f'<p><label for="rc-file">{say(FILE_LABEL)}</label></p>'
        f'<p class="dbt-ack__hint" id="rc-file-hint">{say(FILE_HINT)}</p>'
        '<input type="file" id="rc-file" accept=".txt,text/plain" aria-describedby="rc-file-hint"'
        " data-rc-file>"
        f'<p><label for="rc-text">{say(PASTE_LABEL)}</label></p>'
        '<textarea id="rc-text" rows="6" spellcheck="false" data-rc-text></textarea>'
        '<p><button type="button" class="dbt-ack__button" data-rc-check>'
        f"{say(PASTE_BUTTON)}</button></p>"
        '<div class="dbt-rc__status" role="status" data-rc-status></div>'
        "</div>"
        '<section class="dbt-rc__results" aria-labelledby="rc-results-title"'
        " data-rc-results hidden>"
        f'<h2 id="rc-results-title" tabindex="-1">{say(RESULTS_TITLE)}</h2>'
        "<div data-rc-out></div></section></div>"
    )

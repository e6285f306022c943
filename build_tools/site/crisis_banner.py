"""The crisis banner's words, in the edition's language, as whole sentences.

Each sentence is one message with named fields, never pieces glued together,
so a translation can put the words in its own order; where the clinic gives a
language its own options (988: press 2 for Spanish, text AYUDA), the sentence
that names them is used.

Each link's words say what it does ("Call 988", "text 988"): the same number
called and texted must not make two links with one name (WCAG 2.4.9). The
lead is a heading, so heading navigation finds the help.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from markupsafe import Markup

from ..languages.catalog import N_, tr, tr_html

LEAD = N_("Need help now?")
CHAT = N_("chat online")
CALL_LINK = N_("Call {phone}")
TEXT_LINK = {False: N_("text {text}"), True: N_("text {keyword} to {text}")}
# {call} and {text} are the links above.
SENTENCE = {
    False: N_("{call}, {text} or {chat} ({name})."),
    True: N_("{call} and press {option}, {text} or {chat} ({name})."),
}
DANGER = N_("In danger right now? {call_emergency}.")


def anchor(href: str, text: str) -> str:
    return f'<a href="{escape(href)}">{escape(text)}</a>'


def banner_html(crisis: Mapping[str, str], language: str) -> Markup:
    """The banner's heading and paragraph; every value is escaped here."""
    option, keyword = crisis.get("call_option", ""), crisis.get("text_keyword", "")
    call = anchor(crisis["phone_href"], tr(language, CALL_LINK, phone=crisis["phone"]))
    text = anchor(
        crisis["text_href"],
        tr(language, TEXT_LINK[bool(keyword)], text=crisis["text"], keyword=keyword),
    )
    sentence = tr_html(
        language,
        SENTENCE[bool(option)],
        call=call,
        option=f"<strong>{escape(option)}</strong>",
        text=text,
        chat=anchor(crisis["chat_url"], tr(language, CHAT)),
        name=escape(crisis["name"]),
    )
    emergency = tr(language, CALL_LINK, phone=crisis["emergency"])
    danger = tr_html(language, DANGER, call_emergency=anchor(crisis["emergency_href"], emergency))
    lead = escape(tr(language, LEAD))
    return Markup(
        f'<h2 class="dbt-crisis__title">{lead}</h2> '
        f'<p class="dbt-crisis__help">{sentence} {danger}</p>'
    )

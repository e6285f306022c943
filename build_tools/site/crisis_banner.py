"""The crisis banner's words, in the edition's language, as whole sentences.

Each sentence is one message with named fields, never pieces glued together,
so a translation can put the words in its own order; where the clinic gives a
language its own options (988: press 2 for Spanish, text AYUDA), the sentence
that names them is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from markupsafe import Markup

from ..languages.catalog import N_, tr, tr_html

LEAD = N_("Need help now?")
CHAT = N_("chat online")
CALL = {
    (False, False): N_("Call {phone}, text {text} or {chat} ({name})."),
    (True, False): N_("Call {phone} and press {option}, text {text} or {chat} ({name})."),
    (False, True): N_("Call {phone}, text {keyword} to {text} or {chat} ({name})."),
    (True, True): N_(
        "Call {phone} and press {option}, text {keyword} to {text} or {chat} ({name})."
    ),
}


def anchor(href: str, text: str) -> str:
    return f'<a href="{escape(href)}">{escape(text)}</a>'


def banner_html(crisis: Mapping[str, str], language: str) -> Markup:
    """The banner's paragraph; every value is escaped here."""
    option, keyword = crisis.get("call_option", ""), crisis.get("text_keyword", "")
    call = tr_html(
        language,
        CALL[bool(option), bool(keyword)],
        phone=anchor(crisis["phone_href"], crisis["phone"]),
        option=f"<strong>{escape(option)}</strong>",
        text=anchor(crisis["text_href"], crisis["text"]),
        keyword=f"<strong>{escape(keyword)}</strong>",
        chat=anchor(crisis["chat_url"], tr(language, CHAT)),
        name=escape(crisis["name"]),
    )
    danger = tr_html(
        language,
        N_("In danger right now? Call {emergency}."),
        emergency=anchor(crisis["emergency_href"], crisis["emergency"]),
    )
    lead = escape(tr(language, LEAD))
    return Markup(f"<p><strong>{lead}</strong> {call} {danger}</p>")

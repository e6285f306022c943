"""Load the clinic's settings and turn them into the words the pages show.

Pages never hard-code a clinic value: they use MyST substitutions such as
``{{clinic_phone}}``, and this module is the one place those names are made.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from .languages.catalog import N_, ntr, ptr, tr

# Counted weeks ("four weeks in a row"): words up to twelve, digits above.
NUMBER_WORDS = (
    *(N_("zero"), N_("one"), N_("two"), N_("three"), N_("four"), N_("five"), N_("six")),
    *(N_("seven"), N_("eight"), N_("nine"), N_("ten"), N_("eleven"), N_("twelve")),
)
SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "clinic.schema.json"
# The clinic's optional choices that switch parts of a page on or off: the Sphinx tag
# each one sets (for ``{only}`` blocks) and its setting. Defaults live in the schema.
TAGS = {
    "coaching_24_hour_rule": "coaching.uses_24_hour_rule",
    "same_week_reschedule": "program.same_week_reschedule_is_not_a_miss",
    "sent_home_is_a_miss": "program.sent_home_from_group_is_a_miss",
    "bills_insurance": "care.bills_insurance",
    "records_sessions": "care.records_sessions",
    "does_research": "care.research",
    "has_trainees": "care.trainees",
    "offers_telehealth": "care.telehealth",
    "serves_minors": "care.serves_minors",
}
# What a translation says about the care offered in its language (translations.<code>).
LANGUAGE_TAGS = {
    "sessions_in_this_language": "sessions",
    "group_in_this_language": "skills_group",
    "coaching_in_this_language": "coaching",
}
TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*([AaPp])?\.?\s*(?:[Mm]\.?)?$")


def load_clinic(path: Path) -> dict[str, Any]:
    """Read the clinic file. Validation (with line numbers) happens in ``validate``."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: the clinic settings must be a mapping of keys to values")
    return data


@functools.cache
def schema_defaults() -> dict[str, Any]:
    """Every ``default`` the clinic schema declares, by dotted setting name."""
    found: dict[str, Any] = {}

    def walk(node: Mapping[str, Any], prefix: str) -> None:
        for key, value in node.get("properties", {}).items():
            if "default" in value:
                found[prefix + key] = value["default"]
            walk(value, f"{prefix}{key}.")

    walk(json.loads(SCHEMA.read_text(encoding="utf-8")), "")
    return found


def option(settings: Mapping[str, Any], name: str) -> Any:
    """A setting by dotted name, or the schema's default when the clinic leaves it out."""
    node: Any = settings
    for key in name.split("."):
        if not isinstance(node, Mapping) or key not in node:
            return schema_defaults()[name]
        node = node[key]
    return node


def clock(hour: float, language: str = "en") -> str:
    """9 -> '9 am', 17.5 -> '5:30 pm', 12 -> 'noon', 0 or 24 -> 'midnight' (in English)."""
    if hour in (0, 24):
        return tr(language, "midnight")
    if hour == 12:
        return tr(language, "noon")
    whole = int(hour)
    minutes = round((hour - whole) * 60)
    shown = whole if whole <= 12 else whole - 12
    time = f"{12 if shown == 0 else shown}" + (f":{minutes:02d}" if minutes else "")
    # English needs am or pm; another language may name the part of the day instead
    # ("6 de la tarde"), so each part is its own message.
    if whole < 6:
        return ptr(language, "early morning", "{time} am", time=time)
    if whole < 12:
        return ptr(language, "morning", "{time} am", time=time)
    if whole < 20:
        return ptr(language, "afternoon", "{time} pm", time=time)
    return ptr(language, "night", "{time} pm", time=time)


def time_of_day(text: str) -> float | None:
    """'6:00 pm' -> 18.0, '18:30' -> 18.5, 'noon' -> 12.0; None if it is not a time."""
    if text.strip().lower() == "noon":
        return 12.0
    found = TIME.match(text.strip())
    if not found:
        return None
    hour, minutes = int(found[1]), int(found[2] or 0)
    if found[3]:
        hour = hour % 12 + (12 if found[3].lower() == "p" else 0)
    return hour + minutes / 60


def hours(count: int, language: str = "en") -> str:
    return ntr(language, "{count} hour", "{count} hours", count)


def months(count: int, language: str = "en") -> str:
    return ntr(language, "{count} month", "{count} months", count)


def duration_minutes(minutes: int, language: str = "en") -> str:
    """60 -> '1 hour', 90 -> '90 minutes', 120 -> '2 hours' (in English)."""
    if minutes >= 60 and minutes % 60 == 0:
        return hours(minutes // 60, language)
    return ntr(language, "{count} minute", "{count} minutes", minutes)


def working_time(business_hours: int, office: Mapping[str, Any], language: str = "en") -> str:
    """A reply time counted in office hours, as a client reads it: '3 office hours' within
    one office day, else whole working days ('2 working days'), never '24 hours' that
    really means three days."""
    day = float(office["closes"]) - float(office["opens"])
    if business_hours < day:
        return ntr(language, "{count} office hour", "{count} office hours", business_hours)
    days = math.ceil(business_hours / day)
    return ntr(language, "{count} working day", "{count} working days", days)


def number_word(count: int, language: str = "en") -> str:
    if 0 <= count < len(NUMBER_WORDS):
        return tr(language, NUMBER_WORDS[count])
    return str(count)


# An extension after the number ("ext. 3", "x3", ", 3"), as the clinic schema allows it.
EXTENSION = re.compile(r"\s*(?:,|[Xx]|[Ee][Xx][Tt]\.?|[Ee]xtension)\s*([0-9]+)\s*$")


def tel(number: str) -> str:
    """The ``tel:``/``sms:`` target of a phone number as people write it.

    An extension follows a comma, which phones dial after a pause once the call is
    answered ("(555) 010-0100 ext. 3" -> ``5550100100,3``).
    """
    extension = EXTENSION.search(number)
    main = number[: extension.start()] if extension else number
    digits = re.sub(r"[^0-9+]", "", main)
    return f"{digits},{extension.group(1)}" if extension else digits


def link(text: str, target: str) -> str:
    # Square brackets would end the link text early; the schema forbids them
    # in values, this is a second fence.
    safe = text.replace("[", "(").replace("]", ")")
    return f"[{safe}]({target})"


def hours_text(block: Mapping[str, Any], language: str = "en") -> str:
    opens, closes = clock(block["opens"], language), clock(block["closes"], language)
    return tr(
        language, "{days}, {opens} to {closes}", days=block["days"], opens=opens, closes=closes
    )


def group_time(starts: str, language: str) -> str:
    """The group's start time as this language writes it ('6:00 pm' -> '6 p. m.')."""
    hour = time_of_day(starts)
    return starts if hour is None or language == "en" else clock(hour, language)


def substitutions(settings: Mapping[str, Any], language: str = "en") -> dict[str, str]:
    """Every substitution name a page may use, mapped to its Markdown in ``language``.

    ``settings`` are the edition's own (``languages.settings.settings_for``): the
    clinic's prose in that language; this adds the tool's words (units, times).
    """
    clinic = settings["clinic"]
    program = settings["program"]
    group = program["skills_group"]
    coaching = settings["coaching"]
    messages = settings["messages"]
    crisis = settings["crisis"]
    chat = crisis["chat_url"]
    poison = str(option(settings, "crisis.poison_control"))
    # No texting number of its own: clients text the office number.
    text_number = str(messages.get("text_phone") or clinic["phone"])
    lang = language
    return {
        "clinic_name": clinic["name"],
        "clinic_phone": link(clinic["phone"], f"tel:{tel(clinic['phone'])}"),
        "clinic_email": link(clinic["email"], f"mailto:{clinic['email']}"),
        "clinic_address": clinic["address"],
        "office_hours": hours_text(clinic["office_hours"], lang),
        "privacy_notice": link(
            tr(lang, "{clinic} privacy notice", clinic=clinic["name"]),
            clinic["privacy_notice_url"],
        ),
        "program_length": months(program["length_months"], lang),
        "session_length": duration_minutes(program["individual_session_minutes"], lang),
        "cancellation_notice": hours(program["cancellation_notice_hours"], lang),
        "missed_weeks": number_word(program["missed_weeks_in_a_row"], lang),
        "group_day": group["day"],
        "group_time": group_time(group["starts"], lang),
        "group_length": duration_minutes(group["length_minutes"], lang),
        "coaching_phone": link(coaching["phone"], f"tel:{tel(coaching['phone'])}"),
        "coaching_hours": hours_text(coaching, lang),
        "coaching_response": duration_minutes(coaching["response_minutes"], lang),
        "voicemail_response": working_time(
            messages["voicemail_response_hours"], clinic["office_hours"], lang
        ),
        "email_response": working_time(
            messages["email_response_hours"], clinic["office_hours"], lang
        ),
        "text_response": working_time(
            messages["text_response_hours"], clinic["office_hours"], lang
        ),
        "text_phone": link(text_number, f"sms:{tel(text_number)}"),
        "crisis_name": crisis["name"],
        "crisis_phone": crisis_phone(crisis, lang),
        "crisis_text": crisis_text(crisis, lang),
        "crisis_chat": link(address_text(chat), chat),
        "emergency_number": link(
            crisis["emergency_number"], f"tel:{tel(crisis['emergency_number'])}"
        ),
        "poison_control": link(poison, f"tel:{tel(poison)}"),
    }


def crisis_phone(crisis: Mapping[str, Any], language: str) -> str:
    """The number to call; where the line has an option for this language, the key too."""
    number = link(crisis["phone"], f"tel:{tel(crisis['phone'])}")
    option = crisis.get("call_option")
    if not option:
        return number
    return tr(language, "{number} (then press {option})", number=number, option=option)


def crisis_text(crisis: Mapping[str, Any], language: str) -> str:
    """The number to text; where the line has a word for this language, the word too."""
    number = link(crisis["text"], sms_target(crisis))
    keyword = crisis.get("text_keyword")
    if not keyword:
        return number
    return tr(language, "{number} (write {keyword})", number=number, keyword=keyword)


def address_text(url: str) -> str:
    """How a web address reads on the page: 'https://www.x.org/chat/' -> 'x.org/chat'."""
    return re.sub(r"^https://(www\.)?", "", url).rstrip("/")


def sms_target(crisis: Mapping[str, Any]) -> str:
    """The sms: link, with the language's keyword as the message body when there is one."""
    target = f"sms:{tel(crisis['text'])}"
    keyword = crisis.get("text_keyword")
    return f"{target}?body={keyword}" if keyword else target


def tags(settings: Mapping[str, Any], translated: bool = False) -> set[str]:
    """Sphinx tags for the ``{only}`` directive: optional parts a clinic turns on.

    ``translated``: the edition is a translation, whose pages say which parts of care
    are offered in its language (``translations.<code>.offered_in_this_language``).
    """
    found = {tag for tag, name in TAGS.items() if option(settings, name)}
    if translated:
        found.add("translated_edition")
        offered = settings.get("offered_in_this_language") or {}
        found |= {tag for tag, key in LANGUAGE_TAGS.items() if offered.get(key)}
    return found


def clinic_context(settings: Mapping[str, Any]) -> dict[str, str]:
    """Plain values for the footer template (escaped there, not here)."""
    info = settings["clinic"]
    return {
        "name": info["name"],
        "address": info["address"],
        "phone": info["phone"],
        "phone_href": f"tel:{tel(info['phone'])}",
        "email": info["email"],
    }


def crisis_context(settings: Mapping[str, Any]) -> dict[str, str]:
    """Plain values for the crisis banner (escaped where the banner is made, not here)."""
    crisis = settings["crisis"]
    return {
        "name": crisis["name"],
        "phone": crisis["phone"],
        "phone_href": f"tel:{tel(crisis['phone'])}",
        "call_option": str(crisis.get("call_option", "")),
        "text": crisis["text"],
        "text_keyword": str(crisis.get("text_keyword", "")),
        "text_href": sms_target(crisis),
        "chat_url": crisis["chat_url"],
        "emergency": crisis["emergency_number"],
        "emergency_href": f"tel:{tel(crisis['emergency_number'])}",
    }

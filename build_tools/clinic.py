"""Load the clinic's settings and turn them into the words the pages show.

Pages never hard-code a clinic value: they use MyST substitutions such as
``{{clinic_phone}}``, and this module is the one place those names are made.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

NUMBER_WORDS = (
    *("zero", "one", "two", "three", "four", "five", "six"),
    *("seven", "eight", "nine", "ten", "eleven", "twelve"),
)


def load_clinic(path: Path) -> dict[str, Any]:
    """Read the clinic file. Validation (with line numbers) happens in ``validate``."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: the clinic settings must be a mapping of keys to values")
    return data


def clock(hour: float) -> str:
    """9 -> '9 am', 17.5 -> '5:30 pm', 12 -> 'noon', 0 or 24 -> 'midnight'."""
    if hour in (0, 24):
        return "midnight"
    if hour == 12:
        return "noon"
    whole = int(hour)
    minutes = round((hour - whole) * 60)
    suffix = "am" if whole < 12 else "pm"
    shown = whole if whole <= 12 else whole - 12
    shown = 12 if shown == 0 else shown
    return f"{shown}:{minutes:02d} {suffix}" if minutes else f"{shown} {suffix}"


def plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def duration_minutes(minutes: int) -> str:
    """60 -> '1 hour', 90 -> '90 minutes', 120 -> '2 hours'."""
    if minutes >= 60 and minutes % 60 == 0:
        return plural(minutes // 60, "hour")
    return plural(minutes, "minute")


def number_word(count: int) -> str:
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)


def tel(number: str) -> str:
    """The ``tel:``/``sms:`` target of a phone number as people write it."""
    digits = re.sub(r"[^0-9+]", "", number)
    return digits


def link(text: str, target: str) -> str:
    # Square brackets would end the link text early; the schema forbids them
    # in values, this is a second fence.
    safe = text.replace("[", "(").replace("]", ")")
    return f"[{safe}]({target})"


def hours_text(block: Mapping[str, Any]) -> str:
    return f"{block['days']}, {clock(block['opens'])} to {clock(block['closes'])}"


def substitutions(settings: Mapping[str, Any]) -> dict[str, str]:
    """Every substitution name a page may use, mapped to its Markdown."""
    clinic = settings["clinic"]
    program = settings["program"]
    group = program["skills_group"]
    coaching = settings["coaching"]
    messages = settings["messages"]
    crisis = settings["crisis"]
    chat = crisis["chat_url"]
    chat_text = re.sub(r"^https://(www\.)?", "", chat).rstrip("/")
    return {
        "clinic_name": clinic["name"],
        "clinic_phone": link(clinic["phone"], f"tel:{tel(clinic['phone'])}"),
        "clinic_email": link(clinic["email"], f"mailto:{clinic['email']}"),
        "clinic_address": clinic["address"],
        "office_hours": hours_text(clinic["office_hours"]),
        "privacy_notice": link(f"{clinic['name']} privacy notice", clinic["privacy_notice_url"]),
        "program_length": plural(program["length_months"], "month"),
        "session_length": duration_minutes(program["individual_session_minutes"]),
        "cancellation_notice": plural(program["cancellation_notice_hours"], "hour"),
        "missed_weeks": number_word(program["missed_weeks_in_a_row"]),
        "group_day": group["day"],
        "group_time": group["starts"],
        "group_length": duration_minutes(group["length_minutes"]),
        "coaching_phone": link(coaching["phone"], f"tel:{tel(coaching['phone'])}"),
        "coaching_hours": hours_text(coaching),
        "coaching_response": duration_minutes(coaching["response_minutes"]),
        "voicemail_response": plural(messages["voicemail_response_hours"], "hour"),
        "email_response": plural(messages["email_response_hours"], "hour"),
        "text_response": plural(messages["text_response_hours"], "hour"),
        "crisis_name": crisis["name"],
        "crisis_phone": link(crisis["phone"], f"tel:{tel(crisis['phone'])}"),
        "crisis_text": link(crisis["text"], f"sms:{tel(crisis['text'])}"),
        "crisis_chat": link(chat_text, chat),
        "emergency_number": link(
            crisis["emergency_number"], f"tel:{tel(crisis['emergency_number'])}"
        ),
    }


def tags(settings: Mapping[str, Any]) -> set[str]:
    """Sphinx tags for the ``{only}`` directive: optional parts a clinic turns on."""
    found = set()
    if settings["coaching"].get("uses_24_hour_rule"):
        found.add("coaching_24_hour_rule")
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
    """Plain values for the crisis banner template (escaped there, not here)."""
    crisis = settings["crisis"]
    return {
        "name": crisis["name"],
        "phone": crisis["phone"],
        "phone_href": f"tel:{tel(crisis['phone'])}",
        "text": crisis["text"],
        "text_href": f"sms:{tel(crisis['text'])}",
        "chat_url": crisis["chat_url"],
        "emergency": crisis["emergency_number"],
        "emergency_href": f"tel:{tel(crisis['emergency_number'])}",
    }

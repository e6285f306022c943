"""Phone numbers checked against the clinic's country with libphonenumber.

The schema checks how a number is written (digits, spaces, ( ) . -, a leading +,
an extension after "ext."); ``phonenumbers``, the Python port of Google's
libphonenumber, checks that it can be a number at all in the clinic's country
(``clinic.country``, default US): a digit too few or too many is caught here, not
by a client who cannot get through. The clinic's own lines must be whole numbers
with their area code; the crisis lines may also be the country's short numbers
(988, 911, 741741).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import phonenumbers
from phonenumbers import NumberParseException, ValidationResult

from .problems import Problem
from .yamllines import Located

DEFAULT_COUNTRY = "US"
# Where each number is, and whether a short number (988, 911) may stand there.
PHONES: tuple[tuple[tuple[str, ...], bool], ...] = (
    (("clinic", "phone"), False),
    (("coaching", "phone"), False),
    (("crisis", "phone"), True),
    (("crisis", "text"), True),
    (("crisis", "emergency_number"), True),
)
RULE = "clinic.phone"
EXTENSION_NOTE = 'an extension is fine after "ext.", such as "(555) 010-0100 ext. 3"'


def value_at(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        data = data.get(key) if isinstance(data, Mapping) else None
    return data


def check_phones(path: Path, located: Located) -> Iterator[Problem]:
    data = located.data
    country = value_at(data, ("clinic", "country")) or DEFAULT_COUNTRY
    if not isinstance(country, str):
        return  # the schema reports it
    if country not in phonenumbers.SUPPORTED_REGIONS:
        yield Problem(
            path,
            located.line_of(("clinic", "country")),
            "clinic.country",
            f"'clinic.country' is {country!r}, which is not a country code the phone "
            "check knows: use the two-letter code, such as US, CA or MX",
        )
        return
    for where, short_allowed in PHONES:
        number = value_at(data, where)
        if isinstance(number, str):
            message = problem_with(number, country, short_allowed)
            if message:
                name = ".".join(where)
                yield Problem(path, located.line_of(where), RULE, f"'{name}' {message}")


def problem_with(number: str, country: str, short_allowed: bool) -> str | None:
    """What is wrong with ``number`` in ``country``, or None when it can be dialled."""
    try:
        parsed = phonenumbers.parse(number, country)
    except NumberParseException:
        return f'"{number}" is not a phone number in {country}; {EXTENSION_NOTE}'
    if short_allowed and not parsed.extension and not number.lstrip().startswith("+"):
        if phonenumbers.is_valid_short_number_for_region(parsed, country):
            return None
        if phonenumbers.is_emergency_number(number, country):
            return None
    reason = phonenumbers.is_possible_number_with_reason(parsed)
    if reason == ValidationResult.IS_POSSIBLE:
        return None
    extension = f" (with extension {parsed.extension})" if parsed.extension else ""
    whole = "write the whole number with its area code"
    short = f" or a short number used in {country}, such as 988" if short_allowed else ""
    if reason == ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        return (
            f'"{number}"{extension} has no area code: {whole}, as people outside the '
            f"area dial it; {EXTENSION_NOTE}"
        )
    if reason == ValidationResult.TOO_SHORT:
        return (
            f'"{number}"{extension} has too few digits for a phone number in {country}'
            f"{short}: {whole}; {EXTENSION_NOTE}"
        )
    if reason == ValidationResult.TOO_LONG:
        return (
            f'"{number}"{extension} has too many digits for a phone number in {country}: '
            f"check for an extra digit; {EXTENSION_NOTE}"
        )
    if reason == ValidationResult.INVALID_COUNTRY_CODE:
        return f'"{number}" starts with a country code that does not exist after its +'
    return f'"{number}"{extension} is not a possible phone number in {country}; {EXTENSION_NOTE}'

"""Check data against our JSON Schemas and turn every error into a ``Problem`` at its line.

All errors are collected (``iter_errors``), not just the first, so one run tells a
clinic everything to fix. Messages are written for people editing YAML by hand:
each names the key, what is wrong and what is expected (the schema's
``x-expected``/``x-message`` annotations), and the rule id says what kind of
problem it is (``x-rule`` overrides the kind, e.g. ``link.insecure``).
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .problems import Problem
from .yamllines import Located

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"

KIND_BY_KEYWORD = {
    "type": "type",
    "enum": "value",
    "const": "value",
    "pattern": "format",
    "format": "format",
    "minLength": "length",
    "maxLength": "length",
    "minimum": "range",
    "maximum": "range",
    "exclusiveMinimum": "range",
    "exclusiveMaximum": "range",
    "multipleOf": "range",
    "minItems": "length",
    "maxItems": "length",
    "uniqueItems": "value",
}

TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a group of 'key: value' settings",
    "array": "a list",
    "null": "empty",
}


def kind_of(value: Any) -> str:
    """How a YAML value reads to a person editing the file."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a group of settings"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    with (SCHEMAS / name).open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@functools.cache
def validator(name: str) -> Draft202012Validator:
    # Imported here: an incremental build whose checks all come from its cache
    # (validation.grade_cache) never needs jsonschema, about a tenth of a second.
    from jsonschema import Draft202012Validator, FormatChecker

    # FormatChecker makes "format": "date"/"email" assertions, not just annotations.
    return Draft202012Validator(load_schema(name), format_checker=FormatChecker())


def listed(value: object) -> list[Any]:
    """A keyword's value as a list (``required`` and ``enum`` hold lists)."""
    return list(value) if isinstance(value, list | tuple) else []


def dotted(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check(
    data: Any,
    located: Located,
    path: Path,
    schema_name: str,
    prefix: str,
    *,
    whole: str = "the file",
) -> list[Problem]:
    """Every schema problem of ``data`` (parsed from ``path``), rule ids under ``prefix``."""
    found: dict[tuple[Any, ...], Problem] = {}
    for error in validator(schema_name).iter_errors(data):
        for json_path, rule, message in describe(error, prefix, whole):
            # One problem per key and rule: a bad e-mail fails its pattern and its
            # format, but the person needs to read about it once.
            found.setdefault((json_path, rule), problem_at(path, located, json_path, rule, message))
    return sorted(found.values())


def problem_at(
    path: Path, located: Located, json_path: tuple[str | int, ...], rule: str, message: str
) -> Problem:
    return Problem(path, located.line_of(json_path), rule, message)


def describe(
    error: ValidationError, prefix: str, whole: str
) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(JSON path, rule, message) for one jsonschema error; several for a list of keys."""
    at = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    instance = error.instance
    keyword = str(error.validator)
    if keyword == "required" and isinstance(instance, Mapping):
        properties = schema.get("properties", {})
        for key in listed(error.validator_value):
            if key not in instance:
                note = properties.get(key, {}).get("description", "")
                where = f" under '{dotted(at)}'" if at else ""
                # The path of the missing key itself: its line is its parent's.
                yield (
                    (*at, key),
                    f"{prefix}.missing-key",
                    f"missing key '{key}'{where}. {note}".strip(),
                )
        return
    if keyword == "additionalProperties" and isinstance(instance, Mapping):
        allowed = sorted(schema.get("properties", {}))
        for key in instance:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
                yield (
                    (*at, key),
                    f"{prefix}.unknown-key",
                    f"unknown key '{dotted((*at, key))}' ({hint})",
                )
        return
    where = f"'{dotted(at)}'" if at else whole
    rule = str(schema.get("x-rule") or KIND_BY_KEYWORD.get(keyword, "value"))
    rule = rule if "." in rule else f"{prefix}.{rule}"
    expected = schema.get("x-expected")
    if "x-message" in schema:
        message = f"{where} {schema['x-message']}"
    elif keyword == "type":
        wanted = expected or TYPE_WORDS.get(str(error.validator_value), str(error.validator_value))
        message = f"{where} should be {wanted}, not {kind_of(instance)}"
    elif keyword == "enum":
        choices = ", ".join(str(choice) for choice in listed(error.validator_value))
        message = f"{where} is {shown(instance)}; use one of: {choices}"
    elif keyword in ("minLength", "maxLength") and isinstance(instance, str):
        limit = "at least" if keyword == "minLength" else "at most"
        message = (
            f"{where} is {len(instance)} characters long; "
            f"it must be {limit} {error.validator_value}"
        )
    elif keyword in ("minItems", "maxItems"):
        message = f"{where} needs {'at least' if keyword == 'minItems' else 'at most'} "
        message += f"{error.validator_value} items"
    else:
        message = f"{where} is {shown(instance)}, which is not {expected or 'allowed'}"
        if keyword not in ("pattern", "format") and not expected:
            message = f"{where}: {error.message}"
    yield at, rule, message

"""The schemas themselves: valid against the 2020-12 metaschema, strict at every level,
and accepting or refusing exactly the values a clinic would write."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from build_tools.validation.topic_check import load_manifest

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"
ROOT_CLINIC = REPO / "tests" / "roots" / "validate-valid" / "clinic.yaml"
OPTIONAL = {
    "page.schema.json": {"reading_minutes"},
    "clinic.schema.json": {"$schema", "uses_24_hour_rule", "base_url", "search_engines"}
    | {"translations", "care", "clinical_review"},
    "topics.schema.json": {"$schema", "audience"},
}


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return data


def errors(schema_name: str, instance: object) -> list[str]:
    """The JSON paths of every error, dotted."""
    validator = Draft202012Validator(load(schema_name), format_checker=FormatChecker())
    return sorted(".".join(map(str, e.absolute_path)) for e in validator.iter_errors(instance))


def objects(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every subschema that describes an object with properties."""
    found = [schema] if "properties" in schema else []
    for value in schema.values():
        if isinstance(value, dict):
            found += objects(value)
    return found


@pytest.mark.parametrize("name", ["page.schema.json", "clinic.schema.json", "topics.schema.json"])
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = load(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", ["page.schema.json", "clinic.schema.json", "topics.schema.json"])
def test_every_object_is_closed_and_every_key_required_unless_optional(name: str) -> None:
    for block in objects(load(name)):
        assert block["additionalProperties"] is False, block.get("description")
        keys = set(block["properties"])
        # A key whose description starts "Optional" says so to the clinic, as the others do.
        said = {
            key
            for key, rule in block["properties"].items()
            if str(rule.get("description", "")).startswith("Optional")
        }
        assert set(block["required"]) == keys - OPTIONAL[name] - said, block.get("description")


def test_every_clinic_setting_is_described() -> None:
    for block in objects(load("clinic.schema.json")):
        for key, rule in block["properties"].items():
            assert rule.get("description"), key


def test_the_topics_manifest_follows_its_schema() -> None:
    assert errors("topics.schema.json", json.loads((SCHEMAS / "topics.json").read_text())) == []
    manifest = load_manifest()
    assert manifest.problems == []
    assert {"safety", "confidentiality", "phone-coaching", "attendance"} <= set(manifest.topics)


def test_a_broken_manifest_is_reported_not_raised(tmp_path: Path) -> None:
    broken = tmp_path / "topics.json"
    topic = {"id": "safety", "required": True, "description": "x", "sections": ["a"]}
    broken.write_text(json.dumps({"topics": [topic, topic]}, indent=2), encoding="utf-8")
    rules = [problem.rule for problem in load_manifest(broken).problems]
    assert rules == ["topics.duplicate-id"]
    broken.write_text('{"topics": [{"id": "Bad Id", "required": "yes"}]}', encoding="utf-8")
    rules = sorted(problem.rule for problem in load_manifest(broken).problems)
    assert rules == ["topics.format", "topics.missing-key", "topics.missing-key", "topics.type"]
    broken.write_text('{"topics": [', encoding="utf-8")
    assert [p.rule for p in load_manifest(broken).problems] == ["topics.syntax"]


def test_the_example_and_a_real_clinic_file_are_valid() -> None:
    schema = load("clinic.schema.json")
    assert errors("clinic.schema.json", schema["examples"][0]) == []
    assert errors("clinic.schema.json", yaml.safe_load(ROOT_CLINIC.read_text())) == []
    assert schema["examples"][0] == yaml.safe_load(ROOT_CLINIC.read_text())


def test_crisis_and_missed_weeks_defaults_are_documented() -> None:
    schema = load("clinic.schema.json")
    crisis = schema["properties"]["crisis"]["properties"]
    assert crisis["phone"]["default"] == crisis["text"]["default"] == "988"
    assert crisis["emergency_number"]["default"] == "911"
    assert crisis["chat_url"]["default"] == "https://988lifeline.org/chat"
    assert (
        "988" in crisis["phone"]["description"]
        and "911" in schema["properties"]["crisis"]["description"]
    )
    weeks = schema["properties"]["program"]["properties"]["missed_weeks_in_a_row"]
    assert (weeks["default"], weeks["minimum"], weeks["maximum"]) == (4, 1, 12)


def with_value(path: str, value: object) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(load("clinic.schema.json")["examples"][0])
    *parents, key = path.split(".")
    block = data
    for parent in parents:
        block = block[parent]
    block[key] = value
    return data


CLINIC_VALUES = [
    ("clinic.phone", "(555) 010-0100", True),
    ("clinic.phone", "+1 555.010.0100", True),
    ("crisis.phone", "988", True),
    ("crisis.phone", 988, False),
    ("crisis.phone", "12", False),
    ("clinic.phone", "call us", False),
    ("clinic.email", "intake@example.org", True),
    ("clinic.email", "intake@localhost", False),
    ("clinic.email", "intake example.org", False),
    ("clinic.privacy_notice_url", "https://example.org/privacy?x=1#top", True),
    ("clinic.privacy_notice_url", "http://example.org/privacy", False),
    ("clinic.privacy_notice_url", "javascript:alert(1)", False),
    ("clinic.privacy_notice_url", "example.org/privacy", False),
    ("coaching.opens", 0, True),
    ("coaching.closes", 24, True),
    ("coaching.closes", 17.75, True),
    ("coaching.closes", 17.3, False),
    ("coaching.closes", 24.25, False),
    ("coaching.closes", "17", False),
    ("coaching.closes", True, False),
    ("coaching.response_minutes", 0, False),
    ("program.missed_weeks_in_a_row", 13, False),
    ("program.length_months", 12.5, False),
    ("program.skills_group.starts", "6:00 pm", True),
    ("program.skills_group.starts", "18:30", True),
    ("program.skills_group.starts", "noon", True),
    ("program.skills_group.starts", "6 p.m.", True),
    ("program.skills_group.starts", "evening", False),
    ("site.language", "en", True),
    ("site.language", "pt-BR", True),
    ("site.language", "zh_Hant_TW", True),
    ("site.language", "English", False),
    ("clinic.name", "A & B Clinic, Inc.", True),
    ("clinic.name", "Clinic <b>", False),
    ("clinic.name", "Clinic [one]", False),
    ("clinic.name", "Clinic {{x}}", False),
    ("clinic.name", "   ", False),
    ("clinic.address", "see http://example.org", False),
    ("clinic.address", "JavaScript: alert(1)", False),
    ("coaching.uses_24_hour_rule", "no", False),
]


@pytest.mark.parametrize(("path", "value", "valid"), CLINIC_VALUES)
def test_clinic_values(path: str, value: object, valid: bool) -> None:
    found = errors("clinic.schema.json", with_value(path, value))
    assert found == ([] if valid else [path] * len(found)) and bool(found) != valid, found


PAGE = {
    "topic": "safety",
    "title": "Staying safe",
    "audience": "client",
    "summary": "How we work together on safety, your crisis plan, and where to get help.",
    "last_reviewed": "2026-11-20",
    "reviewed_by": "Clinical director",
}


@pytest.mark.parametrize(
    ("key", "value", "valid"),
    [
        ("reading_minutes", 5, True),
        ("reading_minutes", 0, False),
        ("reading_minutes", 31, False),
        ("audience", "trainer", True),
        ("audience", "everyone", False),
        ("topic", "Safety Page", False),
        ("summary", "Too short.", False),
        ("summary", "x" * 201, False),
        ("summary", "One sentence, e.g. this one, is fine.", True),
        ("summary", "One sentence here. Then a second one.", False),
        ("last_reviewed", "2026-02-30", False),
        ("last_reviewed", "2026-11-20T10:00:00", False),
        ("title", "Safety <em>first</em>", False),
        ("color", "blue", False),
    ],
)
def test_page_values(key: str, value: object, valid: bool) -> None:
    assert (errors("page.schema.json", {**PAGE, key: value}) == []) == valid


def test_a_page_needs_every_required_key() -> None:
    assert errors("page.schema.json", PAGE) == []
    for key in PAGE:
        partial = {k: v for k, v in PAGE.items() if k != key}
        assert errors("page.schema.json", partial) == [""], key

"""Safe-messaging words: every rule of schemas/safe-wording.json catches its unsafe wording
and lets the safe one through, in each language; pages and catalogs report it at the
right line; the real pages pass."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from jsonschema import Draft202012Validator

from build_tools.validation import wording
from build_tools.validation.markdown_lines import classify
from build_tools.validation.validate import main
from conftest import REPO, ROOTS

TABLE = json.loads((REPO / "schemas" / "safe-wording.json").read_text(encoding="utf-8"))
SCHEMA = json.loads((REPO / "schemas" / "safe-wording.schema.json").read_text(encoding="utf-8"))

# Written here, not taken from the table: per rule, a sentence it must stop and the safe
# sentence a writer would use instead (which no rule may stop).
EXAMPLES: dict[str, tuple[str, str]] = {
    "commit-suicide": ("Her brother committed suicide last year.", "Her brother died by suicide."),
    "completed-suicide": ("He completed suicide in May.", "He died by suicide in May."),
    "successful-attempt": ("It was a successful attempt.", "She died by suicide."),
    "failed-attempt": (
        "After a failed suicide attempt, he came to DBT.",
        "He survived an attempt.",
    ),
    "suicide-epidemic": ("There is a suicide epidemic.", "Suicide rates are rising."),
    "no-suicide-contract": ("You will sign a no-suicide contract.", "You make a crisis plan."),
    "promise-to-stay-safe": ("You must promise to stay safe.", "Tell us how strong the urges are."),
    "method-overdose": ("If you overdosed, call now.", "If you took something, call now."),
    "method-hanging": ("Thoughts of hanging yourself", "Thoughts of suicide"),
    "method-cutting": ("Urges to cut yourself", "Urges to self-harm"),
    "method-weapons-and-means": ("Lock away any guns and pills.", "Make your space safer."),
    "attention-seeking": ("Self-harm is not attention-seeking.", "Self-harm is a sign of pain."),
    "cometer-suicidio": ("Su hermano cometió suicidio.", "Su hermano murió por suicidio."),
    "suicidio-exitoso": ("Fue un suicidio consumado.", "Murió por suicidio."),
    "intento-fallido": ("Tras un intento fallido, llegó a DBT.", "Sobrevivió a un intento."),
    "epidemia-de-suicidios": ("Hay una epidemia de suicidios.", "Los suicidios aumentan."),
    "contrato-de-no-suicidio": ("Firmará un contrato de no suicidio.", "Hará un plan para crisis."),
    "prometer-estar-a-salvo": ("Debe prometer que se mantendrá a salvo.", "Díganos qué siente."),
    "metodo-sobredosis": ("Si tomó una sobredosis, llame.", "Si tomó algo, llame."),
    "metodo-ahorcarse": ("Pensó en ahorcarse.", "Pensó en el suicidio."),
    "metodo-cortarse": ("Tenía ganas de cortarse las venas.", "Tenía ganas de hacerse daño."),
    "metodo-armas-y-medios": ("Guarde las armas de fuego.", "Haga su espacio más seguro."),
    "busca-atencion": ("No lo hace para llamar la atención.", "Es una señal de dolor."),
}


def test_the_table_follows_its_schema_and_its_patterns_compile() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert not list(Draft202012Validator(SCHEMA).iter_errors(TABLE))
    ids = [rule["id"] for rule in TABLE["rules"]]
    assert len(ids) == len(set(ids))
    assert {rule["language"] for rule in TABLE["rules"]} == {"en", "es"}
    assert all(wording.rules(code) for code in ("en", "es", "es-MX"))


def test_every_rule_has_an_example_here() -> None:
    assert set(EXAMPLES) == {rule["id"] for rule in TABLE["rules"]}


def language_of(rule_id: str) -> str:
    return next(rule["language"] for rule in TABLE["rules"] if rule["id"] == rule_id)


@pytest.mark.parametrize("rule_id", sorted(EXAMPLES))
def test_each_rule_stops_its_wording_and_says_what_to_use(rule_id: str) -> None:
    unsafe, safe = EXAMPLES[rule_id]
    language = language_of(rule_id)
    found = wording.check_text(Path("page.md"), 7, unsafe, language)
    instead = next(rule["instead"] for rule in TABLE["rules"] if rule["id"] == rule_id)
    assert any(f'use "{instead}" instead' in p.message for p in found), found
    assert all(p.rule == "safety.wording" and p.line == 7 for p in found)
    assert wording.check_text(Path("page.md"), 7, safe, language) == []


def test_a_rule_of_one_language_does_not_judge_another() -> None:
    assert wording.check_text(Path("x.po"), 1, "He committed suicide.", "es") == []
    assert wording.check_text(Path("x.md"), 1, "Cometió suicidio.", "en") == []


def test_poison_control_and_medical_help_are_not_method_words() -> None:
    for text, language in (
        ("Call Poison Control if you took something, even if you feel fine.", "en"),
        ("Llame al Centro de Toxicología y busque atención médica.", "es"),
    ):
        assert wording.check_text(Path("x"), 1, text, language) == []


def test_a_phrase_broken_over_two_lines_is_found_on_its_first_line() -> None:
    body = (
        "# Title\n\nSome text here.\nHer brother committed\nsuicide.\n\n```\ncommit suicide\n```\n"
    )
    found = wording.check_lines(Path("p.md"), classify(body.splitlines(), 10), "en")
    assert [(p.line, p.rule) for p in found] == [(13, "safety.wording")], found


# --- through make validate -------------------------------------------------------------


def run(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--content", str(root)])
    out, err = capsys.readouterr()
    return code, out + err


def test_a_client_page_is_reported_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "root"
    shutil.copytree(ROOTS / "validate-valid", root)
    page = root / "safety.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    at = len(lines) + 1
    page.write_text("\n".join([*lines, "", "Ask them to agree to stay safe."]) + "\n")
    code, out = run(root, capsys)
    assert code == 1
    expected = f'safety.md:{at + 1}: [safety.wording] "agree to stay safe": '
    assert expected in out and 'use "tell us how strong the urges are" instead' in out, out


def test_a_trainer_page_may_name_what_not_to_say(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "root"
    shutil.copytree(ROOTS / "validate-valid", root)
    page = root / "trainer-notes.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNever ask for a no-suicide contract.\n")
    code, out = run(root, capsys)
    assert code == 0, out


def test_a_translation_is_reported_at_its_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "root"
    shutil.copytree(ROOTS / "translated", root)
    po = next((root / "locales" / "es" / "LC_MESSAGES").rglob("*.po"))
    with po.open("rb") as handle:
        catalog = read_po(handle)
    message = next(m for m in catalog if m.id and m.string)
    message.string = f"{message.string} Su hermano cometió suicidio."
    with po.open("wb") as handle:
        write_po(handle, catalog)
    with po.open("rb") as handle:
        line = next(m.lineno for m in read_po(handle) if m.id == message.id)
    code, out = run(root, capsys)
    assert code == 1
    assert f'{po.name}:{line}: [safety.wording] "cometió suicidio"' in out, out
    assert 'use "murió por suicidio" instead' in out


def test_the_real_pages_and_catalogs_pass(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(REPO / "content", capsys)
    assert "safety.wording" not in out
    assert code == 0, out

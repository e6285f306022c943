"""The Spanish edition: clinic words per language, the tool's catalog, the translation
checks (before and during the build), and the built pages.

tests/roots/translated is a one-page site with a Spanish catalog; the site from
content/ is built in both languages once per session (conftest.edition_site).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po, write_po
from playwright.sync_api import Page, expect

from browser_checks import tick_every_box
from build_tools import clinic
from build_tools.languages import catalog as tool_catalog
from build_tools.languages.page import language_name
from build_tools.languages.settings import settings_for
from build_tools.languages.tool_messages import extracted
from build_tools.validation.translation_check import check_translations
from conftest import REPO, ROOTS, client_site, run_build
from html_tree import parse
from site_crawl import discover_pages, page_language

SETTINGS = clinic.load_clinic(REPO / "content" / "clinic.yaml")
SPANISH = settings_for(SETTINGS, "es")
TRANSLATED = ROOTS / "translated"
NO_VALIDATION = "dbt_validate=0"
FIELD = re.compile(r"\{\w+\}")


def spanish_pages() -> list[str]:
    return [p for p in discover_pages(client_site()) if page_language(p)[0] == "es"]


# --- the clinic's words, in Spanish ---------------------------------------------------


def test_spanish_times_durations_and_hours_read_naturally() -> None:
    assert clinic.clock(9, "es") == "9 de la mañana"
    assert clinic.clock(18, "es") == "6 de la tarde"
    assert clinic.clock(21, "es") == "9 de la noche"
    assert clinic.clock(17.5, "es") == "5:30 de la tarde"
    assert clinic.clock(12, "es") == "mediodía"
    assert clinic.clock(9) == "9 am" and clinic.clock(17.5) == "5:30 pm"
    assert clinic.duration_minutes(60, "es") == "1 hora"
    assert clinic.duration_minutes(120, "es") == "2 horas"
    assert clinic.duration_minutes(50, "es") == "50 minutos"
    assert clinic.months(12, "es") == "12 meses" and clinic.months(1, "es") == "1 mes"
    assert clinic.number_word(4, "es") == "cuatro"
    assert clinic.time_of_day("6:00 pm") == 18 and clinic.time_of_day("18:30") == 18.5


def test_spanish_values_come_from_the_translations_section() -> None:
    values = clinic.substitutions(SPANISH, "es")
    assert values["office_hours"] == "de lunes a viernes, de 9 de la mañana a 5 de la tarde"
    assert values["group_day"] == "martes" and values["group_time"] == "6 de la tarde"
    assert values["crisis_name"] == "Línea 988 de Prevención del Suicidio y Crisis"
    # The Spanish line's options, wherever a page names the number.
    assert values["crisis_phone"] == "[988](tel:988) (luego marque el 2)"
    assert values["crisis_text"] == "[988](sms:988?body=AYUDA) (escriba AYUDA)"
    # Numbers and contacts are shared: the same in both languages.
    english = clinic.substitutions(SETTINGS)
    for shared in ("clinic_phone", "clinic_email", "coaching_phone", "emergency_number"):
        assert values[shared] == english[shared]
    assert SPANISH["clinic"]["phone"] == SETTINGS["clinic"]["phone"]


def test_reply_times_read_as_working_days_in_both_languages() -> None:
    office = {"opens": 9, "closes": 17}
    assert clinic.working_time(8, office) == "1 working day"
    assert clinic.working_time(24, office) == "3 working days"
    assert clinic.working_time(4, office) == "4 office hours"
    assert clinic.working_time(16, office, "es") == "2 días hábiles"
    assert clinic.working_time(1, office, "es") == "1 hora de oficina"


def test_a_language_named_inside_a_sentence_keeps_its_own_case() -> None:
    # A language link names the language in itself; a record's note names it mid-sentence.
    assert language_name("es") == "Español" and language_name("en") == "English"
    assert language_name("en", "es") == "inglés"
    assert language_name("es", "en") == "Spanish"


def test_a_translation_says_which_care_is_in_its_language() -> None:
    assert "translated_edition" not in clinic.tags(SETTINGS)
    tags = clinic.tags(SPANISH, translated=True)
    offered = SPANISH["offered_in_this_language"]
    for tag, key in clinic.LANGUAGE_TAGS.items():
        assert (tag in tags) is bool(offered.get(key)), tag
    # content/clinic.yaml offers some care in Spanish and not the rest: both ways built.
    assert {bool(v) for v in offered.values()} == {True, False}
    none_offered = clinic.tags({**SPANISH, "offered_in_this_language": {}}, translated=True)
    assert not none_offered & set(clinic.LANGUAGE_TAGS)
    assert "translated_edition" in none_offered


def test_the_spanish_home_page_says_what_is_offered_in_spanish() -> None:
    site = client_site()
    spanish = html.unescape((site / "es" / "index.html").read_text(encoding="utf-8"))
    english = html.unescape((site / "index.html").read_text(encoding="utf-8"))
    offered = SPANISH["offered_in_this_language"]
    said = {
        "sessions": (
            "Sus sesiones con su terapeuta pueden ser en español.",
            "Sus sesiones con su terapeuta son en inglés.",
        ),
        "skills_group": (
            "Hay un grupo de habilidades en español.",
            "El grupo de habilidades es en inglés.",
        ),
        "coaching": (
            "El apoyo por teléfono puede ser en español.",
            "El apoyo por teléfono es en inglés.",
        ),
    }
    for key, (yes, no) in said.items():
        assert (yes in spanish) is bool(offered.get(key)), key
        assert (no in spanish) is not bool(offered.get(key)), key
    assert "interpreter" not in english and "language of this page" not in english


# --- the tool's own words --------------------------------------------------------------


def tool_catalogs() -> list[Path]:
    return sorted(tool_catalog.LOCALE.glob("*/LC_MESSAGES/dbt.po"))


@pytest.mark.parametrize("po", tool_catalogs(), ids=lambda p: p.parts[-3])
def test_every_tool_message_is_translated_with_the_same_fields(po: Path) -> None:
    """The banner, checklist, record and script words: a new message fails here until
    it is translated (python -m build_tools.languages.tool_messages adds it)."""
    with po.open("rb") as handle:
        translated = read_po(handle)
    for message in extracted():
        if not message.id:
            continue
        found = translated.get(message.id, context=message.context)
        assert found is not None, f"{po}: {message.id!r} is missing"
        assert found.string and not found.fuzzy, f"{po}: {message.id!r} is not translated"
        strings = found.string if isinstance(found.string, tuple) else (found.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for string in strings:
            assert sorted(FIELD.findall(string)) == sorted(FIELD.findall(ids[-1])), string


def test_the_script_never_carries_its_own_words() -> None:
    """Every string the client reads comes from the page's JSON catalog."""
    for name in ("ack.js", "ack-state.js"):
        source = (REPO / "build_tools" / "acknowledgment" / "static" / name).read_text()
        code = re.sub(r"//.*|/\*.*?\*/", "", source, flags=re.S)
        literals = re.findall(r'"([^"\\]*)"|`([^`]*)`', code)
        words = [a or b for a, b in literals if re.search(r"[A-Z][a-z]+ [a-z]+", a or b)]
        assert words == [], f"{name} writes words of its own: {words}"


# --- checks before the build ------------------------------------------------------------


def checked(root: Path) -> list[str]:
    settings = clinic.load_clinic(root / "clinic.yaml")
    problems, _ = check_translations(
        root, root / "clinic.yaml", settings, [root / "index.md"], min_ease=55
    )
    return [str(p) for p in problems]


def edited_copy(tmp_path: Path, change: Callable[[Any], None]) -> Path:
    root = tmp_path / "translated"
    shutil.copytree(TRANSLATED, root, ignore=shutil.ignore_patterns("*.mo"))
    po = root / "locales" / "es" / "LC_MESSAGES" / "index.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    change(catalog)
    with po.open("wb") as handle:
        write_po(handle, catalog, width=76)
    return root


def message(catalog: Any, start: str) -> Any:
    return next(m for m in catalog if isinstance(m.id, str) and m.id.startswith(start))


def test_the_translated_root_passes_its_checks() -> None:
    assert checked(TRANSLATED) == []


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        (lambda c: setattr(message(c, "I will come"), "string", ""), "translation.missing"),
        (lambda c: message(c, "I will come").flags.add("fuzzy"), "translation.fuzzy"),
        (
            lambda c: setattr(message(c, "Call"), "string", "Llame al {{clinc_phone}}."),
            "translation.markup",
        ),
    ],
    ids=["untranslated", "fuzzy", "misspelt-substitution"],
)
def test_a_bad_message_is_reported_at_its_catalog_line(
    tmp_path: Path, change: Callable[[Any], None], rule: str
) -> None:
    root = edited_copy(tmp_path, change)
    (problem,) = checked(root)
    assert re.match(rf".*index\.po:\d+: \[{re.escape(rule)}\] ", problem), problem


def test_a_missing_catalog_and_missing_words_are_reported(tmp_path: Path) -> None:
    root = edited_copy(tmp_path, lambda c: None)
    (root / "locales" / "es" / "LC_MESSAGES" / "index.po").unlink()
    text = (root / "clinic.yaml").read_text()
    (root / "clinic.yaml").write_text(text[: text.index("\ntranslations:")] + "\n")
    rules = sorted(re.findall(r"\[([\w.-]+)\]", " ".join(checked(root))))
    assert rules == ["clinic.translation-words", "translation.no-catalog"]


def test_hard_spanish_fails_the_reading_ease_limit(tmp_path: Path) -> None:
    hard = (
        "La implementación institucional de procedimientos terapéuticos multidimensionales "
        "requiere consideraciones epistemológicas extraordinariamente pormenorizadas."
    )
    root = edited_copy(
        tmp_path,
        lambda c: [
            setattr(m, "string", hard)
            for m in c
            if isinstance(m.id, str) and m.id and "{{" not in m.id
        ],
    )
    assert any("[readability.ease]" in p for p in checked(root))


# --- the build itself --------------------------------------------------------------------


def test_one_untranslated_message_fails_the_build(tmp_path: Path) -> None:
    """A message the catalog lacks (the page changed after make gettext): the build stops
    at the page's line, and leaves no site behind."""
    root = edited_copy(tmp_path, lambda c: None)
    page = root / "index.md"
    page.write_text(page.read_text().replace("if you cannot come.", "if you cannot come today."))
    code, printed = run_build(
        root, tmp_path / "out", (NO_VALIDATION, "dbt_language=es", "dbt_clinic_file=clinic.yaml")
    )
    assert code != 0
    assert re.search(
        r"index\.md:12: WARNING: no es translation for 'Call \{\{clinic_phone", printed
    )
    assert "locales/es/LC_MESSAGES/index.po" in printed
    assert not (tmp_path / "out").exists()


def test_one_fuzzy_message_fails_the_build(tmp_path: Path) -> None:
    root = edited_copy(tmp_path, lambda c: message(c, "I will come").flags.add("fuzzy"))
    code, printed = run_build(
        root, tmp_path / "out", (NO_VALIDATION, "dbt_language=es", "dbt_clinic_file=clinic.yaml")
    )
    assert code != 0 and "no es translation for 'I will come to every session" in printed


def test_a_language_the_clinic_does_not_enable_stops_the_build(tmp_path: Path) -> None:
    code, printed = run_build(TRANSLATED, tmp_path / "out", (NO_VALIDATION, "dbt_language=fr"))
    assert code != 0 and "[config.language] there is no 'fr' edition" in printed


def test_the_translated_root_builds_with_its_words(
    build_root: Callable[..., Path],
) -> None:
    out = build_root("translated", overrides=(NO_VALIDATION, "dbt_language=es"))
    page = (out / "index.html").read_text()
    assert '<html class="no-js" lang="es"' in page
    assert "Vendré a todas las sesiones que pueda." in page
    assert "de lunes a viernes, de 9 de la mañana a 5 de la tarde" in page
    assert 'content="Un sitio pequeño con traducción al español' in page
    english = (build_root("translated", overrides=(NO_VALIDATION,)) / "index.html").read_text()
    boxes = re.compile(r'data-ack-item="([^"]+)" data-ack-hash="(\w+)" data-ack-source="(\w+)"')
    spanish_boxes, english_boxes = boxes.findall(page), boxes.findall(english)
    assert len(spanish_boxes) == len(english_boxes) == 2
    for (key_es, hash_es, source_es), (key_en, hash_en, source_en) in zip(
        spanish_boxes, english_boxes, strict=True
    ):
        # Same statement, same source hash; different words, different hash.
        assert key_es == key_en and source_es == source_en and hash_es != hash_en


# --- the Spanish edition of content/ -----------------------------------------------------

FURO_ENGLISH = ("Skip to content", "Back to top", "Color theme", "On this page", "Light mode")


@pytest.mark.parametrize("spanish_page", spanish_pages())
def test_every_spanish_page_is_spanish(spanish_page: str) -> None:
    text = (client_site() / spanish_page).read_text(encoding="utf-8")
    assert re.search(r'<html [^>]*lang="es"', text)
    assert not [w for w in FURO_ENGLISH if w in text], "furo words left in English"
    banner = text[text.index('class="dbt-crisis"') : text.index("</section>")]
    visible = html.unescape(re.sub(r"<[^>]+>", "", banner))
    assert "¿Necesita ayuda ahora?" in visible and "marque el 2" in visible
    assert "AYUDA" in visible and "Línea 988 de Prevención del Suicidio y Crisis" in visible
    assert 'href="https://988lineadevida.org/"' in banner
    assert 'href="sms:988?body=AYUDA"' in banner


@pytest.mark.parametrize("any_page", discover_pages(client_site()))
def test_the_language_link_lands_on_the_same_page(any_page: str) -> None:
    site, site_page = client_site(), any_page
    text = (site / site_page).read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" lang="(\w+)">([^<]+)</a>', text)
    language, page = page_language(site_page)
    (href, hreflang, lang, name), *more = links
    assert not more and hreflang == lang
    assert (hreflang, name) == (("en", "English") if language else ("es", "Español"))
    target = (site / site_page).parent / href
    assert target.resolve() == (site / ("" if language else "es") / page).resolve()
    assert target.is_file()


def test_the_spanish_summary_records_the_language_read() -> None:
    text = (client_site() / "es" / "acknowledge.html").read_text(encoding="utf-8")
    assert 'Idioma: <span data-ack-language="es">Español</span>' in text
    assert "Mis acuerdos del tratamiento" in text and "Imprimir o guardar como PDF" in text


# --- in the browser ----------------------------------------------------------------------

BOXES = "input[data-ack-item]"


@pytest.mark.browser
def test_switching_language_by_keyboard_keeps_the_page_and_the_answers(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "agreements/attendance.html")
    page.locator(BOXES).first.check()
    page.reload()  # start from the top of the page, as a keyboard user arrives
    # The language link comes early: right after the crisis banner's links.
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hreflang") == "es":
            break
    else:
        raise AssertionError("the language link is out of keyboard reach")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "es/agreements/attendance.html")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_text("Venir a las sesiones")
    # The tick given in English still counts, and says where it was given.
    expect(page.locator(BOXES).first).to_be_checked()
    total = page.locator(BOXES).count()
    expect(page.locator("[data-ack-progress]").first).to_contain_text(f"1 de {total} aceptados")
    page.goto(site_url + "es/acknowledge.html")
    expect(page.get_by_text("Aceptado cuando lo leyó en inglés").first).to_be_visible()
    # And back: the same page in English.
    page.get_by_role("link", name="English").click()
    page.wait_for_url(site_url + "acknowledge.html")


@pytest.mark.browser
def test_a_spanish_checklist_completes_and_prints_a_spanish_record(
    page: Page, site_url: str
) -> None:
    base = site_url + "es/"
    page.goto(base + "acknowledge.html")
    data = json.loads(page.locator("#dbt-ack-data").text_content() or "")
    assert data["language"] == "es"
    for topic in data["topics"]:
        page.goto(base + topic["uri"])
        total = tick_every_box(page, BOXES)
        expect(page.locator("[data-ack-progress]").first).to_contain_text(
            f"{total} de {total} aceptados"
        )
    page.goto(base + "acknowledge.html")
    page.get_by_label("Su nombre (si quiere)").fill("Ana Ejemplo")
    page.emulate_media(media="print")
    record = page.locator("[data-ack-record]")
    expect(record).to_be_visible()
    text = record.inner_text()
    assert "Mis acuerdos del tratamiento" in text and "Idioma: Español" in text
    assert f"Edición: {data['edition']}" in text
    assert "Sin marcar" not in text and "Aceptado" in text
    assert re.search(r"Hecho el .*\d", text)
    page.emulate_media(media="screen")
    with page.expect_download() as info:
        page.get_by_role("button", name="Descargar una copia").click()
    download = info.value
    assert download.suggested_filename == "mis-acuerdos-del-tratamiento.txt"
    saved = Path(download.path()).read_text(encoding="utf-8")
    assert "Su nombre (si quiere): Ana Ejemplo" in saved and "Idioma: Español" in saved
    assert not re.search(r"^\[ \] ", saved, re.M) and "[x] Vendré" in saved


# A sentence ends at . ! or ? before a capital (Spanish "p. m." and "a. m." do not end one).
SENTENCE_END = re.compile(r"[.!?]\s+[¿¡\"“]?[A-ZÁÉÍÓÚÑ]")


def statements(page: Path) -> dict[str, str]:
    return {
        str(label.attrs["for"]): label.text()
        for label in parse(page).find_all("label", class_="dbt-ack__label")
    }


def test_each_translated_statement_keeps_its_sentences() -> None:
    """A commitment stays a commitment. "I know coaching is not an emergency service. If
    I am in danger, I will call..." once came back in Spanish as one sentence under "I
    know" ("Sé que..., y que si estoy en peligro, llamaré..."): what the client will do
    became something they only know. Each ticked statement keeps its sentences."""
    site = client_site()
    compared = 0
    for english in sorted((site / "agreements").glob("*.html")):
        source, translated = (
            statements(english),
            statements(site / "es" / "agreements" / english.name),
        )
        assert source.keys() == translated.keys(), english.name
        for key, text in source.items():
            count = len(SENTENCE_END.findall(text))
            assert len(SENTENCE_END.findall(translated[key])) == count, (
                f"{english.name} {key}: {count + 1} sentence(s) in English, not in Spanish:\n"
                f"  {text}\n  {translated[key]}"
            )
            compared += 1
    assert compared >= 40

"""Consistency a clinician signs for: every link to another page says that page's title
(in both languages), the pages use US spelling, and the crisis plan has one name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from conftest import REPO

CONTENT = REPO / "content"
CATALOGS = CONTENT / "locales" / "es" / "LC_MESSAGES"
LINK = re.compile(r"\[([^\]]+)\]\(([^)#\s]+\.md)\)")


def client_pages() -> list[Path]:
    return sorted(p for p in CONTENT.rglob("*.md") if "trainer" not in p.relative_to(CONTENT).parts)


def front_matter(path: Path) -> dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert isinstance(data, dict)
    return data


def translated(page: Path) -> dict[str, str]:
    catalog = CATALOGS / page.relative_to(CONTENT).with_suffix(".po")
    with catalog.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def body(page: Path) -> str:
    # Trainer-only notes may point at trainer modules; clients never see them.
    text = page.read_text(encoding="utf-8")
    return re.sub(r"::::\{only\} trainer.*?\n::::\n", "", text, flags=re.S)


@pytest.mark.parametrize("page", client_pages(), ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_every_link_to_a_page_says_its_title_in_both_languages(page: Path) -> None:
    spanish = translated(page)
    for text, target in LINK.findall(body(page)):
        linked = (page.parent / target).resolve()
        title = front_matter(linked)["title"]
        assert text == title, f"{page.name}: [{text}]({target}) should say {title!r}"
    spanish_title = {
        (page.parent / target).resolve(): translated((page.parent / target).resolve())[
            front_matter((page.parent / target).resolve())["title"]
        ]
        for _, target in LINK.findall(body(page))
    }
    for string in spanish.values():
        for text, target in LINK.findall(string):
            want = spanish_title[(page.parent / target).resolve()]
            assert text == want, f"{page.name} (es): [{text}]({target}) should say {want!r}"


# British spellings a writer might slip in; the pages are written in US English.
BRITISH = re.compile(
    r"\b(?:behaviours?|colours?|practis(?:e|es|ed|ing)|cancell(?:ed|ing)|organis(?:e|ed|ing)|"
    r"judgements?|centres?|programmes?|counsell(?:or|ors|ing)|favou?rite(?<=favourite)|"
    r"apologis(?:e|ed)|travell(?:ed|ing))\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("page", client_pages(), ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_client_pages_use_us_spelling_and_one_name_for_the_plan(page: Path) -> None:
    text = body(page)
    assert not BRITISH.findall(text), f"{page.name}: {BRITISH.findall(text)}"
    assert "safety plan" not in text.lower(), f"{page.name}: call it the crisis plan"
    for string in translated(page).values():
        assert "plan de seguridad" not in string.lower()

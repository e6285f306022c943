"""Every clinic value on the pages comes from clinic.yaml, never from the page text.

The pages of content/ are built a second time with tests/roots/second-clinic/clinic.yaml,
a clinic that differs from content/clinic.yaml in every field. Each value of the second
clinic must show on the built site, and none of the first clinic's values may be left
anywhere in it: a page that hard-codes a phone number, an hour or a count fails here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml

from build_tools import clinic
from conftest import REPO, ROOTS, run_build

CONTENT = REPO / "content"
FIRST_FILE = CONTENT / "clinic.yaml"
SECOND_FILE = ROOTS / "second-clinic" / "clinic.yaml"

# Words that only the 24-hour-rule text on the phone coaching page uses.
RULE_TEXT = "Our 24-hour rule"

# Each yes-or-no choice of clinic.yaml: words only its "yes" text shows, and words only
# its "no" text shows (None when "no" leaves the part out). The first and the second
# clinic choose differently, so every choice is built both ways.
OPTION_WORDS: dict[str, tuple[str, str | None]] = {
    "coaching.uses_24_hour_rule": (RULE_TEXT, "No waiting time"),
    "program.same_week_reschedule_is_not_a_miss": (
        "in the same week, and you come, that week is not missed",
        "that week counts as missed, even if you come on another day",
    ),
    "program.sent_home_from_group_is_a_miss": (
        "That week counts as a missed week of group.",
        "That week does not count as a missed week of group, since you came.",
    ),
    "care.bills_insurance": ("If you use health insurance", None),
    "care.records_sessions": (
        "We only record a session if you say yes in writing",
        "We do not record sessions.",
    ),
    "care.research": (
        "We may invite you to join a research study",
        "We do not ask our clients to take part in research",
    ),
    "care.trainees": ("Some of our therapists are still in training", None),
    "care.telehealth": (
        "At the start of each video session",
        "All sessions take place in person",
    ),
    "care.serves_minors": (
        "If you are under 18, your parent or guardian",
        "Our program is for adults, 18 and over.",
    ),
}


@dataclass(frozen=True)
class Shown:
    """How one setting shows on the built site: words a reader sees, and link targets."""

    text: tuple[str, ...] = ()
    hrefs: tuple[str, ...] = ()
    html_lang: str | None = None
    files: tuple[tuple[str, str], ...] = ()  # (file of the site, words it holds)


# What the second clinic must show, written out by hand (not computed by build_tools),
# one entry per field of clinic.yaml. Keep it in step with the second clinic file.
SECOND_SHOWN: dict[str, Shown] = {
    "clinic.name": Shown(text=("Harborview Skills Collective",)),
    "clinic.phone": Shown(text=("(555) 020-0202",), hrefs=("tel:5550200202",)),
    "clinic.email": Shown(
        text=("hello@harborview-skills.example.net",),
        hrefs=("mailto:hello@harborview-skills.example.net",),
    ),
    "clinic.address": Shown(text=("48 Sample Road, Unit 7, Lakeside, WA 98001",)),
    "clinic.office_hours.days": Shown(text=("Monday to Thursday, 8 am to 4 pm",)),
    "clinic.office_hours.opens": Shown(text=("Monday to Thursday, 8 am to 4 pm",)),
    "clinic.office_hours.closes": Shown(text=("Monday to Thursday, 8 am to 4 pm",)),
    "clinic.privacy_notice_url": Shown(
        text=("Harborview Skills Collective privacy notice",),
        hrefs=("https://harborview-skills.example.net/notice-of-privacy-practices",),
    ),
    "program.length_months": Shown(text=("lasts 6 months",)),
    "program.individual_session_minutes": Shown(text=("45 minutes",)),
    "program.cancellation_notice_hours": Shown(text=("at least 36 hours",)),
    "program.missed_weeks_in_a_row": Shown(text=("three weeks in a row",)),
    "program.same_week_reschedule_is_not_a_miss": Shown(
        text=(OPTION_WORDS["program.same_week_reschedule_is_not_a_miss"][1] or "",)
    ),
    "program.sent_home_from_group_is_a_miss": Shown(
        text=(OPTION_WORDS["program.sent_home_from_group_is_a_miss"][1] or "",)
    ),
    "program.skills_group.day": Shown(text=("every Wednesday",)),
    "program.skills_group.starts": Shown(text=("5:30 pm",)),
    "program.skills_group.length_minutes": Shown(text=("90 minutes",)),
    "coaching.phone": Shown(text=("(555) 020-0299",), hrefs=("tel:5550200299",)),
    "coaching.days": Shown(text=("Monday to Saturday, 7 am to 10 pm",)),
    "coaching.opens": Shown(text=("Monday to Saturday, 7 am to 10 pm",)),
    "coaching.closes": Shown(text=("Monday to Saturday, 7 am to 10 pm",)),
    "coaching.response_minutes": Shown(text=("30 minutes",)),
    "coaching.uses_24_hour_rule": Shown(text=(RULE_TEXT,)),
    # Counted in office hours: an 8-hour office day makes 40 hours five working days.
    "messages.voicemail_response_hours": Shown(text=("3 office hours",)),
    "messages.email_response_hours": Shown(text=("5 working days",)),
    "messages.text_response_hours": Shown(text=("2 office hours",)),
    "messages.text_phone": Shown(text=("(555) 020-0211",), hrefs=("sms:5550200211",)),
    "crisis.name": Shown(text=("Lakeside County Crisis Line",)),
    "crisis.phone": Shown(text=("1-800-555-0142",), hrefs=("tel:18005550142",)),
    "crisis.text": Shown(text=("(555) 020-0303",), hrefs=("sms:5550200303",)),
    "crisis.chat_url": Shown(
        text=("lakeside-crisis.example.org/chat",),
        hrefs=("https://lakeside-crisis.example.org/chat",),
    ),
    "crisis.emergency_number": Shown(text=("112",), hrefs=("tel:112",)),
    "crisis.poison_control": Shown(text=("1-800-555-0188",), hrefs=("tel:18005550188",)),
    # Not on any page: make html warns and make dist stops (tests/test_signoff.py).
    "clinical_review.review_every_months": Shown(),
    # The second clinic does not bill insurance: the option test checks it is left out.
    "care.bills_insurance": Shown(),
    "care.records_sessions": Shown(text=(OPTION_WORDS["care.records_sessions"][0],)),
    "care.research": Shown(text=(OPTION_WORDS["care.research"][0],)),
    "care.trainees": Shown(text=(OPTION_WORDS["care.trainees"][0],)),
    # In person only: the page gives the office's address.
    "care.telehealth": Shown(text=("All sessions take place in person, at 48 Sample Road",)),
    "care.serves_minors": Shown(text=(OPTION_WORDS["care.serves_minors"][0],)),
    "site.language": Shown(html_lang="en-GB"),
    "site.base_url": Shown(
        hrefs=("https://harborview-skills.example.net/welcome/agreements/safety.html",)
    ),
    "site.search_engines": Shown(
        files=(
            ("index.html", '<meta name="robots" content="noindex, nofollow">'),
            ("robots.txt", "Allow: /"),
        )
    ),
}


def leaves(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """('clinic.office_hours.days', 'Monday to Friday'), ... for every field."""
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from leaves(value, f"{path}.")
        else:
            yield path, value


def load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict)
    return data


FIRST = load(FIRST_FILE)
SECOND = load(SECOND_FILE)


def markdown_link(value: str) -> tuple[str, str | None]:
    """'[text](target)' -> ('text', 'target'); plain words -> (words, None)."""
    match = re.fullmatch(r"\[(.*)\]\((.*)\)", value)
    return (match.group(1), match.group(2)) if match else (value, None)


def contains(text: str, words: str) -> bool:
    """``words`` in ``text``, not as part of a longer word or number ('2 hours' is not in
    '12 hours'), whatever the spacing."""
    pattern = rf"(?<!\w){re.escape(' '.join(words.split()))}(?!\w)"
    return re.search(pattern, " ".join(text.split())) is not None


def first_clinic_shown(settings: Mapping[str, Any]) -> tuple[set[str], set[str]]:
    """Words and link targets the clinic in content/clinic.yaml puts on its pages.

    Worked out from the file (not written by hand), so this test keeps working when a
    clinic fills in its own settings.
    """
    words: set[str] = set()
    hrefs: set[str] = set()
    for value in clinic.substitutions(settings).values():
        text, target = markdown_link(value)
        words.add(text)
        if target:
            hrefs.add(target)
    for path, value in leaves(settings):
        # A translation's words are checked in that language (test_languages.py).
        if path.startswith(("site.", "translations.")) or not isinstance(value, str):
            continue
        if not value.startswith("https:"):
            words.add(value)
    # The office and coaching days alone ("every day") can be ordinary words; they are
    # covered by the rendered hours ("every day, 8 am to 9 pm") added above.
    words.discard(settings["clinic"]["office_hours"]["days"])
    words.discard(settings["coaching"]["days"])
    return words, hrefs


@dataclass
class Site:
    """A built site, read once: visible words, link targets, languages, raw files."""

    root: Path
    text: str = ""
    hrefs: set[str] = field(default_factory=set)
    langs: set[str] = field(default_factory=set)
    raw: dict[str, str] = field(default_factory=dict)
    skip: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        texts = []
        for path in sorted(self.root.rglob("*")):
            if not path.is_file() or path.relative_to(self.root).parts[0] in self.skip:
                continue
            relative = path.relative_to(self.root).as_posix()
            content = path.read_bytes().decode("utf-8", errors="ignore")
            # Sphinx hides e-mail addresses behind entities, %40 and <span>s: undo all.
            plain = html.unescape(re.sub(r"<[^>]*>", "", content))
            self.raw[relative] = unquote(f"{html.unescape(content)}\n{plain}")
            if path.suffix != ".html":
                continue
            self.langs.update(re.findall(r'<html[^>]*\blang="([^"]*)"', content))
            self.hrefs.update(
                unquote(html.unescape(h)) for h in re.findall(r'href="([^"]*)"', content)
            )
            body = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S)
            texts.append(html.unescape(re.sub(r"<[^>]*>", "", body)))
        # One space between words, so a value broken over two source lines still matches.
        self.text = " ".join(" ".join(texts).split())

    def shows(self, words: str) -> bool:
        """The words appear on some page, not as part of a longer word or number."""
        return contains(self.text, words)

    def files_with(self, words: str) -> list[str]:
        return [name for name, content in self.raw.items() if words in content]


@pytest.fixture(scope="module")
def second_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """content/ built with the second clinic's settings in place of the first's."""
    work = tmp_path_factory.mktemp("second-clinic")
    # One content folder, another clinic's settings: what `make html CLINIC=...` does.
    code, printed = run_build(CONTENT, work / "html", (f"dbt_clinic_file={SECOND_FILE}",))
    assert code == 0, f"content/ does not build with the second clinic:\n{printed}"
    return Site(work / "html")


@pytest.fixture(scope="module")
def first_site(built_site: Path) -> Site:
    """The English edition: the site's root without the translations' folders."""
    return Site(built_site, skip=tuple(FIRST["site"].get("translations", [])))


# --- the fixture itself --------------------------------------------------------------


def one_language(path: str) -> bool:
    """Fields of the pages' own language; the translations' are in test_languages.py."""
    return path != "site.translations" and not path.startswith("translations.")


def test_every_field_of_clinic_yaml_is_checked() -> None:
    fields = {path for path, _ in leaves(FIRST) if one_language(path)}
    assert fields == set(SECOND_SHOWN), (
        "Each field of content/clinic.yaml needs an entry in SECOND_SHOWN (and a value in "
        f"tests/roots/second-clinic/clinic.yaml). Missing: {sorted(fields - set(SECOND_SHOWN))}"
        f"; unknown: {sorted(set(SECOND_SHOWN) - fields)}"
    )
    assert {path for path, _ in leaves(SECOND) if one_language(path)} == fields


def test_the_second_clinic_differs_in_every_field() -> None:
    first = dict(leaves(FIRST))
    same = [path for path, value in leaves(SECOND) if first.get(path) == value]
    assert not same, f"tests/roots/second-clinic/clinic.yaml must change these fields: {same}"


def test_the_second_clinic_shows_none_of_the_first_clinics_words() -> None:
    """Otherwise a left-over value could hide behind a new one."""
    first_words, first_hrefs = first_clinic_shown(FIRST)
    for path, shown in SECOND_SHOWN.items():
        for words in shown.text:
            clash = [w for w in first_words if contains(words, w) or contains(w, words)]
            assert not clash, f"{path}: {words!r} overlaps the first clinic's {clash}"
        assert not set(shown.hrefs) & first_hrefs, path


# --- the default site ----------------------------------------------------------------


def test_the_default_site_shows_the_first_clinics_values(first_site: Site) -> None:
    words, hrefs = first_clinic_shown(FIRST)
    missing = sorted(w for w in words if not first_site.shows(w))
    assert not missing, f"values of content/clinic.yaml that no page shows: {missing}"
    assert hrefs <= first_site.hrefs, sorted(hrefs - first_site.hrefs)
    assert first_site.langs == {FIRST["site"]["language"]}


def test_search_engines_get_a_sitemap_of_every_page_at_the_base_url(built_site: Path) -> None:
    base = FIRST["site"]["base_url"]
    assert (built_site / "robots.txt").read_text() == (
        f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\nSitemap: {base}es/sitemap.xml\n"
    )
    assert not (built_site / "es" / "robots.txt").exists(), "only the root's is read"
    for folder in ("", "es/"):
        edition = built_site / folder
        listed = re.findall(r"<loc>([^<]+)</loc>", (edition / "sitemap.xml").read_text())
        pages = sorted(
            p.relative_to(edition).as_posix()
            for p in edition.rglob("*.html")
            if folder or p.relative_to(edition).parts[0] != "es"
        )
        assert listed == [base + folder + page for page in pages]
    page = (built_site / "agreements" / "safety.html").read_text()
    assert f'<link rel="canonical" href="{base}agreements/safety.html">' in page
    assert 'name="robots"' not in page


def test_a_clinic_that_opts_out_gets_noindex_and_no_sitemap(second_site: Site) -> None:
    assert "sitemap.xml" not in second_site.raw
    assert "Sitemap:" not in second_site.raw["robots.txt"]
    pages = [name for name in second_site.raw if name.endswith(".html")]
    assert all('content="noindex, nofollow"' in second_site.raw[name] for name in pages)


def choices_differ(name: str) -> bool:
    return bool(clinic.option(FIRST, name)) is not bool(clinic.option(SECOND, name))


@pytest.mark.parametrize("name", sorted(OPTION_WORDS))
def test_each_choice_is_built_both_ways(name: str) -> None:
    assert choices_differ(name), f"{name}: the second clinic must choose the other way"


@pytest.mark.parametrize("name", sorted(OPTION_WORDS))
def test_each_choice_shows_only_its_own_words(
    first_site: Site, second_site: Site, name: str
) -> None:
    yes, no = OPTION_WORDS[name]
    for site, settings in ((first_site, FIRST), (second_site, SECOND)):
        chosen = bool(clinic.option(settings, name))
        assert site.shows(yes) is chosen, f"{name}={chosen}: {yes!r}"
        if no is not None:
            assert site.shows(no) is not chosen, f"{name}={chosen}: {no!r}"


def test_every_choice_a_page_can_switch_has_words_here() -> None:
    assert set(clinic.TAGS.values()) == set(OPTION_WORDS)


# --- the second clinic ---------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(SECOND_SHOWN))
def test_each_second_clinic_value_is_shown(second_site: Site, path: str) -> None:
    shown = SECOND_SHOWN[path]
    for words in shown.text:
        assert second_site.shows(words), f"{path}: {words!r} is on no page"
    for href in shown.hrefs:
        assert href in second_site.hrefs, f"{path}: no link to {href!r}"
    if shown.html_lang:
        assert second_site.langs == {shown.html_lang}
    for name, words in shown.files:
        assert words in second_site.raw[name], f"{path}: {words!r} not in {name}"


def test_no_value_of_the_first_clinic_is_left(second_site: Site) -> None:
    words, hrefs = first_clinic_shown(FIRST)
    left = sorted(w for w in words if second_site.shows(w))
    assert not left, f"values of content/clinic.yaml still on the pages: {left}"
    assert not hrefs & second_site.hrefs, sorted(hrefs & second_site.hrefs)
    assert FIRST["site"]["language"] not in second_site.langs


def test_no_long_value_of_the_first_clinic_is_left_in_any_file(second_site: Site) -> None:
    """Names, e-mail, address and web addresses: not in titles, metadata or scripts either."""
    words, hrefs = first_clinic_shown(FIRST)
    distinctive = {w for w in words | hrefs if len(w) >= 8}
    found = {w: second_site.files_with(w) for w in sorted(distinctive)}
    assert not {w: files for w, files in found.items() if files}


def test_pages_spell_out_no_missed_weeks_count(second_site: Site) -> None:
    """The count is a word ("four"): pages must not write it, even outside the rule."""
    word = clinic.number_word(FIRST["program"]["missed_weeks_in_a_row"])
    assert not re.search(rf"\b{word}\b", second_site.text, flags=re.IGNORECASE)


# --- the page sources ----------------------------------------------------------------


RULE_NAME = re.compile(r"\bfour-miss\b", re.IGNORECASE)


def page_sources() -> list[Path]:
    return sorted(CONTENT.rglob("*.md"))


@pytest.mark.parametrize("page", page_sources(), ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_no_page_hard_codes_a_clinic_value(page: Path) -> None:
    """The quick check, with line numbers: write {{clinic_phone}}, never the number."""
    words, hrefs = first_clinic_shown(FIRST)
    found = []
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        line = re.sub(r"\{\{.*?\}\}", " ", line)
        # "The four-miss rule" is the rule's published name in DBT, which trainers must
        # recognize; the count a clinic uses is still always {{missed_weeks}}.
        line = RULE_NAME.sub(" ", line)
        found += [f"line {number}: {w!r}" for w in sorted(words | hrefs) if contains(line, w)]
    assert not found, f"{page.relative_to(REPO)} hard-codes clinic values: {found}"

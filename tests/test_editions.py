"""The two editions of content/: the client site holds no trainer word; the trainer site
holds every client page plus a module with knowledge checks for every agreement."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from build_tools.validation.markdown_lines import Kind, classify
from build_tools.validation.topic_check import load_manifest
from conftest import REPO, edition_site
from html_tree import parse
from site_crawl import discover_pages
from test_knowledge_check import every_file_text

CONTENT = REPO / "content"
TRAINER_PAGES = sorted((CONTENT / "trainer").glob("*.md"))
NOT_MODULES = {"trainer-guide", "trainer-record", "trainer-record-check"}
QUESTION = re.compile(r"^:{3,}\{knowledge-check\}\s+(.+?)\s*$", re.MULTILINE)


def front_matter(path: Path) -> dict[str, str]:
    data: dict[str, str] = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    return data


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def plain(text: str) -> str:
    """Markdown emphasis and links dropped, typographic quotes made straight, so a
    page's words compare with the built HTML's."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return " ".join(text.replace("**", "").replace("*", "").translate(QUOTES).split())


def words_of(text: str) -> str:
    """A built file's words: tags dropped, entities decoded, quotes made straight."""
    return plain(html.unescape(re.sub(r"<[^>]+>", " ", text)))


def markers(path: Path) -> list[str]:
    """Words only this trainer page has: its title, summary, every knowledge-check
    question and the opening of every model script."""
    text = path.read_text(encoding="utf-8")
    meta = front_matter(path)
    found = [meta["title"], meta["summary"], *QUESTION.findall(text)]
    body = text.split("---", 2)[2].splitlines()
    scripts = [
        line.lstrip("> ").strip() for line in body if line.startswith("> ") and "{{" not in line
    ]
    found += [s for s in scripts[:1] if len(s) > 30]
    return [plain(m) for m in found]


def trainer_only_sections() -> list[tuple[str, str]]:
    """(page, a sentence) from each ``{only} trainer`` block of a client page."""
    found = []
    for path in sorted(CONTENT.rglob("*.md")):
        if front_matter(path)["audience"] != "client":
            continue
        text = path.read_text(encoding="utf-8")
        body = text.split("---", 2)[2].splitlines()
        inside = 0
        for line in classify(body, 1):
            if line.opens == "only" and line.argument.strip() == "trainer":
                inside = len(line.directives) + 1
            elif inside and line.kind is Kind.PROSE and len(line.text.strip()) > 40:
                found.append((path.relative_to(CONTENT).as_posix(), plain(line.text)))
                inside = 0
    return found


@pytest.fixture(scope="module")
def client_files() -> dict[str, str]:
    return {name: words_of(text) for name, text in every_file_text(edition_site("client")).items()}


@pytest.fixture(scope="module")
def trainer_files() -> dict[str, str]:
    return {name: words_of(text) for name, text in every_file_text(edition_site("trainer")).items()}


@pytest.mark.parametrize("path", TRAINER_PAGES, ids=lambda p: p.name)
def test_no_word_of_a_trainer_page_is_in_any_file_of_the_client_site(
    path: Path, client_files: dict[str, str], trainer_files: dict[str, str]
) -> None:
    words = markers(path)
    assert len(words) >= 2, f"{path.name}: too few marker strings to prove anything"
    page = "trainer/" + path.with_suffix(".html").name
    for marker in words:
        assert marker in trainer_files[page], f"{marker!r} is not on {page}: a broken marker"
        leaks = [name for name, text in client_files.items() if marker in text]
        assert not leaks, f"{marker!r} from {path.name} is in the client site: {leaks}"


def test_trainer_only_sections_of_client_pages_stay_out_of_the_client_site(
    client_files: dict[str, str], trainer_files: dict[str, str]
) -> None:
    sections = trainer_only_sections()
    assert sections, "no client page has a trainer-only section to check"
    for page, sentence in sections:
        built = page.replace(".md", ".html")
        assert sentence in trainer_files[built], f"{sentence!r} missing from the trainer {built}"
        leaks = [name for name, text in client_files.items() if sentence in text]
        assert not leaks, f"{sentence!r} ({page}) is in the client site: {leaks}"


def test_the_trainer_edition_has_every_client_page_and_every_trainer_page() -> None:
    client = {p for p in discover_pages(edition_site("client")) if not p.startswith("es/")}
    trainer = set(discover_pages(edition_site("trainer")))
    modules = {f"trainer/{p.stem}.html" for p in TRAINER_PAGES}
    assert not client & modules
    # The paper booklet is for clients (site/booklet.py); the trainer edition has none.
    assert trainer == (client - {"booklet.html"}) | modules


def test_every_agreement_and_team_group_has_a_knowledge_check() -> None:
    """One module per client agreement, plus the therapist and team agreements."""
    manifest = load_manifest()
    wanted = {t.id for t in manifest.topics.values() if t.required and t.audience == "client"}
    wanted |= {"therapist-agreements", "consultation-team", "four-miss-rule"}
    counts: dict[str, int] = {}
    for path in TRAINER_PAGES:
        topic = front_matter(path)["topic"]
        counts[topic] = counts.get(topic, 0) + len(QUESTION.findall(path.read_text("utf-8")))
    print("knowledge checks per topic:", dict(sorted(counts.items())))
    missing = sorted(topic for topic in wanted if counts.get(topic, 0) < 1)
    assert not missing, f"no knowledge check for: {missing}"
    # Every module (not the guide or the record) has three checks or more, and the
    # modules a new therapist needs beyond the agreements are required trainer topics.
    thin = sorted(t for t, n in counts.items() if n < 3 and t not in NOT_MODULES)
    assert not thin, f"fewer than three knowledge checks in: {thin}"
    curriculum = {"dbt-model", "core-strategies", "suicide-risk", "skills-for-coaching"}
    curriculum.add("fidelity-and-team")
    required = {t.id for t in manifest.topics.values() if t.required and t.audience == "trainer"}
    assert curriculum <= required and curriculum <= set(counts)


def test_no_place_holds_the_right_answer_in_more_than_half_of_the_checks() -> None:
    """Read from the built pages, as a trainee meets them, not from the source."""
    site = edition_site("trainer")
    places: dict[int, int] = {}
    per_module: dict[str, int] = {}
    total = 0
    for page in sorted(discover_pages(site)):
        checks = parse(site / page).find_all("div", data_kc=True)
        if checks:
            per_module[page] = len(checks)
        for check in checks:
            total += 1
            inputs = check.find_all("input", data_kc_option=True)
            for place, box in enumerate(inputs, start=1):
                if box.has("data-kc-right"):
                    places[place] = places.get(place, 0) + 1
    print(f"{total} checks; right answer at each place: {dict(sorted(places.items()))}")
    print("checks per module:", per_module)
    assert total >= 45, "the edition's checks are missing from the built pages"
    crowded = {place: count for place, count in places.items() if count * 2 > total}
    assert not crowded, f"more than half of {total} checks have a right answer at {crowded}"


def test_the_right_answer_is_the_longest_option_in_at_most_half_of_the_checks() -> None:
    """Read from the built pages: the words of each option's label, as a trainee sees them."""
    site = edition_site("trainer")
    total = longest = 0
    for page in sorted(discover_pages(site)):
        for check in parse(site / page).find_all("div", data_kc=True):
            total += 1
            sizes = {True: 0, False: 0}
            for option in check.find_all("div", class_="dbt-kc__option"):
                (box,) = option.find_all("input", data_kc_option=True)
                (label,) = option.find_all("label")
                right = box.has("data-kc-right")
                sizes[right] = max(sizes[right], len(" ".join(label.text().split())))
            longest += sizes[True] >= sizes[False]
    print(f"{total} checks; the right answer is the longest option in {longest}")
    assert total >= 45, "the edition's checks are missing from the built pages"
    assert longest * 2 <= total, f"the right answer is the longest in {longest} of {total}"


def test_the_guide_lists_every_module_and_every_agreement_has_one() -> None:
    guide = parse(edition_site("trainer") / "trainer" / "guide.html")
    lists = [
        ul for ul in guide.find_all("ul") if "dbt-modules" in (ul.attrs.get("class") or "").split()
    ]
    linked = {a.attrs["href"] for ul in lists for a in ul.find_all("a")}
    modules = {f"{p.stem}.html" for p in TRAINER_PAGES if p.stem != "guide"}
    assert modules <= linked, f"missing from the guide: {sorted(modules - linked)}"
    agreements = {f"../agreements/{p.stem}.html" for p in (CONTENT / "agreements").glob("*.md")}
    assert agreements <= linked
    assert "no module yet" not in lists[0].text(), "an agreement of content/ has no module"


def test_the_trainer_edition_is_kept_out_of_search_engines() -> None:
    noindex = '<meta name="robots" content="noindex, nofollow">'
    trainer = edition_site("trainer")
    assert all(noindex in (trainer / p).read_text("utf-8") for p in discover_pages(trainer))
    client = edition_site("client")
    assert not any(noindex in (client / p).read_text("utf-8") for p in discover_pages(client))

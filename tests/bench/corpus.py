"""Generated sites for the build benchmarks: the real content plus N agreement-like pages.

Why the generated pages are trainer pages built in the trainer edition: the topic check
(build_tools/validation/topic_check.py) allows exactly one page per topic *for the topic's
own audience*, and every topic in schemas/topics.json already has its page. Extra
``audience: client`` pages would need topics that do not exist (or duplicate one), so the
only valid way to add a thousand pages without touching schemas/ is pages with
``audience: trainer`` on a client topic, which the check allows and the trainer edition
builds. content/trainer/ stays in: five required topics (trainer-guide, consultation-team...)
are trainer topics, and without their pages validation stops the build.

Acknowledgment ids are ``topic/id`` and each topic's statements belong to one page
(build_tools/acknowledgment/directives.py, check_consistency), so every generated id
carries its page number (``p123-come``); section labels are global, so they do too.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
TOPICS = REPO / "schemas" / "topics.json"
FOLDER_SIZE = 100
GENERATED = "generated"

# Plain sentences in the voice of the client pages; {{name}} are real clinic substitutions.
SENTENCES = (
    "Please come on time, and if you are late, come anyway.",
    "Part of a session is much better than none.",
    "If you cannot come, tell us at least {{cancellation_notice}} ahead.",
    "Call {{clinic_phone}} if no one answers, and leave a message.",
    "Write to {{clinic_email}} with your name and the session you will miss.",
    "Skills group meets every {{group_day}} at {{group_time}}.",
    "Each session with your therapist lasts {{session_length}}.",
    "The program lasts {{program_length}}, and each week builds on the last.",
    "Your therapist will work with you to get back on track.",
    "This rule is not a punishment, and it never comes as a surprise.",
    "Bring your diary card to every session with your therapist.",
    "Be honest on your card, because there are no wrong answers.",
    "A hard week on paper is something to work on, not something to hide.",
    "Coaching calls are short and help you use one skill right now.",
    "You can reach coaching at {{coaching_phone}}, {{coaching_hours}}.",
    "In a crisis, call {{crisis_phone}} or text {{crisis_text}} at any time.",
    "If you are in danger right now, call {{emergency_number}}.",
    "We answer voicemail within {{voicemail_response}} on working days.",
    "We are open {{office_hours}}, and you can ask us anything.",
    "What you say in group stays in group, and we ask the same of everyone.",
    "Try your homework, even if it feels silly or does not work at first.",
    "If something keeps getting in the way, tell your therapist.",
    "Missing {{missed_weeks}} weeks in a row ends the treatment agreement.",
    "When that time is over, you can talk with us about coming back.",
)


def client_topics() -> list[str]:
    """Client topics a trainer page may share (any client topic, required or not)."""
    data = json.loads(TOPICS.read_text(encoding="utf-8"))
    return [t["id"] for t in data["topics"] if t.get("audience", "client") == "client"]


def paragraph(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(count))


def page_text(number: int, topic: str, rng: random.Random) -> str:
    """One page shaped like content/agreements/*.md, about 600 words."""
    tag = f"p{number}"
    lines = [
        "---",
        f"topic: {topic}",
        f"title: Agreement notes {number}",
        "audience: trainer",
        f"summary: Generated page {number} for the build benchmark, shaped like an agreement.",
        "last_reviewed: 2026-11-23",
        "reviewed_by: Sam Rivera, Benchmark reviewer",
        "reading_minutes: 4",
        "---",
        "",
        f"# Agreement notes {number}",
        "",
        paragraph(rng, 4),
        "",
    ]
    for section in ("schedule", "cancel", "rule"):
        lines += [f"({tag}-{section})=", f"## About {section} ({number})", ""]
        lines += [paragraph(rng, 5), "", paragraph(rng, 4), ""]
    lines += ["## What this means for you", ""]
    lines += [f"- {rng.choice(SENTENCES)}" for _ in range(4)] + [""]
    lines += [":::{dropdown} What if I am too upset to come?", paragraph(rng, 3), ":::", ""]
    lines += [":::{dropdown} Does a cancelled session count as missed?", paragraph(rng, 3)]
    lines += [":::", "", "## Your agreement", "", paragraph(rng, 3), ""]
    statements = {
        "come": "I will come to my session and to skills group each week.",
        "cancel": "If I cannot come, I will tell you at least {{cancellation_notice}} ahead.",
        "rule": "I know that missing {{missed_weeks}} weeks in a row ends my agreement.",
        "ask": "I will ask {{clinic_name}} when something on this page is not clear.",
    }
    chosen = list(statements.items())[: 3 + number % 2]  # 3 or 4 statements, as on real pages
    lines += [":::{acknowledgment}"] + [f"- [{tag}-{key}] {text}" for key, text in chosen]
    lines += [":::", ""]
    return "\n".join(lines)


def generated_docnames(count: int) -> list[str]:
    return [f"{GENERATED}/part-{n // FOLDER_SIZE:02d}/page-{n:04d}" for n in range(count)]


def add_toctree(index: Path, docnames: list[str]) -> None:
    """List the generated pages in their own toctree, so every page is in the navigation."""
    if not docnames:
        return
    block = ["", "```{toctree}", ":caption: Generated pages", ":hidden:", "", *docnames, "```"]
    with index.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(block) + "\n")


TRANSLATIONS = re.compile(r"^  translations: \[[^\]]*\]\n", re.MULTILINE)


def one_language(root: Path) -> None:
    """The bench measures one language edition: generated pages have no translation."""
    settings = root / "clinic.yaml"
    settings.write_text(TRANSLATIONS.sub("", settings.read_text(encoding="utf-8")))
    shutil.rmtree(root / "locales", ignore_errors=True)


def make_corpus(root: Path, count: int, seed: int = 1) -> Path:
    """content/ (both audiences) plus ``count`` generated pages; returns ``root``."""
    shutil.copytree(CONTENT, root)
    one_language(root)
    topics = client_topics()
    rng = random.Random(seed)
    docnames = generated_docnames(count)
    for number, docname in enumerate(docnames):
        path = root / f"{docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = page_text(number, topics[number % len(topics)], rng)
        path.write_text(text, encoding="utf-8")
    add_toctree(root / "index.md", docnames)
    return root


TRAINER_TOCTREE = re.compile(r"\n:::\{only\} trainer\n```\{toctree\}.*?```\n:::\n?", re.DOTALL)


def make_client_content(root: Path) -> Path:
    """content/ as the client edition reads it: no trainer pages, no trainer toctree."""
    shutil.copytree(CONTENT, root, ignore=shutil.ignore_patterns("trainer"))
    one_language(root)
    index = root / "index.md"
    text, found = TRAINER_TOCTREE.subn("\n", index.read_text(encoding="utf-8"))
    if not found:
        raise RuntimeError("index.md: the trainer toctree block was not found")
    index.write_text(text, encoding="utf-8")
    return root

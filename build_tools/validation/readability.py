"""The plain-language gate: each client page's prose must read at or below a grade limit.

What counts as prose (measured with textstat 0.7.8's Flesch-Kincaid grade, offline):

- counted: paragraphs (directive bodies such as notes, dropdowns, tabs and cards
  included), block quotes, list items and definitions that are full sentences
  (they end in . ! or ?), and every acknowledgment statement (they are the
  sentences a client agrees to, so they always count, punctuated or not);
- left out: front matter, headings, labels, comments, code and literal blocks
  (toctree, code-block, math, ...), directive titles and option lines, tables,
  link definitions, and list items or definitions that are fragments ("Your
  diary card", "Phone: ...");
- a paragraph without end punctuation counts when it has four words or more (it
  is a sentence missing its full stop); shorter ones are labels such as
  "**In person**"; a lead-in ending in ':' ("This means you agree to:") counts
  as a sentence;
- markup is removed: links keep their text, roles keep their text, inline code
  is dropped, a bare URL reads as "this link", and every ``{{substitution}}`` becomes a plausible
  word or two ("{{cancellation_notice}}" reads as "one day"), so a clinic's
  long name or a phone number does not move the grade.

The grade is rounded to one decimal before it is compared with the limit.
"""

from __future__ import annotations

import functools
import gc
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .grade_cache import GradeCache
from .markdown_lines import Kind, Line
from .problems import Problem

# What each substitution stands for when the grade is measured.
PLAUSIBLE_WORDS = {
    "clinic_name": "our clinic",
    "clinic_phone": "our phone",
    "clinic_email": "our email",
    "clinic_address": "our office",
    "office_hours": "on weekdays",
    "privacy_notice": "our privacy notice",
    "program_length": "one year",
    "session_length": "one hour",
    "cancellation_notice": "one day",
    "missed_weeks": "four",
    "group_day": "Tuesday",
    "group_time": "six",
    "group_length": "two hours",
    "coaching_phone": "this phone",
    "coaching_hours": "each day",
    "coaching_response": "one hour",
    "voicemail_response": "one day",
    "email_response": "two days",
    "text_response": "one day",
    "crisis_name": "crisis line",
    "crisis_phone": "this phone",
    "crisis_text": "this phone",
    "crisis_chat": "this chat",
    "emergency_number": "this phone",
    "poison_control": "this phone",
    "text_phone": "this phone",
}
UNKNOWN_WORD = "it"

SUBSTITUTION = re.compile(r"\{\{\s*([A-Za-z_]\w*)?[^{}]*\}\}")
INLINE_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
ROLE = re.compile(r"\{([\w:.-]+)\}`([^`]*)`")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
AUTOLINK = re.compile(r"<[^<>\s]+>")
URL = re.compile(r"\b(?:https?|mailto|tel|sms):\S+")
FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
ITEM_ID = re.compile(r"^\[[a-z0-9][a-z0-9-]*\]\s+")
EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s*")
QUOTE_MARKER = re.compile(r"^\s*(?:>\s?)+")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+")
ENDS_SENTENCE = re.compile(r"[.!?][\"')\]]*$")
PAGE_ROLES = {"doc", "ref", "numref", "download", "any"}
FRAGMENT_WORDS = 4


@dataclass(frozen=True)
class Sentence:
    line: int
    text: str


@dataclass
class Block:
    kind: Kind  # PROSE (a paragraph), LIST_ITEM or DEFINITION
    acknowledgment: bool
    parts: list[tuple[int, str]] = field(default_factory=list)  # (line, text)


@functools.cache
def textstat() -> Any:
    """Imported once, on first use: textstat loads the CMU pronouncing dictionary
    (about 130,000 entries) on its first syllable count, so do that here, once."""
    enabled = gc.isenabled()
    gc.disable()  # the collector would walk the half-built dictionary over and over: 3x slower
    try:
        import textstat as module

        module.syllable_count("warm")
    finally:
        if enabled:
            gc.enable()
    # The dictionary lives as long as the process: keep later collections from
    # walking its objects again and again (during the Sphinx build too).
    gc.freeze()
    return module


def plain(text: str) -> str:
    """Markdown and MyST markup removed; substitutions replaced by plausible words."""
    # Each pattern runs only when its marker is present: most lines have none.
    if "{{" in text:
        text = SUBSTITUTION.sub(plausible_word, text)
    if "`" in text:
        text = INLINE_CODE.sub("", ROLE.sub(role_text, text))
    if "[" in text:
        text = ITEM_ID.sub("", LINK.sub(r"\1", FOOTNOTE.sub("", IMAGE.sub("", text))))
    if ":" in text:
        text = URL.sub("this link", AUTOLINK.sub("this link", text))
    if "*" in text or "_" in text:
        text = EMPHASIS.sub("", text)
    return " ".join(text.split())


def plausible_word(found: re.Match[str]) -> str:
    return PLAUSIBLE_WORDS.get(found.group(1) or "", UNKNOWN_WORD)


def role_text(found: re.Match[str]) -> str:
    role, inner = found.group(1), found.group(2)
    if "<" in inner:
        return inner.split("<", 1)[0].strip()
    return "this page" if role.split(":")[-1] in PAGE_ROLES else inner


def blocks(lines: list[Line]) -> list[Block]:
    """Paragraphs, list items and definitions, with the lines they came from."""
    found: list[Block] = []
    current: Block | None = None
    for line in lines:
        if line.kind is Kind.PROSE and current is not None:
            current.parts.append((line.number, QUOTE_MARKER.sub("", line.text)))
            continue
        current = None
        if line.kind not in (Kind.PROSE, Kind.LIST_ITEM, Kind.DEFINITION):
            continue
        text = QUOTE_MARKER.sub("", line.text)
        if line.kind is Kind.LIST_ITEM:
            text = LIST_MARKER.sub("", text, count=1)
        elif line.kind is Kind.DEFINITION:
            text = text.strip()[1:]
        current = Block(line.kind, "acknowledgment" in line.directives, [(line.number, text)])
        found.append(current)
    return found


@dataclass(frozen=True)
class Passage:
    """A block's measured text, and the line each part of it came from."""

    text: str
    parts: tuple[tuple[int, str], ...]  # (line, plain text)


@dataclass(frozen=True)
class Score:
    grade: float  # rounded to one decimal
    words: int
    passages: tuple[Passage, ...]


def passage_of(block: Block) -> Passage | None:
    """The block as plain text, or None if it is a fragment readers do not read as prose."""
    pieces = tuple((number, text) for number, raw in block.parts if (text := plain(raw)))
    if not pieces:
        return None
    whole = " ".join(text for _, text in pieces)
    complete = ENDS_SENTENCE.search(whole) is not None
    if block.kind is Kind.PROSE:
        if whole.endswith(":"):
            whole, complete = whole[:-1] + ".", True  # a lead-in to a list
        keep = complete or len(whole.split()) >= FRAGMENT_WORDS
    else:
        keep = complete or block.acknowledgment
    if not keep:
        return None
    return Passage(whole if complete else whole + ".", pieces)


def sentences_of(passage: Passage) -> list[Sentence]:
    """Its sentences, each with the line it starts on (only needed to quote them)."""
    starts: list[tuple[int, int]] = []  # (offset in the text, line)
    offset = 0
    for number, text in passage.parts:
        starts.append((offset, number))
        offset += len(text) + 1
    result = []
    position = 0
    for text in SENTENCE_END.split(passage.text):
        index = passage.text.find(text, position)
        position = index + len(text)
        line = max((number for start, number in starts if start <= index), default=starts[0][1])
        if text.strip():
            result.append(Sentence(line, text.strip()))
    return result


def measure(lines: list[Line], cache: GradeCache | None = None) -> Score:
    """The grade of the prose in ``lines``; from ``cache`` when the same text was measured
    before (textstat and its dictionary are then not needed at all)."""
    passages = tuple(p for block in blocks(lines) if (p := passage_of(block)) is not None)
    text = " ".join(passage.text for passage in passages)
    if not text:
        return Score(0.0, 0, ())
    known = cache.get(text) if cache is not None else None
    if known is not None:
        return Score(known[0], known[1], passages)
    if cache is None:
        stats = textstat()
        grade = round(float(stats.flesch_kincaid_grade(text)), 1)
        words = int(stats.lexicon_count(text))
    else:
        grade, words = measured_with_known_words(text, cache)
        cache.put(text, grade, words)
    return Score(grade, words, passages)


def measured_with_known_words(text: str, cache: GradeCache) -> tuple[float, int]:
    """textstat's grade of ``text``, loading its pronouncing dictionary only if the text
    has a word the cache has not looked up in it before.

    textstat 0.7.8 (pinned) counts syllables word by word through
    ``backend.counts._count_syllables.get_cmudict``: the first pronunciation of a word
    in the CMU dictionary, else its hyphenation. The cache keeps, for each word ever
    measured, that first pronunciation or that it has none; when it knows every word
    of ``text``, textstat is handed exactly those entries instead of the 130,000-word
    dictionary, so its answer is the same and an edited page is graded in milliseconds.
    """
    import textstat as stats
    from textstat.backend.counts import _count_syllables as syllables
    from textstat.backend.selections._list_words import list_words

    words = set(list_words(text, lowercase=True))
    known = cache.pronunciations(words)
    if known is None:
        full = textstat()  # the whole dictionary, loaded once per process
        entries = syllables.get_cmudict("en_US") or {}
        cache.put_pronunciations({word: first(entries.get(word)) for word in words})
        return round(float(full.flesch_kincaid_grade(text)), 1), int(full.lexicon_count(text))
    subset = {word: [phones] for word, phones in known.items() if phones is not None}
    original = syllables.get_cmudict

    def known_entries(lang: str) -> Any:
        return subset if str(lang).startswith("en") else original(lang)

    syllables.get_cmudict = known_entries
    try:
        return round(float(stats.flesch_kincaid_grade(text)), 1), int(stats.lexicon_count(text))
    finally:
        syllables.get_cmudict = original


def first(pronunciations: Any) -> list[str] | None:
    """A word's first pronunciation in the CMU dictionary, the one textstat counts."""
    return list(pronunciations[0]) if pronunciations else None


def hardest(score: Score, count: int = 3) -> list[tuple[float, Sentence]]:
    stats = textstat()
    sentences = [sentence for passage in score.passages for sentence in sentences_of(passage)]
    graded = [(float(stats.flesch_kincaid_grade(s.text)), s) for s in sentences]
    graded.sort(key=lambda pair: (-pair[0], pair[1].line))
    return graded[:count]


def quote(text: str, limit: int = 80) -> str:
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 3].rstrip()}..."'


def check(path: Path, score: Score, max_grade: float) -> Problem | None:
    """An error when the page reads above ``max_grade``, quoting its three hardest sentences."""
    if score.grade <= max_grade:
        return None
    worst = "; ".join(
        f"line {sentence.line} (grade {grade:.1f}) {quote(sentence.text)}"
        for grade, sentence in hardest(score)
    )
    return Problem(
        path,
        1,
        "readability.grade",
        f"reading grade {score.grade:.1f} is above the limit of {max_grade:g} "
        f"({score.words} words); shorten these sentences and use plainer words: {worst}",
    )

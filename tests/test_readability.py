"""The reading-grade gate: what counts as prose, how it is cleaned, and what an error says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import textstat

from build_tools.validation import readability
from build_tools.validation.markdown_lines import classify
from build_tools.validation.validate import substitution_names


def prose(body: str) -> list[str]:
    """The measured text of each passage in ``body``."""
    return [
        passage.text for passage in readability.measure(classify(body.splitlines(), 1)).passages
    ]


def score(body: str) -> readability.Score:
    return readability.measure(classify(body.splitlines(), 1))


def test_paragraphs_count_and_headings_labels_and_comments_do_not() -> None:
    body = """# A title

(a-label)=
## A section heading

% a comment for writers

First line of a paragraph
that goes on here.
"""
    assert prose(body) == ["First line of a paragraph that goes on here."]


def test_code_literal_blocks_options_and_tables_do_not_count() -> None:
    body = """```python
print("not prose at all.")
```

```{toctree}
:hidden:

safety
```

:::{dropdown} A question in the title?
:open:

The answer is prose.
:::

| a | table row. |
|---|---|

[ref]: https://example.org
"""
    assert prose(body) == ["The answer is prose."]


def test_list_items_count_only_when_they_are_sentences() -> None:
    body = """What to bring:

- Your diary card
- A pen
- Bring your card to every session. It helps
  us both.

Term
: A fragment of a definition
: A definition that is a full sentence.
"""
    assert prose(body) == [
        "What to bring.",
        "Bring your card to every session. It helps us both.",
        "A definition that is a full sentence.",
    ]


def test_acknowledgment_statements_always_count() -> None:
    body = """:::{acknowledgment}
:legend: What I agree to

- [come] I will come to every session I can.
- I will call ahead if I cannot come

  A hint paragraph under the item.
:::
"""
    assert prose(body) == [
        "I will come to every session I can.",
        "I will call ahead if I cannot come.",
        "A hint paragraph under the item.",
    ]


def test_short_fragments_are_left_out_and_long_unpunctuated_text_counts() -> None:
    body = "**In person**\n\nThis line has no full stop at the end\n"
    assert prose(body) == ["This line has no full stop at the end."]


def test_markup_is_removed_and_substitutions_read_as_plausible_words() -> None:
    body = (
        "Call {{clinic_phone}} at least {{cancellation_notice}} ahead. Read the "
        "[privacy page](privacy.md), see {ref}`the plan <crisis-plan>` and {doc}`safety`, "
        "skip `code`, and visit <https://988lifeline.org> or https://example.org now. "
        "**Bold** and *soft* words stay. {{ no_such_name }} is unknown.\n"
    )
    assert prose(body) == [
        "Call our phone at least one day ahead. Read the privacy page, see the plan and "
        "this page, skip , and visit this link or this link now. Bold and soft words stay. "
        "it is unknown."
    ]


def test_every_substitution_has_a_plausible_word() -> None:
    assert set(readability.PLAUSIBLE_WORDS) == set(substitution_names(None))
    # Each stands for a short phrase a client would read, never a number or markup.
    for word in readability.PLAUSIBLE_WORDS.values():
        assert word.replace(" ", "").isalpha() and len(word.split()) <= 3


def test_the_grade_is_textstats_flesch_kincaid_of_the_measured_text() -> None:
    body = "# Title\n\nYou come to each session. We call you back within a day.\n"
    measured = score(body)
    text = " ".join(prose(body))
    assert measured.grade == round(textstat.flesch_kincaid_grade(text), 1)
    assert measured.words == textstat.lexicon_count(text) == 12


def test_a_page_without_prose_has_grade_zero() -> None:
    assert score("# Only a title\n") == readability.Score(0.0, 0, ())


HARD = (
    "# Title\n\nYou can come.\n\n"
    "Notwithstanding extraordinary circumstances, participants demonstrating persistent "
    "nonattendance shall forfeit continuation eligibility.\n\n"
    "We will talk.\n\n"
    "Comprehensive documentation substantiating extenuating circumstances is obligatory.\n\n"
    "Administrative correspondence necessitates organizational authorization.\n\n"
    "Call us.\n"
)


def test_above_the_limit_the_error_names_the_grade_and_the_three_hardest_sentences() -> None:
    measured = score(HARD)
    problem = readability.check(Path("page.md"), measured, 8.0)
    assert problem is not None
    assert (problem.rule, problem.line) == ("readability.grade", 1)
    assert problem.message.startswith(
        f"reading grade {measured.grade:.1f} is above the limit of 8 "
    )
    # The three hardest, hardest first, each with its line and grade.
    hardest = problem.message.split("plainer words: ")[1].split("; ")
    assert [part.split(" (")[0] for part in hardest] == ["line 11", "line 9", "line 5"]
    assert any('"Notwithstanding extraordinary circumstances' in part for part in hardest)
    assert "You can come" not in problem.message


def test_at_or_below_the_limit_there_is_no_error() -> None:
    measured = score(HARD)
    assert readability.check(Path("page.md"), measured, measured.grade) is None


def test_long_sentences_are_shortened_in_the_message() -> None:
    assert readability.quote("word " * 40).endswith('..."')
    assert len(readability.quote("word " * 40)) == 82


def test_importing_the_validator_does_not_load_textstat() -> None:
    """textstat loads a 130,000-word dictionary: only a measurement may pay for it."""
    code = "import sys, build_tools.validation.validate; print('textstat' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_textstat_is_loaded_once() -> None:
    assert readability.textstat() is readability.textstat()


def test_the_front_matter_summary_is_measured_as_the_opening_line(tmp_path: Path) -> None:
    """The summary is shown as the page's first paragraph, so it must read plainly too."""
    from build_tools.validation.page_check import check_page

    hard = (
        "Comprehensive multidisciplinary psychotherapeutic interventions necessitate "
        "considerable organizational commitment notwithstanding individual circumstances."
    )
    page = tmp_path / "page.md"
    page.write_text(
        "---\ntopic: welcome\ntitle: T\naudience: client\n"
        f"summary: {hard}\nlast_reviewed: 2026-11-20\n"
        "reviewed_by: Sam Rivera, Test reviewer\n---\n\n"
        "# T\n\nYou come each week. We talk. You learn skills.\n",
        encoding="utf-8",
    )
    result = check_page(page, max_grade=8.0, names=substitution_names(None))
    grade = [problem for problem in result.problems if problem.rule == "readability.grade"]
    assert grade, result.problems
    assert "line 5 (grade" in grade[0].message and "Comprehensive" in grade[0].message

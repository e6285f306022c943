"""No link inside a checklist statement (a checkbox's label): the validation rule."""

from __future__ import annotations

from pathlib import Path

from build_tools.validation.checklist_links import check_lines, link_substitutions
from build_tools.validation.frontmatter import read_text, split
from build_tools.validation.markdown_lines import classify

PAGE = """\
# Title

Call {{clinic_phone}} any time: a link outside a checklist is fine.

:::{acknowledgment}
- [a] I know how to reach you.

  The hint may link: call {{clinic_phone}} or read [the guide](guide.md).
- [b] I will call {{coaching_phone}} early.
- [c] I will read the page, and
  [the guide](guide.md) too.
- [d] I know the {{crisis_name}} is there for me.
- [e] I will write to <mailto:team@example.org>.
:::
"""


def problems(text: str) -> list[tuple[int, str, str]]:
    lines = classify(text.splitlines(), 1)
    return [(p.line, p.rule, p.message) for p in check_lines(Path("page.md"), lines)]


def test_a_link_in_a_statement_is_reported_at_its_line() -> None:
    found = problems(PAGE)
    assert [(line, rule) for line, rule, _ in found] == [
        (9, "checklist.link"),
        (11, "checklist.link"),
        (13, "checklist.link"),
    ]
    assert found[0][2].startswith("{{coaching_phone}} is a link, inside a checklist statement")
    assert "hint" in found[0][2]


def test_the_contact_substitutions_are_links_and_the_plain_ones_are_not() -> None:
    links = link_substitutions()
    assert {"clinic_phone", "clinic_email", "coaching_phone", "emergency_number"} <= links
    assert {"crisis_phone", "crisis_text", "crisis_chat", "privacy_notice"} <= links
    assert not {"crisis_name", "clinic_name", "office_hours", "coaching_hours"} & links


def test_the_real_pages_keep_links_out_of_their_statements() -> None:
    content = Path(__file__).resolve().parent.parent / "content"
    for path in sorted(content.rglob("*.md")):
        page = split(path, read_text(path))
        lines = classify(page.body, page.body_first_line)
        assert not list(check_lines(path, lines)), path

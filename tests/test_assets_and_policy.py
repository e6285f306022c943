"""What each page loads, and the inline code its policy hashes, checked on both editions."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from build_tools.site.assets import UNUSED, referenced_files
from build_tools.site.inline_code import DATA_TYPES, InlineCode
from conftest import EDITIONS, edition_site
from site_crawl import discover_pages


class ParsedInlineCode(HTMLParser):
    """The reference: inline code as a full HTML parser sees it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.style_attributes: list[str] = []
        self.open: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("style") is not None:
            self.style_attributes.append(values["style"] or "")
        runs = (values.get("type") or "").lower() not in DATA_TYPES
        if (tag == "script" and "src" not in values and runs) or tag == "style":
            self.open, self.text = tag, []

    def handle_data(self, data: str) -> None:
        if self.open:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self.open:
            (self.scripts if tag == "script" else self.styles).append("".join(self.text))
            self.open = None


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_policy_hashes_exactly_what_an_html_parser_finds(edition: str) -> None:
    site = edition_site(edition)
    for page in discover_pages(site):
        # The policy is written into the page after hashing: take it out to compare.
        text = (site / page).read_text(encoding="utf-8")
        reference = ParsedInlineCode()
        reference.feed(text)
        found = InlineCode.of(text)
        assert found.scripts == reference.scripts, page
        assert found.styles == reference.styles, page
        assert found.style_attributes == reference.style_attributes, page
        assert found.scripts, f"{page}: furo's inline script was not found"


def test_the_patterns_see_what_sphinx_escapes_and_skip_data_blocks() -> None:
    page = (
        '<p style="color: red &amp; blue">x</p><!-- <b style="no"> -->'
        '<script type="application/json" id="d">{"a": "<b style=\\"x\\">"}</script>'
        "<script>run()</script><style>p{}</style>"
        "<p>She said style=&quot;x&quot;.</p>"
    )
    found = InlineCode.of(page)
    assert found.style_attributes == ["color: red & blue"]
    assert found.scripts == ["run()"] and found.styles == ["p{}"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_loads_only_what_it_uses(edition: str) -> None:
    site = edition_site(edition)
    for page in discover_pages(site):
        text = (site / page).read_text(encoding="utf-8")
        for name in UNUSED:
            assert name not in text, f"{page} still links {name}"
        assert ("design-tabs.js" in text) is ("sd-tab-set" in text), page
    shipped = {p.relative_to(site).as_posix() for p in (site / "_static").rglob("*") if p.is_file()}
    assert shipped == {name for name in referenced_files(site) if name.startswith("_static/")}
    assert not (site / "objects.inv").exists() and not (site / "_sources").exists()


def test_unreferenced_files_are_found(tmp_path: Path) -> None:
    (tmp_path / "_static" / "styles").mkdir(parents=True)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_text(
        '<link href="../_static/styles/a.css?v=1"><script src="../_static/b.js"></script>'
    )
    (tmp_path / "_static" / "styles" / "a.css").write_text(
        "x{background:url('../icon.svg')}\n/*# sourceMappingURL=a.css.map */"
    )
    (tmp_path / "_static" / "b.js").write_text("//# sourceMappingURL=b.js.map")
    assert referenced_files(tmp_path) == {
        "_static/styles/a.css",
        "_static/styles/a.css.map",
        "_static/icon.svg",
        "_static/b.js",
        "_static/b.js.map",
    }


def test_a_rebuild_reads_only_the_pages_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The links of an unchanged page come from the cache; a rewritten page is read."""
    out, cache = tmp_path / "html", tmp_path / "doctrees" / "links.json"
    (out / "_static").mkdir(parents=True)
    kept, edited = out / "kept.html", out / "edited.html"
    kept.write_text('<link href="_static/kept.css">')
    edited.write_text('<script src="_static/old.js"></script>')
    assert referenced_files(out, cache) == {"_static/kept.css", "_static/old.js"}
    edited.write_text('<script src="_static/newer.js"></script>')
    read: list[str] = []
    original = Path.read_text

    def counting(self: Path, *args: Any, **kwargs: Any) -> str:
        read.append(self.name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counting)
    assert referenced_files(out, cache) == {"_static/kept.css", "_static/newer.js"}
    assert "kept.html" not in read and "edited.html" in read

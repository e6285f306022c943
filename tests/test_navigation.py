"""furo's navigation rendered once per build is the same, entry for entry, as furo's own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from html_tree import parse

TRAINER = ("dbt_validate=0", "dbt_edition=trainer")


# --- navigation ------------------------------------------------------------------------


def navigation(site: Path, page: str) -> list[tuple[str, str, str]]:
    """Each menu entry as (classes of its item, where its link goes, its words)."""
    tree = parse(site / page)
    (menu,) = tree.find_all("div", class_="sidebar-tree")
    base = Path(page).parent
    entries = []
    for item in menu.find_all("li"):
        link = item.find_all("a")[0]
        href = link.attrs["href"] or ""
        target = page if href == "#" else (base / href).as_posix()
        while "/../" in f"/{target}":
            parts = target.split("/")
            index = parts.index("..")
            target = "/".join(parts[: index - 1] + parts[index + 1 :])
        switch = item.find_all("input")
        opened = "open" if switch and switch[0].has("checked") else ""
        entries.append((f"{item.attrs['class']} {opened}".strip(), target, link.text()))
    return entries


def test_the_navigation_rendered_once_matches_furos_own_on_every_page(
    build_root: Callable[..., Any],
) -> None:
    shared = build_root("kc-basic", overrides=TRAINER)
    furo = build_root("kc-basic", overrides=(*TRAINER, "dbt_shared_navigation=0"))
    pages = sorted(p.relative_to(shared).as_posix() for p in shared.glob("*.html"))
    assert len(pages) == 7
    for page in pages:
        ours = navigation(shared, page)
        assert ours == navigation(furo, page), page
        current = [entry for entry in ours if "current-page" in entry[0]]
        assert len(current) == (0 if page == "index.html" else 1), page

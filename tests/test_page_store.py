"""The per-page store the checklists and the knowledge checks share (issue 20)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from build_tools.page_store import PageStore


def env() -> Any:
    return SimpleNamespace()


def test_purge_merge_and_clashes() -> None:
    store: PageStore[dict[str, str]] = PageStore("dbt_test_items")
    mine, other = env(), env()
    store.of(mine)["a"] = [{"key": "x"}]
    store.of(mine)["b"] = [{"key": "y"}]
    store.purge(None, mine, "b")  # type: ignore[arg-type]
    assert store.of(mine) == {"a": [{"key": "x"}]}
    # Only the pages the other reader read come over.
    store.of(other).update({"c": [{"key": "x"}], "d": [{"key": "z"}]})
    store.merge(None, mine, {"c"}, other)  # type: ignore[arg-type]
    assert sorted(store.of(mine)) == ["a", "c"]
    assert list(store.clashes(mine, lambda item: item["key"])) == [("c", {"key": "x"}, "a")]
    # One key twice on the same page is the directive's to report, not a clash.
    store.of(mine)["a"].append({"key": "x"})
    assert [d for d, _, _ in store.clashes(mine, lambda item: item["key"])] == ["c"]

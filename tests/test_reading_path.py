"""The home page's reading path follows the toctree and the pages' own front matter."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

NO_VALIDATION = ("dbt_validate=0",)


def test_path_lists_toctree_pages_in_order_with_their_times(
    build_root: Callable[..., Any],
) -> None:
    out: Path = build_root("reading-path", NO_VALIDATION)
    html = (out / "index.html").read_text(encoding="utf-8")
    path = html[html.index('class="dbt-reading-path') :]
    path = path[: path.index("</ol>")]
    titles = re.findall(r"<strong>([^<]+)</strong>", path)
    assert titles == ["The second page", "The first page", "The untimed page"]
    assert re.findall(r'href="([^"]+)"', path) == ["second.html", "first.html", "untimed.html"]
    assert "What the first page is about, in one sentence." in path
    assert path.count("About 7 minutes") == 1 and path.count("About 2 minutes") == 1
    assert path.count("dbt-minutes") == 2, "a page without reading_minutes shows no time"
    assert "3 steps, about 9 minutes in all." in html

"""Ship only what a page uses.

Sphinx links its search and highlighting helpers and furo's code colours into every
page; these sites have no search and no code, so each page would load four files
that do nothing (render-blocking, on a phone). sphinx-design's tab script is needed
only where a page has tabs. After the build, any file in ``_static`` that no page
and no stylesheet refers to is removed, so what is uploaded is what is used.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

# translations.js (any language but English) only feeds doctools.js its words.
UNUSED = frozenset(
    {
        "documentation_options.js",
        "doctools.js",
        "sphinx_highlight.js",
        "translations.js",
        "pygments.css",
    }
)
# A file needed only on pages whose body has this marker.
ONLY_WHERE = {"design-tabs.js": "sd-tab-set"}
# A relative link in a stylesheet or script (data: and other schemes are not files).
REFERENCE = re.compile(
    r"""(?:href|src)="(?![\w+.-]+:)([^"#?]+)[^"]*"|url\(\s*['"]?(?![\w+.-]+:)([^'")?#]+)"""
)
STATIC_LINK = re.compile(r"""(?:href|src)="((?:\.\./)*_static/[^"?#]+)""")
SOURCE_MAP = re.compile(r"sourceMappingURL=([^\s*]+)")
LINKS_CACHE = "dbt-static-links.json"


def asset_name(asset: Any) -> str:
    return Path(str(getattr(asset, "filename", asset) or "")).name


def keep(asset: Any, body: str) -> bool:
    name = asset_name(asset)
    if name in UNUSED:
        return False
    marker = ONLY_WHERE.get(name)
    return marker is None or marker in body


def trim_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = str(context.get("body", ""))
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if keep(asset, body)]


def page_links(outdir: Path, known: dict[str, Any]) -> dict[str, Any]:
    """Each page's ``_static/`` links, as ``{page: [mtime_ns, size, [links]]}``.

    A page whose time and size are those in ``known`` (an incremental build left it as
    it was) is not read again: a rebuild after one edit reads the pages it wrote.
    """
    links: dict[str, Any] = {}
    for page in outdir.rglob("*.html"):
        name = page.relative_to(outdir).as_posix()
        stat = page.stat()
        before = known.get(name)
        if isinstance(before, list) and before[:2] == [stat.st_mtime_ns, stat.st_size]:
            links[name] = before
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        links[name] = [stat.st_mtime_ns, stat.st_size, sorted(set(STATIC_LINK.findall(text)))]
    return links


def load_links(cache: Path | None) -> dict[str, Any]:
    if cache is None:
        return {}
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}


def referenced_files(outdir: Path, cache: Path | None = None) -> set[str]:
    """Every file under ``_static`` that a page, or a stylesheet or script a page uses,
    names: paths relative to ``outdir``. ``cache``: a file keeping each page's links
    between builds into the same ``outdir``.

    Pages are only searched for ``_static/`` links, without resolving each link on
    disk: every page carries the whole navigation, so anything slower per link grows
    with the square of the pages.
    """
    found: set[str] = set()
    links = page_links(outdir, load_links(cache))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(links), encoding="utf-8")
    for page, (_, _, names) in links.items():
        folder = posixpath.dirname(page)
        found.update(posixpath.normpath(posixpath.join(folder, name)) for name in names)
    pending = [name for name in found if name.endswith((".css", ".js"))]
    while pending:
        name = pending.pop()
        path = outdir / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        inner = [m.group(1) or m.group(2) for m in REFERENCE.finditer(text)]
        for other in [*inner, *SOURCE_MAP.findall(text)]:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), other))
            if target not in found:
                found.add(target)
                if target.endswith((".css", ".js")):
                    pending.append(target)
    return found


def remove_unused_static(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    # Sphinx's cross-project inventory and its (empty, with html_copy_source off)
    # sources folder serve no reader.
    (Path(app.outdir) / "objects.inv").unlink(missing_ok=True)
    sources = Path(app.outdir) / "_sources"
    if sources.is_dir() and not any(sources.iterdir()):
        sources.rmdir()
    static = Path(app.outdir) / "_static"
    if not static.is_dir():
        return
    # Kept with the doctrees, which belong to this output folder.
    used = referenced_files(Path(app.outdir), Path(app.doctreedir) / LINKS_CACHE)
    for path in sorted(static.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(app.outdir).as_posix() not in used:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def setup_assets(app: Sphinx) -> None:
    # After every extension has added its files for the page (ours, furo's, knowledge's).
    app.connect("html-page-context", trim_page_assets, priority=900)
    app.connect("build-finished", remove_unused_static, priority=900)

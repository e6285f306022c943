"""Incremental builds (``make serve``, and any rebuild in place) rewrite only what changed.

Every page carries what the whole site shares: the navigation (each page's title and
place), every checklist statement's hash (for the menu's counts) and every knowledge
check's. When an edit changes any of those, every page is rewritten from the pages
already read; when it does not (a sentence reworded), only the edited page is, as
Sphinx does by default. Nothing is re-read that did not change.

Every build is a new process, so Jinja compiled every template again each time
(about 0.3 s of a rebuild that takes one). Jinja's own bytecode cache keeps the
compiled templates in the build's doctree folder, checked against each template's
source: a rebuild loads them, and a clean build (a new folder) compiles them fresh.

At exit, Python's cycle collector walks every object again while it tears the
modules down: about 0.3 s after a build, a third of a rebuild's cost. The objects
are frozen (``gc.freeze``) when the process is already exiting, so the collector
skips them and the operating system takes the memory back at once.
"""

from __future__ import annotations

import atexit
import functools
import gc
import hashlib
import json
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.jinja2glue import BuiltinTemplateLoader

TEMPLATE_CACHE = "jinja-bytecode"


def shared_state(env: BuildEnvironment) -> str:
    """A fingerprint of everything a page shows about other pages."""
    statements = getattr(env, "dbt_ack_items", {})
    checks = getattr(env, "dbt_kc_checks", {})
    state: dict[str, Any] = {
        "titles": {name: env.titles[name].astext() for name in sorted(env.titles)},
        "toctree": {
            name: list(env.toctree_includes[name]) for name in sorted(env.toctree_includes)
        },
        "statements": {
            name: [[s["topic"], s["id"], s["hash"], s["source"]] for s in statements[name]]
            for name in sorted(statements)
        },
        "checks": {name: [[c["key"], c["hash"]] for c in checks[name]] for name in sorted(checks)},
    }
    encoded = json.dumps(state, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def rewrite_all_when_shared_state_changes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    state = shared_state(env)
    previous = getattr(env, "dbt_shared_state", None)
    env.dbt_shared_state = state  # type: ignore[attr-defined]
    return sorted(env.found_docs) if previous is not None and previous != state else []


def cache_compiled_templates(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if not isinstance(templates, BuiltinTemplateLoader):
        return  # a builder without templates, or another template bridge
    folder = Path(app.doctreedir) / TEMPLATE_CACHE
    folder.mkdir(parents=True, exist_ok=True)
    templates.environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def skip_collection_at_exit() -> None:
    """Run by atexit, after the program has finished and before modules are torn down."""
    gc.disable()
    gc.freeze()


@functools.cache
def register_fast_exit() -> None:
    """Once per process, however many builds it runs."""
    atexit.register(skip_collection_at_exit)


def setup_incremental(app: Sphinx) -> None:
    register_fast_exit()
    app.connect("env-updated", rewrite_all_when_shared_state_changes)
    app.connect("builder-inited", cache_compiled_templates)

"""Data for the page's scripts, as a JSON script element (never formatted into JS source)."""

from __future__ import annotations

import json
from typing import Any

from sphinx.application import Sphinx


def script_json(data: Any) -> str:
    """Compact, sorted JSON that nothing in the data can end or confuse as a script element."""
    body = json.dumps(data, separators=(",", ":"), sort_keys=True)
    return body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def add_json_data(app: Sphinx, element_id: str, data: Any) -> None:
    """``<script type="application/json" id=element_id>``: on every page when called
    before writing, on the current page only when called from html-page-context."""
    app.add_js_file(None, body=script_json(data), type="application/json", id=element_id)

"""Serve a built site on 127.0.0.1 for the browser measurements (page weight, Lighthouse).

With nginx (make bench installs it, as make test does) the pages are served as a clinic
deploys them: with the settings `make dist` ships (compression, cache lifetimes and
security headers). Without it, Python's own server stands in, with neither: Lighthouse
then reports text compression and cache lifetimes that a real host would give.
"""

from __future__ import annotations

import contextlib
import functools
import sys
import tempfile
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/: nginx_server

from build_tools.publish import server_config
from build_tools.publish.headers import PolicyError, security_headers
from nginx_server import find_nginx, nginx_serving


class QuietHandler(SimpleHTTPRequestHandler):
    # One line per request on stderr would bury the report.
    def log_message(self, format: str, *args: Any) -> None:
        return


def server_name() -> str:
    return "nginx with the shipped settings" if find_nginx() else "Python's http.server"


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """Yield the base URL (``http://127.0.0.1:PORT/``) of ``folder``."""
    nginx = find_nginx()
    if nginx is not None:
        with tempfile.TemporaryDirectory(prefix="dbt-bench-nginx-") as work:
            snippet = Path(work) / "site.conf"
            try:
                headers = security_headers(folder)
            except PolicyError:  # plain furo, for comparison: no policies to build on
                headers = {}
            snippet.write_text(server_config.nginx_conf(headers), "utf-8")
            with nginx_serving(nginx, folder, snippet) as url:
                yield url
        return
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

"""Session fixtures: one build per configuration, one local server, one browser."""

from __future__ import annotations

import atexit
import contextlib
import functools
import io
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from build_tools.chromium import find as find_chromium
from build_tools.site.build import build_site
from site_crawl import discover_pages

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"

# Keep Chromium quiet on a closed network (see GUIDE.md, section 2).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class BuildFailed(AssertionError):
    pass


def run_build(source: Path, out: Path, overrides: tuple[str, ...] = ()) -> tuple[int, str]:
    """Build in this process, capturing what Sphinx prints."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        # Plain text: with CI=true Sphinx would colour the messages tests read back.
        code = build_site(source, out, confdir=REPO, overrides=overrides, colour=False)
    return code, printed.getvalue()


@functools.cache
def client_site() -> Path:
    """The site from content/, built once per run.

    Built on first use, which may be at collection time: the crawler
    parametrizes tests by the pages the built site actually has.
    """
    work = Path(tempfile.mkdtemp(prefix="dbt-site-"))
    atexit.register(shutil.rmtree, work, True)
    code, printed = run_build(REPO / "content", work / "html")
    if code:
        raise BuildFailed(f"the site in content/ does not build:\n{printed}")
    return work / "html"


@pytest.fixture(scope="session")
def built_site() -> Path:
    return client_site()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "site_page" in metafunc.fixturenames:
        metafunc.parametrize("site_page", discover_pages(client_site()), scope="session")


@pytest.fixture(scope="session")
def build_root(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[..., Any]:
    """build_root("name", overrides=(), expect_failure=False): each variant built once."""
    cache: dict[tuple[str, tuple[str, ...]], tuple[int, str, Path]] = {}

    def build(name: str, overrides: tuple[str, ...] = (), expect_failure: bool = False) -> Any:
        key = (name, tuple(overrides))
        if key not in cache:
            out = tmp_path_factory.mktemp(f"root-{name}") / "html"
            code, printed = run_build(ROOTS / name, out, tuple(overrides))
            cache[key] = (code, printed, out)
        code, printed, out = cache[key]
        if expect_failure:
            if code == 0:
                raise AssertionError(f"tests/roots/{name} built, but it should have failed")
            return printed
        if code:
            raise BuildFailed(f"tests/roots/{name} does not build:\n{printed}")
        return out

    return build


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def serve_dir() -> Iterator[Callable[[Path], str]]:
    """serve_dir(path) -> base URL of a static server for that folder on 127.0.0.1."""
    servers: dict[Path, tuple[ThreadingHTTPServer, str]] = {}

    def serve(path: Path) -> str:
        if path not in servers:
            handler = functools.partial(QuietHandler, directory=str(path))
            server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers[path] = (server, f"http://127.0.0.1:{server.server_address[1]}/")
        return servers[path][1]

    yield serve
    for server, _ in servers.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(built_site)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Use the system Chromium (Playwright cannot download its own here)."""
    found, path = find_chromium()
    if not found:
        pytest.exit("No Chromium: run `make test`, or set CHROMIUM=/path/to/chromium", 1)
    launch = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    if path:
        launch["executable_path"] = path
    return launch


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # Service workers could answer requests out of sight of the request recorder.
    return {**browser_context_args, "service_workers": "block"}


ARTIFACTS = REPO / "_build" / "test-artifacts"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say how many exceptions the checks allow, and where failing pages were captured."""
    from browser_checks import AXE_ALLOWLIST
    from test_html_checker import IGNORED

    terminalreporter.write_line(
        f"axe allowlist: {len(AXE_ALLOWLIST)} entries; "
        f"Nu HTML Checker ignore list: {len(IGNORED)} entries"
    )
    shots = sorted(ARTIFACTS.rglob("*.png")) if ARTIFACTS.is_dir() else []
    if shots:
        terminalreporter.section("screenshots of failing pages")
        for shot in shots:
            terminalreporter.write_line(str(shot.relative_to(REPO)))

"""Session fixtures: one build per configuration, one local server, one browser."""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import functools
import io
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from build_tools.chromium import QUIET_FLAGS
from build_tools.chromium import find as find_chromium
from build_tools.site.build import build_languages, build_site
from site_crawl import discover_pages, pages_of_their_own

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"

# Clinical reviews are judged against this date, not the day the tests run: the sample
# pages' review dates would otherwise stop make dist a year from now.
os.environ["DBT_REVIEW_DATE"] = "2026-12-01"

CHROMIUM_FLAGS = list(QUIET_FLAGS)

# Playwright's assertions retry until they hold or time out, 5 s by default. On a busy
# 2-core machine a page can take longer than that to settle: a longer limit costs a
# passing test nothing and keeps a slow machine from failing a correct page.
expect.set_options(timeout=15_000)


class BuildFailed(AssertionError):
    pass


def run_build(
    source: Path, out: Path, overrides: tuple[str, ...] = (), builder: str = "html"
) -> tuple[int, str]:
    """Build in this process, capturing what Sphinx prints."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        # Plain text: with CI=true Sphinx would colour the messages tests read back.
        code = build_site(
            source, out, confdir=REPO, overrides=overrides, builder=builder, colour=False
        )
    return code, printed.getvalue()


EDITIONS = ("client", "trainer")
# The languages content/clinic.yaml publishes, its pages' own first ("" = that one).
LANGUAGES = ("", "es")


def shared_sites() -> Path | None:
    """Under pytest-xdist, the folder the workers share their editions in, named by
    the process that started them (their parent), which removes it at the end."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return None
    return Path(tempfile.gettempdir()) / f"dbt-sites-{os.getppid()}"


def every_edition_site() -> None:
    """Each worker starts on a different edition: while one builds the client's, the
    next builds the trainer's, and each then takes the other's finished site."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    start = int(worker[2:]) % len(EDITIONS) if worker[2:].isdigit() else 0
    for edition in EDITIONS[start:] + EDITIONS[:start]:
        edition_site(edition)


def pytest_unconfigure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the process that started the workers
        shutil.rmtree(Path(tempfile.gettempdir()) / f"dbt-sites-{os.getpid()}", True)


@functools.cache
def edition_site(edition: str) -> Path:
    """The site from content/ in one edition, built once per run (once for all the
    workers of `make test`, under a lock: the first to ask builds, the others wait).

    Built on first use, which may be at collection time: the crawler
    parametrizes tests by the pages the built site actually has.
    """
    shared = shared_sites()
    if shared is None:
        work = Path(tempfile.mkdtemp(prefix=f"dbt-{edition}-"))
        atexit.register(shutil.rmtree, work, True)
        return build_edition(edition, work)
    shared.mkdir(exist_ok=True)
    with (shared / f"{edition}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / f"{edition}.built"
        if not done.exists():
            shutil.rmtree(shared / edition, True)  # what a failed build left
            build_edition(edition, shared / edition)
            done.touch()
        return shared / edition / "html"


def build_edition(edition: str, work: Path) -> Path:
    overrides = (f"dbt_edition={edition}",)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        if edition == "client":
            # As `make html-all` publishes it: English at the root, Spanish in es/.
            code = build_languages(
                REPO / "content", work / "html", LANGUAGES, confdir=REPO, overrides=overrides
            )
        else:
            code = build_site(REPO / "content", work / "html", confdir=REPO, overrides=overrides)
    if code:
        raise BuildFailed(
            f"the {edition} edition of content/ does not build:\n{printed.getvalue()}"
        )
    return work / "html"


def client_site() -> Path:
    return edition_site("client")


@pytest.fixture(scope="session")
def site_edition(request: pytest.FixtureRequest) -> str:
    """The edition a crawler test runs on; every other test gets the client site."""
    return str(getattr(request, "param", "client"))


@pytest.fixture(scope="session")
def built_site(site_edition: str) -> Path:
    return edition_site(site_edition)


@pytest.fixture(scope="session")
def trainer_site() -> Path:
    return edition_site("trainer")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every crawler test runs on every page of the client edition, in each language, and
    on every trainer edition page that is not the same as the client's."""
    if "site_page" in metafunc.fixturenames:
        every_edition_site()
        client = edition_site("client")
        pairs = [("client", page) for page in discover_pages(client)] + [
            ("trainer", page) for page in pages_of_their_own(edition_site("trainer"), client)
        ]
        metafunc.parametrize(
            ("site_edition", "site_page"),
            pairs,
            indirect=["site_edition"],
            scope="session",
            ids=[f"{edition}:{page}" for edition, page in pairs],
        )


# The crawl's modules: one test per page and check, all on session fixtures.
SPREAD_ONE_BY_ONE = {"tests/test_site_pages.py", "tests/test_site_pages_layout.py"}


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`make test` runs two workers with --dist loadscope, scheduled here: every module
    stays whole on one worker, so its module fixtures (a build of a small root, a
    browser context) are made once, while the crawl's tests go one by one to whichever
    worker is free, so neither waits for the other at the end. (xdist's own loadgroup
    does this by renaming tests, which pytest 9.2 no longer lets it do.)"""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class CrawlSpread(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::")[0]
            return nodeid if module in SPREAD_ONE_BY_ONE else module

    return CrawlSpread(config, log)


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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report


CALL_FAILED = pytest.StashKey[bool]()


@pytest.fixture(scope="session")
def shared_context(
    browser: Browser, browser_context_args: dict[str, Any]
) -> Iterator[BrowserContext]:
    """The crawl's context: every load runs the trap for fetch, XHR, beacons and forms."""
    from page_checks import SEND_TRAP

    context = browser.new_context(**browser_context_args)
    context.add_init_script(SEND_TRAP)
    yield context
    context.close()


@pytest.fixture(scope="session")
def no_js_tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def tab(shared_context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    """One page, reused by the crawler's checks: a new context per test costs about 0.2 s,
    which over two editions' pages is a minute of the run. Each test starts it at
    1280 x 800 on screen media in light mode, with storage cleared; a test that needs
    listeners, scripts or other context settings uses its own context instead."""
    page = shared_context.pages[0] if shared_context.pages else shared_context.new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.emulate_media(media="screen", color_scheme="light", reduced_motion="no-preference")
    yield page
    if request.node.stash.get(CALL_FAILED, False):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "-", request.node.nodeid).strip("-")
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    if page.url.startswith("http"):
        page.evaluate("try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}")


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

"""The publishing package: its header policy, server settings and zip, served by a real nginx."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserType, ConsoleMessage, Page

from browser_checks import collect_console_errors, record_requests
from build_tools.clinic import load_clinic
from build_tools.publish import archive, server_config
from build_tools.publish.dist import (
    DistFailed,
    clinic_slug,
    edition_fingerprint,
    is_leftover,
    main,
    make_dist,
    package_name,
    recorded_fingerprint,
    shown_fingerprint,
)
from build_tools.publish.headers import (
    PolicyError,
    blocked_sources,
    format_policy,
    header_policy,
    meta_policy,
    parse_policy,
    security_headers,
    union_policy,
)
from build_tools.publish.readme import readme_text
from conftest import REPO, ROOTS
from nginx_server import NginxFailed, find_nginx, nginx_serving
from site_crawl import discover_pages

# The values the brief asks for, written out here rather than imported, so a
# change in build_tools cannot quietly change what the tests expect.
FIXED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Strict-Transport-Security": "max-age=63072000",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
SERVER_FILES = ("server/nginx.conf", "server/.htaccess", "server/_headers", "server/README.txt")
PACKAGE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}\.zip$")
NO_CACHE = "no-cache"
A_YEAR = "max-age=31536000"

HASH_A = "'sha256-AAAA'"
HASH_B = "'sha256-BBBB'"


# --- The header policy: the union of every page's meta policy -----------------------


def test_a_policy_reads_back_as_written() -> None:
    text = "default-src 'self'; img-src 'self' data:; upgrade-insecure-requests"
    policy = parse_policy(text)
    assert policy == {
        "default-src": ("'self'",),
        "img-src": ("'self'", "data:"),
        "upgrade-insecure-requests": (),
    }
    assert format_policy(policy) == text
    # Browsers take the first of a repeated directive and ignore the rest.
    assert parse_policy("script-src 'self'; SCRIPT-SRC *") == {"script-src": ("'self'",)}


def test_the_union_holds_every_pages_hashes() -> None:
    first = parse_policy(f"default-src 'self'; script-src 'self' {HASH_A}")
    second = parse_policy(f"default-src 'self'; script-src 'self' {HASH_B}")
    union = union_policy([first, second])
    assert union["script-src"] == ("'self'", HASH_A, HASH_B)
    assert blocked_sources(first, union) == [] and blocked_sources(second, union) == []


def test_none_stays_only_where_every_page_has_it() -> None:
    first = parse_policy("connect-src 'none'; style-src 'none'; object-src 'none'")
    second = parse_policy(f"connect-src 'none'; style-src 'self' {HASH_A}; object-src 'none'")
    union = union_policy([first, second])
    assert union["connect-src"] == ("'none'",)
    assert union["style-src"] == ("'self'", HASH_A)


def test_a_directive_one_page_leaves_open_is_left_out() -> None:
    first = parse_policy("default-src 'self'; form-action 'none'; base-uri 'none'")
    second = parse_policy("default-src 'self'; base-uri 'none'")
    assert union_policy([first, second]) == {
        "default-src": ("'self'",),
        "base-uri": ("'none'",),
    }


def test_a_missing_fetch_directive_counts_as_default_src() -> None:
    """A page without script-src runs scripts allowed by its default-src."""
    first = parse_policy(f"default-src 'self'; script-src {HASH_A}")
    second = parse_policy("default-src 'self' data:")
    union = union_policy([first, second])
    assert union["script-src"] == (HASH_A, "'self'", "data:")
    assert blocked_sources(second, union) == []


def test_a_hash_missing_from_the_header_is_found() -> None:
    first = parse_policy(f"default-src 'self'; script-src 'self' {HASH_A}")
    second = parse_policy(f"default-src 'self'; script-src 'self' {HASH_B}")
    header = union_policy([first, second])
    header["script-src"] = ("'self'", HASH_A)
    assert blocked_sources(second, header) == [f"script-src {HASH_B}"]
    assert blocked_sources(first, header) == []


def test_a_header_restricting_what_a_page_leaves_open_is_found() -> None:
    page = parse_policy("default-src 'self'")
    assert blocked_sources(page, parse_policy("default-src 'self'; form-action 'none'")) == [
        "form-action (the page does not restrict it)"
    ]


def test_the_header_adds_frame_ancestors() -> None:
    page = parse_policy("default-src 'self'; frame-ancestors *")  # ignored in a meta element
    header = header_policy({"index.html": page})
    assert header["frame-ancestors"] == ("'none'",)
    assert blocked_sources(page, header) == []


def test_the_meta_policy_is_read_from_the_page() -> None:
    html = (
        '<head><meta http-equiv="content-security-policy" '
        "content=\"default-src 'self'; img-src 'self' data:\"></head>"
    )
    assert meta_policy(html) == {"default-src": ("'self'",), "img-src": ("'self'", "data:")}
    assert meta_policy("<head><title>No policy</title></head>") is None
    with pytest.raises(PolicyError, match="more than one"):
        meta_policy(html + html)


def test_a_page_without_a_policy_stops_the_headers(tmp_path: Path) -> None:
    policy = "default-src 'self'"
    (tmp_path / "index.html").write_text(
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">', encoding="utf-8"
    )
    assert security_headers(tmp_path)["Content-Security-Policy"] == (
        "default-src 'self'; frame-ancestors 'none'"
    )
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "page.html").write_text("<title>bare</title>", encoding="utf-8")
    with pytest.raises(PolicyError, match=r"extra/page\.html: no Content-Security-Policy"):
        security_headers(tmp_path)


# --- The server settings ------------------------------------------------------------

SAMPLE = {
    "Content-Security-Policy": f"default-src 'self'; script-src 'self' {HASH_A}",
    **FIXED_HEADERS,
}


def headers_in_pages_file(text: str) -> dict[str, str]:
    """Read a ``_headers`` file back the way Netlify does: ``/*``, then indented lines."""
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines[0] == "/*"
    assert all(line.startswith("  ") for line in lines[1:])
    return dict(line.strip().split(": ", 1) for line in lines[1:])


def test_nginx_sends_each_header_always() -> None:
    conf = server_config.nginx_conf(SAMPLE)
    for name, value in SAMPLE.items():
        assert conf.count(f'add_header {name} "{value}" always;\n') == 1
    body = "\n".join(line for line in conf.splitlines() if not line.startswith("#"))
    assert body.count("add_header") == len(SAMPLE), "an add_header of its own in a location"
    assert body.count("{") == body.count("}"), "unbalanced blocks"
    assert "include" in conf and "server {" in conf, "no comment on how to include it"


def test_apache_sets_each_header_always_and_lists_no_folder() -> None:
    conf = server_config.htaccess(SAMPLE)
    for name, value in SAMPLE.items():
        assert conf.count(f'Header always set {name} "{value}"\n') == 1
    assert "\nOptions -Indexes\n" in conf


def test_the_pages_headers_file_reads_back() -> None:
    assert headers_in_pages_file(server_config.pages_headers(SAMPLE)) == {
        **SAMPLE,
        "Cache-Control": NO_CACHE,
    }


def test_every_server_setting_asks_browsers_to_check_pages_again() -> None:
    """Pages and unversioned files are revalidated on every visit; only ?v= files keep."""
    nginx = server_config.nginx_conf(SAMPLE)
    root = nginx[nginx.index("location / {") :]
    assert root[: root.index("}")].count("expires epoch;") == 1, "pages: Cache-Control no-cache"
    static = nginx[nginx.index("location ~ /_static/ {") :]
    assert "set $dbt_expires epoch;" in static and "if ($arg_v)" in static
    assert "set $dbt_expires 1y;" in static and "expires $dbt_expires;" in static
    apache = server_config.htaccess(SAMPLE)
    assert 'Header always set Cache-Control "no-cache"\n' in apache
    versioned = apache[apache.index("<If ") : apache.index("</If>")]
    assert "/_static/" in versioned and "v=" in versioned and A_YEAR in versioned


WRITERS: dict[str, Callable[[dict[str, str]], str]] = {
    "nginx": server_config.nginx_conf,
    "apache": server_config.htaccess,
    "pages": server_config.pages_headers,
}


@pytest.mark.parametrize(
    ("writer", "value"),
    [
        ("nginx", "default-src $host"),
        ("nginx", 'a "quoted" value'),
        ("apache", "100%{ENV}e"),
        ("apache", 'a "quoted" value'),
        ("pages", "one\n  Injected: header"),
        ("nginx", "one\r\ntwo"),
    ],
)
def test_a_value_a_server_would_misread_is_refused(writer: str, value: str) -> None:
    with pytest.raises(ValueError, match="would misread"):
        WRITERS[writer]({"X-Test": value})


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_bad_header_name_is_refused(writer: str) -> None:
    with pytest.raises(ValueError, match="not a header name"):
        WRITERS[writer]({"X-Test: evil\nX-Other": "value"})


def test_the_clinic_name_becomes_a_slug() -> None:
    assert clinic_slug("Riverside DBT Program") == "riverside-dbt-program"
    assert clinic_slug("  Clínica Ñandú & Co. (Norte) ") == "clinica-nandu-co-norte"
    assert clinic_slug("診療所") == "site", "nothing left to name the file by"


def test_the_record_fingerprint_is_read_from_the_data_script() -> None:
    script = '<script id="dbt-ack-data" type="application/json">{"edition":"%s"}</script>'
    assert recorded_fingerprint(script % "4e7e-c71c-dee2") == "4e7e-c71c-dee2"
    assert recorded_fingerprint(script % "../../etc") is None, "not a fingerprint's shape"
    assert recorded_fingerprint("<p>No checklists here</p>") is None


def test_the_trainer_fingerprint_is_read_from_its_record() -> None:
    record = (
        '<p>Edition: <span data-ack-edition="client">1111-2222-3333</span></p>'
        '<p>Trainer edition: <span data-ack-edition="trainer">aaaa-bbbb-cccc</span></p>'
    )
    assert shown_fingerprint(record, "trainer") == "aaaa-bbbb-cccc"
    assert shown_fingerprint(record, "client") == "1111-2222-3333"
    assert shown_fingerprint('<span data-ack-edition="trainer">x/../y</span>', "trainer") is None


def test_the_trainer_package_carries_the_fingerprint_its_record_shows(
    trainer_site: Path,
) -> None:
    """One fingerprint throughout: the name, README.txt and the onboarding record page."""
    record = next(
        page
        for page in trainer_site.rglob("*.html")
        if shown_fingerprint(page.read_text("utf-8"), "trainer")
    )
    shown = shown_fingerprint(record.read_text("utf-8"), "trainer")
    assert shown and edition_fingerprint(trainer_site, "trainer") == shown
    client = recorded_fingerprint((trainer_site / "index.html").read_text("utf-8"))
    assert client and client != shown, "the trainer record shows its own fingerprint"
    assert edition_fingerprint(trainer_site) == client
    assert package_name("Riverside", shown, "trainer") == f"riverside-trainer-{shown}.zip"
    assert package_name("Riverside", "latest", "trainer") == "riverside-trainer-latest.zip"
    assert shown in readme_text("Riverside", "trainer", shown).splitlines()[0]


# --- The package built from content/ -------------------------------------------------


def pack(out: Path, clinic_file: Path | None = None) -> Path:
    """make_dist on content/, quiet unless it fails."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        try:
            return make_dist(
                REPO / "content", out, confdir=REPO, colour=False, clinic_file=clinic_file
            )
        except DistFailed as problem:
            message = f"content/ does not pack: {problem}\n{printed.getvalue()}"
            raise AssertionError(message) from None


# Session-scoped: made once even when make test's workers run this module's tests apart
# (a module fixture is made again each time its module's tests resume).
@pytest.fixture(scope="session")
def dist_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pack(tmp_path_factory.mktemp("dist") / "dist")


@pytest.fixture(scope="session")
def unpacked(dist_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(dist_zip) as archive:
        archive.extractall(root)
    return root


def test_the_package_is_named_for_the_clinic_and_edition(dist_zip: Path) -> None:
    assert PACKAGE_NAME.match(dist_zip.name), dist_zip.name
    name = load_clinic(REPO / "content" / "clinic.yaml")["clinic"]["name"]
    assert dist_zip.name.startswith(clinic_slug(name) + "-")
    latest = f"{clinic_slug(name)}-latest.zip"
    assert sorted(p.name for p in dist_zip.parent.iterdir()) == sorted([dist_zip.name, latest])
    assert (dist_zip.parent / latest).read_bytes() == dist_zip.read_bytes()


def test_the_fingerprint_is_the_one_clients_see(dist_zip: Path, unpacked: Path) -> None:
    fingerprint = recorded_fingerprint((unpacked / "site" / "index.html").read_text("utf-8"))
    assert fingerprint and dist_zip.name.endswith(f"-{fingerprint}.zip")


def test_the_package_holds_the_site_manifest_and_settings(dist_zip: Path) -> None:
    with zipfile.ZipFile(dist_zip) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names), "entries out of order"
    assert len(names) == len(set(names))
    assert {"MANIFEST.sha256", *SERVER_FILES} <= set(names)
    assert "site/index.html" in names
    assert all(n.startswith("site/") for n in names if n not in {"MANIFEST.sha256", *SERVER_FILES})
    leftovers = [n for n in names if n.startswith("site/") and is_leftover(n)]
    assert not leftovers, f"build leftovers in the zip: {leftovers}"
    assert "site/.buildinfo" not in names and "site/es/.buildinfo" not in names


def packed_time(info: zipfile.ZipInfo) -> int:
    """The Unix time of Info-ZIP's extended timestamp field, which unzip restores."""
    assert info.extra[:2] == b"UT", f"{info.filename}: no extended timestamp"
    return int.from_bytes(info.extra[5:9], "little", signed=True)


def test_every_file_carries_the_time_it_was_packed(dist_zip: Path) -> None:
    with zipfile.ZipFile(dist_zip) as package:
        infos = package.infolist()
    times = {packed_time(info) for info in infos}
    assert len(times) == 1
    (modified,) = times
    assert abs(modified - dist_zip.stat().st_mtime) < 600, "not the time of packing"
    # The zip's own date field counts seconds in twos.
    year, month, day, hour, minute, second = time.gmtime(modified)[:6]
    expected = (year, month, day, hour, minute, second - second % 2)
    assert {info.date_time for info in infos} == {expected}


def test_source_date_epoch_fixes_the_time() -> None:
    assert archive.package_time({"SOURCE_DATE_EPOCH": "1764300000"}) == 1764300000
    assert abs(archive.package_time({}) - time.time()) < 5
    for wrong in ("yesterday", "-5", "100", "99999999999"):
        with pytest.raises(archive.BadSourceDate, match="SOURCE_DATE_EPOCH"):
            archive.package_time({"SOURCE_DATE_EPOCH": wrong})


def test_the_manifest_checks_every_file_once(unpacked: Path) -> None:
    listed: dict[str, str] = {}
    for line in (unpacked / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        assert name not in listed, f"{name} is listed twice"
        listed[name] = digest
    files = sorted(
        path.relative_to(unpacked).as_posix()
        for path in (unpacked / "site").rglob("*")
        if path.is_file()
    )
    assert list(listed) == files, "the manifest is not every file of site/, sorted"
    for name, digest in listed.items():
        assert hashlib.sha256((unpacked / name).read_bytes()).hexdigest() == digest, name


def test_the_manifest_passes_sha256sum(unpacked: Path) -> None:
    sha256sum = shutil.which("sha256sum")
    if sha256sum is None:
        pytest.skip("no sha256sum on this machine (the manifest is checked above with hashlib)")
    checked = subprocess.run(
        [sha256sum, "--check", "--strict", "--quiet", "MANIFEST.sha256"],
        cwd=unpacked,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_every_setting_file_carries_the_same_headers(unpacked: Path) -> None:
    expected = security_headers(unpacked / "site")
    assert {name: expected[name] for name in FIXED_HEADERS} == FIXED_HEADERS
    policy = parse_policy(expected["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ("'none'",)
    server = unpacked / "server"
    assert server_config.nginx_conf(expected) == (server / "nginx.conf").read_text("utf-8")
    assert server_config.htaccess(expected) == (server / ".htaccess").read_text("utf-8")
    assert headers_in_pages_file((server / "_headers").read_text("utf-8")) == {
        **expected,
        "Cache-Control": NO_CACHE,
    }
    readme = (server / "README.txt").read_text("utf-8")
    for step in ("sha256sum -c MANIFEST.sha256", "nginx", "Apache", "Netlify", "Cloudflare"):
        assert step in readme


def test_the_same_build_and_time_give_the_same_bytes(
    dist_zip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with zipfile.ZipFile(dist_zip) as package:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(packed_time(package.infolist()[0])))
    again = pack(tmp_path / "dist")
    assert again.name == dist_zip.name
    assert again.read_bytes() == dist_zip.read_bytes()


def test_a_failed_build_leaves_dist_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    (out / "last-good.zip").write_bytes(b"the last good package")
    code = main(
        ["--source", str(ROOTS / "validate-broken"), "--out", str(out), "--conf", str(REPO)]
    )
    assert code != 0
    assert f"The build failed; {out} was left as it was." in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["last-good.zip"]
    assert (out / "last-good.zip").read_bytes() == b"the last good package"


# --- The package served by nginx -------------------------------------------------------


@pytest.fixture(scope="session")
def nginx_url(unpacked: Path) -> Iterator[str]:
    nginx = find_nginx()
    if nginx is None:
        pytest.fail(
            "nginx not found: `make test` installs Debian's nginx when run as root; "
            "otherwise install it (sudo apt-get install nginx-light)"
        )
    try:
        with nginx_serving(nginx, unpacked / "site", unpacked / "server" / "nginx.conf") as url:
            yield url
    except NginxFailed as failure:
        pytest.fail(str(failure))


def fetch(url: str) -> tuple[int, Message]:
    """Status and headers, for error answers too."""
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, answer.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def assert_security_headers(headers: Message, expected: dict[str, str], label: str) -> None:
    for name, value in expected.items():
        assert headers.get_all(name) == [value], f"{label}: {name} is {headers.get_all(name)}"


@pytest.mark.browser
def test_nginx_sends_every_header_with_every_page(nginx_url: str, unpacked: Path) -> None:
    site = unpacked / "site"
    expected = security_headers(site)
    header_csp = parse_policy(expected["Content-Security-Policy"])
    pages = discover_pages(site)
    assert "index.html" in pages
    for page in pages:
        status, headers = fetch(nginx_url + page)
        assert status == 200, page
        assert headers.get_content_type() == "text/html", page
        assert_security_headers(headers, {**expected, **FIXED_HEADERS}, page)
        # Checked against the page itself, not only against headers.py: every source
        # of the page's own policy (its hashes included) is in the header's directive.
        own = meta_policy((site / page).read_text(encoding="utf-8")) or {}
        for directive, sources in own.items():
            allowed = header_csp.get(directive, ())
            missing = [s for s in sources if s not in allowed and s != "'none'"]
            assert not missing, f"{page}: the header's {directive} lacks {missing}"


@pytest.mark.browser
def test_nginx_sends_the_headers_with_errors_and_lists_no_folder(
    nginx_url: str, unpacked: Path
) -> None:
    expected = security_headers(unpacked / "site")
    for path, status in (("_static/", 404), ("no-such-page.html", 404), (".htaccess", 404)):
        got, headers = fetch(nginx_url + path)
        assert got in ((403, 404) if path == "_static/" else (status,)), f"{path}: {got}"
        assert_security_headers(headers, expected, path)
    status, _ = fetch(nginx_url)
    assert status == 200, "the folder's index.html is not served"


@pytest.mark.browser
def test_nginx_compresses_text_and_lets_browsers_keep_static_files(
    nginx_url: str, unpacked: Path
) -> None:
    site = unpacked / "site"
    expected = security_headers(site)
    styles = next(p for p in (site / "_static").rglob("*.css") if p.stat().st_size > 2000)
    request = urllib.request.Request(
        nginx_url + styles.relative_to(site).as_posix() + "?v=1",
        headers={"Accept-Encoding": "gzip"},
    )
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert answer.headers["Content-Encoding"] == "gzip"
        assert len(answer.read()) < styles.stat().st_size / 2
        assert answer.headers["Cache-Control"] == A_YEAR
        assert_security_headers(answer.headers, expected, styles.name)
    # Everything without a versioned address is checked again on every visit.
    unversioned = ["index.html", "", "es/index.html", "robots.txt", "sitemap.xml"]
    unversioned.append("_static/" + next((site / "_static").glob("favicon*")).name)
    for name in unversioned:
        assert (site / name).exists() or name == "", name
        status, headers = fetch(nginx_url + name)
        assert status == 200, name
        assert headers.get_all("Cache-Control") == [NO_CACHE], f"{name or '/'}: {headers}"
        assert_security_headers(headers, expected, name or "/")


# Stores every Content-Security-Policy violation the page reports, header or meta.
RECORD_VIOLATIONS = """
window.__dbtViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__dbtViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${where})`);
});
"""


def note_warning(message: ConsoleMessage, into: list[str]) -> None:
    """Chromium reports a header it cannot parse as a warning, not an error: an unknown
    Permissions-Policy feature logs "Error with Permissions-Policy header" at warning
    level. The pages log no warning of their own, so any warning is a failure here."""
    if message.type == "warning":
        into.append(f"console warning: {message.text}")


@pytest.mark.browser
def test_every_page_renders_under_the_headers_in_chromium(
    page: Page, nginx_url: str, unpacked: Path
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.add_init_script(RECORD_VIOLATIONS)
    errors = collect_console_errors(page)
    page.on("console", lambda message: note_warning(message, errors))
    recorder = record_requests(page, nginx_url)
    failures: list[str] = []
    for site_page in discover_pages(unpacked / "site"):
        errors.clear()
        response = page.goto(nginx_url + site_page, wait_until="load")
        assert response is not None and response.ok, site_page
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        violations = page.evaluate("window.__dbtViolations")
        problems = [*errors, *(f"CSP: {v}" for v in violations)]
        if page.locator(".dbt-crisis").count() != 1 or not page.locator(".dbt-crisis").is_visible():
            problems.append("no visible crisis banner (.dbt-crisis)")
        if page.locator(".theme-toggle").filter(visible=True).count() == 0:
            problems.append("no visible theme toggle (.theme-toggle) at 1280px")
        failures += [f"{site_page}: {problem}" for problem in problems]
    assert not failures, "\n".join(failures)
    assert recorder.off_site() == [], "requests left 127.0.0.1"
    assert recorder.failures(page) == []


INJECTED = "window.__dbtInjectedRan = true;"


@pytest.mark.browser
def test_a_script_added_after_the_build_is_blocked_by_the_shipped_policy(
    page: Page, nginx_url: str, unpacked: Path
) -> None:
    """Whatever reaches a published page after the build (a hand edit on the server, a
    compromised upload) does not run: the header policy allows only the templates'
    inline code, so the browser refuses the new script and reports the violation."""
    name = "injected-after-build.html"
    original = (unpacked / "site" / "index.html").read_text(encoding="utf-8")
    tampered = original.replace("</body>", f"<script>{INJECTED}</script></body>", 1)
    assert tampered != original
    (unpacked / "site" / name).write_text(tampered, encoding="utf-8")
    try:
        page.add_init_script(RECORD_VIOLATIONS)
        response = page.goto(nginx_url + name, wait_until="load")
        assert response is not None and response.ok
        assert "require-trusted-types-for 'script'" in response.headers["content-security-policy"]
        assert page.evaluate("window.__dbtInjectedRan === true") is False
        violations = page.evaluate("window.__dbtViolations")
        assert any(v.startswith("script-src-elem blocked inline") for v in violations), violations
        # The page's own code still runs: the theme script set the colour scheme.
        assert page.evaluate("document.body.dataset.theme") in {"auto", "light", "dark"}
    finally:
        (unpacked / "site" / name).unlink()


# --- A re-published change reaches a returning visitor -----------------------------------


def unpack_over(package: Path, root: Path) -> None:
    """Unpack as a clinic would, over the old files, keeping the zip's file times as
    Info-ZIP's unzip does (nginx's ETag and Last-Modified come from them)."""
    unzip = shutil.which("unzip")
    if unzip is not None:
        subprocess.run([unzip, "-q", "-o", str(package), "-d", str(root)], check=True)
        return
    with zipfile.ZipFile(package) as archive_file:
        for info in archive_file.infolist():
            archive_file.extract(info, root)
            modified = packed_time(info)
            os.utime(root / info.filename, (modified, modified))


def one_digit_changed(phone: str) -> str:
    """The same number of the same length with its last digit changed."""
    last = max(i for i, c in enumerate(phone) if c.isdigit())
    return phone[:last] + str((int(phone[last]) + 1) % 10) + phone[last + 1 :]


@pytest.mark.browser
def test_a_republished_phone_number_reaches_a_returning_visitor(
    dist_zip: Path,
    tmp_path: Path,
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
) -> None:
    """Pack, serve with the shipped nginx settings, visit in a browser profile kept on
    disk, re-publish a one-digit change of the clinic's phone by unpacking over the old
    site, come back (a new visit, not a reload) and see the new number in each language."""
    nginx = find_nginx()
    if nginx is None:
        pytest.fail("nginx not found: `make test` installs it when run as root")
    clinic_text = (REPO / "content" / "clinic.yaml").read_text("utf-8")
    old = str(load_clinic(REPO / "content" / "clinic.yaml")["clinic"]["phone"])
    new = one_digit_changed(old)
    assert len(new) == len(old) and new != old
    changed = tmp_path / "clinic.yaml"
    changed.write_text(clinic_text.replace(f'"{old}"', f'"{new}"', 1), encoding="utf-8")
    served = tmp_path / "served"
    unpack_over(dist_zip, served)
    # Published a week ago: without Cache-Control a browser would count a page fresh for
    # a tenth of its age (heuristic freshness) and not ask the server at all.
    week_ago = time.time() - 7 * 24 * 3600
    for path in served.rglob("*"):
        os.utime(path, (week_ago, week_ago))
    out = tmp_path / "dist"
    shutil.copytree(dist_zip.parent, out)
    pages = ("index.html", "es/index.html")
    profile = tmp_path / "profile"

    def visit(url: str) -> dict[str, str]:
        """One visit to each page in a fresh browser process on the same profile."""
        context = browser_type.launch_persistent_context(profile, **browser_type_launch_args)
        try:
            tab = context.new_page()
            seen = {}
            for name in pages:
                tab.goto(url + name, wait_until="domcontentloaded")
                seen[name] = tab.locator("body").inner_text()
            return seen
        finally:
            context.close()

    with nginx_serving(nginx, served / "site", served / "server" / "nginx.conf") as url:
        before = visit(url)
        for name in pages:
            assert old in before[name] and new not in before[name], name
        newer = pack(out, changed)
        unpack_over(newer, served)
        after = visit(url)
    for name in pages:
        assert new in after[name], f"{name}: the returning visitor still sees {old}"
        assert old not in after[name], name
    latest = out / dist_zip.name.replace(dist_zip.name.split("-", 3)[-1], "latest.zip")
    assert latest.read_bytes() == newer.read_bytes(), "-latest is not the newest package"

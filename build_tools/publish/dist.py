"""Pack the site for upload: ``dist/<clinic>-<edition fingerprint>.zip``.

The site is built strictly into a fresh temporary folder, the security headers
are computed from the built pages, and only then is the zip written, so a failed
build or a page no header fits leaves ``dist/`` exactly as it was. The same zip is
also written as ``dist/<clinic>-latest.zip`` (``-trainer-latest`` for the trainer
edition), so the newest package is the one whose name says so.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

from ..acknowledgment import DATA_ID
from ..acknowledgment.markup import EDITION_ATTRIBUTE
from ..clinic import load_clinic
from ..config import EDITIONS
from ..languages.settings import translations_enabled
from ..site.build import build_languages, build_site
from ..validation.signoff import override_problem
from ..validation.validate import stale_reviews
from . import archive, server_config
from .headers import PolicyError, security_headers
from .readme import readme_text

# The default of the dbt_clinic_file option, relative to the source folder.
CLINIC_FILE = "clinic.yaml"
FINGERPRINT = re.compile(r"^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$")


class DistFailed(Exception):
    """The package could not be made; the message says why, ``code`` is the exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def clinic_slug(name: str) -> str:
    """'Riverside DBT Program' -> 'riverside-dbt-program' (accents dropped, for any file system)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "site"


class _DataScript(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] | None = None
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and dict(attrs).get("id") == DATA_ID and self.text is None:
            self.text, self._inside = [], True

    def handle_data(self, data: str) -> None:
        if self._inside and self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False


def recorded_fingerprint(page_html: str) -> str | None:
    """The client record's fingerprint from a page's ``#dbt-ack-data`` JSON, if any."""
    found = _DataScript()
    found.feed(page_html)
    if found.text is None:
        return None
    try:
        edition = json.loads("".join(found.text)).get("edition")
    except (ValueError, AttributeError):
        return None
    # It becomes part of a file name: take nothing but the expected shape.
    return edition if isinstance(edition, str) and FINGERPRINT.match(edition) else None


class _RecordEdition(HTMLParser):
    """The fingerprint a record page shows for one audience: the text of its
    ``<span data-ack-edition="<audience>">``."""

    def __init__(self, audience: str) -> None:
        super().__init__(convert_charrefs=True)
        self.audience = audience
        self.text: list[str] | None = None
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if dict(attrs).get(EDITION_ATTRIBUTE) == self.audience and self.text is None:
            self.text, self._inside = [], True

    def handle_data(self, data: str) -> None:
        if self._inside and self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._inside = False


def shown_fingerprint(page_html: str, audience: str) -> str | None:
    """The fingerprint a record page prints for ``audience``, if the page is that record."""
    found = _RecordEdition(audience)
    found.feed(page_html)
    text = "".join(found.text or ()).strip()
    return text if FINGERPRINT.match(text) else None


def content_fingerprint(site: Path) -> str:
    """A fingerprint of every file's path and bytes, for a site without checklists."""
    digest = hashlib.sha256()
    for name in archive.site_files(site):
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256((site / name).read_bytes()).digest())
    hexdigest = digest.hexdigest()[:12]
    return "-".join(hexdigest[i : i + 4] for i in range(0, 12, 4))


def edition_fingerprint(site: Path, edition: str = "client") -> str:
    """The fingerprint the edition's printed record shows, so a package matches its records.

    The client record's is in every page's data; the trainer edition's onboarding record
    prints its own (of the trainer statements), read from that record page.
    """
    if edition != "client":
        for name in archive.site_files(site):
            if name.endswith(".html"):
                shown = shown_fingerprint((site / name).read_text(encoding="utf-8"), edition)
                if shown:
                    return shown
    index = site / "index.html"
    recorded = recorded_fingerprint(index.read_text(encoding="utf-8")) if index.is_file() else None
    return recorded or content_fingerprint(site)


def package_name(clinic: str, fingerprint: str, edition: str) -> str:
    """``<clinic>[-trainer]-<fingerprint>.zip``; ``fingerprint`` "latest" names the newest."""
    # The trainer edition must never pass for the client one: its name says which it is.
    middle = "-trainer" if edition == "trainer" else ""
    return f"{clinic_slug(clinic)}{middle}-{fingerprint}.zip"


def is_leftover(name: str) -> bool:
    """Files a build leaves that are no part of the site (Sphinx's ``.buildinfo``, any
    other dot file): they would be published, and servers are told to refuse them."""
    return any(part.startswith(".") for part in name.split("/"))


def package_entries(site: Path, *, clinic: str, edition: str, fingerprint: str) -> dict[str, bytes]:
    """Every file of the zip, by name: the site, its manifest and the server settings."""
    try:
        headers = security_headers(site)
    except PolicyError as problem:
        raise DistFailed(f"No header policy fits every page ({problem})") from None
    entries = {
        f"site/{name}": (site / name).read_bytes()
        for name in archive.site_files(site)
        if not is_leftover(name)
    }
    text = {
        "MANIFEST.sha256": archive.manifest(site),
        "server/nginx.conf": server_config.nginx_conf(headers),
        "server/.htaccess": server_config.htaccess(headers),
        "server/_headers": server_config.pages_headers(headers),
        "server/README.txt": readme_text(clinic, edition, fingerprint),
    }
    return {**entries, **{name: value.encode("utf-8") for name, value in text.items()}}


def make_dist(
    source: Path,
    out: Path,
    *,
    edition: str = "client",
    clinic_file: Path | None = None,
    confdir: Path | None = None,
    colour: bool | None = None,
    review_override: str | None = None,
) -> Path:
    """Build ``source`` and pack it into ``out``; return the zip's path.

    Raises DistFailed, leaving ``out`` as it was, if the build or the headers fail, or
    if a client page is past its clinical review without ``review_override`` (a stated
    reason, which the package then carries in REVIEW-OVERRIDE.txt).
    """
    override = review_gate(source, (clinic_file or source / CLINIC_FILE).resolve(), review_override)
    try:
        # Read first: a wrong value stops before minutes of building.
        modified = archive.package_time()
    except archive.BadSourceDate as problem:
        raise DistFailed(str(problem), 2) from None
    with tempfile.TemporaryDirectory(prefix="dbt-dist-") as work:
        site = Path(work) / "site"
        # Validation and the meta policies on, whatever conf.py says: the package
        # is what clinics publish, and the header is computed from those policies.
        overrides = [f"dbt_edition={edition}", "dbt_validate=1", "dbt_content_security_policy=1"]
        settings_file = (clinic_file or source / CLINIC_FILE).resolve()
        overrides.append(f"dbt_clinic_file={settings_file}")
        if edition == "client":
            # Every language the clinic publishes: its own at the root, the others in
            # folders named by their codes (es/), where the language links point.
            codes = ["", *translations_enabled(settings_file)]
            code = build_languages(
                source, site, codes, confdir=confdir, overrides=overrides, colour=colour
            )
        else:
            code = build_site(source, site, confdir=confdir, overrides=overrides, colour=colour)
        if code != 0:
            raise DistFailed("The build failed", code)
        clinic = str(load_clinic(settings_file)["clinic"]["name"])
        fingerprint = edition_fingerprint(site, edition)
        entries = package_entries(site, clinic=clinic, edition=edition, fingerprint=fingerprint)
        if override:
            entries["REVIEW-OVERRIDE.txt"] = override.encode("utf-8")
        out.mkdir(parents=True, exist_ok=True)
        target = out / package_name(clinic, fingerprint, edition)
        latest = out / package_name(clinic, "latest", edition)
        # Written beside the targets and renamed: nobody ever finds half a zip there.
        # The -latest name is a second copy of the same bytes, for scripts and people
        # who want the newest package without comparing fingerprints.
        partial = out / f".{target.name}.partial"
        latest_partial = out / f".{latest.name}.partial"
        try:
            archive.write_zip(partial, entries, modified)
            shutil.copyfile(partial, latest_partial)
            partial.replace(target)
            latest_partial.replace(latest)
        finally:
            partial.unlink(missing_ok=True)
            latest_partial.unlink(missing_ok=True)
        return target


def review_gate(source: Path, settings_file: Path, reason: str | None) -> str | None:
    """Stop a package with client pages past their review; with a stated reason, the
    text of REVIEW-OVERRIDE.txt (None when every page is within its review period)."""
    problems, late = stale_reviews(source, settings_file)
    if problems or not late:
        return None  # the build reports the problems
    listed = "\n".join(str(page) for page in late)
    if reason is None:
        raise DistFailed(
            f"{listed}\n{len(late)} client page(s) are past their clinical review. Have a "
            "clinician review them, or pack anyway with a stated reason: "
            'make dist REVIEW_OVERRIDE="why, and when the review will happen"'
        )
    why = override_problem(reason)
    if why:
        raise DistFailed(why)
    print(f"{listed}\nPacking anyway: {reason}", file=sys.stderr)
    return f"Packed past the clinical review period of these pages:\n{listed}\n\nReason: {reason}\n"


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools dist", description=__doc__)
    parser.add_argument("--source", type=Path, default=Path("content"), help="default: content")
    parser.add_argument("--out", type=Path, default=Path("dist"), help="default: dist")
    parser.add_argument("--conf", type=Path, default=Path.cwd(), help="folder with conf.py")
    parser.add_argument(
        "--edition",
        choices=EDITIONS,
        default="client",
        help="client (default) or trainer (for staff only: never publish it for clients)",
    )
    parser.add_argument(
        "--clinic",
        type=Path,
        default=None,
        metavar="FILE",
        help="another clinic's settings for the same pages (default: SOURCE/clinic.yaml)",
    )
    parser.add_argument(
        "--review-override",
        default=None,
        metavar="REASON",
        help="pack although client pages are past their clinical review, for this reason",
    )
    options = parser.parse_args(argv)
    try:
        target = make_dist(
            options.source,
            options.out,
            edition=options.edition,
            clinic_file=options.clinic,
            confdir=options.conf,
            review_override=options.review_override,
        )
    except DistFailed as problem:
        print(f"{problem}; {options.out} was left as it was.", file=sys.stderr)
        return problem.code
    print(f"Packed the {options.edition} edition into {target}")
    return 0

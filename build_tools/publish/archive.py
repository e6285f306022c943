"""The checksum manifest, and the zip with file times that tell servers the files changed."""

from __future__ import annotations

import hashlib
import os
import struct
import time
import zipfile
from collections.abc import Mapping
from pathlib import Path

UNIX = 3  # the "made by" system; Python would otherwise write the one it runs on
READ_WRITE = 0o100644  # a regular file, rw-r--r--
# The earliest time a zip's own date fields can hold (1980-01-01, UTC).
ZIP_EPOCH = 315532800
# Info-ZIP's "extended timestamp" extra field: the modification time in Unix seconds,
# UTC. unzip restores it exactly, where the zip's own date is local time in 2 s steps.
EXTENDED_TIMESTAMP = 0x5455
MODIFIED_ONLY = 1


class BadSourceDate(ValueError):
    """SOURCE_DATE_EPOCH is set to something that is not a time a zip can hold."""


def package_time(environ: Mapping[str, str] | None = None) -> int:
    """The time every file of the zip carries, in Unix seconds.

    Web servers derive ``Last-Modified`` and nginx its ``ETag`` from a file's time (and
    size): unpacked over an older site, a changed page must look changed even when its
    size is the same, so the files carry the time of packing. Where a reproducible zip is
    wanted, ``SOURCE_DATE_EPOCH`` (reproducible-builds.org) fixes it; set it to the time
    of the content's last change (``git log -1 --format=%ct``) so it still moves on.
    """
    given = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "")
    if not given:
        return int(time.time())
    if not given.isdigit() or not ZIP_EPOCH <= int(given) < 2**31:
        raise BadSourceDate(
            f"SOURCE_DATE_EPOCH={given!r} is not a time in seconds between 1980 and 2038"
        )
    return int(given)


def site_files(site: Path) -> list[str]:
    """Every file under ``site``, as sorted paths relative to it."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def manifest(site: Path, prefix: str = "site/") -> str:
    """``sha256sum`` lines (``<hex>  <prefix><path>``) for every file, so that
    ``sha256sum -c`` checks the unpacked package from its root."""
    lines = []
    for name in site_files(site):
        digest = hashlib.sha256((site / name).read_bytes()).hexdigest()
        lines.append(f"{digest}  {prefix}{name}\n")
    return "".join(lines)


def write_zip(path: Path, entries: Mapping[str, bytes], modified: int) -> None:
    """Write ``entries`` (name -> content) in name order, every file dated ``modified``
    (Unix seconds) and nothing else that varies by where the zip is made: the same
    entries and time give the same bytes."""
    date_time = time.gmtime(modified)[:6]
    extra = struct.pack("<HHBl", EXTENDED_TIMESTAMP, 5, MODIFIED_ONLY, modified)
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = UNIX
            info.external_attr = READ_WRITE << 16
            info.extra = extra
            archive.writestr(info, entries[name], compresslevel=9)

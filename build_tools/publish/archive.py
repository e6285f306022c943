"""The checksum manifest and a zip that is the same, byte for byte, for the same build."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Mapping
from pathlib import Path

# The earliest time a zip can hold: a file's age in the build folder says nothing
# about the site, and a fixed time lets two packs of one build be compared by hash.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
UNIX = 3  # the "made by" system; Python would otherwise write the one it runs on
READ_WRITE = 0o100644  # a regular file, rw-r--r--


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


def write_zip(path: Path, entries: Mapping[str, bytes]) -> None:
    """Write ``entries`` (name -> content) in name order, with nothing that varies by
    when or where the zip is made."""
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = UNIX
            info.external_attr = READ_WRITE << 16
            archive.writestr(info, entries[name], compresslevel=9)

"""Symbolic links that lead out of the content folder.

A pull request can add a symbolic link as easily as a page: ``leak.md`` pointing at a
file of the build machine would be read as a page, and an image link at one would be
copied into the site. Any link inside ``content/`` whose target is outside it stops
the build (and ``make validate``) at the link.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def links_out_of(root: Path) -> Iterator[Path]:
    """Every symbolic link under ``root`` that resolves outside it (or nowhere)."""
    top = root.resolve()
    for folder, names, files in os.walk(root, followlinks=False):
        for name in [*names, *files]:
            path = Path(folder, name)
            if path.is_symlink() and not path.resolve().is_relative_to(top):
                yield path

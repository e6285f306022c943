"""Which languages a clinic builds, and the clinic's words in each of them.

``site.language`` is the language the pages are written in; ``site.translations``
lists the others. A translation's prose (days, names, the crisis line's own
options) comes from ``translations.<code>`` in clinic.yaml and is laid over the
shared settings; numbers, addresses and contacts are the same in every language.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import clinic


def clinic_file(source: Path, given: Path | None) -> Path:
    return (given if given is not None else source / "clinic.yaml").resolve()


def source_language(settings: Mapping[str, Any]) -> str:
    return str(settings["site"]["language"])


def translations(settings: Mapping[str, Any]) -> list[str]:
    return [str(code) for code in settings["site"].get("translations", [])]


def languages(settings: Mapping[str, Any]) -> list[str]:
    """Every language the clinic builds, the pages' own first."""
    return [source_language(settings), *translations(settings)]


def translations_enabled(path: Path) -> list[str]:
    try:
        return translations(clinic.load_clinic(path))
    except (OSError, ValueError, KeyError, TypeError):
        return []  # the build's validation reports a broken clinic file


def settings_for(settings: Mapping[str, Any], language: str) -> dict[str, Any]:
    """The clinic's settings as one language edition reads them."""
    merged = copy.deepcopy(dict(settings))
    words = settings.get("translations", {}).get(language)
    if language != source_language(settings) and words:
        merge_into(merged, words)
    return merged


def merge_into(base: dict[str, Any], words: Mapping[str, Any]) -> None:
    for key, value in words.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            merge_into(base[key], value)
        else:
            base[key] = copy.deepcopy(value)

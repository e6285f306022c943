"""What a directive collects per page, kept in the Sphinx build env in one shape.

The checklists (statements) and the knowledge checks both keep ``{docname: [item]}``
on the env, and each needs the same three things: forget a page when it is read
again (``env-purge-doc``), take the pages a parallel reader collected
(``env-merge-info``), and find a key claimed by two pages (``env-check-consistency``,
where the caller words the warning).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

Item = TypeVar("Item")


class PageStore(Generic[Item]):
    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def of(self, env: BuildEnvironment) -> dict[str, list[Item]]:
        store: dict[str, list[Item]] | None = getattr(env, self.attribute, None)
        if store is None:
            store = {}
            setattr(env, self.attribute, store)
        return store

    def purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.of(env).pop(docname, None)

    def merge(self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: Any) -> None:
        mine = self.of(env)
        for docname, items in self.of(other).items():
            if docname in docnames:
                mine[docname] = items

    def connect(self, app: Sphinx) -> None:
        app.connect("env-purge-doc", self.purge)
        app.connect("env-merge-info", self.merge)

    def clashes(
        self, env: BuildEnvironment, key: Callable[[Item], str]
    ) -> Iterator[tuple[str, Item, str]]:
        """(docname, item, the page that had its key first) for a key on two pages."""
        owner: dict[str, str] = {}
        store = self.of(env)
        for docname in sorted(store):
            for item in store[docname]:
                name = key(item)
                if name in owner and owner[name] != docname:
                    yield docname, item, owner[name]
                owner.setdefault(name, docname)

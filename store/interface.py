"""The one store interface: what the CLI, the explorer, export and search may ask of a store.

Two classes implement it: the embedded ``db.Store`` (TinyDB views over a manifest and segment files, the
default) and ``postgres.PostgresStore`` (a shared PostgreSQL database).  Code above the store is typed
against this ``Protocol`` and never asks which one it has; ``opening.open_store`` picks one from the
location the user gave.  A method added to one store must be added to the other and to this list, and
tests/store runs its interface tests over both (the parametrised ``store`` fixture), so a feature cannot
land on one store only.  Both stores link a re-imported update to its earlier version at import
(``versions``, ``version_ranks``, ``AddResult.versions``): the embedded one through its manifest
(``versions/lineage.py``), PostgreSQL through its ``lineage`` columns (``postgres/versions.py``).

Search is not a store method: the embedded store keeps its index in files beside the store
(``search.persisted``), while a store that searches in its own engine says so by also being a
``SearchesItself``; ``search.persisted.open_index`` asks for the one or the other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from claimscope.extract.model import Article
from claimscope.store.db import MEMORY, AddResult, ArticleSummary, Store
from claimscope.store.entries import Row
from claimscope.store.records import ItemRef, PreparedArticle, Record

if TYPE_CHECKING:  # the search package loads numpy; a store command that does not search never pays for it
    from claimscope.store.search.index import Hit


class StoreInterface(Protocol):
    """The public methods of a claimscope store (see the module docstring)."""

    # lifecycle
    def close(self) -> None: ...
    def __enter__(self) -> StoreInterface: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    # reading
    def is_empty(self) -> bool: ...
    def size(self) -> int: ...
    def article_summaries(self) -> list[ArticleSummary]: ...
    def summary_rows(self) -> list[tuple[str, Row]]: ...
    def article_ids(self) -> list[str]: ...
    def version_ranks(self, rows: list[tuple[str, Row]] | None = None) -> dict[str, tuple[int, int]]: ...
    def versions(self, article_id: str) -> list[str]: ...
    def get_article(self, article_id: str) -> Article: ...
    def resolve(self, item_id: str) -> ItemRef: ...
    def item(self, ref: ItemRef) -> Record: ...
    def records(self, table: str) -> Mapping[str, Record]: ...
    def documents(self, ids: Iterable[str] | None = None) -> Iterator[tuple[str, Record]]: ...

    # writing
    def add_articles(self, articles: Iterable[Article]) -> AddResult: ...
    def add_prepared(self, prepared: Iterable[PreparedArticle]) -> AddResult: ...
    def remove_articles(self, ids: Iterable[str]) -> int: ...

    # marks
    def marks(self) -> set[str]: ...
    def mark(self, ids: Iterable[str]) -> None: ...
    def unmark(self, ids: Iterable[str]) -> None: ...

    # other writers (another process, another machine)
    def changed_on_disk(self) -> bool: ...
    def refresh(self) -> bool: ...


def derived_files_base(store: StoreInterface) -> Path | None:
    """Where files derived from the store may be kept beside it (the across-articles index, the repeats
    cache): the embedded store's own file, or None for a store in memory or in a database, whose derived
    views are computed in memory instead."""
    if isinstance(store, Store) and store.path != MEMORY:
        return store.path
    return None


class Searcher(Protocol):
    """What answers a query: the embedded ``SearchIndex`` or a database's own search."""

    def search(self, query: str, *, kind: str | None = None, limit: int = 50) -> list[Hit]: ...


@runtime_checkable
class SearchesItself(Protocol):
    """A store whose engine answers queries itself (no index files beside it)."""

    def searcher(self) -> Searcher: ...

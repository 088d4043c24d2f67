"""The explorer's one door to the store: a lock, a small article cache and the search index.

The store is used from the UI thread (cursor moves) and from thread workers (import, search, refresh),
so every call goes through one re-entrant lock.  Full articles are loaded only when chosen and kept in a
small LRU cache, which is what lets the explorer open instantly on a large store: at start-up only the
article summaries are read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from claimscope.extract.model import Article, Claim, Statistic
from claimscope.store.errors import StoreError
from claimscope.store.export import export_items
from claimscope.store.interface import StoreInterface
from claimscope.tui.summary_list import SummaryList

if TYPE_CHECKING:  # the search package (numpy: 0.2 s) is imported by the first search, after the first paint
    from claimscope.store.importer import ImportSummary
    from claimscope.store.interface import Searcher
    from claimscope.store.search import Hit
    from claimscope.tui.url_fetch import FetchLimits

ARTICLE_CACHE_SIZE = 64


class Library:
    """Thread-safe access to one open ``Store`` for the explorer."""

    def __init__(self, store: StoreInterface) -> None:
        self.store = store
        self._lock = threading.RLock()
        self._articles: OrderedDict[str, Article] = OrderedDict()
        self._index: Searcher | None = None
        self._build_lock = threading.Lock()
        self._progress: tuple[int, int] | None = None
        self._summaries: SummaryList | None = None
        self._generation = 0
        """Bumped whenever the store changes under the caches."""

    def close(self) -> None:
        with self._lock:
            self.store.close()

    def is_empty(self) -> bool:
        with self._lock:
            return self.store.is_empty()

    def summaries(self) -> SummaryList:
        """Every article's summary, made only as the list reads them (``tui/summary_list.py``)."""
        with self._lock:
            if self._summaries is None:
                self._summaries = SummaryList.of_store(self.store)
            return self._summaries

    def versions(self, article_id: str) -> list[str]:
        """Every version of the article's story, oldest first (``Store.versions``)."""
        with self._lock:
            return self.store.versions(article_id)

    def article(self, article_id: str) -> Article:
        with self._lock:
            cached = self._articles.get(article_id)
            if cached is not None:
                self._articles.move_to_end(article_id)
                return cached
            article = self.store.get_article(article_id)
            self._articles[article_id] = article
            while len(self._articles) > ARTICLE_CACHE_SIZE:
                self._articles.popitem(last=False)
            return article

    def claims_of(self, article_id: str) -> list[Claim]:
        """An article's claims, read without the cache (the all-articles rows read many articles once);
        none when the article has gone since the list was made."""
        article = self._read_uncached(article_id)
        return article.claims if article is not None else []

    def statistics_of(self, article_id: str) -> list[Statistic]:
        """An article's statistics, as ``claims_of``."""
        article = self._read_uncached(article_id)
        return article.statistics if article is not None else []

    def _read_uncached(self, article_id: str) -> Article | None:
        with self._lock:
            cached = self._articles.get(article_id)
            try:
                return cached if cached is not None else self.store.get_article(article_id)
            except StoreError:
                return None

    # marks -------------------------------------------------------------------------------------------

    def marks(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self.store.marks())

    def toggle_marks(self, ids: Iterable[str]) -> frozenset[str]:
        """Mark the ids if any is unmarked, else unmark them all (so space on a mixed set marks)."""
        wanted = list(ids)
        with self._lock:
            current = self.store.marks()
            if all(item_id in current for item_id in wanted):
                self.store.unmark(wanted)
            else:
                self.store.mark(wanted)
            return frozenset(self.store.marks())

    # search, import, export ----------------------------------------------------------------------------

    def search(self, query: str, limit: int = 60) -> list[Hit]:
        return list(self._search_index().search(query, limit=limit))

    def search_ready(self) -> bool:
        return self._index is not None

    def warm_search_index(self) -> None:
        """Build the index now (a worker calls this after the first paint, so search is instant later)."""
        self._search_index()

    def indexing(self) -> tuple[int, int] | None:
        """(done, total) articles while the index is being caught up with the store, else None."""
        return self._progress

    def _note_progress(self, done: int, total: int) -> None:
        self._progress = (done, total)

    def _search_index(self) -> Searcher:
        """The persisted index (opened in milliseconds), caught up with the store if it lags.

        Opened outside the store lock so cursor moves never wait for it, and by one thread at a time: a
        search typed while the index is being built waits for that build instead of starting another,
        and runs as soon as it is done.  Store reads are safe beside a writer (it swaps in a new corpus
        rather than changing the one in use); an index built from data that a refresh has since
        replaced is used once but not kept.
        """
        index = self._index
        if index is not None:
            return index
        with self._build_lock:
            if self._index is not None:
                return self._index
            generation = self._generation
            try:
                from claimscope.store.search.persisted import open_index

                index = open_index(self.store, progress=self._note_progress)
            finally:
                self._progress = None
            with self._lock:
                if generation == self._generation:
                    self._index = index
        return index

    def import_samples(self) -> int:
        """Import the bundled samples; ``SampleImportFailed`` says what went wrong (the app says what to do)."""
        from claimscope.store.importer import import_samples  # the extractor loads only when needed

        with self._lock:
            summary = import_samples(self.store)
            if summary.imported:
                self._update_index()
            self._forget()
            return summary.imported

    def import_paths(self, paths: list[Path]) -> tuple[int, int, int]:
        """Import files; how many were imported, unchanged and failed."""
        from claimscope.store.importer import import_paths

        with self._lock:
            summary = import_paths(self.store, paths)
            if summary.imported:
                self._update_index()
            self._forget()
            return summary.imported, summary.unchanged, len(summary.failed)

    def import_url(self, url: str, limits: FetchLimits | None = None) -> ImportSummary:
        """Fetch a page and import it; a failure (fetch or extraction) is the summary's one ``failed`` entry.

        The page is fetched outside the lock, so the explorer's panes never wait on the network.
        """
        from claimscope.store.importer import ImportSummary, import_documents
        from claimscope.tui.url_fetch import FetchFailed, FetchLimits, fetch_page

        try:
            page = fetch_page(url, limits or FetchLimits())
        except FetchFailed as error:
            return ImportSummary(failed=[(url, str(error))])
        with self._lock:
            summary = import_documents(self.store, [page.document()])
            if summary.imported:
                self._update_index()
                self._forget()
            return summary

    def _update_index(self) -> None:
        from claimscope.store.search.persisted import update_index

        update_index(self.store)

    def export(self, ids: Iterable[str], fmt: str) -> str:
        with self._lock:
            return export_items(self.store, sorted(ids), fmt)

    def refresh_if_changed(self) -> bool:
        """Reload when another process wrote the store; true when something changed."""
        with self._lock:
            if not self.store.changed_on_disk():
                return False
            changed = bool(self.store.refresh())
            if changed:
                self._forget()
            return changed

    def _forget(self) -> None:
        self._generation += 1
        self._articles.clear()
        self._index = None
        self._summaries = None


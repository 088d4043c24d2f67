"""The explorer's door to the index across articles: opened and queried in workers, one call at a time.

The speakers and figures screens run every query in a thread worker (the first open of a large store
catches the index up, which can take a while).  The SQLite connection is shared by those workers, so a
lock keeps to one call at a time; the store is read without the library's lock, as the search index
is (store reads are safe beside a writer, which swaps in a new corpus instead of changing this one).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from claimscope.store.across import AcrossIndex, FigureRow, GroupRow, SpeakerRow, open_across
from claimscope.store.across.index import SpeakerSort
from claimscope.store.across.speakers import SpeakerClaim, speaker_claims
from claimscope.store.interface import StoreInterface


@dataclass(frozen=True, slots=True)
class ItemJump:
    """An item to show in the reader, in the shape ``MainScreen.jump_to`` reads from a search hit."""

    kind: str
    id: str
    article_id: str


class AcrossSource:
    """One open index across articles for the explorer's screens; ``open`` catches it up with the store."""

    def __init__(self, store: StoreInterface) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._index: AcrossIndex | None = None

    def open(self, progress: Callable[[int, int], None] | None = None) -> None:
        """(Re)open the index, caught up with the store as it is now."""
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None
            self._index = open_across(self.store, progress=progress)

    def _open_index(self) -> AcrossIndex:
        if self._index is None:
            self._index = open_across(self.store)
        return self._index

    def speakers(self, sort: SpeakerSort) -> list[SpeakerRow]:
        with self._lock:
            return self._open_index().speakers(sort)

    def claims_of(self, key: str) -> list[SpeakerClaim]:
        with self._lock:
            index = self._open_index()
            found = index.find_speakers(key)
            return speaker_claims(self.store, index, found[0]) if found else []

    def groups(self, *, conflicts_only: bool, every: bool, limit: int | None = None) -> list[GroupRow]:
        with self._lock:
            return self._open_index().groups(conflicts_only=conflicts_only, shared_only=not every, limit=limit)

    def figures(self, group: str) -> list[FigureRow]:
        with self._lock:
            return self._open_index().figures(group)

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None

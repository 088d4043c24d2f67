"""Every article's summary as a sequence that makes each ``ArticleSummary`` only when it is read.

The article list at 100,000 articles paints a screenful of rows; making all 100,000 summaries up front
(one named tuple each, from the manifest's rows) was about 0.25 s of the explorer's first paint.  This
keeps the store's parsed rows (``Store.summary_rows``) and the few version ranks, makes a summary when an
index is read (and keeps it), and finds an article's place from a dict built the first time it is asked.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

from claimscope.store.db import ArticleSummary, summary_of_row
from claimscope.store.entries import N_CLAIMS, N_STATISTICS, Row
from claimscope.store.interface import StoreInterface
from claimscope.store.storage import gc_paused


class SummaryList(Sequence[ArticleSummary]):
    """Article summaries in article-list order, each made from its manifest row on first read."""

    def __init__(self, rows: Sequence[tuple[str, Row]], ranks: dict[str, tuple[int, int]]) -> None:
        self._rows = rows
        self._ranks = ranks
        self._made: dict[int, ArticleSummary] = {}
        self._position: dict[str, int] | None = None
        self._from_rows = True

    @classmethod
    def of_store(cls, store: StoreInterface) -> SummaryList:
        """The store's summaries; the manifest's rows are parsed (and 100,000 id/row pairs made) while the
        cyclic collector is paused, as ``Store.article_summaries`` does: nothing here is cyclic."""
        with gc_paused():
            rows = store.summary_rows()
            return cls(rows, store.version_ranks(rows))

    @classmethod
    def of(cls, summaries: Sequence[ArticleSummary]) -> SummaryList:
        """Summaries already made (a test's, or another store's) behind the same interface."""
        if isinstance(summaries, SummaryList):
            return summaries
        listed = cls([], {})
        listed._rows = [(summary.id, []) for summary in summaries]
        listed._made = dict(enumerate(summaries))
        listed._from_rows = False
        return listed

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> ArticleSummary: ...

    @overload
    def __getitem__(self, index: slice) -> list[ArticleSummary]: ...

    def __getitem__(self, index: int | slice) -> ArticleSummary | list[ArticleSummary]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._rows)))]
        if index < 0:
            index += len(self._rows)
        made = self._made.get(index)
        if made is None:
            article_id, row = self._rows[index]  # IndexError past the end, as a list's
            made = summary_of_row(article_id, row, self._ranks)
            self._made[index] = made
        return made

    def __iter__(self) -> Iterator[ArticleSummary]:
        return (self[i] for i in range(len(self._rows)))

    def article_id(self, index: int) -> str:
        """The id at a place, without making its summary."""
        return self._rows[index][0]

    def claim_counts(self) -> list[int]:
        """Each article's claim count, in list order, without making summaries."""
        if self._from_rows:
            return [row[N_CLAIMS] or 0 for _id, row in self._rows]
        return [summary.n_claims for summary in self]

    def statistic_counts(self) -> list[int]:
        """Each article's statistic count, in list order, without making summaries."""
        if self._from_rows:
            return [row[N_STATISTICS] or 0 for _id, row in self._rows]
        return [summary.n_statistics for summary in self]

    def article_ids(self) -> list[str]:
        return [article_id for article_id, _row in self._rows]

    def position(self, article_id: str) -> int | None:
        """An article's place in the list, or None when the list has no such article."""
        if self._position is None:
            self._position = {article_id: index for index, (article_id, _row) in enumerate(self._rows)}
        return self._position.get(article_id)

    def __contains__(self, value: object) -> bool:
        return isinstance(value, ArticleSummary) and self.position(value.id) is not None

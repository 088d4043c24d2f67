"""Every article's claim (or statistic) rows as one sequence, each article read only when its rows are.

The "all articles" view used to read all 100,000 articles before it showed a row (over a minute).  The
manifest already holds each article's claim and statistic counts, so the view's length and where each
article's rows start are known from the summaries alone; ``ArticleRows`` reads an article (through the
``Library``'s cache) the first time one of its rows is painted or looked up, and keeps the rows of the
last ``CACHED_ARTICLES`` articles.  An item id names its article (``<article id>:<kind><n>``), so finding
a row by key reads one article, not the list.

Reading every row (``list(rows)``, a sort by value) still reads every article: the statistics pane does
that in a thread worker (``StatsTable``), never on the UI thread.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import accumulate
from typing import Generic, TypeVar, overload

from claimscope.store.records import article_id_of
from claimscope.tui.widgets.virtual_table import KeyedRows, Row

CACHED_ARTICLES = 256
"""Articles whose rows are kept: several screenfuls of rows, and the rows the column widths are measured on."""

GONE = "gone"
"""Blank rows stand for items an article no longer has: ``<article id>:gone<n>`` (no item id looks so)."""

ItemT = TypeVar("ItemT")


class ArticleRows(KeyedRows, Generic[ItemT]):
    """Rows of the items of many articles, in article order, made an article at a time when read.

    ``items_of(article_id)`` gives an article's items as (id, item) pairs in order, and ``row_of`` makes an
    item's row; ``counts`` says how many items each article has (the manifest's counts), so nothing is read
    to know the length or where an article starts.  Safe to read from a worker thread and the UI thread.
    """

    def __init__(
        self,
        article_ids: Sequence[str],
        counts: Sequence[int],
        items_of: Callable[[str], Sequence[ItemT]],
        row_of: Callable[[ItemT], Row],
    ) -> None:
        kept = [(article_id, count) for article_id, count in zip(article_ids, counts, strict=True) if count > 0]
        self._ids = [article_id for article_id, _count in kept]
        self._starts = [0, *accumulate(count for _id, count in kept)]
        self._items_of = items_of
        self._row_of = row_of
        self._cache: OrderedDict[int, tuple[list[Row], list[ItemT]]] = OrderedDict()
        self._lock = threading.Lock()
        self._position: dict[str, int] | None = None

    def __len__(self) -> int:
        return self._starts[-1]

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        article = bisect_right(self._starts, index) - 1
        rows, _items = self._article(article)
        local = index - self._starts[article]
        return rows[local]

    def __iter__(self) -> Iterator[Row]:
        for article in range(len(self._ids)):
            yield from self._article(article)[0]

    def index_of(self, key: str) -> int | None:
        found = self._find(key)
        return found[0] if found is not None else None

    def item(self, key: str) -> ItemT | None:
        """The item a row stands for (one article read at most)."""
        found = self._find(key)
        return found[1] if found is not None else None

    def _find(self, key: str) -> tuple[int, ItemT] | None:
        article = self._article_position(article_id_of(key))
        if article is None:
            return None
        rows, items = self._article(article)
        for local, (row_key, _cells) in enumerate(rows):
            if row_key == key:
                return self._starts[article] + local, items[local]
        return None

    def _article_position(self, article_id: str) -> int | None:
        if self._position is None:
            self._position = {article_id: index for index, article_id in enumerate(self._ids)}
        return self._position.get(article_id)

    def _article(self, article: int) -> tuple[list[Row], list[ItemT]]:
        with self._lock:
            cached = self._cache.get(article)
            if cached is not None:
                self._cache.move_to_end(article)
                return cached
        article_id, count = self._ids[article], self._starts[article + 1] - self._starts[article]
        items = list(self._items_of(article_id))[:count]
        rows = [self._row_of(item) for item in items]
        # An article removed (or changed) since the list was made keeps its place with blank rows.
        rows += [(f"{article_id}:{GONE}{n}", ()) for n in range(len(rows), count)]
        made = (rows, items)
        with self._lock:
            self._cache[article] = made
            while len(self._cache) > CACHED_ARTICLES:
                self._cache.popitem(last=False)
        return made


class ArticleOfItem(Mapping[str, str]):
    """Item id -> article id for the rows of an ``ArticleRows`` (what ``ItemTable.article_of`` holds)."""

    def __init__(self, rows: ArticleRows[ItemT]) -> None:
        self._rows = rows

    def __getitem__(self, item_id: str) -> str:
        if self._rows.index_of(item_id) is None:
            raise KeyError(item_id)
        return article_id_of(item_id)

    def __iter__(self) -> Iterator[str]:
        return (key for key, _cells in self._rows)

    def __len__(self) -> int:
        return len(self._rows)


class ItemById(Mapping[str, ItemT]):
    """Item id -> item for the rows of an ``ArticleRows`` (what the statistics pane sorts by)."""

    def __init__(self, rows: ArticleRows[ItemT]) -> None:
        self._rows = rows

    def __getitem__(self, item_id: str) -> ItemT:
        item = self._rows.item(item_id)
        if item is None:
            raise KeyError(item_id)
        return item

    def __iter__(self) -> Iterator[str]:
        return (key for key, _cells in self._rows)

    def __len__(self) -> int:
        return len(self._rows)

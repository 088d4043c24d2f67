"""The store's contents in memory: summaries parsed, article documents kept as raw JSON until needed.

Opening a store of 10,000 articles used to build millions of Python dicts and strings (every block, claim
and statistic) before the explorer could show its article list.  Here each article stays the bytes it was
read as (a slice of the file, no copy) and is parsed only when something asks for it; a small LRU cache
keeps the articles just used.  Writing joins the raw bytes of the untouched articles with the new ones,
so no write ever re-serialises what it did not change.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from claimscope.store.errors import StoreDamaged
from claimscope.store.migrations import current_schema
from claimscope.store.records import Record, article_id_of, article_view, item_view
from claimscope.store.schema import ARTICLES_TABLE, ITEM_TABLES, META_TABLE

RawDocument = bytes | memoryview
PARSED_CACHE_SIZE = 256


@dataclass(slots=True)
class Corpus:
    """Meta, summaries and raw article documents, keyed by article id in insertion order."""

    path: Path | None
    meta: dict[str, Any] = field(default_factory=lambda: {"schema": current_schema()})
    summaries: dict[str, Record] = field(default_factory=dict)
    raw: dict[str, RawDocument] = field(default_factory=dict)
    _parsed: OrderedDict[str, Record] = field(default_factory=OrderedDict)

    def copy(self) -> Corpus:
        """A copy to change inside a transaction; raw documents are shared, never mutated."""
        return Corpus(self.path, dict(self.meta), dict(self.summaries), dict(self.raw))

    def keep_cache_of(self, older: Corpus) -> None:
        """Take over the parsed articles of the corpus this one replaces (ids are content hashes)."""
        self._parsed = older._parsed
        for article_id in [a for a in self._parsed if a not in self.raw]:
            del self._parsed[article_id]

    def document(self, article_id: str) -> Record | None:
        """The parsed document of one article (cached), or None when the store has no such article."""
        cached = self._parsed.get(article_id)
        if cached is not None:
            self._parsed.move_to_end(article_id)
            return cached
        raw = self.raw.get(article_id)
        if raw is None:
            return None
        parsed = parse_document(raw, article_id, self.path)
        self._parsed[article_id] = parsed
        while len(self._parsed) > PARSED_CACHE_SIZE:
            self._parsed.popitem(last=False)
        return parsed

    def iter_documents(self) -> Iterator[tuple[str, Record]]:
        """Every article's document, parsed one at a time and not cached (for indexing everything)."""
        for article_id, raw in self.raw.items():
            cached = self._parsed.get(article_id)
            yield article_id, cached if cached is not None else parse_document(raw, article_id, self.path)

    def item(self, table: str, item_id: str) -> Record | None:
        document = self.document(article_id_of(item_id))
        if document is None:
            return None
        record: Record | None = (document.get(table) or {}).get(item_id)
        return record

    def table(self, name: str) -> Mapping[str, Record]:
        """A read-only TinyDB-shaped view of one table (``articles`` or an item table)."""
        if name == ARTICLES_TABLE:
            return ArticleTable(self)
        if name in ITEM_TABLES:
            return ItemTable(self, name)
        if name == META_TABLE:
            return self.meta
        return {}


def parse_document(raw: RawDocument, article_id: str, path: Path | None) -> Record:
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StoreDamaged(
            f"store file {path} is damaged (article {article_id} is not valid JSON: {exc}); it was left untouched"
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("article"), dict):
        raise StoreDamaged(
            f"store file {path} is damaged (article {article_id} is not a document); it was left untouched"
        )
    return document


class ArticleTable(Mapping[str, Record]):
    """The ``articles`` table: metadata and text plus the item ids of each kind, parsed on access."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def __getitem__(self, article_id: str) -> Record:
        document = self.corpus.document(article_id)
        if document is None:
            raise KeyError(article_id)
        return article_view(document)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.corpus.raw

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.corpus.raw))

    def __len__(self) -> int:
        return len(self.corpus.raw)


class ItemTable(Mapping[str, Record]):
    """One item table (sections, claims, statistics, entities) over the article documents."""

    def __init__(self, corpus: Corpus, name: str) -> None:
        self.corpus = corpus
        self.name = name

    def __getitem__(self, item_id: str) -> Record:
        record = self.corpus.item(self.name, item_id)
        if record is None:
            raise KeyError(item_id)
        return item_view(record, article_id_of(item_id))

    def __iter__(self) -> Iterator[str]:
        for _, document in self.corpus.iter_documents():
            yield from document.get(self.name) or {}

    def __len__(self) -> int:
        key = "n_" + self.name
        return sum(int(summary.get(key, 0)) for summary in self.corpus.summaries.values())

    def items(self) -> Iterator[tuple[str, Record]]:  # type: ignore[override]
        """All records, parsing each article once (``Mapping.items`` would parse per key)."""
        for article_id, document in self.corpus.iter_documents():
            for item_id, record in (document.get(self.name) or {}).items():
                yield item_id, item_view(record, article_id)

    def values(self) -> Iterator[Record]:  # type: ignore[override]
        for _, record in self.items():
            yield record

"""The store's contents in memory: the manifest's entries, article documents read only when needed.

Each article has an *entry*: its summary (what the article list shows) and, once written, where its
document is (``segments.LOCATION_KEYS``: segment file, byte offset, length, checksum).  Entries stay the
manifest's bytes until something needs them all (the article list, a write): one article's entry is found
by searching for its line (``manifest.py``).  A document is read (one ``os.pread``) and parsed only when
something asks for it, and a small LRU cache keeps the articles just used.  Documents not in any segment
yet sit in ``raw`` as bytes: the new articles of a transaction, every article of an in-memory store, and
the articles of a store file in an older layout until it is migrated.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from claimscope.store.digest import toggled
from claimscope.store.entries import ENTRY_COLUMNS, Row, as_entry, entry_row, row_entry
from claimscope.store.errors import StoreDamaged
from claimscope.store.migrations import current_schema
from claimscope.store.records import Record, article_id_of, article_view, item_view
from claimscope.store.schema import ARTICLES_TABLE, ITEM_TABLES, META_TABLE
from claimscope.store.segments import Location, SegmentFiles, SegmentMissing, location_of
from claimscope.store.storage import gc_paused

RawDocument = bytes | memoryview
PARSED_CACHE_SIZE = 256

Reload = Callable[[], "Corpus | None"]
"""Re-read the manifest if another process replaced it; the fresh corpus, or None when nothing changed."""


@dataclass(slots=True)
class Corpus:
    """Meta, per-article entries (summary and location) and documents not yet in a segment."""

    path: Path | None
    meta: dict[str, Any] = field(default_factory=lambda: {"schema": current_schema()})
    _entries: dict[str, Record] | None = field(default_factory=dict)
    """Every entry, parsed; None while they are still only the manifest's bytes."""
    raw: dict[str, RawDocument] = field(default_factory=dict)
    segment_sizes: dict[str, int] = field(default_factory=dict)
    """The live segments, oldest first, with their sizes on disk."""
    next_segment: int = 1
    segments: SegmentFiles | None = None
    reload: Reload | None = None
    migrated: bool = False
    """Read from an older layout: the next write (at open) puts it in segments."""
    ordered: bool = False
    """The entries are in article-list order (``records.display_key``), as the manifest keeps them."""
    manifest: tuple[bytes, int] | None = None
    """The manifest's bytes and where its article lines start, for finding one entry without parsing all."""
    removed: set[str] = field(default_factory=set)
    """Articles removed while the entries are not parsed (the write then only cuts their lines out)."""
    added: dict[str, Record] = field(default_factory=dict)
    """Entries of articles added while the entries are not parsed (the write inserts their lines)."""
    segment_live: dict[str, int] | None = None
    """Per live segment, the bytes its articles still use (what compaction decides by); None if unknown."""
    changed: bool = False
    """Set by ``add`` and ``remove``: a transaction that changed nothing writes nothing."""
    digest: int | None = None
    """The digest of the article ids (``digest.py``), kept in step by ``add`` and ``remove``; None when
    unknown (a manifest written without one), and then the next write computes it."""
    _parsed: OrderedDict[str, Record] = field(default_factory=OrderedDict)
    _rows: tuple[bytes, dict[str, Row]] | None = None
    """The manifest's rows once ``summary_rows`` has parsed them, with the bytes they were parsed from: while
    those are still the manifest, one entry is a dict lookup instead of a search of the manifest."""

    def copy(self) -> Corpus:
        """A copy to change inside a transaction; entries and documents are shared, never mutated."""
        return Corpus(
            self.path,
            dict(self.meta),
            None if self._entries is None else dict(self._entries),
            dict(self.raw),
            dict(self.segment_sizes),
            self.next_segment,
            self.segments,
            self.reload,
            self.migrated,
            self.ordered,
            self.manifest,
            set(self.removed),
            dict(self.added),
            None if self.segment_live is None else dict(self.segment_live),
            digest=self.digest,
        )

    @property
    def entries(self) -> dict[str, Record]:
        """Every article's entry (parsing the whole manifest the first time)."""
        if self._entries is None:
            assert self.manifest is not None
            self._entries = _parse_entries(self.manifest[0], self.path)
            for article_id in self.removed:
                self._entries.pop(article_id, None)
            self._entries.update(self.added)
            self.removed, self.added = set(), {}
        return self._entries

    @entries.setter
    def entries(self, value: dict[str, Record]) -> None:
        self._entries = value

    @property
    def parsed(self) -> bool:
        """Whether the entries have been parsed (else they are still the manifest's lines)."""
        return self._entries is not None

    def add(self, article_id: str, summary: Record, document: RawDocument) -> None:
        """Add an article the corpus does not hold (the caller has checked)."""
        (self.added if self._entries is None else self._entries)[article_id] = summary
        self.raw[article_id] = document
        self.changed = True
        if self.digest is not None:
            self.digest = toggled(self.digest, article_id)

    def remove(self, article_id: str) -> None:
        """Remove an article the corpus holds (the caller has checked)."""
        if self._entries is not None:
            self._entries.pop(article_id, None)
        elif self.added.pop(article_id, None) is None:
            self.removed.add(article_id)
        self.raw.pop(article_id, None)
        self.changed = True
        if self.digest is not None:
            self.digest = toggled(self.digest, article_id)

    def summary_rows(self) -> dict[str, Row]:
        """Every article's row (``entries.ENTRY_COLUMNS``), in the entries' order.

        While the entries are still the manifest's bytes, this is one parse of arrays that makes no dict
        per article (what ``claimscope list`` prints from); otherwise the entries are written as rows.
        """
        if self._entries is not None or self.manifest is None or self.removed or self.added:
            return {article_id: entry_row(entry) for article_id, entry in self.entries.items()}
        rows = self._parsed_rows()
        if rows is None:
            rows = _parse_rows(self.manifest[0], self.path)
            self._rows = (self.manifest[0], rows)
        return rows

    def ids(self) -> list[str]:
        """Every article id, in the entries' order, without making an entry per article when they are
        still the manifest's rows (the search index's check after every import and removal reads these)."""
        if self._entries is not None or self.manifest is None or self.removed or self.added:
            return list(self.entries)
        rows = self._parsed_rows()
        if rows is not None:
            return list(rows)
        data, start = self.manifest
        return list(ids_of_lines(data, start))

    def _parsed_rows(self) -> dict[str, Row] | None:
        """The rows ``summary_rows`` parsed, if they are still those of the manifest."""
        if self._rows is None or self.manifest is None or self._rows[0] is not self.manifest[0]:
            return None
        return self._rows[1]

    def entry(self, article_id: str) -> Record | None:
        """One article's entry; found by its line in the manifest while the entries are not parsed."""
        if self._entries is not None or self.manifest is None:
            return self.entries.get(article_id)
        if article_id in self.added:
            return self.added[article_id]
        if article_id in self.removed:
            return None
        rows = self._parsed_rows()
        if rows is not None:
            row = rows.get(article_id)
            return None if row is None else row_entry(row)
        found = _find_lines(self.manifest, (article_id + '":[').encode(), 1, self.path)
        return found[0][1] if found else None

    def ids_starting(self, prefix: str, limit: int) -> list[str]:
        """Up to ``limit`` article ids that begin with ``prefix``."""
        if self._entries is not None or self.manifest is None:
            matches = [a for a in self.entries if a.startswith(prefix)]
        else:
            lines = _find_lines(self.manifest, prefix.encode(), limit + len(self.removed), self.path)
            matches = [a for a, _ in lines if a not in self.removed] + [a for a in self.added if a.startswith(prefix)]
        return [a for a in matches if a.startswith(prefix)][:limit]

    def count(self) -> int:
        """How many articles (counting manifest lines while the entries are not parsed)."""
        if self._entries is not None or self.manifest is None:
            return len(self.entries)
        data, start = self.manifest
        return data.count(b'\n"', start) - len(self.removed) + len(self.added)

    def keep_cache_of(self, older: Corpus) -> None:
        """Take over the parsed articles of the corpus this one replaces (ids are content hashes).

        Only once this corpus's entries are parsed: checking each cached id against unparsed entries
        would cost a search of the manifest per id, more than the cache saves.
        """
        if self._entries is None:
            return
        self._parsed = older._parsed
        for article_id in [a for a in self._parsed if a not in self._entries]:
            del self._parsed[article_id]

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self.entry(article_id) is not None

    def location(self, article_id: str) -> Location:
        entry = self.entry(article_id)
        if entry is None:
            raise KeyError(article_id)
        where = location_of(entry, article_id, self.path)
        size = self.segment_sizes.get(where.segment)
        if size is None or where.offset + where.length > size:
            raise StoreDamaged(
                f"store file {self.path} is damaged (article {article_id} names no place in a listed segment); "
                "it was left untouched"
            )
        return where

    def _source(self, where: Location | None) -> Path | None:
        if where is None or self.segments is None:
            return self.path
        return self.segments.path_of(where.segment)

    def document(self, article_id: str) -> Record | None:
        """The parsed document of one article (cached), or None when the store has no such article."""
        cached = self._parsed.get(article_id)
        if cached is not None:
            self._parsed.move_to_end(article_id)
            return cached
        if article_id not in self:
            return None
        where: Location | None = None
        raw = self.raw.get(article_id)
        if raw is None:
            where = self.location(article_id)
            try:
                raw = self._segments().read(where, article_id)
            except SegmentMissing:
                fresh = self.reload() if self.reload is not None else None
                if fresh is None:
                    raise
                return fresh.document(article_id)
        parsed = parse_document(raw, article_id, self._source(where))
        self._parsed[article_id] = parsed
        while len(self._parsed) > PARSED_CACHE_SIZE:
            self._parsed.popitem(last=False)
        return parsed

    def _segments(self) -> SegmentFiles:
        if self.segments is None:
            raise StoreDamaged(f"store file {self.path} names segments but has no segment folder")
        return self.segments

    def iter_documents(self, ids: Iterable[str] | None = None) -> Iterator[tuple[str, Record]]:
        """Documents of ``ids`` (every article when None), parsed one at a time and not cached.

        Documents in segments are read in file order, each segment front to back; unknown ids are skipped.
        """
        wanted = list(self.entries) if ids is None else [i for i in dict.fromkeys(ids) if i in self]
        located: list[tuple[str, Location]] = []
        for article_id in wanted:
            cached = self._parsed.get(article_id)
            raw = self.raw.get(article_id)
            if cached is not None:
                yield article_id, cached
            elif raw is not None:
                yield article_id, parse_document(raw, article_id, self.path)
            else:
                located.append((article_id, self.location(article_id)))
        if not located:
            return
        done: set[str] = set()
        try:
            for article_id, data in self._segments().read_many(located):
                yield article_id, parse_document(data, article_id, self._source(self.location(article_id)))
                done.add(article_id)
        except SegmentMissing:
            fresh = self.reload() if self.reload is not None else None
            if fresh is None:
                raise
            yield from fresh.iter_documents(a for a, _ in located if a not in done)

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


def entries_from(values: dict[str, Any], path: Path | None) -> dict[str, Record]:
    """The entries of a parsed articles table (rows, or objects as older manifests wrote them), in order.

    Each must be a row of the right length or an object; what each one holds is checked when it is used.
    """
    entries: dict[str, Record] = {}
    for article_id, value in values.items():
        entry = as_entry(value)
        if entry is None:
            raise _damaged_manifest(path, f"article {article_id}'s entry is not a row of {len(ENTRY_COLUMNS)} fields")
        entries[article_id] = entry
    return entries


def _parse_table(data: bytes, path: Path | None) -> dict[str, Any]:
    """The manifest's articles table as orjson gives it (rows, not yet entries): one parse of the whole file."""
    try:
        with gc_paused():
            parsed = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise _damaged_manifest(path, f"not valid JSON: {exc}") from None
    table = parsed.get("articles") if isinstance(parsed, dict) else None
    if not isinstance(table, dict):
        raise _damaged_manifest(path, "the articles table is not an object")
    return table


def _parse_entries(data: bytes, path: Path | None) -> dict[str, Record]:
    """Every article's entry, in the file's order."""
    with gc_paused():
        return entries_from(_parse_table(data, path), path)


def _parse_rows(data: bytes, path: Path | None) -> dict[str, Row]:
    """Every article's row as the manifest writes it, in the file's order (no dict made per article)."""
    rows = _parse_table(data, path)
    width = len(ENTRY_COLUMNS)
    if not set(map(type, rows.values())) <= {list} or not set(map(len, rows.values())) <= {width}:  # C loops
        raise _damaged_manifest(path, f"an article's entry is not a row of {width} fields")
    return rows


def _find_lines(manifest: tuple[bytes, int], key: bytes, limit: int, path: Path | None) -> list[tuple[str, Record]]:
    """Up to ``limit`` article lines whose text begins with ``"`` + ``key``, parsed (``bytes.find``, no scan)."""
    data, pos = manifest
    found: list[tuple[str, Record]] = []
    needle = b'\n"' + key
    while len(found) < limit:
        at = data.find(needle, pos)
        if at < 0:
            break
        end = data.find(b"\n", at + 1)
        line = data[at + 1 : end - 1 if data[end - 1 : end] == b"," else end]
        try:
            parsed = orjson.loads(b"{" + line + b"}")
        except orjson.JSONDecodeError as exc:
            raise _damaged_manifest(path, f"an article line is not valid JSON: {exc}") from None
        if len(parsed) != 1:
            raise _damaged_manifest(path, "an article line holds more than one entry")
        ((article_id, value),) = parsed.items()
        entry = as_entry(value)
        if entry is None:
            raise _damaged_manifest(path, f"article {article_id}'s entry is not a row of {len(ENTRY_COLUMNS)} fields")
        found.append((article_id, entry))
        pos = end
    return found


_LINE_ID = re.compile(rb'\n"((?:[^"\\]|\\.)*)":')


def ids_of_lines(region: bytes, start: int = 0) -> Iterator[str]:
    """The article id of each line of an article region from ``start`` (one C-level scan; JSON escapes decoded)."""
    for raw in _LINE_ID.findall(region, start):
        yield orjson.loads(b'"' + raw + b'"') if b"\\" in raw else raw.decode()


def _damaged_manifest(path: Path | None, problem: str) -> StoreDamaged:
    return StoreDamaged(f"store file {path} is damaged ({problem}); it was left untouched")


def parse_document(raw: RawDocument, article_id: str, source: Path | None) -> Record:
    """One article's document; bytes that are not its document are reported naming the file they are in."""
    try:
        document: Record = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StoreDamaged(
            f"store file {source} is damaged (article {article_id} is not valid JSON: {exc}); it was left untouched"
        ) from None
    article = document.get("article") if isinstance(document, dict) else None
    if not isinstance(article, dict) or article.get("id", article_id) != article_id:
        raise StoreDamaged(
            f"store file {source} is damaged (article {article_id} is not a document); it was left untouched"
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
        return article_id in self.corpus

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.corpus.entries))

    def __len__(self) -> int:
        return self.corpus.count()


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
        return sum(int(entry.get(key, 0)) for entry in self.corpus.entries.values())

    def items(self) -> Iterator[tuple[str, Record]]:  # type: ignore[override]
        """All records, parsing each article once (``Mapping.items`` would parse per key)."""
        for article_id, document in self.corpus.iter_documents():
            for item_id, record in (document.get(self.name) or {}).items():
                yield item_id, item_view(record, article_id)

    def values(self) -> Iterator[Record]:  # type: ignore[override]
        for _, record in self.items():
            yield record

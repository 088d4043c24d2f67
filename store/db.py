"""The ``Store``: TinyDB tables of articles and their items, safe against crashes and a second process.

Reads come from the in-memory tables loaded at open (one orjson parse).  Every change is a short
transaction: take the file lock, re-read the corpus if another process replaced it since we read it (so
our change lands on top of theirs instead of erasing it), apply the change through TinyDB, write the file
atomically, release the lock.  The lock is never held between transactions, so an open explorer does not
block an import running in another terminal; ``changed_on_disk``/``refresh`` let it notice that import.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, cast

import filelock
from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document, Table

from claimscope.extract.model import Article
from claimscope.store.errors import StoreError, StoreLocked, UnknownId
from claimscope.store.marks import MarksFile
from claimscope.store.migrations import ITEM_TABLES, Tables, upgrade
from claimscope.store.paths import default_store_path, lock_path, marks_path
from claimscope.store.records import (
    KIND_OF_TABLE,
    TABLE_OF_KIND,
    ItemRef,
    Record,
    join_article,
    split_article,
)
from claimscope.store.storage import AtomicJSONStorage, BatchingMiddleware

__all__ = ["AddResult", "ArticleSummary", "ItemRef", "Store"]

MEMORY = Path(":memory:")


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: str
    title: str | None
    published: str | None
    source: str | None
    n_sections: int
    n_claims: int
    n_statistics: int


@dataclass(frozen=True, slots=True)
class AddResult:
    imported: int
    unchanged: int


class KeyedTable(Table):
    """A TinyDB table whose document ids are the model's string ids instead of counters."""

    document_id_class = str  # type: ignore[assignment]


class CorpusDB(TinyDB):
    table_class = KeyedTable


def _document(record: Record, key: str) -> Document:
    return Document(record, doc_id=cast(int, key))


def _keys(keys: list[str]) -> list[int]:
    """TinyDB's annotations say int ids; ``KeyedTable`` uses the model's string ids."""
    return cast(list[int], keys)


class Store:
    """One claimscope store: the corpus file, the marks file beside it and the lock that guards both."""

    def __init__(self, path: Path | None = None, *, lock_timeout: float = 2.0, in_memory: bool = False) -> None:
        self.lock_timeout = lock_timeout
        self._middleware = BatchingMiddleware(MemoryStorage if in_memory else AtomicJSONStorage)
        if in_memory:
            self.path = MEMORY
            self._db = CorpusDB(storage=self._middleware)
            self._file: AtomicJSONStorage | None = None
            self._lock: filelock.BaseFileLock | None = None
            self._marks = MarksFile(None)
        else:
            self.path = Path(path) if path is not None else default_store_path()
            if self.path.is_dir():
                raise StoreError(f"store path {self.path} is a directory; give a file name such as store.json")
            self._db = CorpusDB(str(self.path), storage=self._middleware)
            self._file = cast(AtomicJSONStorage, self._middleware.storage)
            self._lock = filelock.FileLock(str(lock_path(self.path)), timeout=lock_timeout)
            self._marks = MarksFile(marks_path(self.path))
        self._load()

    @classmethod
    def in_memory(cls) -> Store:
        """A store that lives only in this process (tests, previews); nothing touches the disk."""
        return cls(in_memory=True)

    # -- lifecycle ---------------------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _load(self) -> None:
        tables = self._middleware.reload()
        upgrade(tables, self.path)

    def _tables(self) -> Tables:
        tables = self._middleware.read()
        assert tables is not None
        return tables

    def changed_on_disk(self) -> bool:
        """True when another process has written the corpus or the marks since this store read them."""
        corpus = self._file is not None and self._file.changed_on_disk()
        return corpus or self._marks.changed_on_disk()

    def refresh(self) -> bool:
        """Re-read whatever another process changed; True when anything was re-read."""
        did = False
        if self._file is not None and self._file.changed_on_disk():
            self._load()
            did = True
        if self._marks.changed_on_disk():
            self._marks.load()
            did = True
        return did

    # -- transactions ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if self._lock is None:
            yield
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        except filelock.Timeout:
            raise StoreLocked(
                f"store {self.path} is busy: another claimscope process is writing it "
                f"(waited {self.lock_timeout:g} s); try again when it has finished"
            ) from None
        except OSError as exc:
            raise StoreError(f"cannot lock store {self.path}: {exc.strerror or exc}") from None
        try:
            yield
        finally:
            self._lock.release()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Tables]:
        """Lock, catch up with the disk, let the caller change the tables, write them once."""
        with self._locked():
            if self._file is not None and self._file.changed_on_disk():
                self._load()
            try:
                yield self._tables()
                self._middleware.flush()
            except BaseException:
                if self._file is not None:
                    self._load()  # drop the half-applied change; the disk still has the last good state
                raise

    # -- reading -----------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not self._tables().get("articles")

    def records(self, table: str) -> dict[str, Record]:
        """The raw records of one table keyed by id (read-only: for the search index and exports)."""
        return self._tables().get(table, {})

    def article_summaries(self) -> list[ArticleSummary]:
        """Every article, newest published first (undated last), then by title."""
        summaries = [
            ArticleSummary(
                id=article_id,
                title=record["article"].get("title"),
                published=record["article"].get("published"),
                source=record["article"].get("source"),
                n_sections=len(record.get("sections", [])),
                n_claims=len(record.get("claims", [])),
                n_statistics=len(record.get("statistics", [])),
            )
            for article_id, record in self.records("articles").items()
        ]
        summaries.sort(key=lambda s: ((s.title or "").casefold(), s.id))
        summaries.sort(key=lambda s: s.published or "", reverse=True)
        return summaries

    def get_article(self, article_id: str) -> Article:
        ref = self.resolve(article_id)
        if ref.kind != "article":
            raise UnknownId(f"{article_id!r} is a {ref.kind}, not an article (its article is {ref.article_id})")
        return join_article(self.records("articles")[ref.id], self._tables())

    def resolve(self, item_id: str) -> ItemRef:
        """What ``item_id`` names; article ids may be shortened to any unique prefix."""
        item_id = item_id.strip()
        tables = self._tables()
        for table, kind in KIND_OF_TABLE.items():
            record = tables.get(table, {}).get(item_id)
            if record is not None:
                article_id = item_id if kind == "article" else str(record.get("article_id", ""))
                return ItemRef(kind, item_id, article_id)
        if item_id and ":" not in item_id:
            matches = [a for a in tables.get("articles", {}) if a.startswith(item_id)]
            if len(matches) == 1:
                return ItemRef("article", matches[0], matches[0])
            if len(matches) > 1:
                raise UnknownId(f"id prefix {item_id!r} matches {len(matches)} articles; give more characters")
        raise UnknownId(f"no article or item with id {item_id!r} in store {self.path}")

    def item(self, ref: ItemRef) -> Record:
        """The stored record of a resolved item."""
        return self.records(TABLE_OF_KIND[ref.kind])[ref.id]

    def _known(self, item_id: str) -> bool:
        tables = self._tables()
        return any(item_id in tables.get(table, {}) for table in KIND_OF_TABLE)

    # -- writing -----------------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Store new articles in one atomic write; an id already stored counts as unchanged."""
        batch: dict[str, Article] = {}
        duplicates = 0
        for article in articles:
            if article.id in batch:
                duplicates += 1
            else:
                batch[article.id] = article
        if not batch:
            return AddResult(0, duplicates)
        split = {article_id: split_article(article) for article_id, article in batch.items()}
        with self._writing() as tables:
            stored = tables.get("articles", {})
            new = [article_id for article_id in split if article_id not in stored]
            if new:
                self._insert(new, split, tables)
        return AddResult(len(new), len(batch) - len(new) + duplicates)

    def _insert(
        self, new: list[str], split: dict[str, tuple[Record, dict[str, dict[str, Record]]]], tables: Tables
    ) -> None:
        self._db.table("articles").insert_multiple(_document(split[a][0], a) for a in new)
        for table in ITEM_TABLES:
            existing = tables.get(table, {})
            docs = [
                _document(record, item_id)
                for a in new
                for item_id, record in split[a][1].get(table, {}).items()
                if item_id not in existing
            ]
            if docs:
                self._db.table(table).insert_multiple(docs)

    def remove_articles(self, ids: Iterable[str]) -> int:
        """Delete articles with all their items and any marks on them; unknown ids remove nothing."""
        wanted = {self._article_id_of(i) for i in ids}
        if not wanted:
            return 0
        gone: set[str] = set()
        with self._writing() as tables:
            articles = tables.get("articles", {})
            present = [a for a in wanted if a in articles]
            for table in ITEM_TABLES:
                item_ids = [i for a in present for i in articles[a].get(table, [])]
                gone.update(item_ids)
                self._db.table(table).remove(doc_ids=_keys(item_ids))
            self._db.table("articles").remove(doc_ids=_keys(present))
            gone.update(present)
        self._change_marks(lambda marks: marks - gone)
        return len(present)

    def _article_id_of(self, item_id: str) -> str:
        ref = self.resolve(item_id)
        if ref.kind != "article":
            raise UnknownId(f"{item_id!r} is a {ref.kind}; remove takes article ids (its article is {ref.article_id})")
        return ref.id

    # -- marks -------------------------------------------------------------------------------------

    def marks(self) -> set[str]:
        """The marked ids that still name something in the corpus."""
        return {m for m in self._marks.marks if self._known(m)}

    def mark(self, ids: Iterable[str]) -> None:
        refs = self._resolve_all(ids)
        self._change_marks(lambda marks: marks | {r.id for r in refs})

    def unmark(self, ids: Iterable[str]) -> None:
        """Unmark ids; an id that is not marked (even one no longer in the corpus) is simply ignored."""
        wanted = {i.strip() for i in ids}
        self._change_marks(lambda marks: marks - wanted)

    def _resolve_all(self, ids: Iterable[str]) -> list[ItemRef]:
        id_list = list(ids)
        if self._file is not None and self._file.changed_on_disk():
            self._load()  # an import in another terminal may have just added these ids
        return [self.resolve(i) for i in id_list]

    def _change_marks(self, change: Any) -> None:
        with self._locked():
            if self._marks.changed_on_disk():
                self._marks.load()
            before = self._marks.marks
            after = set(change(set(before)))
            if after != before:
                self._marks.save(after)

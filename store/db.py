"""The ``Store``: articles and their items, safe against crashes and a second process, opened lazily.

Opening parses only the manifest (``manifest.py``: per article its summary and where its document is);
each article's document is read from its segment file and parsed when first used (``corpus.py``,
``segments.py``), so no command reads every article.  The TinyDB tables ``articles``, ``sections``,
``claims``, ``statistics`` and ``entities`` are views over those documents, keyed by the model's stable ids.

Every change is a short transaction: take the file lock, re-read the manifest if another process replaced
it since we read it (so our change lands on top of theirs instead of erasing it), change a copy of the
corpus, write new segments and then the manifest atomically (``commit.py``), release the lock.  The lock is
never held between transactions, so an open explorer does not block an import running in another
terminal; ``changed_on_disk``/``refresh`` let it notice that import.  A store file in an older layout is
migrated when it is opened (``_migrate``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple

from tinydb import TinyDB
from tinydb.table import Table

from claimscope.extract.model import Article
from claimscope.store import layout
from claimscope.store.commit import commit
from claimscope.store.corpus import Corpus
from claimscope.store.entries import (
    LINEAGE,
    N_CLAIMS,
    N_SECTIONS,
    N_STATISTICS,
    PUBLISHED,
    SOURCE,
    TITLE,
    VERSION,
    Row,
)
from claimscope.store.errors import StoreError, StoreLocked, UnknownId
from claimscope.store.marks import MarksFile
from claimscope.store.paths import default_store_path, lock_path, marks_path, segments_dir
from claimscope.store.records import (
    KIND_OF_TABLE,
    ItemRef,
    PreparedArticle,
    Record,
    article_id_of,
    display_key,
    document_to_article,
    prepare_article,
    unique_by_id,
)
from claimscope.store.schema import ARTICLES_TABLE, ITEM_TABLES, META_TABLE, TABLE_OF_KIND
from claimscope.store.segments import SegmentFiles
from claimscope.store.storage import Fingerprint, ViewStorage, gc_paused, read_file_bytes
from claimscope.store.versions.carry import carried_marks, touches
from claimscope.store.versions.lineage import (
    LINEAGE_KEY,
    VERSION_KEY,
    IndexFinder,
    Link,
    add_linked,
    finder_for,
    in_version_order,
    lineage_entries,
    lineage_of,
    version_ranks,
)

if TYPE_CHECKING:
    import filelock

__all__ = ["AddResult", "ArticleSummary", "ItemRef", "Store"]

MEMORY = Path(":memory:")


class ArticleSummary(NamedTuple):
    """One article as the article list shows it (a named tuple: 100,000 of them are made at a time, and a
    tuple is made in half the time of a frozen dataclass)."""

    id: str
    title: str | None
    published: str | None
    source: str | None
    n_sections: int
    n_claims: int
    n_statistics: int
    version: int = 1
    """Which version of its story this article is (1 = the first imported; ``store/versions/``)."""
    versions: int = 1
    """How many versions of its story the store holds (the newest has ``version == versions``)."""


def summary_of_row(article_id: str, row: Row, ranks: Mapping[str, tuple[int, int]]) -> ArticleSummary:
    """An article's summary from its manifest row (``Store.summary_rows``) and its story's version ranks
    (``Store.version_ranks``; an article missing from them is the one version of its story)."""
    return ArticleSummary(
        article_id,
        row[TITLE],
        row[PUBLISHED],
        row[SOURCE],
        row[N_SECTIONS] or 0,
        row[N_CLAIMS] or 0,
        row[N_STATISTICS] or 0,
        *ranks.get(article_id, (1, 1)),
    )


@dataclass(frozen=True, slots=True)
class AddResult:
    imported: int
    unchanged: int
    versions: int = 0
    """How many of the imported articles were linked as a later version of a stored one."""


class KeyedTable(Table):
    """A TinyDB table whose document ids are the model's string ids instead of counters."""

    document_id_class = str  # type: ignore[assignment]


class CorpusDB(TinyDB):
    table_class = KeyedTable


class Store:
    """One claimscope store: the manifest (``path``), the segment folder and marks file beside it, and the
    lock that guards them all."""

    def __init__(self, path: Path | None = None, *, lock_timeout: float = 2.0, in_memory: bool = False) -> None:
        self.lock_timeout = lock_timeout
        self._fingerprint: Fingerprint | None = None
        self._link_index: tuple[Corpus, IndexFinder] | None = None
        """The version-linking index of the corpus it was last brought up to date with (``add_prepared``)."""
        if in_memory:
            self.path = MEMORY
            self._on_disk = False
            self._lock: filelock.BaseFileLock | None = None
            """Made by the first write: importing ``filelock`` costs a read-only command about 30 ms."""
            self._marks = MarksFile(None)
            self._segments: SegmentFiles | None = None
        else:
            self.path = Path(path) if path is not None else default_store_path()
            if self.path.is_dir():
                raise StoreError(f"store path {self.path} is a directory; give a file name such as store.json")
            self._on_disk = True
            self._lock = None
            self._marks = MarksFile(marks_path(self.path))
            self._segments = SegmentFiles(segments_dir(self.path))
        self._corpus = Corpus(None if in_memory else self.path)
        self._load()
        self._migrate()
        self.db = CorpusDB(self._views, storage=ViewStorage)

    @classmethod
    def in_memory(cls) -> Store:
        """A store that lives only in this process (tests, previews); nothing touches the disk."""
        return cls(in_memory=True)

    # -- lifecycle ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the segment files and let go of what was read (a ``Store`` is held in reference cycles, so
        without this its parsed manifest would live until the cyclic collector next runs)."""
        self.db.close()
        if self._segments is not None:
            self._segments.close()
        self._corpus = Corpus(None if not self._on_disk else self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _load(self) -> None:
        if not self._on_disk:
            return
        before = Fingerprint.of(self.path)
        data = read_file_bytes(self.path, what="store file")
        if data is None:
            corpus = Corpus(self.path, segments=self._segments)
        else:
            corpus = layout.decode(data, self.path, self._segments)
        corpus.reload = self._reload_if_replaced
        corpus.keep_cache_of(self._corpus)
        self._corpus = corpus
        self._fingerprint = before

    def _reload_if_replaced(self) -> Corpus | None:
        """For a reader whose segment was merged away by another writer: the newer manifest, if any."""
        if self._on_disk and Fingerprint.of(self.path) != self._fingerprint:
            self._load()
            return self._corpus
        return None

    def _migrate(self) -> None:
        """Write a store read from an older layout in segments now, new files first and the manifest last.

        If the store cannot be written now (another process holds the lock, or the disk refuses), it stays
        readable from memory as it is, and the next open tries again.
        """
        if not (self._on_disk and self._corpus.migrated):
            return
        with contextlib.suppress(StoreLocked, OSError), self._writing():
            pass

    def _views(self) -> dict[str, Any]:
        """The TinyDB tables, as lazy views over the current corpus."""
        return {name: self._corpus.table(name) for name in (META_TABLE, ARTICLES_TABLE, *ITEM_TABLES)}

    def changed_on_disk(self) -> bool:
        """True when another process has written the corpus or the marks since this store read them."""
        corpus = self._on_disk and Fingerprint.of(self.path) != self._fingerprint
        return corpus or self._marks.changed_on_disk()

    def refresh(self) -> bool:
        """Re-read whatever another process changed; True when anything was re-read."""
        did = False
        if self._on_disk and Fingerprint.of(self.path) != self._fingerprint:
            self._load()
            did = True
        if self._marks.changed_on_disk():
            self._marks.load()
            did = True
        return did

    # -- transactions ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if not self._on_disk:
            yield
            return
        import filelock

        if self._lock is None:
            self._lock = filelock.FileLock(str(lock_path(self.path)), timeout=self.lock_timeout)
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
    def _writing(self) -> Iterator[Corpus]:
        """Lock, catch up with the disk, let the caller change a copy of the corpus, write it once.

        The copy becomes the store's corpus only after the file is written, so a failed write (or a
        failed change) leaves the store exactly as the disk has it.  A change that does nothing (the
        caller leaves the copy equal) writes nothing.
        """
        with self._locked():
            if self._on_disk and Fingerprint.of(self.path) != self._fingerprint:
                self._load()
            before = self._corpus
            draft = before.copy()
            yield draft
            if not draft.changed and draft.meta == before.meta and not before.migrated:
                return
            if self._on_disk and self._segments is not None:
                added = bool(draft.raw) or before.migrated
                self._fingerprint = commit(draft, self._segments, self.path, compact=added)
                draft.migrated = False
            draft.keep_cache_of(before)
            self._corpus = draft

    # -- reading -----------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return self._corpus.count() == 0

    def records(self, table: str) -> Mapping[str, Record]:
        """One table keyed by id, read-only (views that parse articles as they are read)."""
        return self._corpus.table(table)

    def documents(self, ids: Iterable[str] | None = None) -> Iterator[tuple[str, Record]]:
        """The stored documents of ``ids`` (every article when None; unknown ids skipped), one at a time.

        Only the segments holding those articles are read, each front to back (the search index reads these).
        """
        return self._corpus.iter_documents(ids)

    def article_ids(self) -> list[str]:
        """Every stored article id, in article-list order (one parse of the manifest's rows; no entries made)."""
        return self._corpus.ids()

    def size(self) -> int:
        """How many articles the store holds."""
        return self._corpus.count()

    def article_digest(self) -> int | None:
        """The digest of the stored article ids (``digest.py``) as the manifest records it; None when the
        manifest has none (an in-memory store, or one last written by a claimscope that kept none)."""
        return self._corpus.digest if self._on_disk else None

    def bytes_on_disk(self) -> int:
        """The manifest's and the live segments' bytes (what a bench compares an index's size with)."""
        if not self._on_disk:
            return 0
        fingerprint = Fingerprint.of(self.path)
        return (fingerprint.size if fingerprint else 0) + sum(self._corpus.segment_sizes.values())

    def article_summaries(self) -> list[ArticleSummary]:
        """Every article, newest published first (undated last), then by title, then id.

        The manifest keeps its entries in this order (``records.display_key``), so a store on disk only
        reads them; other corpora (in memory, or an older layout not yet migrated) are sorted here.
        """
        rows = self.summary_rows()
        ranks = self.version_ranks(rows)
        with gc_paused():  # 100,000 tuples and nothing cyclic: the collector would only rescan them
            return [summary_of_row(article_id, row, ranks) for article_id, row in rows]

    def version_ranks(self, rows: list[tuple[str, Row]] | None = None) -> dict[str, tuple[int, int]]:
        """For each article of a story the store holds more than one version of: (its place, the count).

        Only later versions carry a lineage column (``store/versions/``), so this makes a record for them
        and their first versions, never for the 100,000 articles that stand alone.
        """
        rows = self.summary_rows() if rows is None else rows
        linked: dict[str, Record] = {
            article_id: {LINEAGE_KEY: row[LINEAGE], VERSION_KEY: row[VERSION]}
            for article_id, row in rows
            if row[LINEAGE] is not None
        }
        if not linked:
            return {}
        firsts = {entry[LINEAGE_KEY] for entry in linked.values()}
        return version_ranks({**{a: {} for a, _ in rows if a in firsts}, **linked})

    def summary_rows(self) -> list[tuple[str, Row]]:
        """Every article's id and manifest row (fields in the order of ``entries.ENTRY_COLUMNS``; the
        summary first, ``entries.TITLE`` ... ``entries.N_STATISTICS`` say where), in article-list order.

        The cheapest way to every summary: on a store opened from disk, one parse of the manifest's
        arrays and nothing made per article (``claimscope list`` prints 100,000 rows from it).
        """
        rows = self._corpus.summary_rows()
        if self._corpus.ordered:
            return list(rows.items())
        entries = self._corpus.entries
        return sorted(rows.items(), key=lambda item: display_key(item[0], entries[item[0]]))

    def get_article(self, article_id: str) -> Article:
        found = self.resolve(article_id).article(article_id)
        document = self._corpus.document(found)
        assert document is not None
        return document_to_article(document)

    def _find(self, item_id: str) -> ItemRef | None:
        if item_id in self._corpus:
            return ItemRef("article", item_id, item_id)
        document = self._corpus.document(article_id_of(item_id)) if ":" in item_id else None
        if document is not None:
            for table in ITEM_TABLES:
                if item_id in (document.get(table) or {}):
                    return ItemRef(KIND_OF_TABLE[table], item_id, article_id_of(item_id))
        return None

    def resolve(self, item_id: str) -> ItemRef:
        """What ``item_id`` names; article ids may be shortened to any unique prefix."""
        item_id = item_id.strip()
        found = self._find(item_id)
        if found is not None:
            return found
        if item_id and ":" not in item_id:
            matches = self._corpus.ids_starting(item_id, limit=2)
            if len(matches) == 1:
                return ItemRef("article", matches[0], matches[0])
            if len(matches) > 1:
                raise UnknownId(f"id prefix {item_id!r} matches more than one article; give more characters")
        raise UnknownId(f"no article or item with id {item_id!r} in store {self.path}")

    def item(self, ref: ItemRef) -> Record:
        """The stored record of a resolved item."""
        return self.records(TABLE_OF_KIND[ref.kind])[ref.id]

    def _known(self, item_id: str) -> bool:
        return self._find(item_id) is not None

    # -- writing -----------------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Store new articles in one atomic write; an id already stored counts as unchanged."""
        return self.add_prepared(prepare_article(article) for article in articles)

    def add_prepared(self, prepared: Iterable[PreparedArticle]) -> AddResult:
        """Like ``add_articles`` for articles already serialised (by the import's worker processes)."""
        batch, duplicates = unique_by_id(prepared)
        if not batch:
            return AddResult(0, duplicates)
        index, self._link_index = self._link_index, None  # a failed transaction leaves it stale
        with self._writing() as draft:
            new = [entry for article_id, entry in batch.items() if article_id not in draft]
            base = self._corpus
            links, finder = add_linked(draft, new, index[1] if index is not None and index[0] is base else None)
        if isinstance(finder, IndexFinder) and self._corpus is draft:
            self._link_index = (draft, finder)
        elif isinstance(finder, IndexFinder) and self._corpus is base and not new:
            self._link_index = (base, finder)
        self._carry_marks(links)
        return AddResult(len(new), len(batch) - len(new) + duplicates, len(links))

    def _carry_marks(self, links: Mapping[str, Link]) -> None:
        """Give each new version the marks of its previous version's counterparts (``versions/carry.py``)."""
        if not links:
            return
        if self._marks.changed_on_disk():
            self._marks.load()
        marks = self._marks.marks
        carried: set[str] = set()
        for new_id, link in links.items():
            if touches(link.previous, marks):
                carried |= carried_marks(self.get_article(link.previous), self.get_article(new_id), marks)
        if carried:
            self._change_marks(lambda current: current | carried)

    def versions(self, article_id: str) -> list[str]:
        """Every version of the article's story in the store, oldest first (``[article_id]`` when alone)."""
        found = self.resolve(article_id).article(article_id)
        entry = self._corpus.entry(found)
        assert entry is not None
        members = lineage_entries(finder_for(self._corpus, 1), lineage_of(found, entry))
        members[found] = entry
        return in_version_order(members)

    def remove_articles(self, ids: Iterable[str]) -> int:
        """Delete articles with all their items and any marks on them; unknown ids remove nothing."""
        wanted = {self._article_id_of(i) for i in ids}
        if not wanted:
            return 0
        gone: set[str] = set()
        with self._writing() as draft:
            present = [a for a in wanted if a in draft]
            for _, document in draft.iter_documents(present):
                for table in ITEM_TABLES:
                    gone.update(document.get(table) or {})
            for article_id in present:
                draft.remove(article_id)
            gone.update(present)
        self._change_marks(lambda marks: marks - gone)
        return len(present)

    def _article_id_of(self, item_id: str) -> str:
        return self.resolve(item_id).article(item_id, task="remove")

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
        if self._on_disk and Fingerprint.of(self.path) != self._fingerprint:
            self._load()  # an import in another terminal may have just added these ids
        return [self.resolve(i) for i in id_list]

    def _change_marks(self, change: Callable[[set[str]], set[str]]) -> None:
        with self._locked():
            if self._marks.changed_on_disk():
                self._marks.load()
            before = self._marks.marks
            after = set(change(set(before)))
            if after != before:
                self._marks.save(after)

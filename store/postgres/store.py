"""``PostgresStore``: the store interface (``store.interface``) on a PostgreSQL database a team shares.

Each article is one row of ``articles`` holding its stored document (the same JSON the embedded store
keeps in its segments, so both stores rebuild the same ``Article``) and the summary columns the article
list sorts by; ``items`` lists every id an article holds (the article's own included) so an id resolves
with one index lookup, and ``marks`` keeps marks per mark set.  Deleting an article cascades to its
items and from them to every mark on them, in one statement.

Writes:

* An import batch is one transaction: ``INSERT ... ON CONFLICT (id) DO NOTHING RETURNING id`` over the
  whole batch (one round trip), then the new articles' ids streamed into ``items`` with ``COPY``.  Two
  processes importing the same article at once: the second waits on the first's row, then skips it, so
  nothing is duplicated; an import cut off mid-batch leaves no half-written article.
* Marks belong to a mark set: ``user:<name>`` (``$USER`` or ``--user``) unless a shared set is named
  (``shared:<name>``), so two fact-checkers' selections never mix.
* Every write transaction sends ``NOTIFY claimscope``; ``changed_on_disk`` listens on a second
  connection, so an explorer learns of a colleague's import without polling any table.

Isolation is PostgreSQL's default, READ COMMITTED: every statement sees what was committed before it
began, which is what a shared corpus wants (an article a colleague imported a moment ago), and each write
here is a single statement or an insert whose conflicts ``ON CONFLICT`` settles, so no write depends on a
read that another transaction could invalidate.  SQL text is constant; every value is a parameter.
"""

from __future__ import annotations

import contextlib
import getpass
import threading
from collections.abc import Iterable, Iterator, Mapping
from types import TracebackType
from typing import Any

import orjson
import psycopg
from psycopg import errors

from claimscope.extract.model import Article
from claimscope.store.db import AddResult, ArticleSummary
from claimscope.store.entries import SUMMARY_COLUMNS, VERSION_COLUMNS, Row, entry_row
from claimscope.store.errors import StoreError, UnknownId
from claimscope.store.interface import Searcher
from claimscope.store.postgres.connection import DatabaseError, DatabaseUnreachable, connect, reason_of, redacted
from claimscope.store.postgres.migrations import migrate
from claimscope.store.postgres.search import index_documents, like_prefix
from claimscope.store.postgres.text import no_nul
from claimscope.store.postgres.versions import (
    carry_marks,
    lineage_columns,
    link_batch,
    stored_version_ranks,
    stored_versions,
)
from claimscope.store.records import (
    KIND_OF_TABLE,
    ItemRef,
    PreparedArticle,
    Record,
    article_id_of,
    article_view,
    document_to_article,
    item_view,
    prepare_article,
    unique_by_id,
)
from claimscope.store.schema import ARTICLES_TABLE, ITEM_TABLES, TABLE_OF_KIND
from claimscope.store.versions.lineage import Link

CHANNEL = "claimscope"
SUMMARY_ROW_KEYS = (*SUMMARY_COLUMNS[:6], *VERSION_COLUMNS)
"""The manifest columns ``summary_rows`` reads (title ... n_statistics, then lineage and version)."""
READ_CHUNK = 500
"""Documents fetched per round trip when reading many articles."""

Connection = psycopg.Connection[tuple[Any, ...]]
Cursor = psycopg.Cursor[tuple[Any, ...]]


def default_user() -> str:
    """Whose marks these are when ``--user`` is not given: the login name ($USER)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def mark_set_name(user: str, shared: str | None) -> str:
    """The ``marks.mark_set`` value: a shared set by name, else the user's own."""
    return f"shared:{shared}" if shared else f"user:{user}"


class PostgresStore:
    """One claimscope store in a PostgreSQL database (see the module docstring)."""

    def __init__(self, url: str, *, user: str | None = None, mark_set: str | None = None) -> None:
        self.url = url
        self.location = redacted(url)
        self.user = user or default_user()
        self.mark_set = mark_set_name(self.user, mark_set)
        self._lock = threading.RLock()
        self._listener: Connection | None = None
        self._changed = False
        self._connection = connect(url)
        try:
            with self._database_errors():
                migrate(self._connection, self.location)
        except BaseException:
            self._connection.close()
            raise

    # -- lifecycle ---------------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._connection.close()
            if self._listener is not None:
                self._listener.close()
                self._listener = None

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"PostgresStore({self.location!r})"

    @contextlib.contextmanager
    def _database_errors(self) -> Iterator[None]:
        """Every psycopg error becomes one line that names the store without its password."""
        try:
            yield
        except StoreError:
            raise
        except (errors.InsufficientPrivilege, errors.UndefinedFile, errors.FeatureNotSupported) as exc:
            if "pg_trgm" in str(exc):
                raise DatabaseError(
                    f"PostgreSQL store {self.location} lacks the pg_trgm extension ({reason_of(exc)}): install it on "
                    "the server (Debian: postgresql-contrib) and CREATE EXTENSION pg_trgm, or ask its administrator to"
                ) from None
            if not isinstance(exc, errors.InsufficientPrivilege):
                raise DatabaseError(f"PostgreSQL store {self.location}: {reason_of(exc)}") from None
            raise DatabaseError(
                f"PostgreSQL store {self.location}: permission denied ({reason_of(exc)}); "
                "this database role may only read"
            ) from None
        except psycopg.OperationalError as exc:
            reason = reason_of(exc)
            raise DatabaseUnreachable(f"lost the connection to PostgreSQL store {self.location}: {reason}") from None
        except psycopg.Error as exc:
            raise DatabaseError(f"PostgreSQL store {self.location}: {reason_of(exc)}") from None

    @contextlib.contextmanager
    def _cursor(self) -> Iterator[Cursor]:
        """A cursor on a live connection (reconnecting once a lost one is noticed), errors in one line."""
        with self._lock, self._database_errors():
            if self._connection.closed or self._connection.broken:
                self._connection = connect(self.url)
            with self._connection.cursor() as cursor:
                yield cursor

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Cursor]:
        """A write transaction that tells listeners (other explorers) when it commits."""
        with self._cursor() as cursor, self._connection.transaction():
            yield cursor
            cursor.execute("SELECT pg_notify(%s, %s)", (CHANNEL, self.mark_set))

    def _value(self, query: str, params: tuple[Any, ...] = ()) -> Any:
        with self._cursor() as cursor:
            cursor.execute(query, params)
            row = cursor.fetchone()
        return None if row is None else row[0]

    # -- reading -----------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not self._value("SELECT EXISTS (SELECT 1 FROM articles)")

    def size(self) -> int:
        return int(self._value("SELECT count(*) FROM articles"))

    def article_summaries(self) -> list[ArticleSummary]:
        """Every article, newest published first (undated last), then by title, then id (``display_key``)."""
        with self._cursor() as cursor:
            cursor.execute(
                "SELECT id, title, published, source, n_sections, n_claims, n_statistics FROM articles"
                " ORDER BY (coalesce(published, '') = ''), published DESC, sort_title, id"
            )
            rows = cursor.fetchall()
            ranks = stored_version_ranks(cursor)
        summaries = [ArticleSummary(*row) for row in rows]
        return [s._replace(version=ranks[s.id][0], versions=ranks[s.id][1]) if s.id in ranks else s for s in summaries]

    def summary_rows(self) -> list[tuple[str, Row]]:
        """The summaries as manifest rows (``entries.ENTRY_COLUMNS``), so ``list`` prints either store alike
        (``version`` there is the stored counter, as in the embedded manifest, not the place)."""
        with self._cursor() as cursor:
            cursor.execute(
                "SELECT id, title, published, source, n_sections, n_claims, n_statistics, lineage, version"
                " FROM articles ORDER BY (coalesce(published, '') = ''), published DESC, sort_title, id"
            )
            rows = cursor.fetchall()
        return [
            (row[0], entry_row({key: value for key, value in zip(SUMMARY_ROW_KEYS, row[1:], strict=True)}))
            for row in rows
        ]

    def article_ids(self) -> list[str]:
        with self._cursor() as cursor:
            cursor.execute("SELECT id FROM articles")
            return [row[0] for row in cursor.fetchall()]

    def version_ranks(self, rows: list[tuple[str, Row]] | None = None) -> dict[str, tuple[int, int]]:
        """For each article of a story stored in more than one version: (its place, the count), read from
        the ``lineage`` column (``rows`` is not needed: the database has the lineage)."""
        with self._cursor() as cursor:
            return stored_version_ranks(cursor)

    def versions(self, article_id: str) -> list[str]:
        """Every version of the article's story, oldest first (``[article_id]`` when alone)."""
        found = self.resolve(article_id).article(article_id)
        with self._cursor() as cursor:
            return stored_versions(cursor, found)

    def _document(self, article_id: str) -> Record | None:
        text = self._value("SELECT document::text FROM articles WHERE id = %s", (article_id,))
        return None if text is None else dict(orjson.loads(text))

    def get_article(self, article_id: str) -> Article:
        found = self.resolve(article_id).article(article_id)
        document = self._document(found)
        if document is None:
            raise UnknownId(f"article {found!r} was removed from store {self.location}")
        return document_to_article(document)

    def resolve(self, item_id: str) -> ItemRef:
        """What ``item_id`` names; article ids may be shortened to any unique prefix."""
        item_id = item_id.strip()
        if "\x00" in item_id:  # no stored id holds NUL, and PostgreSQL text cannot carry one to compare
            raise UnknownId(f"no article or item with id {item_id!r} in store {self.location}")
        with self._cursor() as cursor:
            cursor.execute("SELECT kind, article_id FROM items WHERE id = %s", (item_id,))
            row = cursor.fetchone()
            if row is not None:
                return ItemRef(row[0], item_id, row[1])
            if item_id and ":" not in item_id:
                cursor.execute(
                    "SELECT id FROM articles WHERE id LIKE %s ESCAPE '\\' ORDER BY id LIMIT 2", (like_prefix(item_id),)
                )
                matches = [found for (found,) in cursor.fetchall()]
                if len(matches) == 1:
                    return ItemRef("article", matches[0], matches[0])
                if len(matches) > 1:
                    raise UnknownId(f"id prefix {item_id!r} matches more than one article; give more characters")
        raise UnknownId(f"no article or item with id {item_id!r} in store {self.location}")

    def item(self, ref: ItemRef) -> Record:
        """The stored record of a resolved item."""
        return self.records(TABLE_OF_KIND[ref.kind])[ref.id]

    def records(self, table: str) -> Mapping[str, Record]:
        """One table keyed by id, read-only, each record read when asked for (as the embedded views do)."""
        if table != ARTICLES_TABLE and table not in ITEM_TABLES:
            raise KeyError(table)
        return _TableView(self, table)

    def documents(self, ids: Iterable[str] | None = None) -> Iterator[tuple[str, Record]]:
        """The stored documents of ``ids`` (every article when None; unknown ids skipped), a chunk at a time."""
        if ids is None:
            yield from self._all_documents()
            return
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), READ_CHUNK):
            with self._cursor() as cursor:
                cursor.execute(
                    "SELECT id, document::text FROM articles WHERE id = ANY(%s)", (wanted[start : start + READ_CHUNK],)
                )
                rows = cursor.fetchall()
            for article_id, text in rows:
                yield article_id, dict(orjson.loads(text))

    def _all_documents(self) -> Iterator[tuple[str, Record]]:
        """Every document in id order, by keyset pages (never the whole table in memory)."""
        after = ""
        while True:
            with self._cursor() as cursor:
                cursor.execute(
                    "SELECT id, document::text FROM articles WHERE id > %s ORDER BY id LIMIT %s", (after, READ_CHUNK)
                )
                rows = cursor.fetchall()
            for article_id, text in rows:
                yield article_id, dict(orjson.loads(text))
            if len(rows) < READ_CHUNK:
                return
            after = rows[-1][0]

    # -- writing -----------------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Store new articles in one transaction; an id already stored counts as unchanged."""
        return self.add_prepared(prepare_article(article) for article in articles)

    def add_prepared(self, prepared: Iterable[PreparedArticle]) -> AddResult:
        """Like ``add_articles`` for articles already serialised (by the import's worker processes)."""
        batch, duplicates = unique_by_id(prepared)
        if not batch:
            return AddResult(0, duplicates)
        with self._transaction() as cursor:
            links = link_batch(cursor, batch)
            entries = sorted(batch.values(), key=lambda entry: entry.id)  # one lock order for every writer
            cursor.execute(
                "INSERT INTO articles (id, title, published, source, sort_title,"
                " n_sections, n_claims, n_statistics, n_entities, document, lineage, version, source_name)"
                " SELECT a.id, a.title, a.published, a.source, a.sort_title,"
                " a.n_sections, a.n_claims, a.n_statistics, a.n_entities, a.document::json,"
                " a.lineage, a.version, a.source_name"
                " FROM unnest(%b::text[], %b::text[], %b::text[], %b::text[], %b::text[],"
                " %b::int[], %b::int[], %b::int[], %b::int[], %b::text[], %b::text[], %b::int[], %b::text[])"
                " AS a(id, title, published, source, sort_title,"
                " n_sections, n_claims, n_statistics, n_entities, document, lineage, version, source_name)"
                " ON CONFLICT (id) DO NOTHING RETURNING id",
                _article_columns(entries, links),  # %b: arrays sent in binary, so no quote of the JSON is escaped
            )
            new = {article_id for (article_id,) in cursor.fetchall()}
            documents = [(entry.id, orjson.loads(entry.document)) for entry in entries if entry.id in new]
            with cursor.copy("COPY items (id, article_id, kind) FROM STDIN") as copy:
                for article_id, document in documents:
                    for row in _item_rows(article_id, document):
                        copy.write_row(row)
            index_documents(cursor, documents)
            links = {article_id: link for article_id, link in links.items() if article_id in new}
            carry_marks(cursor, links, batch)
        return AddResult(len(new), len(batch) - len(new) + duplicates, len(links))

    def remove_articles(self, ids: Iterable[str]) -> int:
        """Delete articles with all their items and every mark on them; unknown ids remove nothing."""
        wanted = sorted({self._article_id_of(i) for i in ids})
        if not wanted:
            return 0
        with self._transaction() as cursor:
            cursor.execute("DELETE FROM articles WHERE id = ANY(%s) RETURNING id", (wanted,))
            return len(cursor.fetchall())

    def _article_id_of(self, item_id: str) -> str:
        return self.resolve(item_id).article(item_id, task="remove")

    # -- marks -------------------------------------------------------------------------------------

    def marks(self) -> set[str]:
        """This mark set's ids (marks on removed items went with them)."""
        with self._cursor() as cursor:
            cursor.execute("SELECT item_id FROM marks WHERE mark_set = %s", (self.mark_set,))
            return {item_id for (item_id,) in cursor.fetchall()}

    def mark(self, ids: Iterable[str]) -> None:
        """Mark every id, or none when any is unknown (or removed by someone else meanwhile)."""
        refs = [self.resolve(i) for i in ids]
        try:
            with self._transaction() as cursor:
                cursor.execute(
                    "INSERT INTO marks (mark_set, item_id, marked_by) SELECT %s, unnest(%s::text[]), %s"
                    " ON CONFLICT DO NOTHING",
                    (self.mark_set, sorted({r.id for r in refs}), self.user),
                )
        except DatabaseError:
            missing = [r.id for r in refs if not self._known(r.id)]
            if missing:
                raise UnknownId(f"no article or item with id {missing[0]!r} in store {self.location}") from None
            raise

    def unmark(self, ids: Iterable[str]) -> None:
        """Unmark ids; an id that is not marked (even one no longer in the store) is simply ignored."""
        wanted = sorted({i.strip() for i in ids if "\x00" not in i})
        if not wanted:
            return
        with self._transaction() as cursor:
            cursor.execute("DELETE FROM marks WHERE mark_set = %s AND item_id = ANY(%s)", (self.mark_set, wanted))

    def _known(self, item_id: str) -> bool:
        return bool(self._value("SELECT EXISTS (SELECT 1 FROM items WHERE id = %s)", (item_id,)))

    # -- search ------------------------------------------------------------------------------------

    def searcher(self) -> Searcher:
        """The database's own search (``SearchesItself``): no index files beside a shared store."""
        from claimscope.store.postgres.search import DatabaseSearch

        return DatabaseSearch(self)

    # -- other writers -----------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """True when another connection has committed a change since the last ``refresh`` (LISTEN/NOTIFY).

        The first call starts listening; it reports True once, since what came before is unknown.
        """
        with self._lock:
            if self._listener is None or self._listener.closed or self._listener.broken:
                if self._listener is not None:
                    # The listener was cut off (a server restart cuts every connection): the other
                    # connection is likely gone too, unnoticed until its next query; start it afresh.
                    self._connection.close()
                with self._database_errors():
                    self._listener = connect(self.url)
                    self._listener.execute(f"LISTEN {CHANNEL}")
                self._changed = True
            own = self._connection.info.backend_pid if not self._connection.closed else None
            with self._database_errors():
                for notice in self._listener.notifies(timeout=0):
                    if notice.pid != own:
                        self._changed = True
            return self._changed

    def refresh(self) -> bool:
        """Nothing is cached here: report (and forget) whether another writer changed the store."""
        changed = self.changed_on_disk()
        self._changed = False
        return changed


class _TableView(Mapping[str, Record]):
    """A store table as a read-only mapping, queried per key (the export and search read these)."""

    def __init__(self, store: PostgresStore, table: str) -> None:
        self._store = store
        self._table = table
        self._kind = KIND_OF_TABLE[table]

    def __getitem__(self, key: str) -> Record:
        if not isinstance(key, str):
            raise KeyError(key)
        document = self._store._document(article_id_of(key))
        if document is None:
            raise KeyError(key)
        if self._table == ARTICLES_TABLE:
            if key != document["article"].get("id", key) or ":" in key:
                raise KeyError(key)
            return article_view(document)
        record = (document.get(self._table) or {}).get(key)
        if record is None:
            raise KeyError(key)
        return item_view(record, article_id_of(key))

    def __iter__(self) -> Iterator[str]:
        with self._store._cursor() as cursor:
            cursor.execute("SELECT id FROM items WHERE kind = %s ORDER BY id", (self._kind,))
            ids = [item_id for (item_id,) in cursor.fetchall()]
        return iter(ids)

    def __len__(self) -> int:
        return int(self._store._value("SELECT count(*) FROM items WHERE kind = %s", (self._kind,)))

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        return bool(
            self._store._value("SELECT EXISTS (SELECT 1 FROM items WHERE id = %s AND kind = %s)", (key, self._kind))
        )


def _article_columns(entries: list[PreparedArticle], links: Mapping[str, Link]) -> tuple[list[Any], ...]:
    """The batch as one array per column (what ``unnest`` turns back into rows: one round trip)."""
    columns: tuple[list[Any], ...] = tuple([] for _ in range(13))
    for entry in entries:
        summary = entry.summary
        title = no_nul(summary.get("title"))
        values = (
            entry.id,
            title,
            no_nul(summary.get("published")),
            no_nul(summary.get("source")),
            (title or "").casefold(),
            summary.get("n_sections", 0),
            summary.get("n_claims", 0),
            summary.get("n_statistics", 0),
            summary.get("n_entities", 0),
            entry.document.decode(),
            *lineage_columns(entry, links.get(entry.id)),
        )
        for column, value in zip(columns, values, strict=True):
            column.append(value)
    return columns


def _item_rows(article_id: str, document: Record) -> Iterator[tuple[str, str, str]]:
    """The ``items`` rows of one article: itself, then every item of its document."""
    yield article_id, article_id, "article"
    for table in ITEM_TABLES:
        kind = KIND_OF_TABLE[table]
        for item_id in document.get(table) or {}:
            yield item_id, article_id, kind

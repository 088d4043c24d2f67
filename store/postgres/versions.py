"""Versions on PostgreSQL: the embedded store's identity rules (``store/versions/lineage.py``), with the
candidates found by the database.

``articles.lineage`` and ``articles.version`` (migration 3) hold what the embedded manifest's lineage
keys hold: NULL for a first version, else the first version's id and the counter.  ``source_name`` is
the file name of ``source`` (``lineage.file_name``), kept so that a "same file name" candidate is one
index lookup, not a pattern over every source.

``DatabaseFinder`` answers ``lineage.find_link`` with one parameterised query per key (bounded by the
rules' own ``COMMON_KEY_LIMIT``, so a headline shared by thousands of press releases costs one short
read), plus the articles of the batch being written, which are not in the table yet.  Linking runs in
the import's transaction under a transaction-scoped advisory lock: two processes importing two updates
of one story at once are linked one after the other (versions 2 and 3), never both as version 2.  The
lock is held only while a batch is written, so concurrent imports still interleave batch by batch.

Marks carry over in the same transaction, for every mark set (each user's and each shared set keeps
its own marks), through ``versions/carry.py``'s counterparts, as on the embedded store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import orjson
import psycopg

from claimscope.store.postgres.text import no_nul
from claimscope.store.records import PreparedArticle, Record, document_to_article
from claimscope.store.versions import lineage
from claimscope.store.versions.carry import carried_marks
from claimscope.store.versions.lineage import (
    LINEAGE_KEY,
    RARE_KINDS,
    VERSION_KEY,
    Identity,
    Key,
    Link,
    file_name,
    find_link,
    holding,
    in_version_order,
    version_ranks,
)

Cursor = psycopg.Cursor[tuple[Any, ...]]

LINK_LOCK = 0x636C_7676  # "clvv": one import links versions at a time per database
SUMMARY_SELECT = "SELECT id, title, source, lineage, version FROM articles WHERE "
KEY_CONDITIONS: Mapping[str, str] = {
    "source": "source = %s",
    "name": "source_name = %s",
    "title": "title = %s",
    "lineage": "(lineage = %s OR id = %s)",
}
"""Per kind of key, the rows that hold it (``lineage``: the later versions and the first one itself)."""


def _summary(row: tuple[Any, ...]) -> tuple[str, Record]:
    """A row as the entry the identity rules read (lineage keys only on later versions, as on disk)."""
    article_id, title, source, first, version = row
    entry: Record = {"title": title, "source": source}
    if first is not None:
        entry[LINEAGE_KEY] = first
        entry[VERSION_KEY] = version
    return article_id, entry


class DatabaseFinder:
    """A ``lineage.Finder`` over the ``articles`` table and the batch not yet written to it."""

    def __init__(self, cursor: Cursor) -> None:
        self.cursor = cursor
        self.pending: dict[str, Record] = {}

    def add(self, article_id: str, summary: Record) -> None:
        self.pending[article_id] = summary

    def find(self, keys: Iterable[Key]) -> dict[str, Record]:
        wanted = set(keys)
        found: dict[str, Record] = {}
        for kind, value in wanted:
            condition = KEY_CONDITIONS[kind]
            params = (value, value) if kind == "lineage" else (value,)
            # A file name or headline: one row more than the limit is enough for ``holding`` to call it too
            # common; a source or lineage is never too common, so all of it (``LIMIT NULL`` is no limit).
            limit = lineage.COMMON_KEY_LIMIT + 1 if kind in RARE_KINDS else None
            self.cursor.execute(SUMMARY_SELECT + condition + " LIMIT %s", (*params, limit))
            found.update(_summary(row) for row in self.cursor.fetchall())
        found.update(self.pending)
        return holding(found, wanted)


def _author(document: Record) -> str | None:
    author = (document.get("article") or {}).get("author")
    return author if isinstance(author, str) else None


def link_batch(cursor: Cursor, batch: Mapping[str, PreparedArticle]) -> dict[str, Link]:
    """The link of each article of ``batch`` not stored yet (in order, so a batch holding an article and
    its update links them).  Takes the linking lock first, so what it reads stays true until commit."""
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", (LINK_LOCK,))
    cursor.execute("SELECT id FROM articles WHERE id = ANY(%s)", (list(batch),))
    stored = {article_id for (article_id,) in cursor.fetchall()}
    new = [prepared for article_id, prepared in batch.items() if article_id not in stored]
    finder = DatabaseFinder(cursor)
    documents = {prepared.id: prepared.document for prepared in new}

    def author_of(article_id: str) -> str | None:
        if article_id in documents:
            return _author(orjson.loads(documents[article_id]))
        # The whole document, parsed here: PostgreSQL's json operators refuse a document holding an escaped NUL.
        cursor.execute("SELECT document::text FROM articles WHERE id = %s", (article_id,))
        row = cursor.fetchone()
        return None if row is None else _author(orjson.loads(row[0]))

    links: dict[str, Link] = {}
    for prepared in new:
        identity = Identity(prepared.id, no_nul(prepared.summary.get("title")), no_nul(prepared.summary.get("source")))
        link = find_link(finder, identity, author_of)
        summary: Record = {"title": identity.title, "source": identity.source}
        if link is not None:
            links[prepared.id] = link
            summary = {**summary, LINEAGE_KEY: link.lineage, VERSION_KEY: link.version}
        finder.add(prepared.id, summary)
    return links


def backfill_source_names(cursor: Cursor) -> None:
    """Fill ``source_name`` for the articles stored before migration 3 (their lineage stays NULL: each is
    the first version of itself, as on an embedded store written before versions existed)."""
    cursor.execute("SELECT id, source FROM articles WHERE source IS NOT NULL")
    names = [(file_name(source), article_id) for article_id, source in cursor.fetchall()]
    cursor.executemany("UPDATE articles SET source_name = %s WHERE id = %s", [n for n in names if n[0] is not None])


def lineage_columns(prepared: PreparedArticle, link: Link | None) -> tuple[str | None, int | None, str | None]:
    """``lineage``, ``version`` and ``source_name`` of a new row."""
    name = file_name(no_nul(prepared.summary.get("source")))
    return (link.lineage, link.version, name) if link is not None else (None, None, name)


def carry_marks(cursor: Cursor, links: Mapping[str, Link], batch: Mapping[str, PreparedArticle]) -> None:
    """Give each new version, in every mark set, the marks of its previous version's counterparts."""
    for new_id, link in links.items():
        cursor.execute(
            "SELECT m.mark_set, m.item_id, m.marked_by FROM marks m JOIN items i ON i.id = m.item_id"
            " WHERE i.article_id = %s",
            (link.previous,),
        )
        by_set: dict[tuple[str, str], set[str]] = {}
        for mark_set, item_id, marked_by in cursor.fetchall():
            by_set.setdefault((mark_set, marked_by), set()).add(item_id)
        if not by_set:
            continue
        old = document_to_article(_document(cursor, link.previous, batch))
        new = document_to_article(orjson.loads(batch[new_id].document))
        rows = [
            (mark_set, item_id, marked_by)
            for (mark_set, marked_by), marks in by_set.items()
            for item_id in sorted(carried_marks(old, new, marks))
        ]
        cursor.executemany(
            "INSERT INTO marks (mark_set, item_id, marked_by) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING", rows
        )


def _document(cursor: Cursor, article_id: str, batch: Mapping[str, PreparedArticle]) -> Record:
    if article_id in batch:
        return dict(orjson.loads(batch[article_id].document))
    cursor.execute("SELECT document::text FROM articles WHERE id = %s", (article_id,))
    row = cursor.fetchone()
    assert row is not None, "a linked previous version is read in the transaction that found it"
    return dict(orjson.loads(row[0]))


def stored_versions(cursor: Cursor, article_id: str) -> list[str]:
    """Every version of the article's story, oldest first (the article alone when it has none)."""
    cursor.execute("SELECT coalesce(lineage, id) FROM articles WHERE id = %s", (article_id,))
    row = cursor.fetchone()
    if row is None:
        return [article_id]
    first = row[0]
    cursor.execute(SUMMARY_SELECT + KEY_CONDITIONS["lineage"], (first, first))
    return in_version_order(dict(_summary(found) for found in cursor.fetchall()))


def stored_version_ranks(cursor: Cursor) -> dict[str, tuple[int, int]]:
    """(place, count) of every article of a story with more than one version (only later versions and
    their first versions are read: a partial index holds the later ones)."""
    cursor.execute(
        SUMMARY_SELECT + "lineage IS NOT NULL"
        " UNION SELECT id, title, source, lineage, version FROM articles"
        " WHERE id IN (SELECT lineage FROM articles WHERE lineage IS NOT NULL)"
    )
    return version_ranks(dict(_summary(row) for row in cursor.fetchall()))

"""The PostgreSQL store's schema, as numbered migrations applied in order (like the embedded store's).

The missing migrations run in one transaction under an advisory lock, so two claimscope processes opening
a new database at once do not both create it, and a migration cut off halfway leaves the database as it
was.  ``claimscope_migrations`` records which steps a database has had; a database with a step this
version does not know was written by a newer claimscope (``StoreTooNew``), and is left untouched.  A
database already up to date is only read, so a read-only role can open it.

Identifiers are collated "C" so that ids sort and prefix-match by code point (as Python compares them) and
the primary key's btree answers ``LIKE 'prefix%'``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import psycopg

from claimscope.store.errors import StoreTooNew
from claimscope.store.postgres.search import index_stored_articles
from claimscope.store.postgres.versions import backfill_source_names

ADVISORY_LOCK = 0x636C_6D73  # "clms": one claimscope schema change at a time per database


@dataclass(frozen=True, slots=True)
class Migration:
    number: int
    name: str
    statements: tuple[str, ...]
    backfill: Callable[[psycopg.Cursor[tuple[object, ...]]], None] | None = None
    """Fills what the statements created from the rows already stored (same transaction)."""


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, items and marks",
        (
            """
            CREATE TABLE articles (
                id           text COLLATE "C" PRIMARY KEY,
                title        text,
                published    text COLLATE "C",
                source       text,
                sort_title   text COLLATE "C" NOT NULL,
                n_sections   integer NOT NULL,
                n_claims     integer NOT NULL,
                n_statistics integer NOT NULL,
                n_entities   integer NOT NULL,
                document     json NOT NULL,
                imported_by  text NOT NULL DEFAULT current_user,
                imported_at  timestamptz NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE INDEX articles_in_display_order ON articles
                ((coalesce(published, '') = ''), published DESC, sort_title, id)
            """,
            """
            CREATE TABLE items (
                id         text COLLATE "C" PRIMARY KEY,
                article_id text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                kind       text NOT NULL
            )
            """,
            "CREATE INDEX items_of_article ON items (article_id)",
            """
            CREATE TABLE marks (
                mark_set  text NOT NULL,
                item_id   text COLLATE "C" NOT NULL REFERENCES items (id) ON DELETE CASCADE,
                marked_by text NOT NULL,
                marked_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (mark_set, item_id)
            )
            """,
            "CREATE INDEX marks_of_item ON marks (item_id)",
        ),
    ),
    Migration(
        2,
        "search units and vocabulary (pg_trgm)",
        (
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            "CREATE TABLE search_words (word text COLLATE \"C\" PRIMARY KEY)",
            "CREATE INDEX search_words_trigrams ON search_words USING gin (word gin_trgm_ops)",
            """
            CREATE TABLE search_units (
                article_id text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                unit       integer NOT NULL,
                kind       smallint NOT NULL,
                own        text[] NOT NULL,
                words      text[] NOT NULL,
                body       json NOT NULL,
                PRIMARY KEY (article_id, unit)
            )
            """,
            "CREATE INDEX search_units_words ON search_units USING gin (words)",
        ),
        backfill=index_stored_articles,
    ),
    Migration(
        3,
        "versions: lineage, version and the file name of the source",
        (
            "ALTER TABLE articles ADD COLUMN lineage text COLLATE \"C\", ADD COLUMN version integer,"
            " ADD COLUMN source_name text",
            "CREATE INDEX articles_of_lineage ON articles (lineage) WHERE lineage IS NOT NULL",
            # hash, not btree: equality is all the rules ask, and a btree refuses a value past ~2.7 kB
            "CREATE INDEX articles_by_source ON articles USING hash (source)",
            "CREATE INDEX articles_by_source_name ON articles USING hash (source_name)",
            "CREATE INDEX articles_by_title ON articles USING hash (title)",
        ),
        backfill=backfill_source_names,
    ),
)
"""In order; never edit a released step, add a new one."""


def _applied(cursor: psycopg.Cursor[tuple[object, ...]]) -> set[int]:
    cursor.execute("SELECT to_regclass('claimscope_migrations') IS NOT NULL")
    row = cursor.fetchone()
    if not row or not row[0]:
        return set()
    cursor.execute("SELECT number FROM claimscope_migrations")
    return {int(str(number)) for (number,) in cursor.fetchall()}


def migrate(
    connection: psycopg.Connection[tuple[object, ...]],
    location: str,
    before_first: Callable[[psycopg.Cursor[tuple[object, ...]]], None] | None = None,
) -> list[int]:
    """Apply the missing migrations; return their numbers (empty when the database was up to date).

    ``before_first`` runs inside the first migration's transaction (the store creates extensions there).
    """
    known = {m.number for m in MIGRATIONS}
    with connection.cursor() as cursor:
        applied = _applied(cursor)
    newer = applied - known
    if newer:
        raise StoreTooNew(
            f"PostgreSQL store {location} has schema step {max(newer)}, which this claimscope does not know; "
            "upgrade claimscope"
        )
    if applied >= known:
        return []
    done: list[int] = []
    with connection.transaction(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", (ADVISORY_LOCK,))
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS claimscope_migrations ("
            " number integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        applied = _applied(cursor)  # another process may have migrated while we waited for the lock
        if before_first is not None and applied < known:
            before_first(cursor)
        for migration in MIGRATIONS:
            if migration.number in applied:
                continue
            for statement in migration.statements:
                cursor.execute(statement)
            if migration.backfill is not None:
                migration.backfill(cursor)
            cursor.execute(
                "INSERT INTO claimscope_migrations (number, name) VALUES (%s, %s)", (migration.number, migration.name)
            )
            done.append(migration.number)
    return done

"""The facts across articles, kept beside the store (``<store>.across``, SQLite) and in step with it.

Listing every speaker or every figure group must not read every article (seconds at 100,000 articles),
so each article's facts (``facts.py``) are kept in a SQLite file with the per-speaker and per-group
totals already summed.  A listing is one indexed query over those totals.

The file is never trusted: ``open_across`` compares the article ids it covers with the ones the store
holds, unless it carries the stamp of the store file as it is now (``store_stamp``: every store write
replaces the file, so an unchanged file holds the same articles; this saves reading 100,000 ids).
Facts of articles gone from the store are deleted, missing articles are read (``Store.documents`` of
just those) and added, and the totals of only the speakers and groups they touch are summed again, all
in one SQLite transaction, so a kill at any moment leaves the old file or the new one.  A file that
cannot be read, or was written by other rules (``RULES_VERSION``), is deleted and rebuilt.  Only the
store's public methods are used (``documents``, ``records``, ``changed_on_disk``, ``path``), so any
store with them works; a store that is not a file (in memory), or whose folder cannot be written, gets
an in-memory index.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Literal

from claimscope.store.across.facts import ArticleFacts, article_facts
from claimscope.store.across.figures import Bounds, in_conflict, measure_key
from claimscope.store.across.names import SpeakerKind, name_key
from claimscope.store.errors import StoreError, StoreLocked
from claimscope.store.interface import StoreInterface, derived_files_base

RULES_VERSION = "4"
"""Bump when names.py, figures.py or facts.py change what they compute: the file is then rebuilt."""
BUSY_SECONDS = 30.0
"""How long to wait for another process that is catching the file up before saying it is busy."""
CACHE_KIB = 65_536
"""SQLite page cache per connection (its default, 2 MiB, makes a large build thrash its B-trees)."""
BATCH = 500
"""Articles written per batch while catching up (bounds memory, not correctness); gone articles are
deleted in batches of this many ids too (SQLite limits the parameters of one statement)."""

KIND_PRIORITY: tuple[SpeakerKind, ...] = ("person", "organisation", "name", "role")
SpeakerSort = Literal["count", "recent"]
Progress = Callable[[int, int], None]

TABLES = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles(id TEXT PRIMARY KEY, published TEXT, title TEXT);
CREATE TABLE IF NOT EXISTS claims(claim_id TEXT PRIMARY KEY, article_id TEXT NOT NULL, speaker TEXT NOT NULL,
    name TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS speakers(key TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    n_claims INTEGER NOT NULL, n_articles INTEGER NOT NULL, latest TEXT);
CREATE TABLE IF NOT EXISTS figures(stat_id TEXT PRIMARY KEY, article_id TEXT NOT NULL, grp TEXT NOT NULL,
    measure TEXT NOT NULL, unit TEXT, period TEXT, value REAL NOT NULL, raw TEXT NOT NULL,
    approximate INTEGER NOT NULL, low REAL NOT NULL, high REAL NOT NULL);
CREATE TABLE IF NOT EXISTS groups(key TEXT PRIMARY KEY, measure TEXT NOT NULL, unit TEXT,
    n_figures INTEGER NOT NULL, n_articles INTEGER NOT NULL, n_periods INTEGER NOT NULL,
    n_conflicts INTEGER NOT NULL, latest TEXT);
CREATE TABLE IF NOT EXISTS cells(grp TEXT NOT NULL, period TEXT NOT NULL, conflict INTEGER NOT NULL,
    PRIMARY KEY(grp, period));
"""
SPEAKERS_BY_COUNT = "n_claims DESC, n_articles DESC, key"
SPEAKERS_BY_DATE = "latest IS NULL, latest DESC, n_claims DESC, key"
GROUPS_LISTED = "n_conflicts > 0 DESC, n_articles DESC, n_figures DESC, key"
INDEXES = (
    "CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id)",
    "CREATE INDEX IF NOT EXISTS claims_speaker ON claims(speaker)",
    "CREATE INDEX IF NOT EXISTS figures_article ON figures(article_id)",
    "CREATE INDEX IF NOT EXISTS figures_group ON figures(grp)",
    f"CREATE INDEX IF NOT EXISTS speakers_by_count ON speakers({SPEAKERS_BY_COUNT})",
    f"CREATE INDEX IF NOT EXISTS speakers_by_date ON speakers({SPEAKERS_BY_DATE})",
    f"CREATE INDEX IF NOT EXISTS groups_listed ON groups({GROUPS_LISTED})",
    # covering (every listed column is in it), so the default listing never reads the table itself
    f"CREATE INDEX IF NOT EXISTS groups_shared ON groups({GROUPS_LISTED}, measure, unit, n_periods, n_conflicts, "
    "latest) WHERE n_articles > 1",
)
"""Each listing's ORDER BY is an index, so a listing reads rows in order and never sorts.  A build from
nothing creates them after the rows are in (inserting into a B-tree per index, row by row, was most of
the build's time)."""


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """One speaker across the store: ``key`` is what ``claims --speaker`` also accepts."""

    key: str
    name: str
    kind: str
    n_claims: int
    n_articles: int
    latest: str | None


@dataclass(frozen=True, slots=True)
class SpeakerClaimRow:
    article_id: str
    claim_id: str
    published: str | None
    title: str | None


@dataclass(frozen=True, slots=True)
class GroupRow:
    """One measure and unit across the store, with how many of its periods are in conflict."""

    key: str
    measure: str
    unit: str | None
    n_figures: int
    n_articles: int
    n_periods: int
    n_conflicts: int
    latest: str | None


@dataclass(frozen=True, slots=True)
class FigureRow:
    article_id: str
    stat_id: str
    period: str | None
    value: float
    raw: str
    approximate: bool
    low: float
    high: float
    published: str | None
    title: str | None
    conflict: bool


def across_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".across")


class AcrossIndex:
    """Queries over one caught-up index (a connection; close it, or use ``with``)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> AcrossIndex:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # speakers ------------------------------------------------------------------------------------

    def speakers(self, sort: SpeakerSort = "count", limit: int | None = None) -> list[SpeakerRow]:
        """Every speaker, most claims first or most recent first (undated last)."""
        order = SPEAKERS_BY_COUNT if sort == "count" else SPEAKERS_BY_DATE
        rows = self.db.execute(
            f"SELECT key, name, kind, n_claims, n_articles, latest FROM speakers ORDER BY {order} LIMIT ?",
            (-1 if limit is None else limit,),
        )
        return [SpeakerRow(*row) for row in rows]

    def find_speakers(self, name: str) -> list[SpeakerRow]:
        """The speakers ``name`` means: its exact key, else every speaker whose name holds its words."""
        exact = self.db.execute(
            "SELECT key, name, kind, n_claims, n_articles, latest FROM speakers WHERE key = ? OR key = ?",
            (name.strip(), name_key(name)),
        ).fetchall()
        if exact:
            return [SpeakerRow(*row) for row in exact]
        words = name_key(name)
        if not words:
            return []
        rows = self.db.execute(
            "SELECT key, name, kind, n_claims, n_articles, latest FROM speakers "
            "WHERE (' ' || replace(key, '@', ' ') || ' ') LIKE ? ESCAPE '\\' ORDER BY n_claims DESC, key",
            (f"% {_like_escape(words)} %",),
        )
        return [SpeakerRow(*row) for row in rows]

    def speaker_claims(self, key: str) -> list[SpeakerClaimRow]:
        """The claims of one speaker, newest article first (undated last), in reading order."""
        rows = self.db.execute(
            "SELECT c.article_id, c.claim_id, a.published, a.title FROM claims c "
            "JOIN articles a ON a.id = c.article_id WHERE c.speaker = ? "
            "ORDER BY a.published IS NULL, a.published DESC, c.article_id, c.rowid",
            (key,),
        )
        return [SpeakerClaimRow(*row) for row in rows]

    # figures -------------------------------------------------------------------------------------

    def groups(
        self, *, conflicts_only: bool = False, measure: str | None = None, shared_only: bool = False,
        limit: int | None = None,
    ) -> list[GroupRow]:
        """Figure groups, conflicts first, then most articles: only those in conflict, or whose measure
        holds the words of ``measure``, or (``shared_only``) those that more than one article reports."""
        where = []
        params: list[object] = []
        if conflicts_only:
            where.append("n_conflicts > 0")
        if shared_only:
            where.append("n_articles > 1")
        if measure is not None and measure_key(measure):
            where.append("key LIKE ? ESCAPE '\\'")
            params.append(f"%{_like_escape(measure_key(measure))}%")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self.db.execute(
            "SELECT key, measure, unit, n_figures, n_articles, n_periods, n_conflicts, latest FROM groups "
            f"{clause} ORDER BY {GROUPS_LISTED} LIMIT ?",
            [*params, -1 if limit is None else limit],
        )
        return [GroupRow(*row) for row in rows]

    def figures(self, group: str) -> list[FigureRow]:
        """The figures of one group by period (undated last), then article date, then article."""
        rows = self.db.execute(
            "SELECT f.article_id, f.stat_id, f.period, f.value, f.raw, f.approximate, f.low, f.high, a.published, "
            "a.title, COALESCE(c.conflict, 0) FROM figures f JOIN articles a ON a.id = f.article_id "
            "LEFT JOIN cells c ON c.grp = f.grp AND c.period = f.period WHERE f.grp = ? "
            "ORDER BY f.period IS NULL, f.period, a.published, f.article_id, f.rowid",
            (group,),
        )
        return [
            FigureRow(a, s, p, v, r, bool(ap), lo, hi, pub, title, bool(conflict))
            for a, s, p, v, r, ap, lo, hi, pub, title, conflict in rows
        ]

    def covered(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT id FROM articles")}


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# opening and catching up ---------------------------------------------------------------------------


def open_across(store: StoreInterface, path: Path | None = None, progress: Progress | None = None) -> AcrossIndex:
    """The store's index across articles, caught up with the store (built on first use).

    ``path`` overrides where the file lives (benchmarks keep theirs apart from a shared store).
    """
    base = derived_files_base(store)
    if path is None and base is None:
        return _caught_up(":memory:", store, progress)
    target = path if path is not None else across_path(base)  # type: ignore[arg-type]
    if not _writable(target):
        return _caught_up(":memory:", store, progress)
    try:
        return _caught_up(target, store, progress)
    except sqlite3.OperationalError as error:
        if "locked" in str(error):  # another process is catching the file up: never delete it under them
            raise StoreLocked(
                f"the index across articles {target} is being updated by another claimscope process; "
                "try again when it has finished"
            ) from None
    except sqlite3.DatabaseError:
        pass
    _remove(target)  # damaged: build it again from the store
    try:
        return _caught_up(target, store, progress)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"cannot write the index across articles {target}: {error}") from None


def _caught_up(target: Path | str, store: StoreInterface, progress: Progress | None) -> AcrossIndex:
    """The index in ``target``, caught up with the store; its connection is closed if that fails."""
    index = AcrossIndex(_connect(str(target)))
    try:
        _prepare(index.db)
        _catch_up(index, store, progress)
    except BaseException:
        index.close()
        raise
    return index


def store_stamp(store: StoreInterface) -> str | None:
    """The store file's identity (inode, size, modification time), when the open store is what that file holds.

    Every store write replaces the file, so an index stamped with the same identity covers the same
    articles and need not read 100,000 ids to know it.  None (so the ids are compared) for a store that
    is not a file, or that another process has written since this one read it.
    """
    path = derived_files_base(store)
    if path is None:
        return None
    try:
        before = os.stat(path)
        if store.changed_on_disk():
            return None
        after = os.stat(path)
    except OSError:
        return None
    identity = (before.st_ino, before.st_size, before.st_mtime_ns)
    if identity != (after.st_ino, after.st_size, after.st_mtime_ns):
        return None
    return ":".join(str(part) for part in identity)


def _writable(target: Path) -> bool:
    """Whether the file can be kept (a store not yet written, or on a read-only disk, gets one in memory)."""
    if target.exists():
        return os.access(target, os.W_OK) and os.access(target.parent, os.W_OK)
    return target.parent.is_dir() and os.access(target.parent, os.W_OK)


def _remove(target: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            target.with_name(target.name + suffix).unlink()


def _connect(where: str) -> sqlite3.Connection:
    connection = sqlite3.connect(where, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return connection


def _prepare(db: sqlite3.Connection) -> None:
    """Create the tables; a file written by other rules is emptied first (damage raises, for the caller)."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version = _meta(db, "rules") if "meta" in tables else None
    if version == RULES_VERSION:
        return  # nothing to write: an open that finds the index current only reads
    db.execute("BEGIN IMMEDIATE")
    for table in tables:
        db.execute(f'DROP TABLE IF EXISTS "{table}"')
    db.execute("COMMIT")
    db.executescript(TABLES)
    _set_meta(db, "rules", RULES_VERSION)


def _catch_up(index: AcrossIndex, store: StoreInterface, progress: Progress | None) -> None:
    """Delete the facts of articles the store lost, add those of articles it gained, re-sum what they touch.

    Skipped when the index carries the stamp of the store file as it is now (``store_stamp``); else the
    article ids are compared, and the stamp is recorded once they agree.
    """
    stamp = store_stamp(store)
    db = index.db
    if stamp is not None and _meta(db, "store") == stamp:
        return
    wanted = newest_versions(store)
    covered = index.covered()
    if covered == wanted:
        _set_meta(db, "store", stamp)
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        covered = index.covered()  # another process may have caught up while we waited for the lock
        everything = not covered
        gone = sorted(covered - wanted)
        missing = sorted(wanted - covered)
        speakers: set[str] = set()
        groups: set[str] = set()
        for chunk in _chunks(gone, BATCH):
            _forget(db, chunk, speakers, groups)
        if progress is not None:
            progress(0, len(missing))
        done = 0
        # One pass over the documents (each segment read once, front to back), written in batches.
        documents = iter(store.documents(missing))
        while batch := [article_facts(article_id, document) for article_id, document in islice(documents, BATCH)]:
            _add(db, batch, speakers, groups)
            done += len(batch)
            if progress is not None:
                progress(done, len(missing))
        for statement in INDEXES:
            db.execute(statement)
        _sum_speakers(db, speakers, everything)
        _sum_groups(db, groups, everything)
        _set_meta(db, "store", stamp)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def newest_versions(store: StoreInterface) -> set[str]:
    """The articles the index covers: every article but the earlier versions of a story (``store/versions/``).

    An update is the same story told again, not a second article: counted beside its earlier version, its
    speaker would have two articles and a corrected figure would conflict with the one it corrects.  When an
    update arrives, its earlier version leaves this set and is forgotten like a removed article.
    """
    earlier = {article_id for article_id, (version, count) in store.version_ranks().items() if version < count}
    return set(store.article_ids()) - earlier


def _meta(db: sqlite3.Connection, key: str) -> str | None:
    found = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return str(found[0]) if found else None


def _set_meta(db: sqlite3.Connection, key: str, value: str | None) -> None:
    if value is None:
        db.execute("DELETE FROM meta WHERE key = ?", (key,))
    else:
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _marks(count: int) -> str:
    return ",".join("?" * count)


def _forget(db: sqlite3.Connection, article_ids: list[str], speakers: set[str], groups: set[str]) -> None:
    marks = _marks(len(article_ids))
    speakers.update(r[0] for r in db.execute(f"SELECT DISTINCT speaker FROM claims WHERE article_id IN ({marks})",
                                             article_ids))
    groups.update(r[0] for r in db.execute(f"SELECT DISTINCT grp FROM figures WHERE article_id IN ({marks})",
                                           article_ids))
    for table, column in (("claims", "article_id"), ("figures", "article_id"), ("articles", "id")):
        db.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", article_ids)


def _add(db: sqlite3.Connection, facts: list[ArticleFacts], speakers: set[str], groups: set[str]) -> None:
    db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)", [(f.article_id, f.published, f.title)
                                                                       for f in facts])
    claims = [(s.claim_id, f.article_id, s.key, s.name, s.kind) for f in facts for s in f.speakers]
    db.executemany("INSERT OR REPLACE INTO claims VALUES (?, ?, ?, ?, ?)", claims)
    speakers.update(row[2] for row in claims)
    figures = [
        (g.stat_id, f.article_id, g.group, g.measure, g.unit, g.period, g.value, g.raw, int(g.approximate), g.low,
         g.high)
        for f in facts
        for g in f.figures
    ]
    db.executemany("INSERT OR REPLACE INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", figures)
    groups.update(row[2] for row in figures)


def _touched(db: sqlite3.Connection, name: str, keys: Iterable[str], everything: bool) -> Callable[[str], str]:
    """The condition on a column for the rows to re-sum: always true when ``everything`` is re-summed (a
    build), else membership in a temporary table of ``keys`` (joined, so any number of keys is one query)."""
    if everything:
        return lambda _column: "1"
    db.execute(f"DROP TABLE IF EXISTS temp.{name}")
    db.execute(f"CREATE TEMP TABLE {name}(key TEXT PRIMARY KEY)")
    db.executemany(f"INSERT INTO temp.{name} VALUES (?)", ((k,) for k in keys))
    return lambda column: f"{column} IN (SELECT key FROM temp.{name})"


def _sum_speakers(db: sqlite3.Connection, keys: set[str], everything: bool) -> None:
    """Re-sum the totals of ``keys``.

    The shown name is the one most claims use (ties: alphabetical); the kind is the surest any article
    gave (an article that found "Dana Okafor" a person outranks one that saw only a capitalised name).
    """
    if not keys:
        return
    wanted = _touched(db, "touched_speakers", keys, everything)
    db.execute(f"DELETE FROM speakers WHERE {wanted('key')}")
    names: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for key, name, kind, count in db.execute(
        f"SELECT speaker, name, kind, count(*) FROM claims WHERE {wanted('speaker')} GROUP BY speaker, name, kind"
    ):
        names[key][(name, kind)] += count
    rows = []
    for key, n_claims, n_articles, latest in db.execute(
        "SELECT c.speaker, count(*), count(DISTINCT c.article_id), max(a.published) FROM claims c "
        f"JOIN articles a ON a.id = c.article_id WHERE {wanted('c.speaker')} GROUP BY c.speaker"
    ):
        name = min(names[key].items(), key=lambda item: (-item[1], item[0]))[0][0]
        kind = min((kind for _name, kind in names[key]), key=KIND_PRIORITY.index)
        rows.append((key, name, kind, n_claims, n_articles, latest))
    db.executemany("INSERT INTO speakers VALUES (?, ?, ?, ?, ?, ?)", rows)


def _sum_groups(db: sqlite3.Connection, keys: set[str], everything: bool) -> None:
    """Re-sum the totals of figure groups ``keys`` and find, period by period, which are in conflict.

    Only periods that two or more articles report can be in conflict, so only their figures are read
    into Python; the rest is counted by SQLite.  ``cells`` keeps the periods in conflict.
    """
    if not keys:
        return
    wanted = _touched(db, "touched_groups", keys, everything)
    db.execute(f"DELETE FROM groups WHERE {wanted('key')}")
    db.execute(f"DELETE FROM cells WHERE {wanted('grp')}")
    cells: dict[tuple[str, str], list[Bounds]] = defaultdict(list)
    for grp, period, article_id, low, high in db.execute(
        "SELECT f.grp, f.period, f.article_id, f.low, f.high FROM figures f JOIN ("
        f"  SELECT grp, period FROM figures WHERE {wanted('grp')} AND period IS NOT NULL"
        "  GROUP BY grp, period HAVING count(DISTINCT article_id) > 1"
        ") shared ON shared.grp = f.grp AND shared.period = f.period"
    ):
        cells[(grp, period)].append(Bounds(article_id, low, high))
    in_dispute = [(grp, period, 1) for (grp, period), bounds in cells.items() if in_conflict(bounds)]
    db.executemany("INSERT INTO cells VALUES (?, ?, ?)", in_dispute)
    conflicts = Counter(grp for grp, _period, _flag in in_dispute)
    measures: dict[str, Counter[str]] = defaultdict(Counter)
    for grp, measure, count in db.execute(
        f"SELECT grp, measure, count(*) FROM figures WHERE {wanted('grp')} GROUP BY grp, measure"
    ):
        measures[grp][measure] += count
    rows = []
    for grp, unit, n_figures, n_articles, n_periods, latest in db.execute(
        "SELECT f.grp, max(f.unit), count(*), count(DISTINCT f.article_id), count(DISTINCT f.period), "
        f"max(a.published) FROM figures f JOIN articles a ON a.id = f.article_id WHERE {wanted('f.grp')} GROUP BY f.grp"
    ):
        measure = min(measures[grp].items(), key=lambda item: (-item[1], item[0]))[0]
        rows.append((grp, measure, unit, n_figures, n_articles, n_periods, conflicts[grp], latest))
    db.executemany("INSERT INTO groups VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

"""Schema migrations: an ordered list of named steps, each recorded in the ``meta`` table once applied.

The same idea as llm's ``migrations.py``: a store written by an older claimscope is brought up to date
step by step when it is opened, and the store writes the upgraded store at once, in the current layout
(new files first, the manifest last, so a crash leaves the old store readable).  A store that records a
step this version does not know was written by a newer claimscope and is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimscope.store.errors import StoreTooNew
from claimscope.store.records import compact, summary_of
from claimscope.store.schema import (
    ARTICLES_TABLE,
    DOCUMENTS_TABLE,
    ITEM_TABLES,
    META_TABLE,
    SCHEMA_DOC,
    SUMMARIES_TABLE,
)

Tables = dict[str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    apply: Callable[[Tables], None]


def _create_tables(tables: Tables) -> None:
    for name in (ARTICLES_TABLE, *ITEM_TABLES, META_TABLE):
        tables.setdefault(name, {})


def _item_article_ids(tables: Tables) -> None:
    """Every item names its article, so search hits and exports need no id parsing."""
    for name in ITEM_TABLES:
        for item_id, record in tables.get(name, {}).items():
            record.setdefault("article_id", item_id.split(":", 1)[0])


def _article_item_lists(tables: Tables) -> None:
    """Articles list their items in reading order, so an article is rebuilt by key lookups only."""
    owned: dict[str, dict[str, list[str]]] = {}
    for name in ITEM_TABLES:
        for item_id, record in tables.get(name, {}).items():
            owned.setdefault(record["article_id"], {}).setdefault(name, []).append(item_id)
    for article_id, record in tables.get(ARTICLES_TABLE, {}).items():
        for name in ITEM_TABLES:
            record.setdefault(name, owned.get(article_id, {}).get(name, []))


def _compact_text(tables: Tables) -> None:
    """Stop repeating the article text in every block and sentence (see ``records.compact``)."""
    articles = tables.get(ARTICLES_TABLE, {})
    for name in ITEM_TABLES:
        for record in tables.get(name, {}).values():
            article = articles.get(record.get("article_id", ""))
            if article is not None:
                compact(record, article["article"]["text"])


def _article_documents(tables: Tables) -> None:
    """One document per article plus a small summaries table (see ``store/layout.py``).

    Until now every item table was one big JSON object, so opening a store parsed every record of every
    article; with one document per article, opening reads only the summaries and an article is parsed
    when it is first shown.
    """
    articles = tables.pop(ARTICLES_TABLE, {})
    items = {name: tables.pop(name, {}) for name in ITEM_TABLES}
    documents: dict[str, Any] = {}
    summaries: dict[str, Any] = {}
    for article_id, record in articles.items():
        document: dict[str, Any] = {"article": record["article"]}
        for name in ITEM_TABLES:
            rows = items[name]
            document[name] = {
                item_id: {k: v for k, v in rows[item_id].items() if k != "article_id"}
                for item_id in record.get(name, [])
                if item_id in rows
            }
        documents[article_id] = document
        summaries[article_id] = summary_of(document)
    tables[DOCUMENTS_TABLE] = documents
    tables[SUMMARIES_TABLE] = summaries


def _segments(tables: Tables) -> None:
    """Documents move to immutable segment files named by a small manifest (``store/manifest.py``).

    Nothing changes in the tables themselves: the step records that the store is written in the new
    layout, which the store does at once on opening an older file (``Store._migrate``).
    """


def _manifest_rows(tables: Tables) -> None:
    """Each manifest entry is written as an array in a fixed column order (``store/entries.py``), not an object.

    Nothing changes in the tables: the store rewrites its manifest at once on opening (``Store._migrate``).
    """


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_create_tables", _create_tables),
    Migration("0002_item_article_ids", _item_article_ids),
    Migration("0003_article_item_lists", _article_item_lists),
    Migration("0004_compact_text", _compact_text),
    Migration("0005_article_documents", _article_documents),
    Migration("0006_segments", _segments),
    Migration("0007_manifest_rows", _manifest_rows),
)
LAYOUT_STEP = "0005_article_documents"
"""Stores that record this step (and not the next) use the one-file layout of ``store/layout.py``."""
SEGMENTS_STEP = "0006_segments"
"""Stores that record this step are a manifest (``store/manifest.py``) and segment files."""
ROWS_STEP = "0007_manifest_rows"
"""Stores that record this step write each manifest entry as an array (``store/entries.py``)."""
SCHEMA_VERSION = len(MIGRATIONS)


def applied_names(tables: Tables) -> list[str]:
    meta = tables.get(META_TABLE)
    schema = meta.get(SCHEMA_DOC) if isinstance(meta, dict) else None
    names = schema.get("applied") if isinstance(schema, dict) else None
    return [str(n) for n in names] if isinstance(names, list) else []


def upgrade(tables: Tables, path: Path) -> list[str]:
    """Apply the missing steps in order (in memory); return their names."""
    check_known(tables, path)
    done = applied_names(tables)
    new = [m for m in MIGRATIONS if m.name not in done]
    for migration in new:
        migration.apply(tables)
        done.append(migration.name)
    if new:
        tables.setdefault(META_TABLE, {})[SCHEMA_DOC] = current_schema(done)
    return [m.name for m in new]


def check_known(tables: Tables, path: Path) -> None:
    """Refuse a store that records a step this version does not know (written by a newer claimscope)."""
    known = {m.name for m in MIGRATIONS}
    unknown = [n for n in applied_names(tables) if n not in known]
    if unknown:
        raise StoreTooNew(
            f"store file {path} was written by a newer claimscope (unknown schema step {unknown[0]}); "
            "upgrade claimscope to open it"
        )


def current_schema(done: list[str] | None = None) -> dict[str, Any]:
    return {"version": SCHEMA_VERSION, "applied": done if done is not None else [m.name for m in MIGRATIONS]}

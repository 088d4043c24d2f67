"""Schema migrations: an ordered list of named steps, each recorded in the ``meta`` table once applied.

The same idea as llm's ``migrations.py``: a store written by an older claimscope is brought up to date
step by step when it is opened; the upgraded tables are written with the next change, so merely opening a
store never writes it.  A store that records a step this version does not know was written by a newer
claimscope and is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimscope.store.errors import StoreTooNew

Tables = dict[str, dict[str, Any]]

META_TABLE = "meta"
SCHEMA_DOC = "schema"
ITEM_TABLES = ("sections", "claims", "statistics", "entities")
ALL_TABLES = ("articles", *ITEM_TABLES, META_TABLE)


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    apply: Callable[[Tables], None]


def _create_tables(tables: Tables) -> None:
    for name in ALL_TABLES:
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
    for article_id, record in tables.get("articles", {}).items():
        for name in ITEM_TABLES:
            record.setdefault(name, owned.get(article_id, {}).get(name, []))


def _compact_text(tables: Tables) -> None:
    """Stop repeating the article text in every block and sentence (see ``records.compact``)."""
    from claimscope.store.records import compact

    articles = tables.get("articles", {})
    for name in ITEM_TABLES:
        for record in tables.get(name, {}).values():
            article = articles.get(record.get("article_id", ""))
            if article is not None:
                compact(record, article["article"]["text"])


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_create_tables", _create_tables),
    Migration("0002_item_article_ids", _item_article_ids),
    Migration("0003_article_item_lists", _article_item_lists),
    Migration("0004_compact_text", _compact_text),
)
SCHEMA_VERSION = len(MIGRATIONS)


def applied_names(tables: Tables) -> list[str]:
    schema = tables.get(META_TABLE, {}).get(SCHEMA_DOC, {})
    names = schema.get("applied", [])
    return [str(n) for n in names] if isinstance(names, list) else []


def upgrade(tables: Tables, path: Path) -> list[str]:
    """Apply the missing steps in order (in memory); return their names."""
    done = applied_names(tables)
    known = {m.name for m in MIGRATIONS}
    unknown = [n for n in done if n not in known]
    if unknown:
        raise StoreTooNew(
            f"store file {path} was written by a newer claimscope (unknown schema step {unknown[0]}); "
            "upgrade claimscope to open it"
        )
    new = [m for m in MIGRATIONS if m.name not in done]
    for migration in new:
        migration.apply(tables)
        done.append(migration.name)
    if new:
        tables.setdefault(META_TABLE, {})[SCHEMA_DOC] = {"version": SCHEMA_VERSION, "applied": done}
    return [m.name for m in new]

"""How the store commands find and open the store, and the order they list marked items in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from claimscope.store.db import Store
from claimscope.store.paths import default_store_path


def store_path(db_path: Path | None) -> Path:
    """``--db`` on the command, else ``--db`` on the group (``claimscope --db X list``), else the default."""
    if db_path is not None:
        return db_path
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        root_value = ctx.find_root().params.get("db_path")
        if isinstance(root_value, Path):
            return root_value
    return default_store_path()


@contextmanager
def open_store(db_path: Path | None) -> Iterator[Store]:
    """The store the command names, closed when the command is done with it."""
    with Store(store_path(db_path)) as store:
        yield store


def in_item_order(ids: set[str]) -> list[str]:
    """Article by article, items in numeric order (c2 before c10)."""

    def key(item_id: str) -> tuple[str, str, int, str]:
        article, _, rest = item_id.partition(":")
        letters = rest.rstrip("0123456789")
        digits = rest[len(letters) :]
        return article, letters, int(digits) if digits else -1, rest

    return sorted(ids, key=key)

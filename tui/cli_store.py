"""How the store commands find and open the store, and the order they list marked items in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from claimscope.store import opening
from claimscope.store.interface import StoreInterface
from claimscope.tui.cli_common import MARK_SET_META, USER_META


def store_path(db_path: Path | str | None) -> opening.Location:
    """``--db`` on the command, else ``--db`` on the group (``claimscope --db X list``), else the default.

    A location is a file's ``Path`` or a PostgreSQL URL (``str``); ``opening`` tells them apart.
    """
    if db_path is not None:
        return db_path
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        root_value = ctx.find_root().params.get("db_path")
        if isinstance(root_value, (Path, str)):
            return root_value
    return opening.default_location()


def open_location(db_path: Path | str | None) -> StoreInterface:
    """The store the command names (embedded or PostgreSQL: the commands do not ask), opened for the user
    and mark set given on the group."""
    ctx = click.get_current_context(silent=True)
    meta = ctx.meta if ctx is not None else {}
    return opening.open_store(store_path(db_path), user=meta.get(USER_META), mark_set=meta.get(MARK_SET_META))


@contextmanager
def open_store(db_path: Path | str | None) -> Iterator[StoreInterface]:
    """``open_location``, closed when the command is done with it."""
    with open_location(db_path) as store:
        yield store


def in_item_order(ids: set[str]) -> list[str]:
    """Article by article, items in numeric order (c2 before c10)."""

    def key(item_id: str) -> tuple[str, str, int, str]:
        article, _, rest = item_id.partition(":")
        letters = rest.rstrip("0123456789")
        digits = rest[len(letters) :]
        return article, letters, int(digits) if digits else -1, rest

    return sorted(ids, key=key)

"""Which store a location names: a PostgreSQL URL opens ``PostgresStore``, anything else the embedded one.

The one place that knows both stores exist.  The CLI and the explorer call ``open_store`` with what the
user gave (``--db``, else ``$CLAIMSCOPE_DB``, else the default file) and get a ``StoreInterface``; the
PostgreSQL client library is imported only when a URL is given, so the embedded store's commands never
load it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from claimscope.store.paths import ENV_VAR, default_store_path

if TYPE_CHECKING:  # the CLI imports this module to parse --db: `claimscope --version` never loads a store
    from claimscope.store.interface import StoreInterface

URL_SCHEMES = ("postgresql://", "postgres://")
"""What a PostgreSQL location starts with; libpq fills in whatever the URL leaves out."""

Location = Path | str
"""A store file's path, or a PostgreSQL URL (a ``str``)."""


def is_database_url(location: object) -> bool:
    return isinstance(location, str) and location.startswith(URL_SCHEMES)


def default_location() -> Location:
    """``$CLAIMSCOPE_DB`` (a file or a URL), else the platform's default store file."""
    value = os.environ.get(ENV_VAR, "")
    return value if is_database_url(value) else default_store_path()


def describe(location: Location) -> str:
    """The location as messages show it: a URL without its password."""
    if is_database_url(location):
        from claimscope.store.postgres.connection import redacted

        return redacted(str(location))
    return str(location)


def open_store(location: Location | None, *, user: str | None = None, mark_set: str | None = None) -> StoreInterface:
    """The store at ``location`` (the default when None); ``StoreError`` in one line when it cannot be opened.

    ``user`` and ``mark_set`` choose whose marks a shared (PostgreSQL) store reads and writes; the embedded
    store has one set of marks and ignores them.
    """
    if location is None:
        location = default_location()
    if is_database_url(location):
        from claimscope.store.postgres.store import PostgresStore

        return PostgresStore(str(location), user=user, mark_set=mark_set)
    from claimscope.store.db import Store

    return Store(Path(location))

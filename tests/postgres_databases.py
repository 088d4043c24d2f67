"""Databases on the tests' PostgreSQL server: a URL per database, one scratch database per test.

Kept out of ``conftest.py`` so test modules can import it (two test folders have a conftest of their
own, and ``from conftest import`` finds whichever comes first).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit


def database_url(server_url: str, name: str) -> str:
    """The server's URL with another database name."""
    parts = urlsplit(server_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def admin(server_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)  # type: ignore[call-overload]


def scratch_database(server_url: str, template: str | None) -> Iterator[str]:
    """A database of its own for one test, dropped (even with connections left open) afterwards."""
    name = f"claimscope_test_{secrets.token_hex(6)}"
    admin(server_url, f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    try:
        yield database_url(server_url, name)
    finally:
        admin(server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

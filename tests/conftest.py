"""Fixtures every test folder shares: a PostgreSQL server for the session and a fresh database per test.

The server is the one ``$CLAIMSCOPE_TEST_PG`` names (``.ci/run`` starts one and exports it), else one
started here from the installed PostgreSQL (``postgres_server.py``) and stopped when the session ends.
Without either, the PostgreSQL tests are skipped with the reason, except in CI (``$CI`` set), where
they fail: a CI run that skipped them would say nothing about the PostgreSQL store.

Each test gets its own database, copied from a template that already has the schema (creating one from
scratch costs a migration per test), and dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from postgres_server import SERVER_ENV, NoServer, start, stop

TEMPLATE = "claimscope_test_template"


def database_url(server_url: str, name: str) -> str:
    """The server's URL with another database name."""
    parts = urlsplit(server_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _admin(server_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)  # type: ignore[call-overload]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a running PostgreSQL server the tests may create databases in."""
    given = os.environ.get(SERVER_ENV)
    if given:
        yield given
        return
    directory = Path(tempfile.mkdtemp(prefix="claimscope-pg-"))
    try:
        url = start(directory)
    except NoServer as exc:
        shutil.rmtree(directory, ignore_errors=True)
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests, but no server could be started: {exc}")
        pytest.skip(f"no PostgreSQL server: {exc}")
    try:
        yield url
    finally:
        stop(directory)


@pytest.fixture(scope="session")
def postgres_template(postgres_server: str) -> str:
    """A database with the store's schema, created once per session; each test's database copies it."""
    from claimscope.store.postgres.store import PostgresStore

    name = f"{TEMPLATE}_{secrets.token_hex(4)}"
    _admin(postgres_server, f"CREATE DATABASE {name}")
    PostgresStore(database_url(postgres_server, name)).close()
    return name


def _scratch_database(server_url: str, template: str | None) -> Iterator[str]:
    """A database of its own for one test, dropped (even with connections left open) afterwards."""
    name = f"claimscope_test_{secrets.token_hex(6)}"
    _admin(server_url, f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    try:
        yield database_url(server_url, name)
    finally:
        _admin(server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def postgres_url(postgres_server: str, postgres_template: str) -> Iterator[str]:
    """A new database with the store's schema, for this test only."""
    yield from _scratch_database(postgres_server, postgres_template)


@pytest.fixture
def empty_postgres_url(postgres_server: str) -> Iterator[str]:
    """A new database without the schema (for tests of the migrations themselves)."""
    yield from _scratch_database(postgres_server, None)

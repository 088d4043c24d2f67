"""Fixtures every test folder shares: ``web``, a local web server (``local_web.py``) for the URL imports;
a PostgreSQL server for the session and a fresh database per test.

Only fixtures live here; test modules import helpers from uniquely named modules (``local_web``,
``postgres_server``), never from a conftest.

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

import pytest
from local_web import LocalWeb, local_web
from postgres_databases import admin, database_url, scratch_database
from postgres_server import SERVER_ENV, NoServer, start, stop

TEMPLATE = "claimscope_test_template"


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
    admin(postgres_server, f"CREATE DATABASE {name}")
    PostgresStore(database_url(postgres_server, name)).close()
    return name


@pytest.fixture
def postgres_url(postgres_server: str, postgres_template: str) -> Iterator[str]:
    """A new database with the store's schema, for this test only."""
    yield from scratch_database(postgres_server, postgres_template)


@pytest.fixture
def empty_postgres_url(postgres_server: str) -> Iterator[str]:
    """A new database without the schema (for tests of the migrations themselves)."""
    yield from scratch_database(postgres_server, None)


PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalWeb]:
    """A web server on 127.0.0.1, reached directly even where a proxy is configured."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with local_web() as server:
        yield server

"""Store fixtures: every API test runs against a store in memory, one in a file, and one in PostgreSQL.

The PostgreSQL case opens a fresh database per test (``tests/conftest.py``), so a store feature that
lands on one store and not the other fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimscope.store.db import Store
from claimscope.store.interface import StoreInterface
from claimscope.store.postgres.store import PostgresStore


@pytest.fixture(autouse=True)
def _isolated_store_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the user's real store."""
    monkeypatch.setenv("CLAIMSCOPE_DB", str(tmp_path / "env-store.json"))


@pytest.fixture(params=["memory", "file", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreInterface]:
    opened: StoreInterface
    if request.param == "postgresql":
        opened = PostgresStore(request.getfixturevalue("postgres_url"), user="tester")
    elif request.param == "memory":
        opened = Store.in_memory()
    else:
        opened = Store(tmp_path / "store.json")
    with opened:
        yield opened


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.json"

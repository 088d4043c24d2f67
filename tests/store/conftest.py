"""Store fixtures: every API test runs against a store in memory and against one in a file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimscope.store.db import Store


@pytest.fixture(autouse=True)
def _isolated_store_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the user's real store."""
    monkeypatch.setenv("CLAIMSCOPE_DB", str(tmp_path / "env-store.json"))


@pytest.fixture(params=["memory", "file"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    opened = Store.in_memory() if request.param == "memory" else Store(tmp_path / "store.json")
    with opened:
        yield opened


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.json"

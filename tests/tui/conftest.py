"""Explorer test fixtures: every test gets its own store file (``CLAIMSCOPE_DB``) and keymap path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input
from tui_articles import ferry_article, markup_article

from claimscope.store.db import Store


@pytest.fixture(autouse=True)
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store.json"
    monkeypatch.setenv("CLAIMSCOPE_DB", str(path))
    monkeypatch.setenv("CLAIMSCOPE_KEYMAP", str(tmp_path / "keymap.toml"))
    monkeypatch.chdir(tmp_path)
    return path


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture
def fixture_store(store_path: Path) -> Iterator[Path]:
    """A store file holding the hand-built articles (no sample import)."""
    with Store(store_path) as store:
        store.add_articles([ferry_article(), markup_article()])
    yield store_path

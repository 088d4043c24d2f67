"""CLI tests run the real ``claimscope`` process against a temporary store (never the user's)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

# The store tests' article builder: the same hand-written articles, with known claims and statistics.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))

from store_factory import sample_articles

from claimscope.store.db import Store

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(autouse=True)
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "store.json"
    monkeypatch.setenv("CLAIMSCOPE_DB", str(path))
    monkeypatch.setenv("COLUMNS", "200")
    return path


@pytest.fixture
def run(tmp_path: Path) -> Run:
    def runner(*args: str, input: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "claimscope", *args],
            input=input,
            capture_output=True,
            text=True,
            cwd=cwd or tmp_path,
            env=os.environ.copy(),
            timeout=120,
        )

    return runner


@pytest.fixture
def loaded(store_path: Path) -> Path:
    with Store(store_path) as store:
        store.add_articles(sample_articles())
    return store_path

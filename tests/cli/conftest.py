"""CLI tests run ``claimscope``'s ``main`` in this process (Click's ``CliRunner``) against a temporary store.

``main`` is what the installed command runs, so the exit statuses and one-line errors tested here are the
user's; a few tests in ``test_cli_process.py`` start the real process to check what only a process shows.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

# The store tests' article builder: the same hand-written articles, with known claims and statistics.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))

from cli_run import Invoke, Location, Outcome, Run
from store_factory import sample_articles

from claimscope.store.db import Store
from claimscope.store.opening import open_store
from claimscope.tui.cli import main


@pytest.fixture(autouse=True)
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own store through ``CLAIMSCOPE_DB``: none may touch the user's."""
    path = tmp_path / "data" / "store.json"
    monkeypatch.setenv("CLAIMSCOPE_DB", str(path))
    monkeypatch.delenv("CLAIMSCOPE_DEBUG", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    return path


@pytest.fixture
def invoke() -> Invoke:
    """Run ``main`` with the arguments, standard input and captured output of a real invocation."""

    def invoker(*args: str, input: str | bytes | None = None) -> Outcome:
        with CliRunner().isolation(input=input) as (stdout, stderr, _):
            code = main(list(args))
            sys.stdout.flush()
            sys.stderr.flush()
            return Outcome(code, stdout.getvalue().decode(), stderr.getvalue().decode())

    return invoker


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """Run the real ``claimscope`` process (``python -m claimscope``)."""

    def runner(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "claimscope", *args],
            input=input,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=os.environ.copy(),
            timeout=120,
        )

    return runner


@pytest.fixture(params=["file", "postgresql"])
def store_location(request: pytest.FixtureRequest, store_path: Path, monkeypatch: pytest.MonkeyPatch) -> Location:
    """The test's store through ``CLAIMSCOPE_DB``, once a file and once a PostgreSQL database: a command
    test that takes this (or ``loaded``) runs on both stores, so the CLI cannot work on one only."""
    if request.param == "file":
        return store_path
    url: str = request.getfixturevalue("postgres_url")
    monkeypatch.setenv("CLAIMSCOPE_DB", url)
    return url


@pytest.fixture
def loaded(store_location: Location) -> Location:
    """The hand-written articles in the test's store (either kind)."""
    with open_store(store_location) as store:
        store.add_articles(sample_articles())
    return store_location


@pytest.fixture
def loaded_file(store_path: Path) -> Path:
    """The hand-written articles in a store file (tests of what only the embedded store has: its lock)."""
    with Store(store_path) as store:
        store.add_articles(sample_articles())
    return store_path


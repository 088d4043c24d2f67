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

from cli_run import Invoke, Outcome, Run
from store_factory import sample_articles

from claimscope.store.db import Store
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


@pytest.fixture
def loaded(store_path: Path) -> Path:
    with Store(store_path) as store:
        store.add_articles(sample_articles())
    return store_path


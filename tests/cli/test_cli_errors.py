"""How a command ends badly: user errors are one line and exit 2, internal errors one line and exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_run import Invoke, one_error_line

from claimscope.store.db import Store
from claimscope.tui.cli import cli

HINT = "; run with --debug for the traceback"


@pytest.fixture
def broken_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """``claimscope list`` meets an exception no command expects."""

    def explode(self: Store) -> None:
        raise RuntimeError("summaries went\nmissing")

    monkeypatch.setattr(Store, "summary_rows", explode)


def test_internal_error_is_one_line_and_exit_1(invoke: Invoke, broken_list: None) -> None:
    result = invoke("list")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"claimscope: internal error: RuntimeError: summaries went missing{HINT}\n"


def test_debug_option_shows_the_traceback(invoke: Invoke, broken_list: None) -> None:
    result = invoke("--debug", "list")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert "in explode" in result.stderr
    assert lines[-1] == "claimscope: internal error: RuntimeError: summaries went missing"


def test_debug_environment_variable_shows_the_traceback(
    invoke: Invoke, broken_list: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMSCOPE_DEBUG", "1")
    result = invoke("list")
    assert result.returncode == 1
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert HINT not in result.stderr


def test_a_command_module_that_fails_to_import_is_an_internal_error(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never "No such command": the command exists, its module is broken."""
    monkeypatch.setitem(cli.lazy_commands, "list", "claimscope.tui.no_such_module:list_command")
    result = invoke("list")
    assert result.returncode == 1
    assert result.stderr == (
        "claimscope: internal error: ModuleNotFoundError: No module named 'claimscope.tui.no_such_module'"
        f"{HINT}\n"
    )


def test_unknown_command_names_the_group_help(invoke: Invoke) -> None:
    one_error_line(invoke("lsit"), "No such command 'lsit'", "(see 'claimscope --help')")


def test_bad_option_names_the_commands_help(invoke: Invoke) -> None:
    one_error_line(invoke("search", "x", "--limit", "0"), "--limit", "(see 'claimscope search --help')")


def test_user_errors_never_show_a_traceback_even_with_debug(invoke: Invoke, store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b'{"articles": {"oops"')
    one_error_line(invoke("--debug", "list"), str(store_path), "damaged")


def test_explorer_on_a_damaged_store_is_one_line(invoke: Invoke, store_path: Path) -> None:
    """``claimscope`` with no command opens the explorer; a store it cannot open stops it before any screen."""
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b'{"oops"')
    one_error_line(invoke(), str(store_path), "damaged")

"""Help and the generated command reference, driven by the group's real command list."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from cli_run import Invoke

from claimscope.extract.pipeline import extract_bytes
from claimscope.tui.cli import cli
from claimscope.tui.cli_reference import REGENERATE, reference_text

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
COMMAND_NAMES = cli.list_commands(click.Context(cli))
STORE_FREE = {"extract", "copy"}
"""Commands without ``--db``: extract never opens a store, copy names both of its stores as arguments."""


def test_the_group_lists_the_documented_commands_in_workflow_order() -> None:
    assert COMMAND_NAMES == [
        "extract", "import", "list", "show", "search", "speakers", "claims", "figures", "repeats", "diff",
        "mark", "unmark", "marks", "export", "remove", "copy",
    ]


@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_every_command_has_help_with_an_example(invoke: Invoke, name: str) -> None:
    result = invoke(name, "--help")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(f"Usage: claimscope {name} [OPTIONS]")
    assert "Example: claimscope " + name in result.stdout
    assert ("--db FILE" in result.stdout) is (name not in STORE_FREE)


def test_group_help_lists_the_commands_in_the_groups_order(invoke: Invoke) -> None:
    result = invoke("--help")
    assert result.returncode == 0
    listed = re.findall(r"^  (\w+) {2,}", result.stdout.split("Commands:")[1], flags=re.MULTILINE)
    assert listed == COMMAND_NAMES
    assert "--debug" in result.stdout and "-h, --help" in result.stdout


def test_help_gives_item_ids_in_the_extractors_format(invoke: Invoke) -> None:
    """The ids the help shows have the letters the extractor really gives claims and statistics."""
    text = "Ferry fares to rise\n\nFares will rise by 12 percent in April, the harbour manager said.\n"
    article = extract_bytes(text.encode(), source="fares.txt")
    letters = {item.id.split(":")[1].rstrip("0123456789") for item in (article.claims[0], article.statistics[0])}
    shown = re.findall(r"\b[0-9a-f]{16}:([a-z])\d+\b", invoke("mark", "--help").stdout)
    assert sorted(set(shown)) == sorted(letters) == ["c", "n"]


def test_docs_cli_md_is_the_generated_reference() -> None:
    expected = reference_text()
    actual = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else ""
    assert actual == expected, f"docs/cli.md is out of date; regenerate it with: {REGENERATE}"


def test_the_reference_holds_every_commands_help() -> None:
    text = reference_text()
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings == ["claimscope", *(f"claimscope {name}" for name in COMMAND_NAMES)]
    assert text.count("```text\nUsage: claimscope") == len(COMMAND_NAMES) + 1

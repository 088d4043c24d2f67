"""Write ``docs/cli.md``, the command reference, from the commands' own ``--help``.

The reference is generated, never edited: ``tests/cli/test_cli_help.py`` fails when ``docs/cli.md``
differs from what this module prints, so the docs cannot drift from the code (sqlite-utils does the
same).  The commands come from the group itself, in its order, and the help is formatted at a fixed width
so the text does not depend on the terminal that regenerates it.

    python -m claimscope.tui.cli_reference > docs/cli.md
"""

from __future__ import annotations

import sys

import click

from claimscope.tui.cli import cli

REGENERATE = "python -m claimscope.tui.cli_reference > docs/cli.md"
WIDTH = 100


def _help_section(title: str, command: click.Command, ctx: click.Context) -> list[str]:
    return [f"## {title}", "", "```text", command.get_help(ctx).rstrip(), "```", ""]


def reference_text() -> str:
    """The whole of ``docs/cli.md``: the group's help, then each command's, in the group's order."""
    root = click.Context(
        cli, info_name="claimscope", terminal_width=WIDTH, max_content_width=WIDTH, **cli.context_settings
    )
    lines = [
        "# Command reference",
        "",
        "<!-- Generated from the commands' --help; do not edit. Regenerate with:",
        f"     {REGENERATE} -->",
        "",
        *_help_section("claimscope", cli, root),
    ]
    for name in cli.list_commands(root):
        command = cli.get_command(root, name)
        if command is None:
            raise LookupError(f"the group lists {name!r} but cannot load it")
        ctx = click.Context(command, info_name=name, parent=root)
        lines.extend(_help_section(f"claimscope {name}", command, ctx))
    return "\n".join(lines)


def main() -> None:
    sys.stdout.write(reference_text())


if __name__ == "__main__":
    main()

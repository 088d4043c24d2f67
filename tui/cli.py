"""The ``claimscope`` command: the front door to the extractor, the store and the explorer.

Each command is thin (open the store, call the API, format); every user error becomes one line on stderr
and exit status 2, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimscope import __version__
from claimscope.tui.cli_common import UserError, db_option
from claimscope.tui.extract_command import extract_command


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimscope")
@db_option
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """Explore claims and statistics in news articles and official statements.

    With no command, opens the explorer on the store (importing the bundled samples on first run).
    """
    if ctx.invoked_subcommand is None:
        from claimscope.tui.app import run_explorer

        ctx.exit(run_explorer(db_path))


cli.add_command(extract_command)

try:  # the store commands live in their own module
    from claimscope.tui.library_commands import COMMANDS
except ImportError:  # pragma: no cover - only while the store is being built
    COMMANDS = []
for _command in COMMANDS:
    cli.add_command(_command)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status instead of raising ``SystemExit``."""
    from claimscope.extract.errors import InputRefused
    from claimscope.store.errors import StoreError

    try:
        result = cli.main(args=argv, prog_name="claimscope", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("claimscope: aborted", err=True)
        return 130
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except UserError as exc:
        click.echo(f"claimscope: error: {_one_line(exc.format_message())}", err=True)
        return exc.exit_code
    except click.UsageError as exc:
        hint = f" (see 'claimscope {exc.ctx.command_path.partition(' ')[2]} --help')" if exc.ctx else ""
        click.echo(f"claimscope: error: {_one_line(exc.format_message())}{hint}".replace("  ", " "), err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"claimscope: error: {_one_line(exc.format_message())}", err=True)
        return 2
    except (InputRefused, StoreError) as exc:
        click.echo(f"claimscope: error: {_one_line(str(exc))}", err=True)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        click.echo("claimscope: interrupted", err=True)
        return 130
    return int(result) if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The ``claimscope`` command: the front door to the extractor, the store and the explorer.

Commands load lazily.  The group knows each command's name and the module that defines it (``COMMANDS``)
and imports that module only when the command runs (or when ``--help`` lists them all), so
``claimscope list`` never pays for importing the extractor or Textual (most of the start-up time of a
command that loads them).  A module that fails to import is a bug and is reported like any other
internal error, never as "No such command".

``main`` turns every way a command can end into an exit status and at most one line on stderr: user
errors (bad options, missing files, a damaged or busy store) exit 2, an unexpected exception exits 1 with
one line that names it, and ``--debug`` (or ``CLAIMSCOPE_DEBUG=1``) prints its traceback as well.
"""

from __future__ import annotations

import importlib
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from claimscope import __version__
from claimscope.extract.errors import InputRefused
from claimscope.store.errors import StoreError
from claimscope.store.text import single_line
from claimscope.tui.cli_common import db_option, marks_owner_options

COMMANDS: dict[str, str] = {
    "extract": "claimscope.tui.extract_command:extract_command",
    "import": "claimscope.tui.import_command:import_command",
    "list": "claimscope.tui.article_commands:list_command",
    "show": "claimscope.tui.article_commands:show_command",
    "search": "claimscope.tui.search_command:search_command",
    "speakers": "claimscope.tui.speakers_command:speakers_command",
    "claims": "claimscope.tui.speakers_command:claims_command",
    "figures": "claimscope.tui.figures_command:figures_command",
    "repeats": "claimscope.tui.repeats_command:repeats_command",
    "diff": "claimscope.tui.diff_command:diff_command",
    "mark": "claimscope.tui.mark_commands:mark_command",
    "unmark": "claimscope.tui.mark_commands:unmark_command",
    "marks": "claimscope.tui.mark_commands:marks_command",
    "export": "claimscope.tui.export_command:export_command",
    "remove": "claimscope.tui.article_commands:remove_command",
    "copy": "claimscope.tui.copy_command:copy_command",
}
"""Command name -> ``module:attribute``, in the order ``claimscope --help`` lists them."""

DEBUG_ENV = "CLAIMSCOPE_DEBUG"


@dataclass
class RunSettings:
    """What ``main`` needs to know after the command has ended (the context is gone by then)."""

    debug: bool = False


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use (the pattern in Click's documentation)."""

    def __init__(self, *args: Any, lazy_commands: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.lazy_commands)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.lazy_commands.get(cmd_name)
        if target is None:
            return None
        module_name, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


def _remember_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.ensure_object(RunSettings).debug = value
    return value


@click.group(
    cls=LazyGroup,
    lazy_commands=COMMANDS,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="claimscope")
@click.option(
    "--debug",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    envvar=DEBUG_ENV,
    callback=_remember_debug,
    help=f"Show the traceback of an internal error (also ${DEBUG_ENV}=1).",
)
@db_option
@marks_owner_options
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """Explore claims and statistics in news articles and official statements.

    With no command, opens the explorer on the store (importing the bundled samples on first run).

    Exit status: 0 done; 1 some inputs failed to import, or an internal error; 2 a usage error, a
    missing input or a store that cannot be used (damaged, busy); every error is one line on stderr.
    """
    if ctx.invoked_subcommand is None:
        from claimscope.tui.app import run_explorer

        ctx.exit(run_explorer(db_path))


def _error(message: str) -> None:
    click.echo(f"claimscope: error: {single_line(message)}", err=True)


def _usage_hint(exc: click.UsageError) -> str:
    return f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""


def _internal_error(exc: Exception, *, debug: bool) -> int:
    """An exception no command expected: one line naming it, the traceback only when asked for."""
    detail = single_line(str(exc))
    what = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    if debug:
        traceback.print_exception(exc)
        click.echo(f"claimscope: internal error: {what}", err=True)
    else:
        click.echo(f"claimscope: internal error: {what}; run with --debug for the traceback", err=True)
    return 1


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status instead of raising ``SystemExit``."""
    settings = RunSettings()
    try:
        result = cli.main(args=argv, prog_name="claimscope", standalone_mode=False, obj=settings)
    except click.exceptions.Abort:
        click.echo("claimscope: aborted", err=True)
        return 130
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.UsageError as exc:
        _error(exc.format_message() + _usage_hint(exc))
        return 2
    except click.ClickException as exc:  # UserError and Click's own (a bad file argument, ...)
        _error(exc.format_message())
        return 2
    except (InputRefused, StoreError) as exc:
        _error(str(exc))
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        click.echo("claimscope: interrupted", err=True)
        return 130
    except Exception as exc:
        return _internal_error(exc, debug=settings.debug)
    return result if isinstance(result, int) else 0

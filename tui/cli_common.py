"""What every ``claimscope`` command shares: the ``--db`` option, whose marks (``--user``, ``--mark-set``),
and the one-line user error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from claimscope.store.opening import URL_SCHEMES

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    """A problem the user can fix; ``main`` prints it as one line on stderr and exits with status 2."""

    exit_code = 2


class StoreLocationType(click.ParamType[Path | str]):
    """A store file's path (``Path``), or a PostgreSQL URL kept as the ``str`` it is (a ``Path`` would
    fold its ``//``)."""

    name = "FILE|URL"
    _file = click.Path(dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path | str:
        if isinstance(value, str) and value.startswith(URL_SCHEMES):
            return value
        return self._file.convert(value, param, ctx)


def db_option(func: F) -> F:
    """``--db FILE|URL`` on the group and on every store command (``claimscope --db X list`` works too)."""
    return click.option(
        "--db",
        "db_path",
        type=StoreLocationType(),
        default=None,
        help="Store file, or a postgresql:// URL of a shared store (default: $CLAIMSCOPE_DB, else the "
        "platform's user data directory).",
    )(func)


USER_META = "claimscope.user"
MARK_SET_META = "claimscope.mark_set"
"""Where ``--user`` and ``--mark-set`` are kept in ``ctx.meta`` (shared by the group and its command)."""


def _meta_option(name: str, key: str, envvar: str, help_text: str) -> Callable[[F], F]:
    """An option of the group whose value is kept in ``ctx.meta[key]`` for the command to read."""

    def keep(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        if value:
            ctx.meta[key] = value
        return value

    return click.option(
        name, metavar="NAME", default=None, expose_value=False, envvar=envvar, callback=keep, help=help_text
    )


def marks_owner_options(func: F) -> F:
    """``--user`` and ``--mark-set`` on the group: whose marks a shared (PostgreSQL) store reads and writes.

    Kept in ``ctx.meta`` rather than passed down, so no command's signature changes; ``cli_store`` reads
    them when it opens the store.  The embedded store has one set of marks and ignores both.
    """
    shared = "Mark into a named set shared by everyone on a PostgreSQL store, e.g. desk (also $CLAIMSCOPE_MARK_SET)."
    func = _meta_option("--mark-set", MARK_SET_META, "CLAIMSCOPE_MARK_SET", shared)(func)
    own = "Whose marks on a PostgreSQL store (default: $CLAIMSCOPE_USER, else the login name)."
    return _meta_option("--user", USER_META, "CLAIMSCOPE_USER", own)(func)

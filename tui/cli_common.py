"""What every ``claimscope`` command shares: the ``--db`` option and the one-line user error."""

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

"""What every ``claimscope`` command shares: the ``--db`` option and the one-line user error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    """A problem the user can fix; ``main`` prints it as one line on stderr and exits with status 2."""

    exit_code = 2


def db_option(func: F) -> F:
    """``--db PATH`` on the group and on every store command (``claimscope --db X list`` works too)."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Store file (default: $CLAIMSCOPE_DB, else the platform's user data directory).",
    )(func)

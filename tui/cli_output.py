"""How the store commands print: plain aligned tables, JSON for scripts, notes on stderr.

Every article string in a table goes through ``one_line`` first, so text from an article can never
colour, move or rewrite the terminal; JSON keeps the text exactly, because a script reads it, not a
terminal.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click
import orjson

from claimscope.tui.safe_text import one_line

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

TEXT_WIDTH_FLOOR = 20


def format_option(
    choices: Sequence[str], default: str, help_text: str = "Output format (json for scripts)."
) -> Callable[[F], F]:
    """``--format``, the same on every command that prints (its choices and default vary)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help=help_text,
    )


def out(text: str) -> None:
    """Write to stdout as is (click.echo would strip escape sequences from JSON strings on a pipe)."""
    sys.stdout.write(text)
    sys.stdout.flush()


def json_out(value: object) -> None:
    out(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Plain aligned columns; the last column takes what is left of the terminal width on a terminal.

    ``one_line`` keeps every length, so widths are measured on the raw cells and each finished line is made
    safe once: one call per row, not per cell (``list`` prints 100,000 rows).
    """
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(header), *(len(row[n]) for row in cells)]) for n, header in enumerate(headers[:-1])]
    limit: int | None = None
    if sys.stdout.isatty():
        used = sum(widths) + 2 * (len(headers) - 1)
        limit = max(TEXT_WIDTH_FLOOR, shutil.get_terminal_size().columns - used)
    lines = []
    for row in [list(headers), *cells]:
        last = row[-1]
        if limit is not None and len(last) > limit:
            last = last[: limit - 1] + "…"
        padded = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append(one_line("  ".join([*padded, last]).rstrip()))
    return "\n".join(lines) + "\n"


def note(message: str) -> None:
    """A remark for the person at the terminal, on stderr, so stdout stays the data a pipe reads."""
    click.echo(message, err=True)


def listing(
    fmt: str,
    items: Sequence[T],
    as_json: Callable[[T], object],
    headers: Sequence[str],
    as_row: Callable[[T], Sequence[object]],
    empty: str,
) -> None:
    """What the list-shaped commands print: JSON for scripts, else a table, or a note on stderr when empty."""
    if fmt == "json":
        json_out([as_json(item) for item in items])
    elif not items:
        note(empty)
    else:
        out(table(headers, [as_row(item) for item in items]))


def clip(text: str, width: int) -> str:
    """One line of at most ``width`` characters, for a column that is not the last."""
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"

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


def table(headers: Sequence[str], rows: Sequence[tuple[str, ...]]) -> str:
    """Plain aligned columns of text cells; the last column takes what is left of the terminal width on a
    terminal.

    Built for ``list``'s 100,000 rows: widths come from C-level ``max(map(len, column))``, each line is one
    ``%`` format with the widths baked into its template, and the lines are made safe only if one of them
    is not printable as it is (``str.isprintable``, a C loop, is false for any line break or control
    character): then ``one_line`` per line, which keeps every length, so the widths still hold.
    """
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(headers)
    widths = [
        max(len(header), max(map(len, column), default=0))
        for header, column in zip(headers[:-1], columns[:-1], strict=True)
    ]
    cells = rows
    if sys.stdout.isatty():
        used = sum(widths) + 2 * (len(headers) - 1)
        limit = max(TEXT_WIDTH_FLOOR, shutil.get_terminal_size().columns - used)
        cells = [(*row[:-1], row[-1][: limit - 1] + "…") if len(row[-1]) > limit else row for row in rows]
    template = "".join(f"%-{width}s  " for width in widths) + "%s"
    lines = [(template % row).rstrip() for row in [tuple(headers), *cells]]
    if not all(map(str.isprintable, lines)):
        lines = list(map(one_line, lines))
    return "\n".join(lines) + "\n"


def note(message: str) -> None:
    """A remark for the person at the terminal, on stderr, so stdout stays the data a pipe reads."""
    click.echo(message, err=True)


def listing(
    fmt: str,
    items: Sequence[T],
    as_json: Callable[[T], object],
    headers: Sequence[str],
    as_row: Callable[[T], tuple[str, ...]],
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

"""``claimscope extract``: print everything the extractor finds in one article as JSON."""

from __future__ import annotations

import sys

import click
import orjson

from claimscope.extract.errors import InputRefused
from claimscope.tui.cli_common import UserError


@click.command("extract")
@click.argument("path", type=str)
@click.option("--indent/--compact", default=True, help="Pretty-print the JSON (default) or not.")
def extract_command(path: str, indent: bool) -> None:
    """Print the sections, claims, statistics and entities of PATH (- for stdin) as JSON.

    Example: claimscope extract article.txt | jq '.claims[].speaker'
    """
    from claimscope.extract.pipeline import extract_bytes  # the extractor loads only for this command
    from claimscope.extract.reading import read_source

    try:
        data, source = read_source(path)
        article = extract_bytes(data, source=source)
    except InputRefused as exc:
        raise UserError(str(exc)) from None
    option = orjson.OPT_INDENT_2 if indent else 0
    sys.stdout.buffer.write(orjson.dumps(article.to_dict(), option=option) + b"\n")
